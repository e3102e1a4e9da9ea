"""Schema of data/incidents/resolve.yaml and of the gold cluster file."""

from __future__ import annotations

import json
from collections import Counter

from frontwatch.records import EVENT_TYPES
from frontwatch.resolve.config import load_resolve_config
from frontwatch.resolve.report import Report
from frontwatch.resolve.similarity import components
from frontwatch.resources import data_path


def _report(**overrides: object) -> Report:
    values: dict[str, object] = {
        "event_id": "e",
        "article_id": "a",
        "outlet": "o",
        "event_date": None,
        "time_precision": None,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "family": "violence",
        "cause": None,
        "sides": frozenset(),
        "actor1": None,
        "location": None,
        "admin1": None,
        "latitude": None,
        "longitude": None,
        "gazetteer_id": None,
        "geo_precision": None,
        "fatalities": (None,) * 5,
        "qualifier": None,
        "claimed_by": None,
        "terms": frozenset(),
    }
    values.update(overrides)
    return Report(**values)  # type: ignore[arg-type]


def test_weights_name_exactly_the_similarity_components() -> None:
    config = load_resolve_config()
    assert set(config.weights) == set(components(_report(), _report(), config))
    assert all(w > 0 for w in config.weights.values())
    assert 0 < config.threshold < 1 and 0 < config.minhash.threshold <= 1


def test_every_acled_event_type_has_one_family() -> None:
    config = load_resolve_config()
    listed = Counter(t for types in config.families.values() for t in types)
    assert set(listed) == set(EVENT_TYPES) and max(listed.values()) == 1


def test_gold_clusters_file() -> None:
    rows = [json.loads(line) for line in data_path("incidents", "gold_clusters.jsonl").open()]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    sizes = Counter(r["incident"] for r in rows if r["incident"])
    assert sum(1 for n in sizes.values() if n >= 3) >= 4  # happenings told by 3-5 outlets
    for row in rows:
        assert {"id", "source", "published", "text", "incident"} <= set(row)
        if row.get("syndicated_of"):
            original = next(r for r in rows if r["id"] == row["syndicated_of"])
            assert original["incident"] == row["incident"]
    for incident in sizes:
        outlets = [r["source"] for r in rows if r["incident"] == incident]
        days = {r["published"] for r in rows if r["incident"] == incident}
        assert len(set(outlets)) == len(outlets), incident
        assert len(days) <= 2, incident
