"""Toponyms: the places an article names, with the phrase that relates an event to them.

Gazetteer names are found with one Aho-Corasick automaton over a normalised stream of the
capitalised words of the text (a lowercase common word is never a place), so spelling
variants meet (``geocode/names.py``). Stop names (people, groups, nationality adjectives)
hide the places they contain. Context phrases ("northwest of", "X countryside") give the
relation and the admin1 hint; a capitalised name after "the village of" is a place even when
the gazetteer lacks it. Rules are data: ``data/geo/place_context.yaml``, ``stop_names.yaml``,
compiled in ``toponym_rules.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..anchors import word_view
from ..errors import ResourceError
from ..geocode.gazetteer import Gazetteer, MemoryGazetteer
from ..geocode.names import Hit, NameNormalizer, PlaceMatcher, Word
from ..records import ToponymMention
from .borders import BorderNames
from .place_candidates import NAME_LINKS, CandidateRules, find_candidates
from .registry import doc_text
from .toponym_rules import ToponymRules, english_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..geocode.geocoder import Geocoder
    from .context import ExtractContext

SENTENCE_END = re.compile(r"[.;!?\n]")
THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
ADJECTIVAL = re.compile(r"-[a-z]|\s?\$|\s+dollars?\b")
"""Right after a name: "US-led", "UK-based" use the name as an adjective; "US $1,000,000",
"US dollars" name a currency."""
PREFIXED = re.compile(r"[a-z]-")
"""Right before a name: "pro-Damascus", "anti-Assad" (articles are part of the name)."""
QUOTES = "'’‘ʿ`"
QUOTED_REST = re.compile(r"[ -](?:(?:[Aa]l|[Ee]l|[AaEe][dnrstz]|[AaEe]sh)-)?[‘’'ʿ][A-Z][\w‘’'ʿ]*")
"""A word after a name that opens with a quote mark ("Al-‘Eiss"): the name goes on."""
ARTICLE_REST = re.compile(r" (?:[Aa]l|[Ee]l|[AaEe][dnrstz]|[AaEe]sh)-[A-Z][\w‘’'ʿ]*")
"""A word after a name that opens with an article ("Harasta al-Qantra", "Raqqa al-Samra"): a
longer name, another village than the one the gazetteer knows by the first word."""


def _continues(words: list[Word], index: int, covered: set[int]) -> bool:
    following = words[index + 1]
    return (
        following.run == words[index].run
        and following.text[0].isupper()
        and index + 1 not in covered
    )


class ToponymTagger:
    """spaCy component: sets ``doc._.fw_toponyms`` (see the module docstring)."""

    def __init__(self, nlp: Language | None, name: str) -> None:
        self.name = name
        self.matcher: PlaceMatcher | None = None
        self.rules: ToponymRules | None = None
        self.geocoder: Geocoder | None = None
        self.candidates = CandidateRules.load()
        self._focus_keys: dict[str, bool] = {}

    def setup(self, ctx: ExtractContext) -> None:
        from .pipeline import model_name

        self.configure(ctx.gazetteer, ctx.geocoder, english=english_words(model_name(ctx.settings)))

    def configure(
        self, gazetteer: Gazetteer, geocoder: Geocoder, *, english: frozenset[str] | None = None
    ) -> None:
        """What ``setup`` does, given the parts of the extraction context it uses."""
        normalizer = getattr(gazetteer, "normalizer", None) or NameNormalizer.load()
        words = english if english is not None else english_words(None)
        self.rules = rules = ToponymRules.load(normalizer, words)
        self.geocoder = geocoder

        def build() -> PlaceMatcher:
            return PlaceMatcher(
                gazetteer.names(),
                normalizer=normalizer,
                stop_names=rules.stop_names,
                name_words=rules.name_words,
                context_words=rules.context_words,
                acronyms=rules.acronyms,
                common_words=rules.common_words,
                spelling_only=rules.spelling_only,
            )

        if isinstance(gazetteer, MemoryGazetteer):
            self.matcher = gazetteer.memo("toponym-matcher", build)
        else:
            self.matcher = build()

    def __call__(self, doc: Doc) -> Doc:
        actors = [(a.start, a.end) for a in doc._.fw_actors or ()]
        doc._.fw_toponyms = self.mentions(doc_text(doc), actors=actors)
        return doc

    def mentions(
        self, text: str, *, actors: Sequence[tuple[int, int]] = ()
    ) -> list[ToponymMention]:
        """The toponyms of ``text``, sorted by offset; ``actors`` are the spans of actor
        mentions (never a candidate place)."""
        if self.matcher is None or self.rules is None or self.geocoder is None:
            raise ResourceError("ToponymTagger used before setup()")
        words, hits = self.matcher.scan(text)
        hits = self._joined(hits, words)
        covered = {i for h in hits for i in range(h.first, h.last + 1)}
        named = {i for h in hits if not h.stop for i in range(h.first, h.last + 1)}
        found = [
            self._mention(
                text,
                self._start(text, words[h.first].start),
                self._end(h, words, named, text),
            )
            for h in hits
            if not h.stop and self._keep(text, h, words, covered)
        ]
        found = [m for m in _outermost(found) if not _within(m, actors)]
        found = self._with_borders(text, found, actors)
        found.extend(self._localities(text, found))
        found.extend(self._candidates(text, found, actors))
        return sorted(found, key=lambda m: m.start)

    def _keep(self, text: str, hit: Hit, words: list[Word], covered: set[int]) -> bool:
        """Not "US-led", "pro-Damascus", "President Assad", "Kill", "Rami Abdel Rahman"."""
        rules = self.rules
        if rules is None:
            return False
        start, end = words[hit.first].start, words[hit.last].end
        if ADJECTIVAL.match(text, end) or (start > 1 and PREFIXED.match(text, start - 2)):
            return False
        if rules.title.search(text, max(0, start - 25), start):
            return False
        if hit.first != hit.last:
            return True
        if self._common(words[hit.first].text):
            return False
        if self._focus(hit.key):
            return not self._after_unknown(hit.first, words, covered, text)
        return not self._inside_name(hit.first, words, covered, text)

    def _after_unknown(self, index: int, words: list[Word], covered: set[int], text: str) -> bool:
        """Does a capitalised word no name covers open the name, right after a preposition
        ("In Chahar Dara district": not Syria's Daraa)? Focus names are kept beside other
        capitalised words ("Regime Forces Shell Daraa"), not after such a word."""
        if index == 0:
            return False
        prev = words[index - 1]
        if prev.run != words[index].run or index - 1 in covered or not prev.text[:1].isupper():
            return False
        if self._common(prev.text):
            return False
        before = text[max(0, prev.start - 12) : prev.start].split()
        leads = self.rules.name_prepositions if self.rules else frozenset()
        return bool(before) and before[-1].lower() in leads

    def _joined(self, hits: list[Hit], words: list[Word]) -> list[Hit]:
        """A generic head right before another name is one name with it: "Tal" and
        "Al-Rawad" are "Tal Al-Rawad", not At Tall and Arwad."""
        heads = self.rules.generic_heads if self.rules else frozenset()
        out: list[Hit] = []
        for hit in hits:
            prev = out[-1] if out else None
            if (
                prev is not None
                and not prev.stop
                and not hit.stop
                and prev.first == prev.last
                and prev.key in heads
                and hit.first == prev.last + 1
                and words[hit.first].run == words[prev.last].run
            ):
                out[-1] = Hit(prev.first, hit.last, f"{prev.key} {hit.key}", False)
                continue
            out.append(hit)
        return out

    def _start(self, text: str, start: int) -> int:
        """Where the name starts: a generic head the gazetteer does not key opens a longer
        name ("Tall ad-Dirrah", "Tariq Al-Bab")."""
        lead = self.rules.lead_heads.search(text, max(0, start - 40), start) if self.rules else None
        return lead.start() if lead else start

    def _end(self, hit: Hit, words: list[Word], named: set[int], text: str) -> int:
        """Where the name ends: "Tel" in "Tel Hamis" heads a longer name the gazetteer lacks,
        even through words of people's names ("Tal Abu Al-‘Ali": ``named`` holds only the
        words of places); a word opening with a quote continues it ("Tal Al-‘Eiss"), and so
        does one opening with an article ("Harasta al-Qantra", "Aleppo al-Jadida": other
        places than Harasta and Aleppo)."""
        heads = self.rules.generic_heads if self.rules else frozenset()
        last = hit.last
        if hit.first == hit.last and hit.key in heads:
            while last + 1 < len(words) and _continues(words, last, named):
                last += 1
        end = words[last].end
        more = QUOTED_REST.match(text, end)
        if more is None and (more := ARTICLE_REST.match(text, end)):
            more = None if self._no_place(more.group()[1:]) else more
        return more.end() if more else end

    def _common(self, word: str) -> bool:
        common = self.rules.common_words if self.rules else frozenset()
        if word.isupper() and len(word) > 1:
            return False
        low = word.lower()
        stems = (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("ed") else "")
        return any(s in common for s in stems if s)

    def _inside_name(self, index: int, words: list[Word], covered: set[int], text: str) -> bool:
        """Is the word part of a longer capitalised name the gazetteer does not know? Its
        neighbour in the run is a capitalised word no name covers, a name the space before or
        after joins to it ("Caño Limón": two names side by side are one name neither is), or
        a lowercase link before such a word ("Mocímboa da Praia")."""
        suffixes = self.rules.place_suffixes if self.rules else frozenset()
        here = words[index]
        for step in (-1, 1):
            other = index + step
            if not 0 <= other < len(words) or words[other].run != here.run:
                continue
            word = words[other]
            if word.text.lower() in NAME_LINKS and 0 <= other + step < len(words):
                beyond = words[other + step]
                if beyond.run == here.run and beyond.text[0].isupper():
                    return True
            if not word.text[0].isupper() or word.text.lower() in suffixes:
                continue
            if other not in covered:
                return True
            gap = text[min(word.end, here.end) : max(word.start, here.start)]
            if gap == " ":
                return True
        return False

    def _focus(self, key: str) -> bool:
        """Does the name belong to a place of the focus country?"""
        known = self._focus_keys.get(key)
        if known is None and self.geocoder is not None:
            known = self.geocoder.admin1_of(key) is not None
            self._focus_keys[key] = known
        return bool(known)

    def _mention(self, text: str, start: int, end: int) -> ToponymMention:
        surface = text[start:end]
        relation = self._relation(text, start, end)
        hint = self._hint(surface, relation)
        return ToponymMention(
            start=start, end=end, text=surface, name=surface, relation=relation, admin_hint=hint
        )

    def _relation(self, text: str, start: int, end: int) -> str | None:
        rules = self.rules
        if rules is None:
            return None
        head = text[max(0, start - rules.before_window) : start]
        before = rules.before.relation(rules.before.pattern.search(head))
        if before is not None:
            return before
        return rules.after.relation(rules.after.pattern.match(text, end, end + rules.window))

    def _hint(self, name: str, relation: str | None) -> str | None:
        if relation is None or self.geocoder is None:
            return None
        return self.geocoder.admin1_of(name, relation=relation)

    def _with_borders(
        self, text: str, known: list[ToponymMention], actors: Sequence[tuple[int, int]]
    ) -> list[ToponymMention]:
        """The border phrases of ``text`` ("near the Turkish border", ``borders.py``) as
        mentions, in place of the names inside them ("Iraq" in "the border with Iraq"); not
        inside an actor's name."""
        spans = [
            (s, e)
            for s, e in BorderNames.load().find(text)
            if not any(a < e and s < b for a, b in actors)
        ]
        if not spans:
            return known
        kept = [m for m in known if not _within(m, spans)]
        return kept + [self._border(text, s, e) for s, e in spans]

    def _border(self, text: str, start: int, end: int) -> ToponymMention:
        """A border's mention spans its "the" ("near the Turkish border"); its name is the
        gazetteer's, and it has no admin1 hint (its name says nothing of which part)."""
        the = THE_BEFORE.search(text, max(0, start - 4), start)
        mention = self._mention(text, the.start() if the else start, end)
        return mention.model_copy(update={"name": text[start:end], "admin_hint": None})

    def _localities(self, text: str, known: list[ToponymMention]) -> Iterator[ToponymMention]:
        """Capitalised names after "village of" (or before "village") the gazetteer lacks."""
        if self.rules is None or self.matcher is None:
            return
        taken = [(m.start, m.end) for m in known]
        view = word_view(text)
        for pattern in self.rules.localities:
            for m in pattern.finditer(text, view):
                for start, end in self._listed(text, m):
                    if start < 0 or any(s < end and start < e for s, e in taken):
                        continue
                    name = text[start:end]
                    if self._not_locality(name):
                        continue
                    taken.append((start, end))
                    hint = self._following_admin1(text, m.end(), known)
                    yield ToponymMention(
                        start=start, end=end, text=name, name=name, admin_hint=hint
                    )

    def _not_locality(self, name: str) -> bool:
        """A name a locality phrase gives is a place unless it is a stop name (a namesake's
        is not: "the Al-Assad suburb"; nor a single stop word that is no demonym: "the
        village of Nasrallah") or a word no place is called by alone ("Town")."""
        if self.matcher is None:
            return True
        if name.casefold() in self.candidates.generic:
            return True
        if name.isupper() and self.rules is not None and name not in self.rules.acronyms:
            return True  # "the UN camp"
        if self.rules is not None and name.casefold() in self.rules.single_stops:
            return False
        words = name.casefold().replace("-", " ").split()
        namesake = any(w in self.candidates.namesakes for w in words)
        return not namesake and self.matcher.is_stop(name)

    def _candidates(
        self, text: str, known: list[ToponymMention], actors: Sequence[tuple[int, int]]
    ) -> Iterator[ToponymMention]:
        """Capitalised names in a place's position the gazetteer lacks (place_candidates).
        Their relation is not looked for (the "before" patterns cost too much for names
        that stay unresolved)."""
        taken = [(m.start, m.end) for m in known] + list(actors)
        places = [(m.start, m.end) for m in known]
        for span in find_candidates(
            text, self.candidates, taken=taken, places=places, reject=self._no_place
        ):
            if ADJECTIVAL.match(text, span.end):
                continue
            hint = self._following_admin1(text, span.end, known)
            yield ToponymMention(
                start=span.start, end=span.end, text=span.text, name=span.text, admin_hint=hint
            )

    def _no_place(self, name: str) -> bool:
        """A stop name; alone, a word in capitals ("WHO"), a common English word or one no
        place is called by itself ("Clashes", "Town")."""
        if self.matcher is None or self.rules is None:
            return True
        if " " not in name:
            word = name.strip(QUOTES)
            if word.isupper() and word not in self.rules.acronyms:
                return True
            if self._common(word) or word.casefold() in self.candidates.generic:
                return True
        return self.matcher.is_stop(name)

    def _listed(self, text: str, m: re.Match[str]) -> Iterator[tuple[int, int]]:
        """The names a locality phrase lists: "the villages of A, B, and C"."""
        yield m.span("name")
        yield m.span("other")
        if self.rules is None or m.start("other") >= 0:
            return
        end = m.end()
        while (more := self.rules.listed.match(text, end)) is not None:
            yield more.span("name")
            end = more.end()
            if more.group("last"):
                return

    def _following_admin1(self, text: str, end: int, known: list[ToponymMention]) -> str | None:
        """The admin1 of a place named right after, in the same sentence ("X in north Aleppo")."""
        for m in sorted(known, key=lambda k: k.start):
            if m.start < end:
                continue
            if m.start - end > 60 or SENTENCE_END.search(text, end, m.start):
                return None
            return m.admin_hint or (self.geocoder.admin1_of(m.name) if self.geocoder else None)
        return None


def _outermost(found: list[ToponymMention]) -> list[ToponymMention]:
    """Without a hit inside the name a previous one was extended to ("Abboud" in "Rasm
    Al-‘Abboud": a word opening with a quote mark continues a name)."""
    kept: list[ToponymMention] = []
    for m in found:
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def _within(m: ToponymMention, spans: Sequence[tuple[int, int]]) -> bool:
    """Is the mention part of a name such as an actor's ("the Islamic State of Iraq and
    Syria", "Fatah Halab"), or that whole name ("the Taliban", where GeoNames has a village
    called Taliban)?"""
    return any(a <= m.start and m.end <= b for a, b in spans)
