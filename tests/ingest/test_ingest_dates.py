"""Publication dates: the accepted forms and the rule for ambiguous ones."""

from __future__ import annotations

import datetime as dt

import pytest

from frontwatch.ingest import parse_published

FEB_3 = dt.date(2016, 2, 3)


@pytest.mark.parametrize(
    "value",
    [
        "2016-02-03",
        "2016-2-3",
        "2016-02-03T09:30:00+00:00",
        "2016-02-03 09:30",
        "20160203",
        "2/3/16",  # slashes: month first (FA-KES)
        "02/03/2016",
        "3.2.2016",  # dots: day first
        "3 February 2016",
        "3 Feb 2016",
        "February 3, 2016",
        "Feb 3 2016",
        "Wed 03 Feb 2016",
        "Wednesday, 3 February 2016",
        "3-Feb-2016",  # hyphens: an ACLED export saved from a spreadsheet
        "03-Feb-16",
        "3-February-2016",
        FEB_3,
    ],
)
def test_accepted_forms(value: str | dt.date) -> None:
    assert parse_published(value) == FEB_3


def test_two_digit_years_follow_python_pivot() -> None:
    assert parse_published("4/5/17") == dt.date(2017, 4, 5)
    assert parse_published("4/5/98") == dt.date(1998, 4, 5)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_blank_is_none(value: str | None) -> None:
    assert parse_published(value) is None


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("25/12/2016", "month/day/year"),  # day-first slash dates are refused, not guessed
        ("2016-02-30", "year-month-day"),
        ("yesterday", "expected ISO"),
        ("2016", "expected ISO"),
        ("3-Fev-2016", "expected ISO"),
    ],
)
def test_refused_forms_name_the_rule(value: str, hint: str) -> None:
    with pytest.raises(ValueError, match=hint):
        parse_published(value)
