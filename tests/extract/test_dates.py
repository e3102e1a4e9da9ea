"""DateTagger: absolute dates, weekdays and relative phrases against the publication date."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.errors import ResourceError
from frontwatch.extract.dates import LEXICON_FILE, DateGrammar, DateTagger, load_shifts
from frontwatch.extract.numbers import Lexicon

PUBLISHED = dt.date(2016, 2, 2)  # a Tuesday


@pytest.fixture(scope="module")
def grammar() -> DateGrammar:
    return DateGrammar.load()


def dates(
    grammar: DateGrammar, text: str, published: dt.date | None = PUBLISHED
) -> list[tuple[str, str, int]]:
    return [(m.text, m.date.isoformat(), m.time_precision) for m in grammar.find(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 3", ("February 3", "2016-02-03", 1)),
        ("on 3 February 2016", ("3 February 2016", "2016-02-03", 1)),
        ("Feb. 3, 2016", ("Feb. 3, 2016", "2016-02-03", 1)),
        ("on 30 September 2015", ("30 September 2015", "2015-09-30", 1)),
        ("September 30, 2015", ("September 30, 2015", "2015-09-30", 1)),
        ("Published July 20 2015 A checkpoint", ("July 20 2015", "2015-07-20", 1)),
        ("Sun 10 Jul 2016 29 Syria Rebels Dead", ("Sun 10 Jul 2016", "2016-07-10", 1)),
        ("the 3rd of February", ("3rd of February", "2016-02-03", 1)),
        ("2016-01-28", ("2016-01-28", "2016-01-28", 1)),
        ("in February 2015", ("February 2015", "2015-02-01", 3)),
        ("since March", ("March", "2015-03-01", 3)),
        ("in January", ("January", "2016-01-01", 3)),
        ("on December 28", ("December 28", "2015-12-28", 1)),
    ],
)
def test_absolute_dates(grammar: DateGrammar, text: str, expected: tuple[str, str, int]) -> None:
    assert dates(grammar, text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Saturday", ("Saturday", "2016-01-30", 1)),
        ("on Tuesday", ("Tuesday", "2016-02-02", 1)),
        ("on Wednesday night", ("Wednesday night", "2016-01-27", 1)),
        ("Tuesday's attack", ("Tuesday's", "2016-02-02", 1)),
        ("Tuesdays attack", ("Tuesdays", "2016-02-02", 1)),
        ("yesterday", ("yesterday", "2016-02-01", 1)),
        ("today", ("today", "2016-02-02", 1)),
        ("last night", ("last night", "2016-02-01", 1)),
        ("three days ago", ("three days ago", "2016-01-30", 1)),
        ("last week", ("last week", "2016-01-26", 2)),
        ("two weeks ago", ("two weeks ago", "2016-01-19", 2)),
        ("began during the past few days", ("during the past few days", "2016-01-30", 2)),
        ("in recent days", ("in recent days", "2016-01-30", 2)),
        ("last month", ("last month", "2016-01-01", 3)),
        ("earlier this month", ("earlier this month", "2016-02-01", 3)),
    ],
)
def test_relative_dates(grammar: DateGrammar, text: str, expected: tuple[str, str, int]) -> None:
    assert dates(grammar, text) == [expected]


@pytest.mark.parametrize(
    "text", ["they march on", "it may rain", "in May", "on February 30", "at 0914"]
)
def test_not_dates(grammar: DateGrammar, text: str) -> None:
    assert dates(grammar, text) == []


def test_without_publication_only_dates_with_a_year(grammar: DateGrammar) -> None:
    text = "On Saturday, 3 February 2016 and yesterday, and on February 5"
    assert dates(grammar, text, None) == [("Saturday, 3 February 2016", "2016-02-03", 1)]


def test_offsets_index_the_text(grammar: DateGrammar) -> None:
    text = "The offensive began during the past few days, activists said on Monday."
    for m in grammar.find(text, PUBLISHED):
        assert text[m.start : m.end] == m.text
    assert [m.text for m in grammar.find(text, PUBLISHED)] == ["during the past few days", "Monday"]


def test_tagger_reads_the_publication_date() -> None:
    if not Doc.has_extension("fw_dates"):
        Doc.set_extension("fw_dates", default=None)
    nlp = spacy.blank("en")
    tagger = DateTagger(nlp, "fw_dates_v1")
    tagger.setup(None)
    doc = nlp.make_doc("Jets struck the town on Saturday.")
    doc.user_data["published"] = PUBLISHED
    assert [(m.text, m.date) for m in tagger(doc)._.fw_dates] == [
        ("Saturday", dt.date(2016, 1, 30))
    ]
    doc = nlp.make_doc("Jets struck the town on Saturday.")
    assert tagger(doc)._.fw_dates == []


def test_lexicon_schema() -> None:
    lex = Lexicon.load(*LEXICON_FILE)
    months = lex.raw["months"]
    assert sorted(set(months.values())) == list(range(1, 13))
    assert sorted(set(lex.raw["weekdays"].values())) == list(range(7))
    assert set(lex.words("weekday_full")) <= set(lex.raw["weekdays"])
    assert set(lex.words("ambiguous_months")) <= set(months)
    for shift in load_shifts(lex, "relative").values():
        assert shift.precision in (1, 2, 3) and shift.days >= 0 and shift.months >= 0


def test_lexicon_errors_name_the_key() -> None:
    with pytest.raises(ResourceError, match="'relative'"):
        load_shifts(Lexicon("dates.yaml", {"relative": {"today": {"hours": 3}}}), "relative")


def lexicon_texts(words: list[str], n: int) -> list[str]:
    """Random runs of lexicon words, digits and separators, in varied case."""
    rnd = random.Random(11)
    words = [*words, "2016", "3rd", "12", "x", "'", "march", "Mondays", "the", "ago", "ſ", "İn"]
    seps = [" ", "  ", ", ", ". ", "-", "'s ", "\n", ""]
    texts = []
    for _ in range(n):
        picked = [rnd.choice(words) for _ in range(rnd.randint(1, 12))]
        cased = [w.capitalize() if rnd.random() < 0.4 else w for w in picked]
        texts.append("".join(w + rnd.choice(seps) for w in cased))
    return texts


def test_anchored_scan_finds_every_match_of_the_pattern(grammar: DateGrammar) -> None:
    """The pattern runs only where a date can begin (``frontwatch.anchors``); the calendar
    forms are skipped at lowercase words. Neither may change a match."""
    lex = Lexicon.load(*LEXICON_FILE)
    words = [*lex.raw["months"], *lex.raw["weekdays"], *lex.raw["relative"]]
    words += [*lex.words("month_lead"), *lex.words("times_of_day"), "one", "two", "a", "few"]
    plain = re.compile(grammar.pattern.pattern.replace(r"(?=[\dA-Z])", ""))
    for text in lexicon_texts([str(w) for w in words], 400):
        expected = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in grammar.anchored.finditer(text)] == expected
