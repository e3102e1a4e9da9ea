"""CasualtyTagger: figures, categories, statuses, chains, negations and what is dropped."""

from __future__ import annotations

import random
import re

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.anchors import word_view
from frontwatch.errors import ResourceError
from frontwatch.extract.casualties import (
    CATEGORIES,
    CasualtyGrammar,
    CasualtyLexicon,
    CasualtyTagger,
)
from frontwatch.extract.numbers import Lexicon

Row = tuple[int, str, str, str | None]


@pytest.fixture(scope="module")
def grammar() -> CasualtyGrammar:
    return CasualtyGrammar.load()


def rows(grammar: CasualtyGrammar, text: str) -> list[Row]:
    return [(m.count, m.category, m.status, m.qualifier) for m in grammar.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "killing 12 people including 5 children",
            [(12, "total", "killed", None), (5, "children", "killed", None)],
        ),
        (
            "12 people, among them 3 women, were killed",
            [(12, "total", "killed", None), (3, "women", "killed", None)],
        ),
        ("the death toll rose to 40", [(40, "total", "killed", None)]),
        ("putting the death toll at at least 70.", [(70, "total", "killed", "at least")]),
        (
            "The death toll from a bomb attack on a bus convoy has reached at least 126",
            [(126, "total", "killed", "at least")],
        ),
        ("40 civilians were killed", [(40, "civilians", "killed", None)]),
        ("claiming more than 40 civilian lives", [(40, "civilians", "killed", "more than")]),
        ("the bodies of 20 were found", [(20, "total", "killed", None)]),
        ("rescuers found 35 bodies", [(35, "total", "killed", None)]),
        ("killed 3 and wounded 10", [(3, "total", "killed", None), (10, "total", "injured", None)]),
        ("Suicide bombing kills at least 16 in Hasaka", [(16, "total", "killed", "at least")]),
        ("22 dead in heavy U.S. raids", [(22, "total", "killed", None)]),
        ("Dozens Killed in Coalition Airstrikes", [(12, "total", "killed", "at least")]),
        ("a massacre that left 30 villagers dead", [(30, "civilians", "killed", None)]),
        ("killed 25 Syrian army soldiers", [(25, "combatants", "killed", None)]),
        (
            "killed at least 22 Red Crescent [SARC] volunteers",
            [(22, "civilians", "killed", "at least")],
        ),
        ("At least 14 of the dead were rebels", [(14, "combatants", "killed", "at least")]),
        (
            "the killing of one person and the injury of 40 others",
            [(1, "total", "killed", None), (40, "total", "injured", None)],
        ),
    ],
)
def test_killed_figures(grammar: CasualtyGrammar, text: str, expected: list[Row]) -> None:
    assert rows(grammar, text) == expected


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("three civilians were killed", "civilians"),
        ("three residents were killed", "civilians"),
        ("three villagers were killed", "civilians"),
        ("three persons were killed", "total"),
        ("three children were killed", "children"),
        ("three kids were killed", "children"),
        ("three minors were killed", "children"),
        ("three girls were killed", "children"),
        ("three women were killed", "women"),
        ("three soldiers were killed", "combatants"),
        ("three fighters were killed", "combatants"),
        ("three militants were killed", "combatants"),
        ("three terrorists were killed", "combatants"),
        ("three rebels were killed", "combatants"),
        ("three gunmen were killed", "combatants"),
        ("three jihadists were killed", "combatants"),
        ("three members were killed", "combatants"),
        ("three family members were killed", "civilians"),
    ],
)
def test_categories(grammar: CasualtyGrammar, text: str, category: str) -> None:
    assert rows(grammar, text) == [(3, category, "killed", None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a child was killed", [(1, "children", "killed", None)]),
        (
            "A woman and a child were killed",
            [(1, "women", "killed", None), (1, "children", "killed", None)],
        ),
        (
            "killed a nurse and two soldiers",
            [(1, "civilians", "killed", None), (2, "combatants", "killed", None)],
        ),
    ],
)
def test_singular_articles_count_one(
    grammar: CasualtyGrammar, text: str, expected: list[Row]
) -> None:
    assert rows(grammar, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Six civilians including a child were among at least 22 people killed",
            [
                (6, "civilians", "killed", None),
                (1, "children", "killed", None),
                (22, "total", "killed", "at least"),
            ],
        ),
        (
            "At least 11 civilians among them three children were killed Thursday",
            [(11, "civilians", "killed", "at least"), (3, "children", "killed", None)],
        ),
        (
            "Ten children were among at least 48 people killed in a village",
            [(10, "children", "killed", None), (48, "total", "killed", "at least")],
        ),
        (
            "Two women and two soldiers were killed in the attack",
            [(2, "women", "killed", None), (2, "combatants", "killed", None)],
        ),
        (
            "killing six people and wounding 30 others including 4 children",
            [
                (6, "total", "killed", None),
                (30, "total", "injured", None),
                (4, "children", "injured", None),
            ],
        ),
    ],
)
def test_chains_share_a_status(grammar: CasualtyGrammar, text: str, expected: list[Row]) -> None:
    assert rows(grammar, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An explosion killed six people and injured another ten",
            [(6, "total", "killed", None), (10, "total", "injured", None)],
        ),
        (
            "Six people were killed and dozens others wounded",
            [(6, "total", "killed", None), (12, "total", "injured", "at least")],
        ),
        (
            "10 civilians killed 15 injured in rocket attacks",
            [(10, "civilians", "killed", None), (15, "total", "injured", None)],
        ),
        ("A suicide bomber killed four people", [(4, "total", "killed", None)]),
        (
            "A woman and a child were killed and twenty civilians were treated",
            [(1, "women", "killed", None), (1, "children", "killed", None)],
        ),
        (
            "At least 400 people - mainly women and children - have been injured",
            [(400, "total", "injured", "at least")],
        ),
    ],
)
def test_injured_figures_are_kept_apart(
    grammar: CasualtyGrammar, text: str, expected: list[Row]
) -> None:
    assert rows(grammar, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "More than 230000 people have been killed in Syria since the conflict began",
        "the strike could kill hundreds of people",
        "dozens of people could die",
        "Regime aircraft dropped more than 1000 bombs in at least 150 airstrikes",
        "In 2015 rebels captured the town",
        "Killed in April 15 Terrorist Attack",
        "a terrorist group banned in Russia was blamed",
        "Thirteen people were transferred to other facilities",
        "they fought for three days and 500 buildings were destroyed",
        "the 21-year-old was killed",
    ],
)
def test_no_figure(grammar: CasualtyGrammar, text: str) -> None:
    assert rows(grammar, text) == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("No one was killed in the attack.", "killed"),
        ("There were no casualties.", "killed"),
        ("nobody was injured", "injured"),
    ],
)
def test_negations_give_zero(grammar: CasualtyGrammar, text: str, status: str) -> None:
    assert rows(grammar, text) == [(0, "total", status, None)]


