"""ClaimTagger: who says so, from the reference article's sentence styles and wire styles."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.extract.claims import ClaimLexicon, ClaimTagger


@pytest.fixture(scope="module")
def lexicon() -> ClaimLexicon:
    return ClaimLexicon.load()


def claimed(lexicon: ClaimLexicon, text: str) -> list[str]:
    return [c.claimed_by for c in lexicon.mentions(text)]


@pytest.mark.parametrize(
    ("text", "claimed_by"),
    [
        (
            "Opposition sources are describing the Syrian army assault as the most intense to "
            "date claiming more than 40 civilian lives.",
            "opposition sources",
        ),
        (
            "A UK-based monitoring body also stated that the advancing Syrian army had taken "
            "control of the Hardatnin village.",
            "a UK-based monitoring body",
        ),
        ("At least 29 rebels were killed, a monitor said Sunday.", "a UK-based monitoring body"),
        (
            "22 people were killed, the Syrian Observatory for Human Rights said.",
            "Syrian Observatory for Human Rights",
        ),
        (
            "according to the Britain-based Syrian Observatory for Human Rights",
            "Syrian Observatory for Human Rights",
        ),
        ("SOHR reported 12 dead.", "Syrian Observatory for Human Rights"),
        ("The Observatory said the toll would rise.", "Syrian Observatory for Human Rights"),
        ("Syrian state media reported the blast.", "state media"),
        ("State television said 19 people were injured.", "state media"),
        ("SANA reported that terrorists fired shells.", "SANA"),
        ("Activists said the regime dropped barrel bombs.", "activists"),
        ("A military source said the army restored security.", "a military source"),
        ("Local sources said the market was hit.", "local sources"),
        ("The health ministry said 70 died.", "the ministry of health"),
        ("The White Helmets said rescuers pulled out 20 bodies.", "the White Helmets"),
        ("Reuters reported the attack.", "Reuters"),
        ("the death toll rose to 45, said the Observatory.", "Syrian Observatory for Human Rights"),
        ("One rebel commander stated that the city may be encircled.", "a rebel commander"),
    ],
)
def test_attributions(lexicon: ClaimLexicon, text: str, claimed_by: str) -> None:
    assert claimed(lexicon, text)[:1] == [claimed_by]


def test_listener_is_not_the_source(lexicon: ClaimLexicon) -> None:
    assert claimed(lexicon, "Well-informed sources told Al-Manar that the army advanced.") == [
        "local sources"
    ]
    heard = claimed(lexicon, "A source at the police command told SANA reporter that")
    assert "SANA" not in heard
    assert set(heard) == {"a military source"}


def test_source_without_speech_is_no_claim(lexicon: ClaimLexicon) -> None:
    assert claimed(lexicon, "Reuters journalists visited the town last year.") == []
    assert claimed(lexicon, "Activists were arrested in the town.") == []


def test_component_sets_extension() -> None:
    if not Doc.has_extension("fw_claims"):
        Doc.set_extension("fw_claims", default=None)
    nlp = spacy.blank("en")
    tagger = ClaimTagger(nlp, "fw_claims_v1")
    tagger.setup(None)
    text = "Ten people died, activists said."
    doc = tagger(nlp.make_doc(text))
    [claim] = doc._.fw_claims
    assert (claim.claimed_by, text[claim.start : claim.end]) == ("activists", "activists")
