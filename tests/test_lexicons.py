"""Schema checks of the actor, trigger, claim, role and FA-KES mapping lexicons."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from frontwatch.extract.actors import expand, match_key
from frontwatch.records import CAUSES, EVENT_TYPES
from frontwatch.resources import load_yaml

FAKES_ACTORS = {
    "syrian government or russian troops",
    "unknown",
    "the organization of the islamic state in iraq and the levant - isis",
    "international coalition forces",
    "armed opposition groups",
    "self administration forces",
    "al-nusra front",
}
FAKES_CAUSES = {
    "shelling",
    "explosion",
    "unknown",
    "chemical and toxic gases",
    "shooting",
    "execution",
}
FAKES_LOCATIONS = {
    "aleppo",
    "damascus",
    "idlib",
    "deir ezzor",
    "homs",
    "hasakeh",
    "raqqa",
    "hama",
    "daraa",
    "lattakia",
    "quneitra",
}
ACLED_SYRIA_ADMIN1 = {
    "Aleppo",
    "Al Hasakeh",
    "Ar-Raqqa",
    "As-Sweida",
    "Damascus",
    "Dar'a",
    "Deir-ez-Zor",
    "Hama",
    "Homs",
    "Idleb",
    "Lattakia",
    "Quneitra",
    "Rural Damascus",
    "Tartous",
}


def lexicon(name: str) -> dict[str, Any]:
    data = load_yaml("lexicons", name)
    assert isinstance(data, dict) and data.get("version") == 1
    return data


def strings(values: Any) -> list[str]:
    """A list of non-empty strings (YAML turns a bare `no` or `on` into a boolean)."""
    assert isinstance(values, list) and values
    assert all(isinstance(v, str) and v.strip() for v in values), values
    return values


def duplicates(phrases: list[str]) -> list[str]:
    keys = Counter(match_key(p) for phrase in phrases for p in expand(phrase))
    return sorted(k for k, n in keys.items() if n > 1)


# ---------------------------------------------------------------- actors.yaml


@pytest.fixture(scope="module")
def actors() -> dict[str, Any]:
    return lexicon("actors.yaml")


def test_every_actor_is_complete(actors: dict[str, Any]) -> None:
    sides = set(actors["sides"])
    ids = [a["id"] for a in actors["actors"]]
    assert len(ids) == len(set(ids))
    for a in actors["actors"]:
        assert set(a) <= {
            "id",
            "name",
            "side",
            "inter",
            "armed",
            "aliases",
            "generic",
            "attributive",
        }, a["id"]
        assert a["id"].replace("_", "").isalnum() and a["id"].islower()
        assert isinstance(a["name"], str) and a["name"]
        assert a["side"] in sides, a["id"]
        assert isinstance(a["inter"], int) and 1 <= a["inter"] <= 8, a["id"]
        assert isinstance(a.get("armed", True), bool)
        assert a.get("aliases") or a.get("generic"), a["id"]
        for kind in ("aliases", "generic", "attributive"):
            if kind in a:
                strings(a[kind])


def test_no_alias_names_two_actors(actors: dict[str, Any]) -> None:
    every = [
        x
        for a in actors["actors"]
        for k in ("aliases", "generic", "attributive")
        for x in a.get(k) or []
    ]
    assert duplicates(every) == []


def test_attributive_heads(actors: dict[str, Any]) -> None:
    assert duplicates(strings(actors["attributive_heads"])) == []


def test_unarmed_actors_are_civilians_or_political(actors: dict[str, Any]) -> None:
    for a in actors["actors"]:
        if a["inter"] in (6, 7):
            assert a.get("armed") is False, a["id"]


# ---------------------------------------------------------------- triggers.yaml


@pytest.fixture(scope="module")
def triggers() -> dict[str, Any]:
    return lexicon("triggers.yaml")


def test_every_group_is_acled(triggers: dict[str, Any]) -> None:
    for g in triggers["groups"]:
        assert set(g) == {"event_type", "sub_event_type", "cause", "phrases"}
        assert g["sub_event_type"] in EVENT_TYPES[g["event_type"]], g
        assert g["cause"] is None or g["cause"] in CAUSES, g
        strings(g["phrases"])


def test_all_25_sub_types_have_triggers(triggers: dict[str, Any]) -> None:
    covered = {g["sub_event_type"] for g in triggers["groups"]}
    assert covered == {s for subs in EVENT_TYPES.values() for s in subs}


def test_no_trigger_phrase_twice(triggers: dict[str, Any]) -> None:
    every = [p for g in triggers["groups"] for p in g["phrases"]]
    assert duplicates(every + strings(triggers["not_triggers"])) == []


def test_negation_and_cause_vote(triggers: dict[str, Any]) -> None:
    neg = triggers["negation"]
    strings(neg["near"])
    strings(neg["far"])
    assert isinstance(neg["near_words"], int) and isinstance(neg["far_words"], int)
    vote = triggers["main_cause"]
    assert vote["window_chars"] > 0 and vote["decay_chars"] > 0 and 0 < vote["decay"] <= 1
    assert set(strings(vote["generic"])) <= set(CAUSES)


# ---------------------------------------------------------------- claims.yaml


def test_claim_sources() -> None:
    claims = lexicon("claims.yaml")
    for key in ("verbs", "cues", "inverted", "listener_cues"):
        strings(claims[key])
    for key in ("after_words", "before_words", "inverted_tail_words"):
        assert isinstance(claims[key], int) and claims[key] >= 0
    names = [s["claimed_by"] for s in claims["sources"]]
    assert len(names) == len(set(names))
    for s in claims["sources"]:
        assert set(s) == {"claimed_by", "aliases"}
        strings(s["aliases"])
    assert duplicates([a for s in claims["sources"] for a in s["aliases"]]) == []
    assert {
        "opposition sources",
        "a UK-based monitoring body",
        "state media",
        "Syrian Observatory for Human Rights",
    } <= set(names)


# ---------------------------------------------------------------- actors_roles.yaml


def test_role_cues() -> None:
    roles = lexicon("actors_roles.yaml")
    for key, value in roles.items():
        if key == "version":
            continue
        if key.endswith(("_gap_words", "_chars")):
            assert isinstance(value, int) and value >= 0, key
        else:
            strings(value)
    for sub in roles["protest_sub_types"]:
        assert sub in EVENT_TYPES["Protests"] + EVENT_TYPES["Riots"]
    sides = set(lexicon("actors.yaml")["sides"])
    assert set(roles["anti_government_sides"]) <= sides


# ---------------------------------------------------------------- fakes_map.yaml


def test_fakes_map() -> None:
    fmap = load_yaml("lexicons", "fakes_map.yaml")
    actors = lexicon("actors.yaml")
    keys = set(actors["sides"]) | {a["name"] for a in actors["actors"]}
    assert set(fmap["actor"]) <= keys
    assert set(actors["sides"]) <= set(fmap["actor"])
    assert set(fmap["actor"].values()) <= FAKES_ACTORS
    assert set(fmap["cause"]) == set(CAUSES)
    assert set(fmap["cause"].values()) <= FAKES_CAUSES
    assert set(fmap["governorate"]) == ACLED_SYRIA_ADMIN1
    assert set(fmap["governorate"].values()) >= FAKES_LOCATIONS
    assert fmap["governorate"]["Rural Damascus"] == "damascus"
    assert fmap["unknown_actor"] in FAKES_ACTORS and fmap["unknown_cause"] in FAKES_CAUSES
