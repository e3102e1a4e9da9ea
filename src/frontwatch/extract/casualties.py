"""Casualty figures: "killing 12 people including 5 children", "40 civilians were killed".

A *figure* is a number (``numbers.NumberFinder``) followed by up to ``max_modifiers``
words and a head noun of ``casualties.yaml`` ("25 Syrian army soldiers", "more than 40
civilian lives", "a child"), a partitive ("14 of the dead were rebels"), or a bare number
right next to a status word ("killing 12", "12 were killed", "the death toll rose to 40").
The noun gives the category (total | civilians | children | women | combatants); "people"
stays ``total`` here (``fatalities.py`` decides what FA-KES counts as civilians).

Figures joined only by connectors ("including", "among them", "and", "were among") form a
*chain* that shares one status, so "At least 11 civilians among them three children were
killed" gives two killed figures. A chain's status comes from, in order: a status word
after its last figure (within ``after_window`` words, not crossing a sentence end or the
next figure), a status word before its first figure (within ``before_window`` words,
nearest first; "including" right before takes the previous chain's status). Nouns such as
"bodies", "dead", "lives" (killed) or "wounded" (injured) carry their own status.

Dropped: figures with no status (they count something else: "500 buildings"), figures
after a modal ("could kill 50"), and figures in a sentence that counts the whole war
("250,000 people have been killed since 2011"). Explicit negations ("no one was
killed") give a figure of 0. The tagger reads ``doc.text`` only; no statistical model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, cast

from spacy.language import Language
from spacy.tokens import Doc

from ..anchors import AnchoredPattern, WordIndex, word_view
from ..records import CasualtyMention, FatalityCategory
from .numbers import Lexicon, NumberFinder, NumberMatch, alternation
from .registry import doc_text

LEXICON_FILE = ("lexicons", "casualties.yaml")
CATEGORIES = ("total", "civilians", "children", "women", "combatants")
STATUSES = ("killed", "injured")
PARTITIVE = ("killed", "injured", "inherit")
_WORD = re.compile(r"\w[\w'-]*")
Status = Literal["killed", "injured"]


@dataclass(frozen=True)
class CasualtyLexicon:
    """The casualty grammar of ``casualties.yaml``, validated."""

    file: Lexicon
    nouns: Mapping[str, tuple[str, bool]]
    """noun -> (category, singular)"""
    status: Mapping[str, Mapping[str, list[str]]]
    """side ("after" | "before") -> status -> words"""

    @classmethod
    def load(cls) -> CasualtyLexicon:
        return cls.from_file(Lexicon.load(*LEXICON_FILE))

    @classmethod
    def from_file(cls, lex: Lexicon) -> CasualtyLexicon:
        if set(lex.raw.get("modifiers", {}).values()) - set(CATEGORIES):
            raise lex.error("modifiers", f"a mapping of words to one of {CATEGORIES}")
        status = lex.raw.get("status")
        if not isinstance(status, dict) or set(status) != set(STATUSES):
            raise lex.error("status", f"a mapping with the keys {list(STATUSES)}")
        sides = {
            side: {s: Lexicon(lex.name, status[s]).words(side) for s in STATUSES}
            for side in ("after", "before")
        }
        return cls(lex, _nouns(lex), sides)


def _nouns(lex: Lexicon) -> dict[str, tuple[str, bool]]:
    nouns = lex.raw.get("nouns")
    if not isinstance(nouns, dict) or set(nouns) - set(CATEGORIES):
        raise lex.error("nouns", f"a mapping with only the keys {list(CATEGORIES)}")
    found: dict[str, tuple[str, bool]] = {}
    for category, forms in nouns.items():
        for form in ("plural", "singular"):
            for noun in Lexicon(lex.name, forms).words(form):
                found.setdefault(noun, (category, form == "singular"))
    return found


@dataclass
class _Figure:
    number: NumberMatch
    end: int
    category: str
    status: str | None = None
    inherit: bool = False
    bare: bool = False


@dataclass
class _Chain:
    figures: list[_Figure]
    status: str | None = None
    start: int = 0
    end: int = 0
    dropped: bool = False
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)


def _words_re(words: Iterable[str]) -> str:
    return rf"(?<![\w-])(?:{alternation(words)})(?![\w-])"


class CasualtyGrammar:
    """All regexes of the casualty grammar, compiled once; ``find(text)`` is pure."""

    def __init__(self, lexicon: CasualtyLexicon, numbers: NumberFinder) -> None:
        self.lex, self.numbers = lexicon, numbers
        lex = lexicon.file
        self.status_nouns = lex.groups("status_nouns", STATUSES)
        self.modifiers: Mapping[str, str] = lex.raw.get("modifiers", {})
        self.content_word = set(lex.words("stopwords")) | set(lexicon.nouns)
        self.after_words = {w for words in lexicon.status["after"].values() for w in words}
        self.bare_gap = set(lex.words("bare_gap"))
        self.after_window = lex.number("after_window")
        self.before_window = lex.number("before_window")
        self._compile_figures(lex)
        self._compile_status(lex)
        self._compile_context(lex)

    def _compile_figures(self, lex: Lexicon) -> None:
        stop, nouns = alternation(lex.words("stopwords")), alternation(self.lex.nouns)
        mod = rf"(?!(?:{stop})(?![\w-])|\d)\[?[\w']+(?:-[\w']+)*\]?"
        self.noun_words = WordIndex(self.lex.nouns)
        self.max_modifiers = lex.number("max_modifiers")
        self.stop_words = frozenset(w for w in lex.words("stopwords") if len(w.split()) == 1)
        self.noun = re.compile(
            rf"(?P<of>\s+of)?(?P<mods>(?:\s+{mod}){{0,{lex.number('max_modifiers')}}}?)"
            rf"\s+(?P<noun>{nouns})(?:\s+(?P<head>{nouns}))?(?![\w-])(?P<next>\s+[\w'-]+)?",
            re.IGNORECASE,
        )
        part = {k: alternation(v) for k, v in lex.groups("partitive", PARTITIVE).items()}
        self.partitive = re.compile(
            rf"\s+of\s+(?:(?P<killed>{part['killed']})|(?P<injured>{part['injured']})"
            rf"|(?P<inherit>{part['inherit']}))\s+(?:{alternation(lex.words('partitive_verbs'))})"
            rf"(?P<mods>(?:\s+{mod}){{0,2}}?)\s+(?P<noun>{nouns})(?![\w-])",
            re.IGNORECASE,
        )
        self.bare_follow = re.compile(rf"\s*(?:[^\w\s]|$|(?:{stop})(?![\w-]))", re.I)
        self.connector = re.compile(
            rf"[\s,()\-–—]*(?:(?:{alternation(lex.words('connectors'))})[\s,()\-–—]*)*", re.I
        )

    def _compile_status(self, lex: Lexicon) -> None:
        after, self.before = (
            re.compile(
                "|".join(rf"(?P<{s}>{_words_re(self.lex.status[side][s])})" for s in STATUSES),
                re.IGNORECASE,
            )
            for side in ("after", "before")
        )
        self.after = AnchoredPattern(after, self.after_words)
        self.auxiliaries = re.compile(
            rf"\s*(?:(?:{alternation(lex.words('auxiliaries'))})\s+)*", re.I
        )
        self.passive = re.compile(r"\b(?:were|was|been|are|is)\s+$", re.IGNORECASE)
        self.coordinated = re.compile(r"(?:\b(?:and|but|while)|,)\s*$", re.IGNORECASE)
        self.toll = re.compile(
            rf"\btoll\b[^.;:!?]{{0,80}}?(?:{_words_re(lex.words('toll_verbs'))})\s*$", re.I
        )
        self.inherit = re.compile(rf"{_words_re(lex.words('inherit_before'))}\W*$", re.I)
        self.modal = re.compile(rf"{_words_re(lex.words('hypothetical_before'))}\s*$", re.I)
        self.modal_any = re.compile(_words_re(lex.words("hypothetical_after")), re.I)

    def _compile_context(self, lex: Lexicon) -> None:
        cumulative = lex.words("cumulative_after")
        self.cumulative = AnchoredPattern(re.compile(_words_re(cumulative), re.I), cumulative)
        negations = lex.groups("negations", STATUSES)
        self.negation = AnchoredPattern(
            re.compile(
                "|".join(rf"(?P<{s}>{_words_re(words)})" for s, words in negations.items()), re.I
            ),
            [w for words in negations.values() for w in words],
        )
        self.stop = re.compile("|".join(map(re.escape, lex.words("window_stop"))))
        # A run of [.!?] not right after a capital ("U.S." is no end), then space; the
        # lookbehind follows the first mark so that re can skip to the marks quickly.
        self.sentence_end = re.compile(r"[.!?](?<![A-Z].)[.!?]*[\"')\]]*\s+")

    @classmethod
    def load(cls) -> CasualtyGrammar:
        return cls(CasualtyLexicon.load(), NumberFinder.load())

    # -- figures --------------------------------------------------------------------------

    def _figure(self, text: str, num: NumberMatch, nouns: list[int] | None) -> _Figure | None:
        part = None if num.singular else self.partitive.match(text, num.end)
        if part is not None:
            status = next((s for s in STATUSES if part[s]), None)
            category = self._category(part["noun"], part["mods"])
            return _Figure(num, part.end(), category, status, inherit=status is None)
        noun = self.noun.match(text, num.end) if self._noun_near(text, num.end, nouns) else None
        if noun is not None and self._noun_fits(text, num, noun):
            head = self._head(noun)
            mods = noun["mods"] + (" " + noun["noun"] if head != noun["noun"].lower() else "")
            own = next((s for s, nouns in self.status_nouns.items() if head in nouns), None)
            end = noun.end("head") if head != noun["noun"].lower() else noun.end("noun")
            return _Figure(num, end, self._category(head, mods), own)
        if num.singular or self.numbers.is_date(text, num):
            return None
        bare = self.bare_follow.match(text, num.end) is not None
        return _Figure(num, num.end, "total", bare=True) if bare else None

    def _noun_near(self, text: str, end: int, nouns: list[int] | None) -> bool:
        """Can the noun pattern match at ``end``? It is slow to fail, and needs a head noun
        after at most "of" and ``max_modifiers`` words that are neither stop words nor
        numbers. ``nouns``: where nouns start (None: unknown, so maybe)."""
        if nouns is None:
            return True
        i = bisect.bisect_right(nouns, end)
        if i == len(nouns):
            return False
        words = text[end : nouns[i]].split()
        if words and words[0].lower() == "of":
            words = words[1:]
        return len(words) <= self.max_modifiers and not any(
            w.lower() in self.stop_words or w[0].isdecimal() for w in words
        )

    def _head(self, noun: re.Match[str]) -> str:
        """The generic noun of "civilian lives", "child victims" (the first is singular)."""
        first, second = noun["noun"].lower(), (noun["head"] or "").lower()
        generic = second and self.lex.nouns[second][0] == "total"
        return second if generic and self.lex.nouns[first][1] else first

    def _noun_fits(self, text: str, num: NumberMatch, noun: re.Match[str]) -> bool:
        head = self._head(noun)
        singular = self.lex.nouns[head][1]
        if num.singular and not singular:
            return False
        if singular and self._attributive(noun):
            return False
        if noun["of"] and not num.vague:
            return False
        return not self.numbers.is_date(text, num)

    def _attributive(self, noun: re.Match[str]) -> bool:
        """ "a terrorist group", "25 civilian homes": the noun qualifies a following word."""
        after = (noun["next"] or "").strip()
        if not after or not after.islower() or noun["head"]:
            return False
        return after not in self.content_word and after not in self.after_words

    def _category(self, noun: str, mods: str) -> str:
        category = self.lex.nouns[noun.lower()][0]
        if category != "total":
            return category
        found = [self._modifier_category(w.lower()) for w in _WORD.findall(mods)]
        return next((c for c in reversed(found) if c != "total"), category)

    def _modifier_category(self, word: str) -> str:
        return str(self.modifiers.get(word) or self.lex.nouns.get(word, ("total", False))[0])

    # -- chains and status ----------------------------------------------------------------

    def _chains(self, text: str, figures: list[_Figure]) -> list[_Chain]:
        chains: list[_Chain] = []
        for fig in figures:
            last = chains[-1].figures[-1] if chains else None
            if last is not None and self._joined(text, last, fig):
                chains[-1].figures.append(fig)
            else:
                chains.append(_Chain([fig]))
        for chain in chains:
            chain.start, chain.end = chain.figures[0].number.start, chain.figures[-1].end
        return chains

    def _joined(self, text: str, left: _Figure, right: _Figure) -> bool:
        joinable = not (left.bare or right.bare or right.inherit)
        return joinable and bool(self.connector.fullmatch(text, left.end, right.number.start))

    def _resolve(self, text: str, chains: list[_Chain], bounds: list[int], view: str) -> None:
        for i, chain in enumerate(chains):
            prev = chains[i - 1] if i else None
            nxt = chains[i + 1] if i + 1 < len(chains) else None
            sent = self._sentence(bounds, chain.start, len(text))
            chain.dropped = bool(self.cumulative.search(text, sent[0], sent[1], view))
            own = [f.status for f in chain.figures if f.status]
            if chain.figures[0].status or chain.figures[-1].status:
                chain.status = own[0]
            elif not self._after(text, chain, (sent[1], nxt), view):
                prev_end = prev.end if prev is not None else 0
                self._before(text, chain, max(prev_end, sent[0]), prev)
            chain.status = chain.status or next(iter(own), None)

    def _after(self, text: str, chain: _Chain, bound: tuple[int, _Chain | None], view: str) -> bool:
        """Status word after the chain ("40 civilians were killed"), before the sentence end
        and the next chain (``bound``); False if none."""
        limit, nxt = bound
        limit = min(limit, nxt.start) if nxt is not None else limit
        m = self.after.search(text, chain.end, self._window_end(text, chain.end, limit), view)
        if m is None or m.lastgroup is None:
            return False
        bare = chain.figures[-1].bare
        if bare and not self.auxiliaries.fullmatch(text, chain.end, m.start()):
            return False
        if self.coordinated.search(text, chain.end, m.start()):
            return False
        if nxt is not None and self._governs(text, m, nxt):
            return False
        if self.modal_any.search(text, chain.end, m.start()):
            chain.dropped = True
        chain.status = m.lastgroup
        last = chain.figures[-1]
        chain.spans[id(last)] = (last.number.start, m.end())
        return True

    def _governs(self, text: str, m: re.Match[str], nxt: _Chain) -> bool:
        """ "a bomber killed four people": the status verb is the next figure's, not ours."""
        adjacent = not text[m.end() : nxt.start].strip()
        return adjacent and nxt.figures[0].status is None and bool(self.before.fullmatch(m.group()))

    def _window_end(self, text: str, start: int, limit: int) -> int:
        stop = self.stop.search(text, start, limit)
        limit = stop.start() if stop is not None else limit
        for n, m in enumerate(_WORD.finditer(text, start, limit)):
            if n >= self.after_window:
                return m.start()
        return limit

    def _before(self, text: str, chain: _Chain, floor: int, prev: _Chain | None) -> None:
        head = chain.figures[0]
        toll = self.toll.search(text, max(floor, chain.start - 120), chain.start)
        if toll is not None and not head.number.singular:
            chain.status = "killed"
            chain.spans[id(head)] = (toll.start(), head.end)
            return
        words = [m.start() for m in _WORD.finditer(text, floor, chain.start)]
        lo = words[-self.before_window :][0] if words else chain.start
        inherit = head.inherit or self.inherit.search(text, lo, chain.start) is not None
        if inherit and prev is not None and prev.status:
            chain.status = prev.status
            return
        m = self._nearest_before(text, lo, chain.start)
        if m is None or (head.bare and not self._bare_ok(text, m, chain.start)):
            return
        if self.modal.search(text, max(0, m.start() - 30), m.start()):
            chain.dropped = True
        chain.status = m.lastgroup
        chain.spans[id(head)] = (m.start(), head.end)

    def _nearest_before(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        """The last active status word before a figure ("were killed" belongs to another)."""
        found = [
            m
            for m in self.before.finditer(text, lo, hi)
            if not self.passive.search(text, max(0, m.start() - 12), m.start())
        ]
        return found[-1] if found else None

    def _bare_ok(self, text: str, m: re.Match[str], start: int) -> bool:
        gap = " ".join(text[m.end() : start].lower().split())
        return not gap or gap in self.bare_gap

    def _sentence(self, bounds: list[int], pos: int, length: int) -> tuple[int, int]:
        i = bisect.bisect_right(bounds, pos)
        return (bounds[i - 1] if i else 0), (bounds[i] if i < len(bounds) else length)

    # -- mentions -------------------------------------------------------------------------

    def find(self, text: str) -> list[CasualtyMention]:
        """Every killed/injured figure in ``text``, sorted by start."""
        view = word_view(text)
        nouns = list(self.noun_words.starts(view)) if view else None
        negations = self._negations(text, view)
        spans = [(m.start, m.end) for m in negations]
        numbers = (n for n in self.numbers.finditer(text, view) if not _inside(n.start, spans))
        figures = [f for n in numbers if (f := self._figure(text, n, nouns))]
        chains = self._chains(text, figures)
        bounds = [m.end() for m in self.sentence_end.finditer(text)]
        self._resolve(text, chains, bounds, view)
        found = [m for chain in chains for m in self._mentions(text, chain)]
        found.extend(negations)
        return sorted(found, key=lambda m: (m.start, m.end))

    def _mentions(self, text: str, chain: _Chain) -> list[CasualtyMention]:
        figures = [] if chain.dropped else chain.figures
        return [
            _mention(text, chain.spans.get(id(f), (f.number.start, f.end)), f, status)
            for f in figures
            if (status := f.status or chain.status) is not None
        ]

    def _negations(self, text: str, view: str) -> list[CasualtyMention]:
        """ "no one was killed": a figure of 0."""
        return [
            _mention(
                text,
                m.span(),
                _Figure(NumberMatch(*m.span(), m.start(), 0, None), 0, "total"),
                str(m.lastgroup),
            )
            for m in self.negation.finditer(text, view)
        ]


def _mention(text: str, span: tuple[int, int], fig: _Figure, status: str) -> CasualtyMention:
    start, end = span
    return CasualtyMention(
        start=start,
        end=end,
        text=text[start:end],
        count=fig.number.value,
        category=cast(FatalityCategory, fig.category),
        qualifier=fig.number.qualifier,
        status=cast(Status, status),
    )


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= pos < end for start, end in spans)


class CasualtyTagger:
    """spaCy component: ``doc._.fw_casualties = [CasualtyMention, ...]`` (sorted by start)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.grammar: CasualtyGrammar | None = None

    def setup(self, ctx: object = None) -> None:
        self.grammar = CasualtyGrammar.load()

    def __call__(self, doc: Doc) -> Doc:
        grammar = self.grammar or CasualtyGrammar.load()
        self.grammar = grammar
        doc._.fw_casualties = grammar.find(doc_text(doc))
        return doc
