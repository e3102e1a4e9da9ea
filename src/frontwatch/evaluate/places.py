"""``frontwatch eval places``: is the event's location the place the sentence gives for it?

Input: JSONL sentences in the format of Halterman's event-location data (ahalterman/
event_location, Halterman 2019, MIT): ``text`` and ``spans`` with ``label`` ``VERB`` (the
event's verb; a sentence labelled for several events has several, and their places are
pooled) and ``LOCATION`` (the places where that event happened; none when the sentence gives
none). ``source`` (optional) groups the scores.

Two ways to anchor the event:

- ``verb`` (default, the data's task: given the event verb, find its location): the real
  extraction pipeline runs on the sentence; ``extract/locate.py`` picks the places of the
  event stated by the gold verb (``event_places``: its clause's place and the places
  coordinated with it).
- ``pipeline``: no gold verb; the predicted places are the locations of the events the
  extractor itself reports for the sentence (its fallbacks included).

Matching and counting. A place is compared by its text: the predicted mention's name and the
gold span's text, both normalised (Unicode NFKC, case folded, curly quotes and ʿ as ',
whitespace runs as one space, surrounding punctuation and a leading "the " removed) and keyed
without a trailing word that only names the kind of place (``designators``: "Idlib province"
is "Idlib"; "Hama airport" stays itself). Gold spans next to each other (only white space
between) are one name ("Golan" + "Heights"); a gold name that gives another in brackets or
after a slash ("Kobane (Ain al-Arab)", "Sere Kaniye/Ras al-Ain") accepts either. Per
sentence the predicted names and the gold names are sets (a name counted once); a true
positive is a name in both. ``location_precision`` = true positives / predicted names,
``location_recall`` = true positives / gold names, summed over all sentences (micro
average), ``location_f1`` their harmonic mean. A sentence with no gold place and no
prediction adds nothing to either; ``no_location_clean`` is the share of those sentences
where nothing was predicted. A malformed line is reported (file:line) and skipped.

A secondary figure, ``annotated_precision``/``annotated_recall``/``annotated_f1`` (and
``annotated_n``), scores only the sentences with at least one gold place. The Masdar file
needs it: its annotators stopped labelling places part-way (Masdar_RA ids masdar_kill_400
and above, about 790 sentences, carry almost no LOCATION span whatever they say), so a
correct place predicted there counts as a false positive in the strict figure. The strict
``location_*`` scores over all sentences stay the headline.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError
from ..extract.assemble import ArticleMentions
from ..extract.locate import event_places
from ..extract.pipeline import Extractor
from ..ingest.normalize import make_article
from ..records import Article, Span
from ..resources import load_yaml

Anchor = Literal["verb", "pipeline"]
ANCHORS: tuple[Anchor, ...] = ("verb", "pipeline")
KEYS = ("n", "location_precision", "location_recall", "location_f1")
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
"""Private-use marks around the verb, so that its offsets survive text normalisation."""
QUOTES = str.maketrans({"’": "'", "‘": "'", "ʿ": "'", "`": "'", "´": "'"})
EDGES = " \t\n.,;:!?\"'()[]“”"


def normalize_place(text: str) -> str:
    """The form two place texts are compared in (see the module docstring)."""
    s = unicodedata.normalize("NFKC", text).translate(QUOTES).casefold()
    s = re.sub(r"\s+", " ", s).strip(EDGES)
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class NameKeys:
    """How a place name is keyed for comparison: normalised, without a trailing word that
    only says what kind of place it is ("Idlib province" and "Idlib" are one name; "Hama
    airport" and "Hama" are not: ``designators`` of ``data/lexicons/event_location.yaml``)."""

    designator: re.Pattern[str]

    @classmethod
    def load(cls) -> NameKeys:
        words = load_yaml("lexicons", "event_location.yaml")["designators"]
        alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        return cls(re.compile(rf"\s+(?:{alternatives})$"))

    def key(self, name: str) -> str:
        s = normalize_place(name)
        return self.designator.sub("", s) if " " in s else s

    def gold(self, name: str) -> tuple[str, frozenset[str]]:
        """A gold name's key, and the keys it also accepts: the names it gives in brackets or
        after a slash ("Kobane (Ain al-Arab)", "Sere Kaniye/Ras al-Ain")."""
        parts = [p for p in re.split(r"[()/]", name) if p.strip()]
        keys = {self.key(p) for p in parts} if len(parts) > 1 else set()
        return self.key(name), frozenset(keys | {self.key(name)})

    def match(self, predicted: set[str], gold: dict[str, frozenset[str]]) -> set[str]:
        """The predicted keys, each replaced by the gold key it is accepted as."""
        return {next((g for g, ok in gold.items() if p in ok), p) for p in predicted}


@dataclass(frozen=True)
class PlaceSentence:
    """One labelled sentence: its text, the event verb's offsets and the gold places."""

    line: int
    text: str
    verbs: tuple[tuple[int, int], ...]
    """The event verbs' offsets (one per event the sentence was labelled for)."""
    source: str
    accepts: dict[str, frozenset[str]]
    """Each gold place's key, with the keys it accepts (``NameKeys.gold``)."""

    @property
    def gold(self) -> frozenset[str]:
        return frozenset(self.accepts)


@dataclass
class Tally:
    """Counts for one group of sentences."""

    n: int = 0
    predicted: int = 0
    gold: int = 0
    hits: int = 0
    empty: int = 0
    empty_clean: int = 0

    def add(self, predicted: set[str], gold: frozenset[str]) -> None:
        self.n += 1
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.hits += len(predicted & gold)
        if not gold:
            self.empty += 1
            self.empty_clean += not predicted

    def scores(self) -> dict[str, Any]:
        p = self.hits / self.predicted if self.predicted else 0.0
        r = self.hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "n": self.n,
            "location_precision": round(p, 4),
            "location_recall": round(r, 4),
            "location_f1": round(f, 4),
            "predicted": self.predicted,
            "gold": self.gold,
            "true_positives": self.hits,
            "no_location_clean": round(self.empty_clean / self.empty, 4) if self.empty else 1.0,
        }


