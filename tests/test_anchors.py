"""AnchoredPattern: the matches of ``pattern.finditer`` / ``search``, found from word starts."""

from __future__ import annotations

import random
import re

import pytest

from frontwatch.anchors import AnchoredPattern, WordIndex, first_words, word_view

WORDS = ["in", "at least", "mid-", "Monday", "no one was killed", "a"]
PATTERN = re.compile(
    r"(?<![\w'])(?:(?i:in|at\s+least|mid-|no\s+one\s+was\s+killed|a)(?![\w'])"
    r"|Monday(?:'?s)?(?!\w)|\d+(?:st|th)?)"
)
TRICKY = [
    "",
    "in",
    "In March, at  least 12 died; mid-March",
    "Mondays and Monday's and MONDAY",
    "x12 12x _12 ١٢ people",  # a word digit, Arabic-Indic digits
    "'in' “in” (in) in-depth within",
    "İn and ın and ſ: lowercasing moves offsets or hides a match",
    "No one was killed.\nNO ONE WAS KILLED",
    "a A an aa a-b",
    "ina inat in",  # a window may cut "ina" to "in"
]


@pytest.fixture(scope="module")
def anchored() -> AnchoredPattern:
    return AnchoredPattern(PATTERN, WORDS, prefixes=["Monday"])


def spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


def random_texts(n: int) -> list[str]:
    rnd = random.Random(7)
    vocab = ["in", "In", "at", "least", "mid", "March", "Monday", "Mondays", "no", "one", "was"]
    vocab += ["killed", "a", "A", "12", "3rd", "x", "'", "-", "_", "ſ", "İn", "within"]
    seps = [" ", "  ", "-", "'", ", ", ".", "\n", ""]
    return ["".join(rnd.choice(vocab) + rnd.choice(seps) for _ in range(12)) for _ in range(n)]


@pytest.mark.parametrize("text", TRICKY + random_texts(300))
def test_finditer_finds_what_re_finds(anchored: AnchoredPattern, text: str) -> None:
    assert spans(anchored.finditer(text)) == spans(PATTERN.finditer(text))


@pytest.mark.parametrize("text", TRICKY + random_texts(40))
def test_search_in_a_window_finds_what_re_finds(anchored: AnchoredPattern, text: str) -> None:
    view = word_view(text)
    for pos in range(len(text) + 1):
        for endpos in range(pos, len(text) + 1):
            found = anchored.search(text, pos, endpos, view)
            expected = PATTERN.search(text, pos, endpos)
            assert (found and found.span()) == (expected and expected.span())


def test_word_view_keeps_offsets() -> None:
    assert word_view("Al-Bab, 12 km") == " al bab  00 km "
    assert word_view("“Idlib” 3") == "  idlib  0 "
    assert word_view("İdlib") == ""  # lowercasing would add a character
    assert word_view("ſeveral") == ""  # re.IGNORECASE matches "s", str.lower keeps "ſ"


def test_first_words_are_lowercase_leading_words() -> None:
    assert first_words(["At least", "mid-", "2016", "-x"]) == {"at", "mid", "0000"}


def test_word_index_gives_word_starts_in_order() -> None:
    index = WordIndex(["in", "the"], prefixes=["mon"])
    view = word_view("In the Monday within them")
    assert list(index.starts(view)) == [0, 3, 7]
    assert list(index.starts(view, 1, 6)) == [3]
