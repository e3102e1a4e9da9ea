"""Figures in running text: digits, number words, vague plurals and their qualifiers.

``NumberFinder`` finds every figure that could count people: "1,200", "40",
"twenty-five", "one hundred and twenty", "a dozen", vague plurals coded by ACLED's
conservative rule ("tens" -> 10, "dozens" -> 12, "hundreds" -> 100, "tens of thousands"
-> 10,000) and the articles "a"/"an" (worth one when a singular noun follows; the
casualty grammar checks that). A qualifier right before a figure ("at least", "more
than", "over" -> "more than", "nearly") is kept normalised; vague plurals without one get
``vague_qualifier`` ("at least"). Words and qualifiers come from
``data/lexicons/numbers.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..anchors import AnchoredPattern
from ..errors import ResourceError
from ..resources import load_yaml

LEXICON_FILE = ("lexicons", "numbers.yaml")


@dataclass(frozen=True)
class Lexicon:
    """A packaged YAML lexicon (a mapping) with typed, validated accessors."""

    name: str
    raw: Mapping[str, Any]

    @classmethod
    def load(cls, *parts: str) -> Lexicon:
        raw = load_yaml(*parts)
        if not isinstance(raw, dict):
            raise ResourceError(f"{parts[-1]}: expected a mapping at the top level")
        return cls(parts[-1], raw)

    def error(self, key: str, what: str) -> ResourceError:
        return ResourceError(f"{self.name}: {key!r} must be {what}")

    def words(self, key: str) -> list[str]:
        value = self.raw.get(key)
        if not isinstance(value, list) or not all(_is_word(v) for v in value):
            raise self.error(key, "a list of words (quote yes/no/on/off)")
        return [str(v).lower() for v in value]

    def number(self, key: str) -> int:
        value = self.raw.get(key)
        if not isinstance(value, int):
            raise self.error(key, "an integer")
        return value

    def groups(self, key: str, allowed: tuple[str, ...]) -> dict[str, list[str]]:
        """``key: {group: [words]}`` with only the ``allowed`` groups."""
        value = self.raw.get(key)
        if not isinstance(value, dict) or set(value) - set(allowed):
            raise self.error(key, f"a mapping with only the keys {list(allowed)}")
        sub = Lexicon(self.name, value)
        return {name: sub.words(name) for name in value}


def _is_word(value: object) -> bool:
    """A string or a number, not a YAML boolean (an unquoted "on" or "no")."""
    return isinstance(value, str | int) and not isinstance(value, bool)


@dataclass(frozen=True)
class NumberLexicon:
    """The words of ``numbers.yaml``, validated."""

    units: Mapping[str, int]
    scales: Mapping[str, int]
    vague: Mapping[str, int]
    phrases: Mapping[str, int]
    singular_articles: frozenset[str]
    vague_qualifier: str
    qualifiers: Mapping[str, str]
    year_range: tuple[int, int] = (1900, 2100)
    year_before: tuple[str, ...] = ()
    months: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> NumberLexicon:
        return cls.from_mapping(load_yaml(*LEXICON_FILE))

    @classmethod
    def from_mapping(cls, raw: Any) -> NumberLexicon:
        if not isinstance(raw, dict):
            raise ResourceError("numbers.yaml: expected a mapping at the top level")
        return cls(
            units=_int_map(raw, "units"),
            scales=_int_map(raw, "scales"),
            vague=_int_map(raw, "vague"),
            phrases=_int_map(raw, "phrases"),
            singular_articles=frozenset(_str_list(raw, "singular_articles")),
            vague_qualifier=str(raw.get("vague_qualifier", "")),
            qualifiers=_str_map(raw, "qualifiers"),
            year_range=(int(raw["year_range"][0]), int(raw["year_range"][1])),
            year_before=tuple(_str_list(raw, "year_before")),
            months=tuple(_str_list(raw, "months")),
        )


def _int_map(raw: dict[str, Any], key: str) -> dict[str, int]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, int) for v in value.values()):
        raise ResourceError(f"numbers.yaml: {key!r} must map words to integers")
    return {str(k).lower(): v for k, v in value.items()}


def _str_map(raw: dict[str, Any], key: str) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ResourceError(f"numbers.yaml: {key!r} must map phrases to strings")
    return {str(k).lower(): v for k, v in value.items()}


def _str_list(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ResourceError(f"numbers.yaml: {key!r} must be a list of strings")
    return [v.lower() for v in value]


class NumberMatch(NamedTuple):
    """A figure: ``start``..``end`` covers qualifier and number, ``num_start`` the number.
    (A named tuple: one is made for every "a", "an" and number of a text.)"""

    start: int
    end: int
    num_start: int
    value: int
    qualifier: str | None
    singular: bool = False
    vague: bool = False


def alternation(words: Any) -> str:
    """Regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