@dataclass
class Group:
    """The tallies of one group of sentences: all of them, and those with a gold place."""

    all: Tally = field(default_factory=Tally)
    annotated: Tally = field(default_factory=Tally)

    def add(self, predicted: set[str], gold: frozenset[str]) -> None:
        self.all.add(predicted, gold)
        if gold:
            self.annotated.add(predicted, gold)

    def scores(self) -> dict[str, Any]:
        out = self.all.scores()
        annotated = self.annotated.scores()
        out["annotated_n"] = annotated["n"]
        for key in ("precision", "recall", "f1"):
            out[f"annotated_{key}"] = annotated[f"location_{key}"]
        return out


@dataclass
class Report:
    total: Group = field(default_factory=Group)
    by_source: dict[str, Group] = field(default_factory=dict)
    skipped: int = 0

    def as_dict(self, anchor: Anchor) -> dict[str, Any]:
        out = self.total.scores()
        out["anchor"] = anchor
        out["skipped_lines"] = self.skipped
        out["by_source"] = {k: self.by_source[k].scores() for k in sorted(self.by_source)}
        return out


def parse_line(raw: str, line: int, where: str, keys: NameKeys) -> PlaceSentence:
    """One JSONL line; ``InputError`` naming file and line when it is not a labelled sentence."""
    try:
        row = json.loads(raw)
        text = row["text"]
        spans = row["spans"]
        verb_spans = [s for s in spans if s["label"] == "VERB"]
        accepts = dict(keys.gold(name) for name in gold_names(text, spans))
        if not isinstance(text, str) or not verb_spans:
            raise ValueError("needs a text and a VERB span")
        verbs = tuple(sorted((int(v["start"]), int(v["end"])) for v in verb_spans))
        for a, b in verbs:
            if not 0 <= a < b <= len(text):
                raise ValueError(f"VERB span {(a, b)} outside the text")
        if any(b > c for (_, b), (c, _) in pairwise(verbs)):
            raise ValueError("VERB spans overlap")
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{where}:{line}", f"not a labelled sentence: {exc}") from exc
    source = str(row.get("source") or "unknown")
    accepts.pop("", None)
    return PlaceSentence(line, text, verbs, source, accepts)


def gold_names(text: str, spans: list[dict[str, Any]]) -> list[str]:
    """The gold place names: the LOCATION spans' texts (a span without ``text`` is the text
    at its offsets) in reading order, adjacent ones
    (nothing but white space between them) joined into one name. Some annotators marked a
    name token by token ("Golan", "Heights"); the name is "Golan Heights". Spans whose offsets
    do not fit the text (a few lines have them shifted) keep their own text, unjoined."""
    found = sorted(
        (int(s["start"]), int(s["end"]), str(s.get("text", text[s["start"] : s["end"]])))
        for s in spans
        if s["label"] == "LOCATION"
    )
    names: list[str] = []
    joined: tuple[int, int] | None = None  # the offsets of the last name, when they fit
    for start, end, name in found:
        fits = text[start:end] == name
        if fits and joined is not None and not text[joined[1] : start].strip():
            joined = (joined[0], end)
            names[-1] = text[joined[0] : end]
        else:
            names.append(name)
            joined = (start, end) if fits else None
    return names


def read_sentences(
    path: Path,
    *,
    keys: NameKeys,
    on_error: Callable[[InputError], None],
    lines: Callable[[int], bool],
) -> Iterator[PlaceSentence]:
    """The labelled sentences of ``path`` whose line number ``lines`` accepts (a line that is
    not UTF-8 is reported like a malformed one)."""
    with path.open("rb") as fh:
        for number, data in enumerate(fh, start=1):
            if not data.strip() or not lines(number):
                continue
            try:
                raw = data.decode("utf-8-sig" if number == 1 else "utf-8")
                yield parse_line(raw, number, str(path), keys)
            except UnicodeDecodeError as exc:
                on_error(InputError(f"{path}:{number}", f"not UTF-8: {exc}"))
            except InputError as exc:
                on_error(exc)


