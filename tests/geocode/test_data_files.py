"""Schema of the geo data files (data/geo/*.yaml): a malformed edit fails here."""

from __future__ import annotations

import re

from frontwatch.geocode.gazetteer import Selection, syrian_admin1
from frontwatch.geocode.geocoder import GeocodeRules, Scoring
from frontwatch.geocode.names import SpellingRules
from frontwatch.resources import load_yaml


def test_every_file_has_a_version() -> None:
    for name in ("admin1_syria", "regions", "place_context", "stop_names", "spelling",
                 "gazetteer", "scoring", "country_names"):  # fmt: skip
        assert load_yaml("geo", f"{name}.yaml")["version"] == 1, name


def test_loaders_accept_the_files() -> None:
    SpellingRules.load()
    Selection.load("SY")
    rules = GeocodeRules.load()
    assert isinstance(rules.scoring, Scoring)
    assert set(rules.governorates) == set(syrian_admin1().values())


def test_regions_schema() -> None:
    data = load_yaml("geo", "regions.yaml")
    admin1 = set(syrian_admin1().values())
    ids = [row["id"] for row in data["regions"]]
    assert len(ids) == len(set(ids))
    for row in data["regions"]:
        assert row["feature_code"] in {"ADM1", "RGN", "PPLX"}, row["id"]
        assert row["precision"] in {1, 2, 3}, row["id"]
        if row.get("country") not in (None, data["country"]):  # a region next door
            assert re.fullmatch(r"[A-Z]{2}", row["country"]) and row["admin1"] is None, row["id"]
            assert 27.0 < row["latitude"] < 38.0 and 32.0 < row["longitude"] < 43.0, row["id"]
            continue
        assert row["admin1"] in admin1, row["id"]
        assert 32.0 < row["latitude"] < 37.5 and 35.5 < row["longitude"] < 42.5, row["id"]
        assert row["names"] and all(isinstance(n, str) for n in row["names"]), row["id"]


def test_context_patterns_compile_and_relations_are_words() -> None:
    data = load_yaml("geo", "place_context.yaml")
    for row in data["before"] + data["after"]:
        re.compile(row["pattern"].replace("{direction}", "north"))
        assert re.fullmatch(r"[a-z {}]+", row["relation"]), row
    assert {"countryside", "province"} <= set(data["regional_relations"])
    assert {"default", "countryside"} <= set(data["labels"])


def test_stop_names_schema() -> None:
    data = load_yaml("geo", "stop_names.yaml")
    for group in ("words", "phrases", "titles", "acronyms"):
        assert all(isinstance(w, str) and w for w in data[group]), group
    codes = [c for c in data["demonyms"].values() if c is not None]
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)


def test_country_names_schema() -> None:
    data = load_yaml("geo", "country_names.yaml")
    for iso, names in data["aliases"].items():
        assert re.fullmatch(r"[A-Z]{2}", iso) and all(isinstance(n, str) for n in names)