class NumberFinder:
    """Compiled figure regex for one lexicon; build once, reuse for every text."""

    def __init__(self, lexicon: NumberLexicon) -> None:
        self.lexicon = lexicon
        self.pattern = re.compile(self._regex(lexicon), re.IGNORECASE)
        self.anchored = AnchoredPattern(self.pattern, self._first_words(lexicon))
        self._word = re.compile(r"[a-z]+", re.IGNORECASE)
        months = rf"(?<![\w-])(?:{alternation(lexicon.months)})(?![\w-])"
        before = rf"(?<![\w-])(?:{alternation(lexicon.year_before)})(?![\w-])"
        self._year_before = re.compile(rf"(?:{before}|{months}|\b\d{{1,2}})\W*$", re.I)
        self._month_before = re.compile(rf"{months}\W*$", re.I)
        self._month_after = re.compile(rf"\W*{months}", re.I)

    @classmethod
    def load(cls) -> NumberFinder:
        return cls(NumberLexicon.load())

    @staticmethod
    def _regex(lex: NumberLexicon) -> str:
        word = alternation([*lex.units, *lex.scales])
        vague = alternation(lex.vague)
        digits = r"\d{1,3}(?:,\d{3})+(?![\d,]*\d)|\d+(?![.,:]?\d)"
        return (
            rf"(?<![\w$.,-])(?:(?P<qual>{alternation(lex.qualifiers)})\s+)?"
            rf"(?P<num>(?P<phrase>{alternation(lex.phrases)})"
            rf"|(?P<vague>(?:{vague})(?:\s+of\s+(?:{vague}))*)"
            rf"|(?P<digits>{digits})(?:\s+(?P<dscale>{alternation(lex.scales)}))?"
            rf"|(?P<words>(?:{word})(?:(?:[\s-]+|\s+and\s+)(?:{word}))*)"
            rf"|(?P<art>{alternation(lex.singular_articles)}))(?![\w-])"
        )

    @staticmethod
    def _first_words(lex: NumberLexicon) -> list[str]:
        """The phrases a figure can begin with, besides digits (see ``_regex``)."""
        return [
            *lex.qualifiers,
            *lex.phrases,
            *lex.vague,
            *lex.units,
            *lex.scales,
            *lex.singular_articles,
        ]

    def finditer(self, text: str, view: str | None = None) -> Iterator[NumberMatch]:
        """The figures of ``text`` (``view``: its ``anchors.word_view``, when known)."""
        for m in self.anchored.finditer(text, view):
            found = self._build(m)
            if found is not None:
                yield found

    def _build(self, m: re.Match[str]) -> NumberMatch | None:
        qual = self.lexicon.qualifiers[_norm(m["qual"])] if m["qual"] else None
        start, num_start = m.start(), m.start("num")
        if m["words"]:
            value, end = self._parse_words(m["words"], m.start("words"))
            if value is None:
                return None
            return NumberMatch(start, end, num_start, value, qual)
        if m["vague"]:
            value = _product(self.lexicon.vague[w] for w in _norm(m["vague"]).split(" of "))
            qual = qual or self.lexicon.vague_qualifier or None
            return NumberMatch(start, m.end(), num_start, value, qual, vague=True)
        if m["art"]:
            return NumberMatch(start, m.end(), num_start, 1, qual, singular=True)
        return NumberMatch(start, m.end(), num_start, self._simple_value(m), qual)

    def _simple_value(self, m: re.Match[str]) -> int:
        if m["phrase"]:
            return self.lexicon.phrases[_norm(m["phrase"])]
        scale = self.lexicon.scales[_norm(m["dscale"])] if m["dscale"] else 1
        return int(m["digits"].replace(",", "")) * scale

    def _parse_words(self, words: str, offset: int) -> tuple[int | None, int]:
        """Value of the longest well-formed prefix of a number-word run, and where it ends."""
        state = _WordState()
        end = offset
        for token in self._word.finditer(words):
            if not state.feed(token.group().lower(), self.lexicon):
                break
            if state.complete:
                end = offset + token.end()
        return (state.value if end > offset else None), end

    def is_date(self, text: str, num: NumberMatch) -> bool:
        """A year ("in 2015", "April 6 2017") or a day ("April 15", "15 August"), not a count."""
        if not text[num.num_start : num.end].isdigit():
            return False
        before = max(0, num.start - 20)
        low, high = self.lexicon.year_range
        if low <= num.value <= high:
            return bool(self._year_before.search(text, before, num.start))
        if num.value > 31:
            return False
        return bool(
            self._month_before.search(text, before, num.start)
            or self._month_after.match(text, num.end)
        )

    def parse(self, text: str) -> int | None:
        """Value of a figure written alone ("twenty-five", "1,200", "dozens")."""
        m = self.pattern.fullmatch(text.strip())
        found = self._build(m) if m else None
        if found is None or found.end - found.start != len(text.strip()):
            return None
        return found.value


class _WordState:
    """Left-to-right reading of "one hundred and twenty-five" (stops at the first misfit)."""

    def __init__(self) -> None:
        self.total = 0
        self.current = 0
        self.last = ""
        self.complete = False

    @property
    def value(self) -> int:
        return self.total + self.current

    def feed(self, word: str, lex: NumberLexicon) -> bool:
        if word == "and":
            ok = self.last == "scale"
            self.last = "and"
            self.complete = False
            return ok
        if word in lex.scales:
            return self._scale(lex.scales[word])
        return self._unit(lex.units.get(word, -1))

    def _unit(self, value: int) -> bool:
        if value < 0:
            return False
        tens_then_unit = self.last == "tens" and value < 10 and self.current % 10 == 0
        if self.last not in ("", "scale", "and") and not tens_then_unit:
            return False
        self.current += value
        self.last = "tens" if value >= 20 and value % 10 == 0 else "unit"
        self.complete = True
        return True

    def _scale(self, scale: int) -> bool:
        if self.last not in ("unit", "tens"):
            return False
        if scale == 100:
            self.current *= scale
        else:
            self.total += self.current * scale
            self.current = 0
        self.last = "scale"
        self.complete = True
        return True


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _product(values: Iterator[int]) -> int:
    result = 1
    for value in values:
        result *= value
    return result
