"""Disambiguation and precision, on the bundled gazetteer and on a small fake."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from builders import make_analyzed
from frontwatch.extract.toponyms import ToponymTagger, english_words
from frontwatch.geocode.gazetteer import MemoryGazetteer, Place
from frontwatch.geocode.geocoder import Geocoder, distance_km, within_km
from frontwatch.records import Location, ToponymMention
from frontwatch.store.db import Store


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


@pytest.mark.parametrize(
    ("relation", "name", "precision", "gazetteer_id"),
    [
        # the halves of the city in the reporting of 2012-2016 (data/geo city_parts) ...
        ("eastern", "eastern Aleppo", 2, "geonames:170063"),
        ("western", "western Aleppo", 2, "geonames:170063"),
        # ... but the province's countryside to the north and south
        ("northern", "northern Aleppo", 3, "frontwatch:gov-aleppo"),
    ],
)
def test_a_compass_part_of_aleppo_is_the_city_or_the_province(
    geocoder: Geocoder, relation: str, name: str, precision: int, gazetteer_id: str
) -> None:
    text = f"Jets struck {relation} Aleppo."
    loc = resolve_one(geocoder, text, "Aleppo", relation=relation)
    assert (loc.name, loc.geo_precision, loc.gazetteer_id) == (name, precision, gazetteer_id)
    assert loc.admin1 == "Aleppo"


def test_a_governorate_wide_location_is_placed_at_the_provincial_capital(
    geocoder: Geocoder,
) -> None:
    """ACLED's rule for an event known only by its province; the name and precision say so."""
    text = "Jets struck the Idlib countryside."
    loc = resolve_one(geocoder, text, "Idlib", relation="countryside")
    city = resolve_one(geocoder, "Clashes in Idlib.", "Idlib")
    assert (loc.name, loc.geo_precision, loc.gazetteer_id) == (
        "Idlib countryside",
        3,
        "frontwatch:gov-idleb",
    )
    assert (loc.latitude, loc.longitude) == (city.latitude, city.longitude)
    # Rural Damascus has no capital of its own: its representative point
    rural = resolve_one(
        geocoder, "raids on Damascus countryside", "Damascus", relation="countryside"
    )
    assert (rural.latitude, rural.longitude) == (33.6, 36.65)


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


# The disambiguation record: the chosen place's score, how it matched, the runner-up.


def runner_score(loc: Location) -> float:
    assert loc.runner_up is not None
    return float(loc.runner_up.rsplit(" ", 1)[1])


def test_the_choice_keeps_its_score_and_runner_up(geocoder: Geocoder) -> None:
    homs = resolve_one(geocoder, "Clashes in Homs.", "Homs")
    assert homs.match == "exact" and homs.score is not None
    assert homs.runner_up is not None and "Libya (geonames:" in homs.runner_up
    assert homs.score > runner_score(homs)
    text = "Fighters went to Tripoli in northern Lebanon."
    tripoli, _ = geocoder.resolve([mention(text, "Tripoli"), mention(text, "Lebanon")], text=text)
    assert tripoli is not None and tripoli.runner_up is not None
    assert tripoli.runner_up.startswith("Tripoli, Libya (geonames:2210247) ")


def test_a_sole_candidate_has_no_runner_up(geocoder: Geocoder) -> None:
    loc = resolve_one(geocoder, "Shelling hit Aleppo.", "Aleppo")
    assert loc.score is not None and loc.runner_up is None


def test_an_untrusted_namesake_is_the_runner_up_of_an_unresolved_name(geocoder: Geocoder) -> None:
    loc = resolve_one(geocoder, "Shelling hit al-Qusour district of the city.", "al-Qusour")
    assert (loc.gazetteer_id, loc.score, loc.match) == (None, None, None)
    assert loc.runner_up is not None and ", Egypt (geonames:" in loc.runner_up


def _place(gid: str, **kw: object) -> Place:
    values: dict[str, object] = {
        "gazetteer_id": gid, "name": "Salma", "country": "SY", "admin1": "Lattakia",
        "latitude": 35.8, "longitude": 36.2, "feature_class": "P", "feature_code": "PPL",
        "population": 0,
    }  # fmt: skip
    values.update(kw)
    return Place.model_validate(values)


