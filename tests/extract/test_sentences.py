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


def test_titles_and_abbreviations_before_numbers_end_no_sentence() -> None:
    assert _texts("An attack in Benghazi on Sept. 11 killed four. Two fled.") == [
        "An attack in Benghazi on Sept. 11 killed four.",
        "Two fled.",
    ]
    assert _texts("JUBA, Jan. 10 (Xinhua) -- Fighting broke out near No. 5 road.") == [
        "JUBA, Jan. 10 (Xinhua) -- Fighting broke out near No. 5 road."
    ]
    assert _texts("Maj. Gen. Issam Zahreddine was killed. He was 56.") == [
        "Maj. Gen. Issam Zahreddine was killed.",
        "He was 56.",
    ]
    # a month written out, or an abbreviation before a capital, still ends a sentence
    assert _texts("They left in September. 11 people died. It rained in Dec. Then snow.") == [
        "They left in September.",
        "11 people died.",
        "It rained in Dec.",
        "Then snow.",
    ]
