"""NumberFinder: digits, number words, vague plurals, qualifiers, dates among figures."""

from __future__ import annotations

import random

import pytest

from frontwatch.errors import ResourceError
from frontwatch.extract.numbers import Lexicon, NumberFinder, NumberLexicon


@pytest.fixture(scope="module")
def finder() -> NumberFinder:
    return NumberFinder.load()


def figures(finder: NumberFinder, text: str) -> list[tuple[int, str | None]]:
    return [(m.value, m.qualifier) for m in finder.finditer(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40", 40),
        ("1,200", 1200),
        ("230000", 230000),
        ("3 million", 3_000_000),
        ("ten", 10),
        ("Eleven", 11),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one hundred and twenty", 120),
        ("two thousand", 2000),
        ("a dozen", 12),
        ("half a dozen", 6),
    ],
)
def test_precise_figures(finder: NumberFinder, text: str, value: int) -> None:
    assert finder.parse(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("tens", 10),
        ("dozens", 12),
        ("scores", 20),
        ("hundreds", 100),
        ("tens of thousands", 10_000),
    ],
)
def test_vague_plurals_follow_acled_and_say_at_least(
    finder: NumberFinder, text: str, value: int
) -> None:
    (found,) = finder.finditer(f"{text} of people")
    assert (found.value, found.qualifier, found.vague) == (value, "at least", True)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("at least 12", "at least"),
        ("more than 40", "more than"),
        ("over 40", "more than"),
        ("about 30", "about"),
        ("around 30", "about"),
        ("some 30", "about"),
        ("nearly 50", "nearly"),
        ("up to 22", "up to"),
        ("as many as 22", "up to"),
        ("no fewer than 9", "at least"),
    ],
)
def test_qualifiers_are_normalised(finder: NumberFinder, text: str, qualifier: str) -> None:
    (found,) = finder.finditer(text)
    assert found.qualifier == qualifier
    assert found.start == 0 and found.end == len(text)


def test_articles_are_singular_figures(finder: NumberFinder) -> None:
    (found,) = finder.finditer("a child")
    assert (found.value, found.singular) == (1, True)


@pytest.mark.parametrize("text", ["seven-year-old", "21-year-old", "tenth", "often"])
def test_not_figures(finder: NumberFinder, text: str) -> None:
    assert figures(finder, text) == []


def test_a_word_run_stops_at_the_first_misfit(finder: NumberFinder) -> None:
    (found,) = finder.finditer("five and six")
    assert (found.value, found.end) == (5, 4)


@pytest.mark.parametrize(
    ("text", "is_date"),
    [
        ("in 2015 rebels", True),
        ("April 6 2017 Syrian", True),
        ("April 15 Terrorist", True),
        ("15 August 2016", True),
        ("2000 people", False),
        ("15 civilians", False),
    ],
)
def test_years_and_days_are_dates(finder: NumberFinder, text: str, is_date: bool) -> None:
    found = [m for m in finder.finditer(text) if m.value in (15, 2000, 2015, 2017)]
    assert found and finder.is_date(text, found[0]) is is_date


def test_lexicon_schema() -> None:
    lex = NumberLexicon.load()
    assert lex.units["twenty"] == 20 and lex.scales["hundred"] == 100
    assert {"tens": 10, "dozens": 12, "hundreds": 100}.items() <= lex.vague.items()
    normalised = {"at least", "more than", "about", "nearly", "up to", "less than"}
    assert set(lex.qualifiers.values()) <= normalised
    assert all(k == k.lower() for k in (*lex.units, *lex.qualifiers, *lex.months))


def test_lexicon_errors_name_the_file_and_key() -> None:
    with pytest.raises(ResourceError, match=r"numbers.yaml: 'units'"):
        NumberLexicon.from_mapping({"units": ["one"]})
    with pytest.raises(ResourceError, match=r"x.yaml: 'n' must be an integer"):
        Lexicon("x.yaml", {"n": "many"}).number("n")


def test_anchored_scan_finds_every_match_of_the_pattern(finder: NumberFinder) -> None:
    """The figure pattern runs only where a figure can begin (``frontwatch.anchors``)."""
    lex = finder.lexicon
    words = [*lex.units, *lex.scales, *lex.vague, *lex.phrases, *lex.qualifiers, "a", "an"]
    words += ["1,200", "40", "3.5", "of", "and", "people", "x1", "٣", "ſome", "'", "$5"]
    rnd = random.Random(5)
    seps = [" ", "  ", "-", ", ", ". ", "'", "\n", ""]
    for _ in range(400):
        picked = [rnd.choice(words) for _ in range(rnd.randint(1, 12))]
        text = "".join((w.upper() if rnd.random() < 0.2 else w) + rnd.choice(seps) for w in picked)
        expected = [(m.span(), m.groupdict()) for m in finder.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in finder.anchored.finditer(text)] == expected