def _geo(*entries: tuple[Place, list[str]]) -> Geocoder:
    return Geocoder(MemoryGazetteer(entries), country_names={"SY": "Syria"})


def test_population_prior_decides_between_namesakes() -> None:
    small = _place("small", population=800)
    big = _place("big", population=40_000, latitude=35.2, longitude=36.9, admin1="Hama")
    loc = resolve_one(_geo((small, ["Salma"]), (big, ["Salma"])), "Shelling hit Salma.", "Salma")
    assert loc.gazetteer_id == "big"
    assert loc.runner_up is not None and loc.runner_up.startswith("Salma, Lattakia, Syria (small)")
    assert loc.score is not None and loc.score - runner_score(loc) == pytest.approx(
        math.log10(40_010) - math.log10(810), abs=0.01
    )


def test_feature_class_prior_puts_a_town_before_a_region() -> None:
    region = _place("region", feature_class="L", feature_code="RGN")
    town = _place("town", latitude=35.0, longitude=36.5, admin1="Hama")
    loc = resolve_one(_geo((region, ["Salma"]), (town, ["Salma"])), "Clashes in Salma.", "Salma")
    assert (loc.gazetteer_id, loc.geo_precision) == ("town", 1)
    assert loc.runner_up is not None and "(region)" in loc.runner_up


def test_distance_prior_prefers_the_namesake_nearer_the_other_places() -> None:
    """Both namesakes lie within near_km of Kassab; the nearer one wins (the bonus fades
    with distance), and with Kassab far from both, the bigger one wins again."""
    nearer = _place("nearer", latitude=35.85, longitude=35.95, population=500)
    farther = _place("farther", latitude=35.3, longitude=36.0, population=600)
    kassab = _place("kassab", name="Kassab", latitude=35.92, longitude=35.98)
    geo = _geo((nearer, ["Salma"]), (farther, ["Salma"]), (kassab, ["Kassab"]))
    text = "Shelling hit Salma, south of Kassab."
    found = geo.resolve([mention(text, "Salma"), mention(text, "Kassab")], text=text)
    assert found[0] is not None and found[0].gazetteer_id == "nearer"
    assert resolve_one(geo, "Shelling hit Salma.", "Salma").gazetteer_id == "farther"


def test_one_place_in_two_gazetteers_is_still_not_in_doubt() -> None:
    """Kassab listed twice (two sources, a few km apart) still anchors its neighbours."""
    nearer = _place("nearer", latitude=35.85, longitude=35.95, population=500)
    farther = _place("farther", latitude=33.0, longitude=36.0, population=9000, admin1="Dar'a")
    kassab = _place("kassab", name="Kassab", latitude=35.92, longitude=35.98)
    again = _place("kassab-2", name="Kassab", latitude=35.95, longitude=36.05)
    entries = [(nearer, ["Salma"]), (farther, ["Salma"]), (kassab, ["Kassab"]), (again, ["Kasab"])]
    text = "Shelling hit Salma, south of Kassab."
    found = _geo(*entries).resolve([mention(text, "Salma"), mention(text, "Kassab")], text=text)
    assert found[0] is not None and found[0].gazetteer_id == "nearer"