def test_spans_cover_the_evidence_phrase(grammar: CasualtyGrammar) -> None:
    text = "Opposition sources say the offensive is claiming more than 40 civilian lives."
    (found,) = grammar.find(text)
    assert found.text == "more than 40 civilian lives" == text[found.start : found.end]
    text = "The raid killed 12 people, a monitor said."
    (found,) = grammar.find(text)
    assert found.text == "killed 12 people"


def test_tagger_sets_the_doc_extension() -> None:
    if not Doc.has_extension("fw_casualties"):
        Doc.set_extension("fw_casualties", default=None)
    nlp = spacy.blank("en")
    tagger = CasualtyTagger(nlp, "fw_casualties_v1")
    tagger.setup(None)
    doc = tagger(nlp.make_doc("Air strikes killed 9 civilians. 4 soldiers were wounded."))
    assert [(m.count, m.category, m.status) for m in doc._.fw_casualties] == [
        (9, "civilians", "killed"),
        (4, "combatants", "injured"),
    ]
    assert [m.start for m in doc._.fw_casualties] == sorted(m.start for m in doc._.fw_casualties)


def test_lexicon_schema() -> None:
    lex = CasualtyLexicon.load()
    assert {category for category, _ in lex.nouns.values()} == set(CATEGORIES)
    assert lex.nouns["people"] == ("total", False) and lex.nouns["child"] == ("children", True)
    assert set(lex.status) == {"after", "before"}
    assert all(set(v) == {"killed", "injured"} for v in lex.status.values())
    words = [*lex.nouns, *lex.file.words("stopwords"), *lex.file.words("connectors")]
    assert all(w == w.lower() for w in words)
    status_nouns = {w for group in lex.file.raw["status_nouns"].values() for w in group}
    assert set(lex.file.words("stopwords")) & set(lex.nouns) <= status_nouns
    assert {"on", "no"} <= set(lex.file.words("stopwords"))


