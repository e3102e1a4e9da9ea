"""The bundled gazetteer: Syrian places with ACLED admin1 names, regions, the world."""

from __future__ import annotations

import pytest

from frontwatch.geocode.gazetteer import MemoryGazetteer, Place, plain_name, syrian_admin1
from frontwatch.geocode.geocoder import focus_place

ACLED_SYRIA_ADMIN1 = {
    "Aleppo", "Al Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Dar'a", "Deir-ez-Zor",
    "Hama", "Homs", "Idleb", "Lattakia", "Quneitra", "Rural Damascus", "Tartous",
}  # fmt: skip


def test_admin1_mapping_covers_acled_names() -> None:
    assert set(syrian_admin1().values()) == ACLED_SYRIA_ADMIN1


@pytest.mark.parametrize(
    ("names", "admin1"),
    [
        (["Deir ez-Zor", "Deir Ezzor", "Deir al-Zour", "Dayr az Zawr"], "Deir-ez-Zor"),
        (["Idlib", "Idleb"], "Idleb"),
        (["Daraa", "Deraa", "Dar'a"], "Dar'a"),
        (["Hasakeh", "Hasaka", "Hassakeh"], "Al Hasakeh"),
        (["Raqqa", "Rakka"], "Ar-Raqqa"),
        (["Latakia", "Lattakia"], "Lattakia"),
        (["Quneitra", "Kuneitra"], "Quneitra"),
        (["Aleppo", "Halab"], "Aleppo"),
        (["Homs"], "Homs"),
    ],
)
def test_spelling_variants_find_the_same_syrian_place(
    gazetteer: MemoryGazetteer, names: list[str], admin1: str
) -> None:
    places = [focus_place(gazetteer.lookup(n), "SY") for n in names]
    assert all(p is not None for p in places)
    assert {p.gazetteer_id for p in places if p} == {places[0].gazetteer_id if places[0] else ""}
    assert places[0] is not None and places[0].admin1 == admin1


def test_regions_resolve_to_their_governorate(gazetteer: MemoryGazetteer) -> None:
    ghouta = gazetteer.lookup("Eastern Ghouta")
    assert [p.admin1 for p in ghouta] == ["Rural Damascus"]
    assert ghouta[0].gazetteer_id.startswith("frontwatch:")
    assert gazetteer.lookup("Damascus countryside")[0].admin1 == "Rural Damascus"


def test_world_places_and_countries(gazetteer: MemoryGazetteer) -> None:
    assert "CH" in {p.country for p in gazetteer.lookup("Geneva")}
    oman = gazetteer.lookup("Oman")
    assert [p.feature_code for p in oman] == ["PCLI"] and oman[0].country == "OM"
    assert {p.country for p in gazetteer.lookup("Tripoli")} >= {"LB", "LY"}


def test_capitals_are_marked(gazetteer: MemoryGazetteer) -> None:
    damascus = focus_place(gazetteer.lookup("Damascus"), "SY")
    assert damascus is not None and damascus.feature_code == "PPLC"


def test_names_are_normalised_keys(gazetteer: MemoryGazetteer) -> None:
    names = set(gazetteer.names())
    assert "deir zor" in names and "Deir ez-Zor" not in names


def test_memory_gazetteer_is_a_small_fake() -> None:
    place = Place(
        gazetteer_id="test:1", name="Hardatnin", country="SY", admin1="Aleppo",
        latitude=36.3, longitude=37.1, feature_class="P", feature_code="PPL",
    )  # fmt: skip
    gaz = MemoryGazetteer([(place, ["Hardatnin", "Hardetnin"])])
    assert gaz.lookup("hardetnin") == [place]
    assert gaz.lookup("Aleppo") == []
    assert gaz.memo("k", lambda: 1) == 1 and gaz.memo("k", lambda: 2) == 1


def test_plain_names_have_no_diacritics() -> None:
    assert plain_name("Dar‘ā") == "Dar'a"
    assert plain_name("Ḩamāh") == "Hamah"


def test_lookup_gives_a_fresh_list_each_time(gazetteer: MemoryGazetteer) -> None:
    first = gazetteer.lookup("Homs")
    first.clear()
    again = gazetteer.lookup("Homs")
    assert again and again == gazetteer.lookup("homs")
    assert gazetteer.key("Deir ez-Zor") == gazetteer.key("Dayr az Zawr") == "deir zor"
