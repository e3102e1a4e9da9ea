"""The event's place in wire sentences of other wars (written for the project): the bundled
gazetteer knows the world's large cities only, so villages come from the place-candidate
rules, and the armed groups of those wars are actors, not places."""

from __future__ import annotations

import pytest

from extract.test_locate import names
from frontwatch.extract.actors import ActorLexicon
from frontwatch.extract.pipeline import Extractor


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        (
            "Russian forces shelled the town of Avdiivka overnight, killing three civilians.",
            "shelled",
            ["Avdiivka"],
        ),
        (
            "Ukrainian troops recaptured the village of Klishchiivka near Bakhmut.",
            "recaptured",
            ["Klishchiivka"],
        ),
        (
            "Boko Haram fighters killed 30 villagers in Gwoza, in Nigeria's Borno state.",
            "killed",
            ["Gwoza"],
        ),
        (
            "Russian missiles struck Kharkiv and Zaporizhzhia on Monday.",
            "struck",
            ["Kharkiv", "Zaporizhzhia"],
        ),
        (
            "An explosion killed four soldiers in Ramadi, the capital of Anbar province.",
            "killed",
            ["Ramadi"],
        ),
        (
            "U.S. drones struck al-Shabab positions near Jilib in southern Somalia.",
            "struck",
            ["Jilib"],
        ),
        # "Sana" (the agency, a name) stops only its own spelling: Yemen's capital is a place
        ("Airstrikes hit the Yemeni capital Sanaa overnight.", "hit", ["Sanaa"]),
        ("State news agency Sana said rebels shelled Aleppo.", "shelled", ["Aleppo"]),
        (
            "Israeli troops killed two Palestinians during a raid in Jenin in the occupied West "
            "Bank.",
            "killed",
            ["Jenin"],
        ),
        # an actor's whole name is no place, though GeoNames has a village of that name
        ("Government troops attacked the Taliban near Kandahar.", "attacked", ["Kandahar"]),
    ],
)
def test_places_of_other_wars(
    extractor: Extractor, text: str, verb: str, expected: list[str]
) -> None:
    assert names(extractor, text, verb) == expected


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("U.S. drones struck al-Shabab positions.", "al_shabaab"),
        ("Houthi rebels fired missiles at Marib.", "houthis"),
        ("The RSF shelled El Fasher.", "rsf"),
    ],
)
def test_armed_groups_of_other_wars_are_actors(text: str, actor: str) -> None:
    assert actor in [m.actor_id for m in ActorLexicon.load().mentions(text)]