@pytest.fixture(scope="module")
def salma_tagger() -> tuple[ToponymTagger, Geocoder]:
    """The real toponym tagger over a small gazetteer: three Syrian Salma (the Dar'a one
    far bigger) and three governorates' names."""
    entries = [
        (_place("salma-lattakia", population=2000), ["Salma"]),
        (_place("salma-daraa", population=200_000, latitude=32.7, admin1="Dar'a"), ["Salma"]),
        (_place("salma-idleb", population=5000, latitude=35.9, longitude=36.6, admin1="Idleb"),
         ["Salma"]),
        (_place("lattakia", name="Latakia", population=400_000, latitude=35.52, longitude=35.79),
         ["Latakia", "Lattakia"]),
        (_place("idlib", name="Idlib", population=100_000, admin1="Idleb", latitude=35.93,
                longitude=36.63), ["Idlib", "Idleb"]),
        (_place("hama", name="Hama", population=500_000, admin1="Hama", latitude=35.13,
                longitude=36.75), ["Hama"]),
    ]  # fmt: skip
    geo = _geo(*entries)
    tagger = ToponymTagger(None, "fw_toponyms_test")
    tagger.configure(geo.gazetteer, geo, english=english_words(None))
    return tagger, geo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Barrel bombs fell on Salma in Lattakia province.", "salma-lattakia"),
        ("Barrel bombs fell on Salma, in the Lattakia countryside.", "salma-lattakia"),
        ("Barrel bombs fell on Salma in Lattakia's northern countryside.", "salma-lattakia"),
        ("Barrel bombs fell on Salma in the countryside of Lattakia.", "salma-lattakia"),
        ("Barrel bombs fell on Salma in Idlib province.", "salma-idleb"),
        ("Barrel bombs fell on Salma in northern Idlib.", "salma-idleb"),
        ("Barrel bombs fell on Salma.", "salma-daraa"),
        ("Barrel bombs fell on Salma. Hama province was calm.", "salma-daraa"),
    ],
)
def test_explicit_admin_context_decides(
    salma_tagger: tuple[ToponymTagger, Geocoder], text: str, expected: str
) -> None:
    """ "in Idlib province", "Lattakia countryside", "Lattakia's northern countryside":
    the admin1 the context names beats a bigger namesake elsewhere; in another sentence it
    does not count."""
    tagger, geo = salma_tagger
    mentions = tagger.mentions(text)
    assert mentions[0].text == "Salma"
    loc = geo.resolve(mentions, text=text)[0]
    assert loc is not None and loc.gazetteer_id == expected


def test_the_record_survives_the_store(tmp_path: Path) -> None:
    analyzed = make_analyzed("Shelling hit Homs.")
    loc = Location(
        name="Homs", admin1="Homs", country="Syria", latitude=34.72, longitude=36.73,
        geo_precision=1, gazetteer_id="geonames:169577", score=10.89, match="fuzzy",
        runner_up="Al Khums, Libya (geonames:2219905) 5.81",
    )  # fmt: skip
    event = analyzed.events[0].model_copy(update={"location": loc})
    analyzed = analyzed.model_copy(update={"events": [event], "main_event": event})
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([analyzed])
        (stored,) = store.events()
    assert stored.event.location == loc


def test_an_address_written_with_commas_gives_its_governorate() -> None:
    """ "Salma, Latakia": the governorate named last (by its capital's name) is the hint, as
    in "Salma in Latakia province"; in a list ("Salma, Latakia and Tartus") it is not."""
    small = _town("small", "SY", 50, (35.8, 36.2), "Lattakia")
    big = _town("big", "SY", 9000, (33.0, 36.0), "Dar'a")
    latakia = Place(
        gazetteer_id="latakia", name="Latakia", country="SY", admin1="Lattakia",
        latitude=35.53125, longitude=35.79088, feature_class="P", feature_code="PPLA",
        population=380000,
    )  # fmt: skip
    tartus = latakia.model_copy(
        update={"gazetteer_id": "tartus", "name": "Tartus", "admin1": "Tartous",
                "latitude": 34.88902, "longitude": 35.88659}
    )  # fmt: skip
    entries = [(small, ["Salma"]), (big, ["Salma"]), (latakia, ["Latakia"]), (tartus, ["Tartus"])]
    geo = Geocoder(MemoryGazetteer(entries), country_names={"SY": "Syria"})

    def salma(text: str, *others: str) -> str | None:
        found = geo.resolve([mention(text, n) for n in ("Salma", *others)], text=text)
        assert found[0] is not None
        return found[0].admin1

    assert salma("Barrel bombs fell on Salma, Latakia.", "Latakia") == "Lattakia"
    assert salma("Barrel bombs fell on Salma, Latakia and Tartus.", "Latakia", "Tartus") == (
        "Dar'a"
    )
    assert salma("Barrel bombs fell on Salma.") == "Dar'a"
