"""Spelling variants of a place name share one key; different places do not."""

from __future__ import annotations

import random

import pytest

from frontwatch.errors import ResourceError
from frontwatch.geocode.names import (
    CHUNK,
    NameNormalizer,
    PlaceMatcher,
    SpellingRules,
    chunks,
    fold,
)
from frontwatch.resources import load_yaml

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
    ["Nubl", "Nubul", "Noubbol", "Noubbel", "Nubbol"],
    ["al-Zahraa", "Zahra", "az-Zahra'", "Zahraa", "el-Zahraa", "Al Zahraa"],
    ["Tal Rifaat", "Tall Rif'at", "Tall Rif‘at", "Tel Rifaat", "Tell Rifaat", "Tall Rifʿat"],
    ["Hardatnin", "Hardatneen"],
    ["Kafr Hamra", "Kfar Hamra", "Kafr al-Hamra"],
    ["Bayanoun", "Bayanun", "Bayanoon"],
]

DISTINCT = [
    "Nubl", "Kafr Nabl", "Nabk", "Nabul", "Azaz", "Aziz", "Zahra", "Bustan al-Zahra", "Zahira",
    "Tall Rifaat", "Tall Abyad", "Tall Tamr", "Hardatnin", "Hardana", "Kafr Hamra", "Hamra",
    "Harem", "Haram", "Mayer", "Homs", "Hama", "Daraa", "Daraya", "Kabul", "Nebel", "Nubbeh",
]  # fmt: skip
"""Different places, some one letter apart: each keeps its own key."""


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


def test_distinct_places_one_letter_apart_keep_their_keys(normalizer: NameNormalizer) -> None:
    keys = [normalizer.normalize(n) for n in DISTINCT]
    assert len(set(keys)) == len(keys), sorted(keys)


@pytest.mark.parametrize("article", ["al", "el", "ash", "as", "az", "ad", "ar", "at", "an"])
def test_every_article_form_is_dropped(normalizer: NameNormalizer, article: str) -> None:
    for joined in (
        f"{article}-Sakhour",
        f"{article.title()} Sakhour",
        f"{article.upper()}-SAKHOUR",
    ):
        assert normalizer.normalize(joined) == normalizer.normalize("Sakhour") == "sakhur"


@pytest.mark.parametrize("mark", ["'", "’", "‘", "ʿ", "ʾ", "`", "´", "ʼ", "ʻ"])
def test_ayn_and_hamza_marks_are_dropped(normalizer: NameNormalizer, mark: str) -> None:
    assert normalizer.normalize(f"Tall Rif{mark}at") == "tal rifat"
    assert normalizer.normalize(f"Ma{mark}arrat al-Nu{mark}man") == "marat numan"


def test_only_a_cuc_word_loses_its_second_vowel(normalizer: NameNormalizer) -> None:
    """ "Nubul" is the Arabic Nubl written with the vowel English puts in; "Kabul", "Tadmur"
    and "Halab" are not of that shape and keep theirs."""
    assert [normalizer.normalize(n) for n in ("Nubul", "Nubol", "Noubbel", "Suhul")] == [
        "nubl", "nubl", "nubl", "suhl"
    ]  # fmt: skip
    assert [normalizer.normalize(n) for n in ("Kabul", "Tadmur", "Halab", "Nabul", "Nubula")] == [
        "kabul", "tadmur", "halab", "nabul", "nubula"
    ]  # fmt: skip


def test_rules_load_from_a_mapping() -> None:
    """``SpellingRules.from_data`` is how tests compare rule sets; a bad pattern is a clear
    error naming the file."""
    data = dict(load_yaml("geo", "spelling.yaml"))
    assert SpellingRules.from_data(data) == SpellingRules.load()
    with pytest.raises(ResourceError, match=r"spelling\.yaml"):
        SpellingRules.from_data({**data, "rewrites": [["(unclosed", ""]]})


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


def test_an_english_stop_word_stops_only_its_own_spelling(normalizer: NameNormalizer) -> None:
    """ "Male" (an English word) is keyed as "Al-Malaah" is: only "Male" is stopped; a
    person's name ("Assad") stops all its spellings."""
    matcher = PlaceMatcher(
        [normalizer.normalize("Aleppo")],
        normalizer=normalizer,
        stop_names=["Male", "Assad"],
        common_words=frozenset({"male", "nurses", "fled"}),
    )
    assert normalizer.normalize("Male") == normalizer.normalize("Al-Malaah")
    assert matcher.is_stop("Male") and matcher.is_stop("Asad")
    assert not matcher.is_stop("Al-Malaah")
    text = "Male nurses fled Al-Malaah for Aleppo."
    words, hits = matcher.scan(text)
    assert [(text[words[h.first].start : words[h.last].end], h.stop) for h in hits] == [
        ("Male", True),
        ("Aleppo", False),
    ]


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