def sentence_article(s: PlaceSentence, where: str) -> tuple[Article, tuple[Span, ...]]:
    """The sentence as a normalised article, and the verbs' spans in its text."""
    marked, last = [], 0
    for a, b in s.verbs:
        marked += [s.text[last:a], MARK_OPEN, s.text[a:b], MARK_CLOSE]
        last = b
    normal = make_article("".join([*marked, s.text[last:]]), origin=f"{where}:{s.line}").text
    text = normal.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    article = make_article(text, origin=f"{where}:{s.line}")
    if article.text != text:  # normalisation is idempotent; offsets stay valid
        raise InputError(f"{where}:{s.line}", "text changes under normalisation")
    return article, tuple(_marked_spans(normal, text))


def _marked_spans(marked: str, text: str) -> Iterator[Span]:
    """The spans between the marks of ``marked``, as offsets into ``text`` (marks removed)."""
    removed = 0
    for m in re.finditer(f"{MARK_OPEN}([^{MARK_CLOSE}]*){MARK_CLOSE}", marked):
        start = m.start() - removed
        removed += 2
        yield Span(
            start=start, end=start + len(m.group(1)), text=text[start : start + len(m.group(1))]
        )


def verb_places(
    extractor: Extractor, items: list[tuple[Article, tuple[Span, ...]]]
) -> Iterator[set[str]]:
    """Anchor ``verb``: the places ``event_places`` gives for the gold verbs (their union)."""
    assemble = extractor.assemble
    docs = ((extractor.make_doc(a), (a, v)) for a, v in items)
    batch = extractor.settings.batch_size
    for doc, (article, verbs) in extractor.nlp.pipe(docs, as_tuples=True, batch_size=batch):
        am = ArticleMentions.of(doc, article, extractor.ctx)
        am.choices = assemble.rules.choices(am)
        chosen = [
            m
            for verb in verbs
            for m, _ in event_places(
                am,
                verb,
                sentence=am.sentences.index(verb.start),
                rules=assemble.rules,
                focus=assemble.focus,
            )
        ]
        yield {normalize_place(assemble.rules.place_name(am.text, m)) for m in chosen} - {""}


def pipeline_places(
    extractor: Extractor, items: list[tuple[Article, tuple[Span, ...]]]
) -> Iterator[set[str]]:
    """Anchor ``pipeline``: the names of the locations of the events the extractor reports."""
    for analyzed in extractor.analyze(a for a, _ in items):
        yield {
            normalize_place(_name_at(analyzed.article.text, ev.start, ev.end))
            for e in analyzed.events
            for ev in e.evidence
            if ev.field == "location"
        } - {""}


def _name_at(text: str, start: int, end: int) -> str:
    """A location's evidence may be a relative phrase ("20 km north of Idlib"): its name is
    the capitalised words at its end."""
    phrase = text[start:end]
    m = re.search(r"(?:^|\s(?:of|near|to|outside)\s+(?:the\s+)?)([^\s].*)$", phrase)
    return m.group(1) if m and m.start() > 0 else phrase


def evaluate_places(
    path: Path,
    *,
    extractor: Extractor,
    anchor: Anchor = "verb",
    lines: Callable[[int], bool] = lambda _: True,
    on_error: Callable[[InputError], None] = lambda _: None,
    on_progress: Callable[[int], None] = lambda _: None,
    on_sentence: Callable[[PlaceSentence, set[str]], None] = lambda _s, _p: None,
    chunk: int = 500,
) -> dict[str, Any]:
    """Scores of ``anchor`` on the sentences of ``path`` (see the module docstring);
    ``on_sentence`` sees each sentence with the keys of the places predicted for it."""
    report = Report()

    def skip(exc: InputError) -> None:
        report.skipped += 1
        on_error(exc)

    predict = verb_places if anchor == "verb" else pipeline_places
    keys = NameKeys.load()
    sentences = list(read_sentences(path, keys=keys, on_error=skip, lines=lines))
    for lo in range(0, len(sentences), chunk):
        part = _articles(sentences[lo : lo + chunk], str(path), skip)
        for (s, _), names in zip(part, predict(extractor, [p for _, p in part]), strict=True):
            predicted = keys.match({keys.key(n) for n in names} - {""}, s.accepts)
            report.total.add(predicted, s.gold)
            report.by_source.setdefault(s.source, Group()).add(predicted, s.gold)
            on_sentence(s, predicted)
        on_progress(min(lo + chunk, len(sentences)))
    return report.as_dict(anchor)


def _articles(
    sentences: Iterable[PlaceSentence], where: str, skip: Callable[[InputError], None]
) -> list[tuple[PlaceSentence, tuple[Article, tuple[Span, ...]]]]:
    out = []
    for s in sentences:
        try:
            out.append((s, sentence_article(s, where)))
        except InputError as exc:
            skip(exc)
    return out
