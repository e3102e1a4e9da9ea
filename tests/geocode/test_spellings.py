"""Every spelling issue 3 lists meets its place; distinct Syrian places stay distinct.

The Syrian gazetteers under ../shared/data/gazetteers are read here with a few lines each
(names and a point are all these tests need), so that the spelling rules are checked on
every Syrian name list we have, whatever the importer makes of the other columns.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections import defaultdict
from collections.abc import Callable

import pytest

from conftest import shared_file
from frontwatch.geocode.gazetteer import MemoryGazetteer, Place, bundled_entries
from frontwatch.geocode.geocoder import Geocoder, distance_km
from frontwatch.geocode.names import NameNormalizer, SpellingRules
from frontwatch.records import Location, ToponymMention
from frontwatch.resources import load_yaml
from frontwatch.settings import Settings

Entry = tuple[Place, list[str]]

ISSUE_SPELLINGS = {
    "Nubl": ["Nubl", "Nubul", "Noubbol", "Noubbel", "Nubbol"],
    "Zahraa": ["al-Zahraa", "Zahra", "az-Zahra'", "Zahraa", "Al Zahraa", "el-Zahraa", "Zahra’"],
    "Tall Rif'at": [
        "Tal Rifaat", "Tall Rif'at", "Tall Rif‘at", "Tel Rifaat", "Tell Rifaat", "Tall Rifʿat",
        "Tall Rif’at", "Tal Rif'at",
    ],
    "Hardatnin": ["Hardatnin", "Hardatneen"],
    "Kafr Hamra": ["Kafr Hamra", "Kfar Hamra", "Kafr al-Hamra", "Kafr Hamraa"],
    "Bayanoun": ["Bayanoun", "Bayanun", "Bayanoon"],
    "al-Sakhour": ["al-Sakhour", "Sakhur", "ash-Sakhour", "As-Sakhour", "Al Sakhour"],
}  # fmt: skip


def _place(gid: str, name: str, lat: float, lon: float) -> Place:
    return Place(
        gazetteer_id=gid, name=name, country="SY", latitude=lat, longitude=lon,
        feature_class="P", feature_code="PPL",
    )  # fmt: skip


def archive() -> list[Entry]:
    """Syrian Archive: 819 neighbourhoods, villages and landmarks."""
    rows = json.loads(shared_file("gazetteers", "syrianarchive-locations.json").read_text())
    out = []
    for r in rows:
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except ValueError:
            continue
        name = r["name"].strip()
        out.append((_place(f"sa:{r['id']}", name, lat, lon), [name, r["arabic_name"].strip()]))
    return out


def open_syria() -> list[Entry]:
    """Open-Syria sub-districts with their aliases (formal "Nahiyat ..." names left out)."""
    path = shared_file("gazetteers", "open-syria", "subdistricts.json")
    out = []
    for r in json.loads(path.read_text(encoding="utf-8")):
        names = [r["name"]["en"], r["name"]["ar"]]
        names += [a["value"] for a in r["aliases"] if a["type"] != "formal"]
        c = r["centroid"]
        out.append((_place(r["id"], r["name"]["en"], c["latitude"], c["longitude"]), names))
    return out


def ocha() -> list[Entry]:
    """OCHA admin points: districts and sub-districts, English and Arabic."""
    out = []
    with shared_file("gazetteers", "syr_adminpoints.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["admin_leve"] in ("2", "3"):
                gid = f"ocha:{r['adm3_pcode'] or r['adm2_pcode']}"
                place = _place(gid, r["name"], float(r["y_coord"]), float(r["x_coord"]))
                out.append((place, [r["name"], r["name1"]]))
    return out


def cities15000() -> list[Entry]:
    """GeoNames' full dump format: name, ascii name, alternate names."""
    out = []
    text = shared_file("gazetteers", "SY_cities15000_2012.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        place = _place(f"geonames:{f[0]}", f[1], float(f[4]), float(f[5]))
        out.append((place, [f[1], f[2], *f[3].split(",")]))
    return out


def bundled(settings: Settings) -> list[Entry]:
    return [(p, list(names)) for p, names in bundled_entries(settings) if p.country == "SY"]


def plain_normalizer() -> NameNormalizer:
    """Case, diacritics, marks and articles only: no variant table, no rewrites."""
    data = dict(load_yaml("geo", "spelling.yaml"))
    return NameNormalizer(SpellingRules.from_data({**data, "rewrites": [], "token_variants": {}}))


def rule_made_merges(entries: list[Entry], normalizer: NameNormalizer) -> dict[str, set[str]]:
    """Key -> names of the distinct places (over 2 km apart) that meet only through the
    spelling rules: they share a key but no name even when only folded."""
    plain = plain_normalizer()
    by_key: dict[str, set[int]] = defaultdict(set)
    plain_keys = []
    for i, (_, names) in enumerate(entries):
        plain_keys.append({plain.normalize(n) for n in names})
        for key in {normalizer.normalize(n) for n in names} - {""}:
            by_key[key].add(i)
    merged: dict[str, set[str]] = defaultdict(set)
    for key, found in by_key.items():
        for a, b in itertools.combinations(sorted(found), 2):
            pa, pb = entries[a][0], entries[b][0]
            if plain_keys[a] & plain_keys[b] or distance_km(pa, pb) <= 2:
                continue
            merged[key] |= {pa.name, pb.name}
    return merged


KNOWN_MERGES = {
    "mara": "Mare' (Aleppo) and Ma'ra / Ma'arrat al-Nu'man (Idleb): both lose the ʿayn mark",
    "ashrafiya": "Ashrafiyeh / Ashrafiyah: neighbourhoods of that name in two cities",
    "hamidiya": "Hamidiyeh / Hamidiyah: neighbourhoods of that name in two cities",
    "san": "Sa'an / San: an apostrophe the rules drop",
}
"""The merges of distinct places the rules make today, each one reviewed. A new entry means
a rule now merges places it should not: make the rule narrower, or review and add it."""


@pytest.mark.parametrize("place", sorted(ISSUE_SPELLINGS))
def test_issue_spellings_share_a_key(place: str) -> None:
    normalizer = NameNormalizer.load()
    keys = {normalizer.normalize(n) for n in ISSUE_SPELLINGS[place]}
    assert len(keys) == 1, keys


def test_khirbat_spellings_share_a_key() -> None:
    """Khirbat, "ruins", begins many village names: the Russian bulletins' "Hirbat
    al-Gazala" is OCHA's "Kherbet Ghazala" and GeoNames' "Khirbat Ghazalah"."""
    normalizer = NameNormalizer.load()
    spellings = ["Khirbat Ghazalah", "Kherbet Ghazala", "Hirbat al-Gazala", "Khirbet Ghazaleh"]
    assert len({normalizer.normalize(n) for n in spellings}) == 1


def test_distinct_syrian_places_stay_distinct(settings: Settings) -> None:
    """Across the Syrian gazetteers (~1,850 places), the spelling rules merge no distinct
    places beyond the reviewed few."""
    sources: dict[str, Callable[[], list[Entry]]] = {
        "bundled": lambda: bundled(settings),
        "syrianarchive": archive,
        "open-syria": open_syria,
        "ocha": ocha,
        "cities15000": cities15000,
    }
    normalizer = NameNormalizer.load()
    found = {src: rule_made_merges(load(), normalizer) for src, load in sources.items()}
    unknown = {
        src: {k: v for k, v in m.items() if k not in KNOWN_MERGES} for src, m in found.items()
    }
    assert not any(unknown.values()), unknown
    assert sum(len(m) for m in found.values()) <= 5


def test_the_merge_count_sees_a_careless_rule() -> None:
    """The check above can fail: a rule dropping every vowel merges many places."""
    data = dict(load_yaml("geo", "spelling.yaml"))
    careless = SpellingRules.from_data({**data, "rewrites": [*data["rewrites"], ["[aeiou]", ""]]})
    merged = rule_made_merges(archive(), NameNormalizer(careless))
    assert len(set(merged) - set(KNOWN_MERGES)) > 20


def mention(text: str, surface: str) -> ToponymMention:
    start = text.index(surface)
    return ToponymMention(start=start, end=start + len(surface), text=surface, name=surface)


def resolve_all(geocoder: Geocoder, text: str, surfaces: list[str]) -> list[Location]:
    found = geocoder.resolve([mention(text, s) for s in surfaces], text=text)
    assert all(loc is not None for loc in found)
    return [loc for loc in found if loc is not None]


@pytest.mark.parametrize("spelling", ISSUE_SPELLINGS["Nubl"])
def test_nubl_spellings_resolve_in_the_bundled_gazetteer(geocoder: Geocoder, spelling: str) -> None:
    text = f"Government forces reached {spelling} on Wednesday."
    (loc,) = resolve_all(geocoder, text, [spelling])
    assert (loc.gazetteer_id, loc.admin1, loc.match) == ("geonames:166331", "Aleppo", "exact")


@pytest.mark.parametrize("spelling", ISSUE_SPELLINGS["Tall Rif'at"])
def test_tall_rifat_spellings_resolve_in_the_bundled_gazetteer(
    geocoder: Geocoder, spelling: str
) -> None:
    text = f"Kurdish fighters entered {spelling} on Monday."
    (loc,) = resolve_all(geocoder, text, [spelling])
    assert (loc.gazetteer_id, loc.admin1) == ("geonames:163476", "Aleppo")


@pytest.fixture(scope="module")
def archive_geocoder() -> Geocoder:
    return Geocoder(MemoryGazetteer(archive()), country_names={"SY": "Syria"})


@pytest.mark.parametrize("spelling", ISSUE_SPELLINGS["Zahraa"])
def test_zahraa_is_the_town_beside_nubl_in_the_syrian_archive(
    archive_geocoder: Geocoder, spelling: str
) -> None:
    """The archive has two al-Zahraa: a district of Aleppo city and the town beside Nubl.
    Named with Nubl, the town wins on distance; the district is the runner-up."""
    text = f"The army broke the siege of Nubul and {spelling} north of Aleppo."
    nubl, zahraa = resolve_all(archive_geocoder, text, ["Nubul", spelling])
    assert nubl.gazetteer_id == "sa:141"
    assert zahraa.gazetteer_id == "sa:164"
    assert zahraa.runner_up is not None and "(sa:86)" in zahraa.runner_up
    assert zahraa.score is not None and zahraa.score > float(zahraa.runner_up.rsplit(" ", 1)[1])


@pytest.mark.parametrize("spelling", ISSUE_SPELLINGS["Tall Rif'at"] + ISSUE_SPELLINGS["Nubl"])
def test_issue_spellings_resolve_in_the_syrian_archive(
    archive_geocoder: Geocoder, spelling: str
) -> None:
    (loc,) = resolve_all(archive_geocoder, f"Shelling hit {spelling}.", [spelling])
    assert loc.gazetteer_id in {"sa:158", "sa:141"}
    assert loc.name == ("Tal Rifaat" if loc.gazetteer_id == "sa:158" else "Nubl")


@pytest.mark.parametrize(
    ("spelling", "subdistrict"),
    [(s, "sy-aleppo-azaz-tall-refaat") for s in ISSUE_SPELLINGS["Tall Rif'at"]]
    + [(s, "sy-aleppo-azaz-nabul") for s in ISSUE_SPELLINGS["Nubl"]],
)
def test_issue_spellings_resolve_to_open_syria_subdistricts(
    spelling: str, subdistrict: str
) -> None:
    gazetteer = MemoryGazetteer(open_syria())
    assert [p.gazetteer_id for p in gazetteer.lookup(spelling)] == [subdistrict]


def test_issue_places_are_not_their_neighbours(geocoder: Geocoder) -> None:
    """Nubl is not Kafr Nabl (Kafranbel) nor an-Nabk; Azaz is not Aziz."""
    text = "Shelling hit Nubl, Kafr Nabl, Nabk and Azaz."
    ids = [
        loc.gazetteer_id
        for loc in resolve_all(geocoder, text, ["Nubl", "Kafr Nabl", "Nabk", "Azaz"])
    ]
    assert len(set(ids)) == 4
    assert ids[0] == "geonames:166331"
    assert geocoder.gazetteer.lookup("Aziz") == []


def test_shared_gazetteers_are_where_the_tests_expect() -> None:
    """The loaders above read what they should (a renamed column would empty them)."""
    assert len(archive()) > 800 and len(open_syria()) == 272
    assert len(ocha()) > 300 and len(cities15000()) == 72
