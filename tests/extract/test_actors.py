"""ActorTagger and its lexicon: aliases, ambiguity, sides and inter codes."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.extract.actors import ActorLexicon, ActorTagger, PhraseIndex, expand, is_cased
from frontwatch.records import ActorMention


@pytest.fixture(scope="module")
def lexicon() -> ActorLexicon:
    return ActorLexicon.load()


def ids(lexicon: ActorLexicon, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor_id) for m in lexicon.mentions(text)]


def only(lexicon: ActorLexicon, text: str) -> ActorMention:
    found = lexicon.mentions(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("The Syrian army shelled the town.", "syrian_gov"),
        ("Regime forces advanced overnight.", "syrian_gov"),
        ("government troops entered the village", "syrian_gov"),
        ("Assad forces pounded the district", "syrian_gov"),
        ("the SAA regained the hill", "syrian_gov"),
        ("units of the Syrian Arab Army", "syrian_gov"),
        ("pro-government forces shelled", "syrian_gov"),
        ("the regime dropped barrels", "syrian_gov"),
        ("army units targeted the hideouts", "syrian_gov"),
        ("NDF fighters manned the checkpoint", "ndf"),
        ("the Tiger Forces advanced", "tiger_forces"),
        ("Iraqi Shiite militias fought", "shia_militias"),
        ("Russian aeroplanes are working 24 hours", "russia"),
        ("heavy bombardment by Russian jets", "russia"),
        ("Russian warplanes struck", "russia"),
        ("the IRGC sent advisers", "iran"),
        ("Hezbollah fighters crossed", "hezbollah"),
        ("the Free Syrian Army said", "fsa"),
        ("FSA fighters", "fsa"),
        ("Ahrar al-Sham fighters", "ahrar_al_sham"),
        ("the Army of Islam fired mortars", "jaysh_al_islam"),
        ("Faylaq al-Rahman", "faylaq_al_rahman"),
        ("the Nour al-Din al-Zenki movement", "zenki"),
        ("opposition fighters retreated", "opposition_rebels"),
        ("armed groups attacked", "opposition_rebels"),
        ("insurgents attacked", "opposition_rebels"),
        ("terrorists fired rocket shells", "gov_media_terrorists"),
        ("armed terrorist groups shelled", "gov_media_terrorists"),
        ("al-Nusra Front fighters", "nusra"),
        ("Jabhat Fateh al-Sham", "jfs"),
        ("Hayat Tahrir al-Sham took", "hts"),
        ("HTS seized", "hts"),
        ("the Islamic State group", "islamic_state"),
        ("ISIS fighters", "islamic_state"),
        ("ISIL attacked", "islamic_state"),
        ("Daesh attacked", "islamic_state"),
        ("IS militants", "islamic_state"),
        ("the SDF advanced", "sdf"),
        ("Syrian Democratic Forces", "sdf"),
        ("the YPG said", "ypg"),
        ("Kurdish fighters", "ypg"),
        ("the PYD", "pyd"),
        ("coalition warplanes struck", "coalition"),
        ("the international coalition", "coalition"),
        ("the US-led coalition", "coalition"),
        ("Turkish forces shelled", "turkey"),
        ("Operation Euphrates Shield", "turkey"),
        ("the TSK said", "turkey"),
        ("Israeli jets struck", "israel"),
        ("civilians fled", "civilians"),
        ("protesters gathered", "protesters"),
        ("unidentified gunmen shot", "unidentified"),
    ],
)
def test_aliases(lexicon: ActorLexicon, text: str, actor_id: str) -> None:
    assert actor_id in [m.actor_id for m in lexicon.mentions(text)]


@pytest.mark.parametrize(
    ("actor_id", "side", "inter"),
    [
        ("syrian_gov", "government", 1),
        ("russia", "government", 8),
        ("iran", "government", 8),
        ("ndf", "government", 3),
        ("opposition_rebels", "opposition", 2),
        ("nusra", "jihadist", 2),
        ("islamic_state", "islamic_state", 2),
        ("sdf", "kurdish", 2),
        ("coalition", "coalition", 8),
        ("turkey", "turkey", 8),
        ("israel", "israel", 8),
        ("civilians", "civilians", 7),
        ("protesters", "civilians", 6),
    ],
)
def test_sides_and_inter(lexicon: ActorLexicon, actor_id: str, side: str, inter: int) -> None:
    entry = lexicon.entries[actor_id]
    assert (entry.side, entry.inter) == (side, inter)


def test_verb_is_and_pronoun_us_are_no_actors(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "It is clear that the talks will help us all.") == []
    assert ids(lexicon, "IS advanced") == [("IS", "islamic_state")]


def test_army_alone_needs_a_head(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "an army of volunteers") == []
    assert ids(lexicon, "army shelling of the town")[0][1] == "syrian_gov"


def test_named_armies_beat_the_syrian_army(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "the Free Syrian Army") == [("Free Syrian Army", "fsa")]
    assert ids(lexicon, "the Lebanese army") == [("Lebanese army", "lebanese_army")]
    assert ids(lexicon, "the Army of Islam") == [("Army of Islam", "jaysh_al_islam")]


def test_attributive_adjective_only_before_a_head(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "the Russian foreign minister said") == []
    assert only(lexicon, "Russian air strikes hit the town").actor_id == "russia"
    assert only(lexicon, "U.S. forces landed").actor_id == "us_forces"
    assert ids(lexicon, "airstrikes by the Russian and regime forces")[0] == ("Russian", "russia")


def test_generic_label_absorbed_by_named_actor(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "ISIL terrorists attacked") == [("ISIL terrorists", "islamic_state")]
    assert ids(lexicon, "the terrorist Ahrar al-Sham") == [
        ("terrorist Ahrar al-Sham", "ahrar_al_sham")
    ]
    assert ids(lexicon, "terrorists of Jabhat al-Nusra fired") == [
        ("terrorists of Jabhat al-Nusra", "nusra")
    ]
    assert ids(lexicon, "clashes between IS and rebels") == [
        ("IS", "islamic_state"),
        ("rebels", "opposition_rebels"),
    ]


def test_gunmen_a_named_actor_owns_are_that_actor(lexicon: ActorLexicon) -> None:
    assert ids(lexicon, "ISIS gunmen shot dead a woman") == [("ISIS gunmen", "islamic_state")]
    assert ids(lexicon, "ISIS-affiliated gunmen killed") == [
        ("ISIS-affiliated gunmen", "islamic_state")
    ]
    # nobody named them, or they are only backed by the named one
    assert ids(lexicon, "unidentified gunmen shot dead a man") == [
        ("unidentified gunmen", "unidentified")
    ]
    assert ids(lexicon, "ISIS and gunmen clashed") == [
        ("ISIS", "islamic_state"),
        ("gunmen", "unidentified"),
    ]


def test_possessive_and_hyphen_variants(lexicon: ActorLexicon) -> None:
    assert only(lexicon, "the Syrian armys shelling").actor_id == "syrian_gov"
    assert only(lexicon, "Hezbollah's fighters").actor_id == "hezbollah"
    assert only(lexicon, "al Nusra Front").actor_id == "nusra"


def test_offsets_index_the_text(lexicon: ActorLexicon) -> None:
    text = "Yesterday Russian warplanes struck."
    m = only(lexicon, text)
    assert text[m.start : m.end] == m.text == "Russian warplanes"
    assert m.name == "Military Forces of Russia (2000-)"


def test_expand_optional_endings() -> None:
    assert expand("clash(es)") == ["clash", "clashes"]
    assert expand("air strike(s)") == ["air strike", "air strikes"]


def test_case_sensitivity_rule() -> None:
    assert is_cased("IS") and is_cased("U.S.") and is_cased("IEDs")
    assert not is_cased("Daesh") and not is_cased("Isis")


def test_phrase_index_keeps_longest_and_whole_words() -> None:
    index = PhraseIndex([("car bomb", 1), ("suicide car bomb", 2), ("bomb", 3)])
    assert [(h.start, h.payload) for h in index.find("a suicide car bomb and a bombing")] == [
        (2, 2)
    ]


def test_component_sets_extension() -> None:
    if not Doc.has_extension("fw_actors"):
        Doc.set_extension("fw_actors", default=None)
    nlp = spacy.blank("en")
    tagger = ActorTagger(nlp, "fw_actors_v1")
    tagger.setup(None)
    doc = tagger(nlp.make_doc("Syrian army attack on Northern Aleppo"))
    assert [m.actor_id for m in doc._.fw_actors] == ["syrian_gov"]
