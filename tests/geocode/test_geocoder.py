"""Disambiguation and precision, on the bundled gazetteer and on a small fake."""

from __future__ import annotations

import math
import random

from frontwatch.geocode.gazetteer import MemoryGazetteer, Place
from frontwatch.geocode.geocoder import Geocoder, distance_km, within_km
from frontwatch.records import Location, ToponymMention


def mention(text: str, surface: str, **kw: str | None) -> ToponymMention:
    start = text.index(surface)
    return ToponymMention(start=start, end=start + len(surface), text=surface, name=surface, **kw)


def resolve_one(geocoder: Geocoder, text: str, surface: str, **kw: str | None) -> Location:
    found = geocoder.resolve([mention(text, surface, **kw)], text=text)
    assert found[0] is not None
    return found[0]


def test_aleppo_is_the_syrian_city(geocoder: Geocoder) -> None:
    loc = resolve_one(geocoder, "Shelling hit Aleppo.", "Aleppo")
    assert (loc.admin1, loc.country, loc.geo_precision) == ("Aleppo", "Syria", 1)
    assert loc.gazetteer_id == "geonames:170063"
    assert loc.latitude is not None and 36 < loc.latitude < 36.5


def test_homs_is_syrian_not_libyan(geocoder: Geocoder) -> None:
    assert resolve_one(geocoder, "Clashes in Homs.", "Homs").country == "Syria"


def test_relative_phrase_is_precision_two(geocoder: Geocoder) -> None:
    text = "the village in the northwest of Aleppo"
    loc = resolve_one(geocoder, text, "Aleppo", relation="northwest of", admin_hint="Aleppo")
    assert (loc.name, loc.admin1, loc.geo_precision) == ("northwest of Aleppo", "Aleppo", 2)


def test_countryside_is_the_governorate(geocoder: Geocoder) -> None:
    text = "raids on Damascus countryside"
    loc = resolve_one(geocoder, text, "Damascus", relation="countryside")
    assert (loc.admin1, loc.geo_precision) == ("Rural Damascus", 3)
    assert loc.name == "Damascus countryside"
    assert loc.gazetteer_id == "frontwatch:gov-rural-damascus"


def test_tripoli_is_lebanese_only_when_lebanon_is_named(geocoder: Geocoder) -> None:
    plain = resolve_one(geocoder, "Fighters went to Tripoli.", "Tripoli")
    assert plain.country == "Libya"
    text = "Fighters went to Tripoli in northern Lebanon."
    lebanon = geocoder.resolve([mention(text, "Tripoli"), mention(text, "Lebanon")], text=text)
    assert lebanon[0] is not None and lebanon[0].country == "Lebanon"


def test_geneva_and_oman_are_places_abroad(geocoder: Geocoder) -> None:
    text = "talks in Geneva; a news conference in Oman"
    locs = geocoder.resolve([mention(text, "Geneva"), mention(text, "Oman")], text=text)
    assert [loc.country if loc else None for loc in locs] == ["Switzerland", "Oman"]
    assert locs[1] is not None and locs[1].geo_precision == 3


def test_unknown_place_keeps_its_text(geocoder: Geocoder) -> None:
    loc = resolve_one(geocoder, "the village of Zzyzxville", "Zzyzxville")
    assert loc == Location(name="Zzyzxville", geo_precision=3)
    hinted = resolve_one(geocoder, "the village of Zzyzxville", "Zzyzxville", admin_hint="Idleb")
    assert (hinted.name, hinted.admin1, hinted.geo_precision) == ("Zzyzxville", "Idleb", 3)


def test_unknown_village_near_a_known_town_is_precision_two(geocoder: Geocoder) -> None:
    text = "took the Hardatnin village in the northwest of Aleppo."
    found = geocoder.resolve(
        [mention(text, "Hardatnin"), mention(text, "Aleppo", relation="northwest of")], text=text
    )
    assert found[0] is not None
    assert (found[0].name, found[0].admin1, found[0].geo_precision) == ("Hardatnin", "Aleppo", 2)
    assert found[0].gazetteer_id is None


def test_small_foreign_namesake_is_not_trusted(geocoder: Geocoder) -> None:
    text = "Shelling hit al-Qusour district of the city."
    loc = resolve_one(geocoder, text, "al-Qusour")
    assert loc.country is None and loc.name == "al-Qusour"


def _town(
    gid: str, country: str, pop: int, point: tuple[float, float], admin1: str | None
) -> Place:
    return Place(
        gazetteer_id=gid, name="Salma", country=country, admin1=admin1, latitude=point[0],
        longitude=point[1], feature_class="P", feature_code="PPL", population=pop,
    )  # fmt: skip


def test_admin_hint_and_focus_beat_population() -> None:
    places = [
        _town("a", "SY", 500, (35.8, 36.2), "Lattakia"),
        _town("b", "SY", 9000, (33.0, 36.0), "Dar'a"),
        _town("c", "JO", 90000, (32.0, 35.9), None),
    ]
    geo = Geocoder(MemoryGazetteer([(p, ["Salma"]) for p in places]), country_names={"SY": "Syria"})
    text = "Barrel bombs fell on Salma."
    assert resolve_one(geo, text, "Salma").admin1 == "Dar'a"
    assert resolve_one(geo, text, "Salma", admin_hint="Lattakia").admin1 == "Lattakia"


def test_within_km_agrees_with_distance_km() -> None:
    """The latitude shortcut never changes the answer, on either side of the limit."""
    rnd = random.Random(2)
    for _ in range(3000):
        a = _town("a", "SY", 0, (rnd.uniform(30, 40), rnd.uniform(33, 45)), None)
        b = _town("b", "SY", 0, (a.latitude + rnd.uniform(-2, 2), rnd.uniform(33, 45)), None)
        km = rnd.choice([1.0, 50.0, 100.0, 250.0])
        assert within_km(a, b, km) is (distance_km(a, b) < km)
    origin = _town("o", "SY", 0, (36.0, 37.0), None)
    for km in (99.9, 100.0, 100.1, 101.0, 101.1):  # due north: the distance is the arc
        north = _town("n", "SY", 0, (36.0 + km / 6371.0 / math.pi * 180, 37.0), None)
        assert within_km(origin, north, 100.0) is (distance_km(origin, north) < 100.0)


def test_a_town_not_in_doubt_pulls_namesakes_near_it() -> None:
    """Of two Syrian "Salma", the one within near_km of the only "Kassab" wins, though the
    other is bigger; the pull comes from the other places of the article only."""
    near = _town("near", "SY", 500, (35.85, 35.95), "Lattakia")
    far = _town("far", "SY", 9000, (33.0, 36.0), "Dar'a")
    anchor = _town("kassab", "SY", 2000, (35.92, 35.98), "Lattakia")
    entries = [(near, ["Salma"]), (far, ["Salma"]), (anchor, ["Kassab"])]
    geo = Geocoder(MemoryGazetteer(entries), country_names={"SY": "Syria"})
    text = "Shelling hit Salma, west of Kassab."
    found = geo.resolve([mention(text, "Salma"), mention(text, "Kassab")], text=text)
    assert [loc.gazetteer_id if loc else None for loc in found] == ["near", "kassab"]
    alone = "Shelling hit Salma."
    assert resolve_one(geo, alone, "Salma").gazetteer_id == "far"