def test_lexicon_rejects_yaml_booleans() -> None:
    with pytest.raises(ResourceError, match="'stopwords'"):
        Lexicon("casualties.yaml", {"stopwords": ["in", True]}).words("stopwords")


def test_lexicon_errors_name_the_key() -> None:
    raw = dict(CasualtyLexicon.load().file.raw)
    raw["nouns"] = {"soldiers": {"plural": ["troops"]}}
    with pytest.raises(ResourceError, match="'nouns'"):
        CasualtyLexicon.from_file(Lexicon("casualties.yaml", raw))


def casualty_texts(grammar: CasualtyGrammar, n: int) -> list[str]:
    """Random runs of the casualty lexicon's words, figures and separators."""
    lex = grammar.lex.file
    words = [*grammar.lex.nouns, *lex.words("stopwords"), *grammar.modifiers]
    words += [*grammar.after_words, *lex.words("cumulative_after"), *lex.words("connectors")]
    words += ["12", "1,200", "three", "dozens", "a", "of", "the dead", "toll", "[civilian]"]
    words += ["no one was killed", "Nobody died", "pro-regime", "U.S.", "Children's", "ſ"]
    rnd = random.Random(3)
    seps = [" ", " ", "  ", "-", ", ", ". ", "\n", "'s ", " of ", "; "]
    texts = ["Dozens of civilians were killed", "hundreds of Syrian army soldiers died"]
    for _ in range(n):
        picked = [rnd.choice(words) for _ in range(rnd.randint(2, 14))]
        cased = [w.capitalize() if rnd.random() < 0.25 else w for w in picked]
        texts.append("".join(w + rnd.choice(seps) for w in cased))
    return texts


def test_anchored_scans_find_what_the_patterns_find(grammar: CasualtyGrammar) -> None:
    """Negations, status words and whole-war words are looked for only where their words
    begin (``frontwatch.anchors``): same matches, in the text and in any window of it."""
    for text in casualty_texts(grammar, 300):
        view = word_view(text)
        for anchored in (grammar.negation, grammar.after, grammar.cumulative):
            expected = [m.span() for m in anchored.pattern.finditer(text)]
            assert [m.span() for m in anchored.finditer(text, view)] == expected
            for pos, endpos in ((0, len(text)), (3, len(text) // 2), (len(text) // 3, len(text))):
                found = anchored.search(text, pos, endpos, view)
                plain = anchored.pattern.search(text, pos, endpos)
                assert (found and found.span()) == (plain and plain.span())


def test_noun_check_never_hides_a_figure(grammar: CasualtyGrammar) -> None:
    """``_noun_near`` skips the slow noun pattern only where it cannot match."""
    for text in casualty_texts(grammar, 300):
        view = word_view(text)
        nouns = list(grammar.noun_words.starts(view)) if view else None
        for num in grammar.numbers.finditer(text, view):
            assert grammar._figure(text, num, nouns) == grammar._figure(text, num, None)


def test_sentence_ends_skip_capitals_before_the_mark(grammar: CasualtyGrammar) -> None:
    text = "U.S. jets struck. Then A. Smith left!! (he said.) Done?"
    ends = [m.end() for m in grammar.sentence_end.finditer(text)]
    assert [text[end - 8 : end] for end in ends] == ["struck. ", " left!! ", " said.) "]
    plain = re.compile(r"(?<![A-Z])[.!?]+[\"')\]]*\s+")  # slower: tried at every character
    for text in casualty_texts(grammar, 200):
        assert [m.span() for m in grammar.sentence_end.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]
