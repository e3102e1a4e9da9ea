from __future__ import annotations

import re

from frontwatch.extract.sentences import next_sentence, sentence_index, split_sentences


def _texts(text: str) -> list[str]:
    return [re.sub(r"\s+", " ", text[a:b]).strip() for a, b in split_sentences(text)]


def test_sentences_are_char_bounds() -> None:
    assert _texts("One. Two U.S. forces. Three!") == ["One.", "Two U.S. forces.", "Three!"]


def test_line_breaks_end_sentences_and_lowercase_does_not_start_one() -> None:
    text = "Headline without stop\nBody says 3 p.m. talks. 12 died."
    assert _texts(text) == ["Headline without stop", "Body says 3 p.m. talks.", "12 died."]


def test_bounds_cover_the_text_and_index_finds_them() -> None:
    text = "Shelling hit Homs. Two died."
    bounds = split_sentences(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert sentence_index(bounds, text.index("Two")) == 1
    assert next_sentence(text, bounds[0][1]) == bounds[1]
    assert split_sentences("") == [(0, 0)]
