"""Dates in the text, resolved against the publication date (ACLED time_precision).

Absolute dates ("3 February 2016", "Feb. 3, 2016", "September 30, 2015", "on 30 September
2015", "2016-02-03") are precision 1; a month with a year ("February 2016") or a bare month
after "in"/"since"/"last"... is precision 3, dated the 1st (a bare month is the latest one
begun by publication). A date without a year takes the publication year, or the year
before when it would fall more than ``future_tolerance_days`` after publication.
Relative expressions need the publication date
(``doc.user_data["published"]``, a ``datetime.date``; when it is None only dates with a
year are kept):
  * a weekday ("on Saturday", "Tuesday's attack", "Wednesday night"): the most recent such
    day on or before publication, precision 1;
  * phrases of ``dates.yaml`` ("yesterday", "last week", "during the past few days",
    "last month"): publication minus a number of days (or months, dated the 1st) with the
    precision given there;
  * "three days ago", "two weeks ago".
Month and weekday names match only capitalised, so "march" the verb and "may" the modal
are not dates ("May" and "Mar" need a day or year next to them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc

from ..anchors import AnchoredPattern
from ..records import DateMention, TimePrecision
from .numbers import Lexicon, NumberFinder, alternation
from .registry import doc_text

LEXICON_FILE = ("lexicons", "dates.yaml")
_END = r"(?![\w'])"


@dataclass(frozen=True)
class Shift:
    """A span of time before publication: days or whole months, and its precision."""

    days: int = 0
    months: int = 0
    precision: int = 1


def load_shifts(lex: Lexicon, key: str) -> dict[str, Shift]:
    raw = lex.raw.get(key)
    if not isinstance(raw, dict):
        raise lex.error(key, "a mapping of phrases to {days|months, precision}")
    try:
        return {str(k).lower(): Shift(**v) for k, v in raw.items()}
    except TypeError as exc:
        raise lex.error(key, f"a mapping of phrases to {{days|months, precision}} ({exc})") from exc


def _name_map(lex: Lexicon, key: str) -> dict[str, int]:
    raw = lex.raw.get(key)
    if not isinstance(raw, dict) or not all(isinstance(v, int) for v in raw.values()):
        raise lex.error(key, "a mapping of names to integers")
    return {str(k).lower(): v for k, v in raw.items()}


def _capitalised(names: Any) -> str:
    """Alternation of names as written in running text: "March", "MARCH"."""
    return alternation([form for n in names for form in (n.capitalize(), n.upper())])


class DateGrammar:
    """Compiled date regex for one lexicon; ``find(text, published)`` is pure."""

    def __init__(self, lex: Lexicon, numbers: NumberFinder) -> None:
        self.numbers = numbers
        self.months = _name_map(lex, "months")
        self.weekdays = _name_map(lex, "weekdays")
        self.relative = load_shifts(lex, "relative")
        self.ago_units = load_shifts(lex, "ago_units")
        self.ambiguous = set(lex.words("ambiguous_months"))
        self.tolerance = dt.timedelta(days=lex.number("future_tolerance_days"))
        self.pattern = re.compile(self._regex(lex))
        self.anchored = AnchoredPattern(
            self.pattern, self._first_words(lex), prefixes=lex.words("weekday_full")
        )

    @classmethod
    def load(cls) -> DateGrammar:
        return cls(Lexicon.load(*LEXICON_FILE), NumberFinder.load())

    def _numerals(self) -> list[str]:
        return [*self.numbers.lexicon.units, "a", "an", "several", "few"]

    def _first_words(self, lex: Lexicon) -> list[str]:
        """The words a date can begin with, besides digits (see ``_regex``); full weekday
        names are prefixes ("Mondays")."""
        leads = lex.words("month_lead")
        return [*self.months, *self.weekdays, *self._numerals(), *self.relative, *leads]

    def _regex(self, lex: Lexicon) -> str:
        month = rf"(?:{_capitalised(self.months)})\.?"
        wd_any = rf"(?:(?:{_capitalised(self.weekdays)})\.?,?\s+)?"
        year = r"(?:19|20)\d{2}(?!\d)"
        day = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
        numeral = alternation(self._numerals())
        calendar = "|".join(
            (
                rf"{wd_any}(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month})(?:,?\s+(?P<y1>{year}))?{_END}",
                rf"{wd_any}(?P<m2>{month})\s+(?P<d2>{day})(?:,?\s+(?P<y2>{year}))?{_END}",
                rf"(?P<m3>{month}),?\s+(?P<y3>{year})",
                rf"(?P<iso>{year}-[01]\d-[0-3]\d){_END}",
                rf"(?P<wd>{_capitalised(lex.words('weekday_full'))})(?:'?s)?"
                rf"(?:\s+(?:{alternation(lex.words('times_of_day'))}))?{_END}",
            )
        )
        phrases = "|".join(
            (
                rf"(?i:\b(?P<ago_n>\d+|{numeral})\s+(?P<ago_u>{alternation(self.ago_units)})"
                rf"\s+ago){_END}",
                rf"(?i:\b(?P<rel>{alternation(self.relative)})){_END}",
                rf"(?i:\b(?:{alternation(lex.words('month_lead'))}))\s+(?P<m4>{month})"
                rf"(?!\s*\d){_END}",
            )
        )
        # Calendar forms begin with a digit or a capital: the lookahead makes re give them
        # up at once at a lowercase word ("the", "in"), where only the phrases can start.
        return rf"(?<![\w'])(?:(?=[\dA-Z])(?:{calendar})|{phrases})"

    def find(self, text: str, published: dt.date | None) -> list[DateMention]:
        """Every date in ``text`` that can be resolved, sorted by start."""
        return list(self._iter(text, published))

    def _iter(self, text: str, published: dt.date | None) -> Iterator[DateMention]:
        for m in self.anchored.finditer(text):
            group = "m4" if m["m4"] else 0
            resolved = self._resolve(m, published)
            if resolved is not None:
                start, end = m.span(group)
                yield DateMention(
                    start=start,
                    end=end,
                    text=text[start:end],
                    date=resolved[0],
                    time_precision=cast(TimePrecision, resolved[1]),
                )

    def _resolve(self, m: re.Match[str], published: dt.date | None) -> tuple[dt.date, int] | None:
        if m["iso"]:
            return _with_precision(_safe_date(*map(int, m["iso"].split("-"))), 1)
        for d, mo, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
            if m[mo]:
                return self._calendar(m[mo], m[d], m[y], published)
        if m["m3"]:
            return _with_precision(_safe_date(int(m["y3"]), self._month(m["m3"]), 1), 3)
        if published is None:
            return None
        return self._relative(m, published)

    def _calendar(
        self, month: str, day: str, year: str | None, published: dt.date | None
    ) -> tuple[dt.date, int] | None:
        number = self._month(month)
        day_value = int(re.sub(r"\D", "", day))
        if year:
            found = _safe_date(int(year), number, day_value)
        else:
            found = self._infer_year(number, day_value, published)
        return _with_precision(found, 1)

    def _relative(self, m: re.Match[str], published: dt.date) -> tuple[dt.date, int] | None:
        if m["m4"]:
            if m["m4"].lower().rstrip(".") in self.ambiguous:
                return None
            return _with_precision(self._month_only(self._month(m["m4"]), published), 3)
        if m["wd"]:
            back = (published.weekday() - self.weekdays[m["wd"].lower()]) % 7
            return published - dt.timedelta(days=back), 1
        if m["rel"]:
            return _shift(published, self.relative[" ".join(m["rel"].lower().split())], 1)
        count = self._count(m["ago_n"])
        return _shift(published, self.ago_units[m["ago_u"].lower()], count)

    def _count(self, word: str) -> int:
        low = word.lower()
        if low in ("a", "an"):
            return 1
        if low in ("several", "few"):
            return 3
        return self.numbers.parse(low) or 1

    def _month(self, name: str) -> int:
        return self.months[name.lower().rstrip(".")]

    def _month_only(self, month: int, published: dt.date) -> dt.date:
        """ "in March": the latest March that has begun by publication."""
        year = published.year if month <= published.month else published.year - 1
        return dt.date(year, month, 1)

    def _infer_year(self, month: int, day: int, published: dt.date | None) -> dt.date | None:
        if published is None:
            return None
        found = _safe_date(published.year, month, day)
        if found is not None and found > published + self.tolerance:
            found = _safe_date(published.year - 1, month, day)
        return found


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_precision(found: dt.date | None, precision: int) -> tuple[dt.date, int] | None:
    return (found, precision) if found is not None else None


def _shift(published: dt.date, shift: Shift, count: int) -> tuple[dt.date, int] | None:
    if shift.months:
        index = published.year * 12 + published.month - 1 - shift.months * count
        return dt.date(index // 12, index % 12 + 1, 1), shift.precision
    if shift.precision == 3:
        return published.replace(day=1), 3
    return published - dt.timedelta(days=shift.days * count), shift.precision


class DateTagger:
    """spaCy component: ``doc._.fw_dates = [DateMention, ...]`` (sorted by start)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.grammar: DateGrammar | None = None

    def setup(self, ctx: object = None) -> None:
        self.grammar = DateGrammar.load()

    def __call__(self, doc: Doc) -> Doc:
        grammar = self.grammar or DateGrammar.load()
        self.grammar = grammar
        published = doc.user_data.get("published")
        if not isinstance(published, dt.date):
            published = None
        doc._.fw_dates = grammar.find(doc_text(doc), published)
        return doc
