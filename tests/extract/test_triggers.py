"""TriggerTagger: every ACLED sub-event type, causes, negation."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from frontwatch.extract.triggers import TriggerLexicon, TriggerTagger
from frontwatch.records import EVENT_TYPES, TriggerMention


@pytest.fixture(scope="module")
def lexicon() -> TriggerLexicon:
    return TriggerLexicon.load()


def first(lexicon: TriggerLexicon, text: str) -> TriggerMention:
    found = lexicon.mentions(text)
    assert found, f"no trigger in {text!r}"
    return found[0]


CASES = [
    # (sentence, sub-event type, cause)
    ("Clashes erupted near the airport.", "Armed clash", "unknown"),
    ("Rebels fought government troops all night.", "Armed clash", "unknown"),
    ("The army recaptured the hill.", "Government regains territory", "unknown"),
    ("The group took control of the village.", "Non-state actor overtakes territory", "unknown"),
    (
        "The SDF announced full control of Raqqa city.",
        "Non-state actor overtakes territory",
        "unknown",
    ),
    ("Air strikes hit the market.", "Air/drone strike", "airstrike"),
    ("A helicopter dropped barrel bombs on the town.", "Air/drone strike", "airstrike"),
    ("A drone strike killed two commanders.", "Air/drone strike", "airstrike"),
    ("Mortar shells landed on the school.", "Shelling/artillery/missile attack", "shelling"),
    ("Heavy artillery fire continued.", "Shelling/artillery/missile attack", "shelling"),
    ("Rocket fire hit the district.", "Shelling/artillery/missile attack", "shelling"),
    ("Victims of the sarin attack were treated.", "Chemical weapon", "chemical"),
    ("Chlorine gas was dropped on the town.", "Chemical weapon", "chemical"),
    ("A suicide bomber blew himself up.", "Suicide bomb", "explosion"),
    ("A suicide car bomb exploded at the checkpoint.", "Suicide bomb", "explosion"),
    ("A car bomb exploded at the checkpoint.", "Remote explosive/landmine/IED", "explosion"),
    ("An IED hit the patrol.", "Remote explosive/landmine/IED", "explosion"),
    ("A landmine killed a shepherd.", "Remote explosive/landmine/IED", "explosion"),
    ("A roadside bomb went off.", "Remote explosive/landmine/IED", "explosion"),
    ("A hand grenade was thrown into the shop.", "Grenade", "explosion"),
    ("The group executed 24 civilians.", "Attack", "execution"),
    ("Militants beheaded a soldier.", "Attack", "execution"),
    ("Two men were shot dead at a checkpoint.", "Attack", "shooting"),
    ("Sniper fire killed a boy.", "Attack", "shooting"),
    ("Gunmen kidnapped a doctor.", "Abduction/forced disappearance", "detention"),
    ("Women were raped by militiamen.", "Sexual violence", "other"),
    ("Hundreds joined a protest in the square.", "Peaceful protest", None),
    ("Police used tear gas on the crowd.", "Protest with intervention", None),
    ("Troops opened fire on protesters.", "Excessive force against protesters", "shooting"),
    ("A riot broke out in the prison.", "Violent demonstration", "other"),
    ("The suspect was lynched by villagers.", "Mob violence", "other"),
    ("A ceasefire took effect at midnight.", "Agreement", None),
    ("Police arrested five men.", "Arrests", "detention"),
    ("Opposition commanders sent reinforcements to Aleppo.", "Change to group/activity", None),
    ("Air defences intercepted two missiles.", "Disrupted weapons use", None),
    ("Engineers defused the device.", "Disrupted weapons use", None),
    ("The group established a base near the dam.", "Headquarters or base established", None),
    ("Fighters looted shops in the market.", "Looting/property destruction", None),
    ("The militia withdrew from the town.", "Non-violent transfer of territory", None),
    ("Residents of the besieged town starve.", "Other", "siege"),
]


@pytest.mark.parametrize(("text", "sub_type", "cause"), CASES)
def test_sub_event_types(lexicon: TriggerLexicon, text: str, sub_type: str, cause: str) -> None:
    t = first(lexicon, text)
    assert (t.sub_event_type, t.cause) == (sub_type, cause)
    assert sub_type in EVENT_TYPES[t.event_type]
    assert not t.negated
    assert text[t.start : t.end] == t.text


def test_every_acled_sub_type_is_covered() -> None:
    covered = {sub for _, sub, _ in CASES}
    assert covered == {s for subs in EVENT_TYPES.values() for s in subs}


def test_longest_phrase_wins(lexicon: TriggerLexicon) -> None:
    assert [t.text for t in lexicon.mentions("a suicide car bomb")] == ["suicide car bomb"]
    assert first(lexicon, "fighters seized weapons in the raid").sub_event_type == (
        "Disrupted weapons use"
    )


@pytest.mark.parametrize(
    "text",
    [
        "There were no clashes in the city.",
        "Russia did not carry out air strikes there.",
        "The ministry denied that its jets had bombed the hospital.",
        "Kerry requested Moscow to halt the bombing campaign.",
        "They warned the army will besiege the city.",
    ],
)
def test_negated_and_unrealised(lexicon: TriggerLexicon, text: str) -> None:
    assert all(t.negated for t in lexicon.mentions(text)), lexicon.mentions(text)


def test_negation_stays_in_its_clause(lexicon: TriggerLexicon) -> None:
    t = first(lexicon, "No one was hurt. Shelling resumed at dawn.")
    assert t.text == "Shelling" and not t.negated


def test_statements_are_no_events(lexicon: TriggerLexicon) -> None:
    assert lexicon.mentions("The minister said talks in Geneva would go on.") == []
    assert lexicon.mentions("the fight against terrorism and anti-aircraft systems") == []


def test_component_sets_extension() -> None:
    if not Doc.has_extension("fw_triggers"):
        Doc.set_extension("fw_triggers", default=None)
    nlp = spacy.blank("en")
    tagger = TriggerTagger(nlp, "fw_triggers_v1")
    tagger.setup(None)
    doc = tagger(nlp.make_doc("Russian jets struck; rebels captured the hill."))
    assert [t.text for t in doc._.fw_triggers] == ["jets", "captured"]
