"""The event's place in wire sentences of other wars (written for the project): the bundled
gazetteer knows the world's large cities only, so villages come from the place-candidate
rules, and the armed groups of those wars are actors, not places."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.test_locate import names
from frontwatch.extract.actors import ActorLexicon
from frontwatch.extract.pipeline import Extractor
from frontwatch.ingest.normalize import make_article
from frontwatch.settings import load_settings


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


def test_another_focus_country_gets_its_towns_and_no_syrian_governorates(tmp_path: Path) -> None:
    """With ``country_focus`` AF the bundled gazetteer has Afghanistan's towns; their admin1
    stays empty (the bundled admin1 names are Syria's), and Syria's borders are left out."""
    settings = load_settings(db=str(tmp_path / "none.duckdb"), country_focus="AF")
    extractor = Extractor(settings)
    text = (
        "Taliban fighters attacked a police checkpoint in Sangin district of Helmand province, "
        "killing five policemen. Separately, a roadside bomb killed two soldiers near Kandahar."
    )
    item = extractor.analyze_one(make_article(text, published="2016-02-08"))
    places = [
        (e.location.name, e.location.country, e.location.admin1) for e in item.events if e.location
    ]
    assert places == [("Sangin", "Afghanistan", None), ("near Kandahar", "Afghanistan", None)]
