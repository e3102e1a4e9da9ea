"""Publication dates from input records.

Accepted forms, and the rule for the ambiguous ones:

- ISO: ``2016-02-03``, ``2016-02-03T10:00:00Z`` (the date part is kept), ``20160203``;
- slashes are **month first** (US order, as in the FA-KES CSV): ``2/3/16`` and ``2/3/2016``
  are 3 February 2016. A slash date whose first number is above 12 (``25/12/2016``) is
  refused, not silently read day-first: convert such a column to ISO first;
- dots are **day first** (European order): ``3.2.2016`` is 3 February 2016;
- month names in English: ``3 February 2016``, ``Feb 3, 2016``, ``Wed 03 Feb 2016``, and
  with hyphens as spreadsheets write them (an ACLED export saved from Excel): ``3-Feb-2016``,
  ``3-Feb-16``.

Two-digit years follow Python's ``%y``: 69–99 are 1969–1999, 00–68 are 2000–2068.
"""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})")
_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})")
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*|\s+")
_HYPHENS = re.compile(r"(\d{1,2})-([A-Za-z]{3,9})-(\d{2}|\d{4})")

NAMED_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d %b %y", "%d %B %y")
"""strptime formats tried for dates written with an English month name."""


def _year(text: str) -> int:
    if len(text) == 4:
        return int(text)
    return dt.datetime.strptime(text, "%y").year


def _build(year: int, month: int, day: int, rule: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"{exc} (read as {rule})") from exc


def _numeric(text: str) -> dt.date | None:
    if match := _ISO.fullmatch(text) or _COMPACT.fullmatch(text):
        year, month, day = match.groups()
        return _build(int(year), int(month), int(day), "year-month-day")
    if match := _SLASH.fullmatch(text):
        month, day, year = match.groups()
        return _build(_year(year), int(month), int(day), "month/day/year")
    if match := _DOTS.fullmatch(text):
        day, month, year = match.groups()
        return _build(_year(year), int(month), int(day), "day.month.year")
    return None


def _named(text: str) -> dt.date | None:
    cleaned = _COMMA.sub(" ", _WEEKDAY.sub("", text)).strip()
    if match := _HYPHENS.fullmatch(cleaned):
        cleaned = " ".join(match.groups())
    for fmt in NAMED_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def parse_published(value: dt.date | str | None) -> dt.date | None:
    """A publication date from a record value; None for a blank value.

    Raises ``ValueError`` naming the rule when the value is not a date.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = value.strip()
    if not text:
        return None
    found = _numeric(text) or _named(text)
    if found is None:
        raise ValueError(
            "not a date (expected ISO YYYY-MM-DD, m/d/yy, d.m.yyyy, '3 Feb 2016' or 3-Feb-16)"
        )
    return found
