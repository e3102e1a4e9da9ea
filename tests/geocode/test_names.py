"""Spelling variants of a place name share one key; different places do not."""

from __future__ import annotations

import random

import pytest

from frontwatch.geocode.names import CHUNK, NameNormalizer, PlaceMatcher, chunks, fold

VARIANTS = [
    ["Deir ez-Zor", "Deir Ezzor", "Dayr az Zawr", "Deir al-Zour", "Deir el-Zor", "Deir Ezour"],
    ["Idlib", "Idleb"],
    ["Daraa", "Deraa", "Dar'a", "Dar‘ā"],
    ["Hasakeh", "Hasaka", "Hassakeh", "Al-Hasakah", "Al Ḩasakah"],
    ["Raqqa", "Rakka", "Ar Raqqah", "al-Raqqa"],
    ["Latakia", "Lattakia", "Lattakieh"],
    ["Quneitra", "Kuneitra"],
    ["Tall Abyad", "Tal Abyad", "Tell Abyad", "Tel Abyad"],
    ["Kafr Nabl", "Kfar Nabl"],
    ["Jisr al-Shughour", "Jisr ash-Shughur"],
    ["Ma'arrat al-Nu'man", "Maarat al-Numan", "Ma’arrat an-Nu’man"],
    ["Eastern Ghouta", "Eastern Gouta"],
]


@pytest.fixture(scope="module")
def normalizer() -> NameNormalizer:
    return NameNormalizer.load()


@pytest.mark.parametrize("names", VARIANTS, ids=lambda names: names[0])
def test_variants_share_a_key(normalizer: NameNormalizer, names: list[str]) -> None:
    keys = {normalizer.normalize(n) for n in names}
    assert len(keys) == 1, keys


def test_different_places_keep_different_keys(normalizer: NameNormalizer) -> None:
    names = ["Aleppo", "Homs", "Hama", "Idlib", "Daraa", "Damascus", "Douma", "Raqqa"]
    assert len({normalizer.normalize(n) for n in names}) == len(names)


def test_article_prefix_dropped_only_before_another_word(normalizer: NameNormalizer) -> None:
    assert normalizer.normalize("Al-Bab") == normalizer.normalize("Bab")
    assert normalizer.normalize("As") == "as"


def test_normalisation_is_idempotent(normalizer: NameNormalizer) -> None:
    for names in VARIANTS:
        key = normalizer.normalize(names[0])
        assert normalizer.normalize(key) == key


def test_fold_removes_diacritics_and_arabic_vowel_marks() -> None:
    assert fold("Ḩamāh") == "hamah"
    assert fold("الرقّة") == "الرقة"


def test_matcher_finds_names_the_same_with_a_warm_memo(normalizer: NameNormalizer) -> None:
    """Word facts are memoised by token; a second scan (and a fresh matcher) agree."""
    names = [normalizer.normalize(n) for n in ("Aleppo", "al-Bab", "Deir ez-Zor", "Tall Rifat")]
    common = frozenset({"jets", "hit", "suburbs", "and", "east", "then", "in", "based", "said"})
    text = (
        "Jets hit Aleppos suburbs and Aleppo's east, al-Bab and Al Bab, then Deir ezzor. "
        "In Tall Rifat, al- Bab and AL-BAB; Aleppo-based monitors said."
    )

    def scan(matcher: PlaceMatcher) -> list[str]:
        words, hits = matcher.scan(text)
        return [text[words[h.first].start : words[h.last].end] for h in hits]

    matcher = PlaceMatcher(names, normalizer=normalizer, common_words=common)
    found = scan(matcher)
    assert found == scan(matcher)
    assert found == scan(PlaceMatcher(names, normalizer=normalizer, common_words=common))
    assert found == [
        "Aleppo", "Aleppo", "al-Bab", "Al Bab", "Deir ezzor", "Tall Rifat", "al- Bab", "Aleppo"
    ]  # fmt: skip


def test_chunks_are_those_of_the_chunk_pattern() -> None:
    """``chunks`` finds ``CHUNK``'s spans from the capitals; the short word before one
    ("al-", "of") is looked for by hand."""
    rnd = random.Random(1)
    tokens = ["al", "Al", "el", "ab", "abcd", "a", "Bab", "X", "é", "Émile", "ık", "_", "1"]
    tokens += ["A1", "x_y", "of", "the", "Deir", "ez", "Zor", "'s", "ʿ", "O'Neil", "naïve"]
    seps = [" ", "  ", "\t", "-", " - ", " -- ", "--", "- -", "", ",", ".", "\n", " \t- \t"]
    for _ in range(3000):
        text = "".join(rnd.choice(tokens) + rnd.choice(seps) for _ in range(rnd.randint(1, 8)))
        assert list(chunks(text)) == [m.span() for m in CHUNK.finditer(text)]
