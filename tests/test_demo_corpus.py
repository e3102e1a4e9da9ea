"""Schema and consistency checks for the demo corpus and its gold annotations (no spaCy)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from frontwatch.records import CAUSES, EVENT_TYPES, VIOLENT_EVENT_TYPES
from frontwatch.resources import data_path, load_yaml

ADMIN1 = frozenset(
    {
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
)
SIDES = frozenset(load_yaml("lexicons", "actors.yaml")["sides"])
"""The sides of the actor lexicon: gold speaks the vocabulary the pipeline speaks."""
CORPUS_KEYS = {"id", "source", "url", "title", "published", "text"}
GOLD_KEYS = {"id", "events", "main_event", "incident", "syndicated_of", "storyline"}
EVENT_KEYS = {
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "actor1_side",
    "actor1",
    "location",
    "admin1",
    "cause",
    "fatalities",
    "claimed_by",
}
FATALITY_KEYS = {"total", "civilians", "children", "women", "combatants", "qualifier"}

Record = dict[str, Any]


def _read_jsonl(path: Path) -> list[Record]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            pytest.fail(f"{path.name} line {number}: {exc}")
    return rows


@pytest.fixture(scope="module")
def corpus() -> list[Record]:
    return _read_jsonl(data_path("demo", "corpus.jsonl"))


@pytest.fixture(scope="module")
def gold() -> list[Record]:
    return _read_jsonl(data_path("demo", "gold.jsonl"))


@pytest.fixture(scope="module")
def texts(corpus: list[Record]) -> dict[str, str]:
    return {article["id"]: article["text"] for article in corpus}


@pytest.fixture(scope="module")
def events(gold: list[Record]) -> list[tuple[str, Record]]:
    return [(entry["id"], event) for entry in gold for event in entry["events"]]


def test_corpus_size_and_ids(corpus: list[Record], gold: list[Record]) -> None:
    ids = [article["id"] for article in corpus]
    assert 15 <= len(corpus) <= 30
    assert len(set(ids)) == len(ids)
    assert [entry["id"] for entry in gold] == ids


def test_corpus_fields(corpus: list[Record]) -> None:
    for article in corpus:
        assert set(article) == CORPUS_KEYS, article["id"]
        assert article["url"].startswith("https://example.org/"), article["id"]
        assert dt.date.fromisoformat(article["published"]).year == 2016
        assert article["source"].strip() and article["title"].strip()
        assert 60 <= len(article["text"].split()) <= 220, article["id"]


def test_gold_fields(gold: list[Record], events: list[tuple[str, Record]]) -> None:
    for entry in gold:
        assert set(entry) == GOLD_KEYS, entry["id"]
    for article_id, event in events:
        assert set(event) == EVENT_KEYS, article_id
        assert set(event["fatalities"]) == FATALITY_KEYS, article_id


def test_event_vocabularies(events: list[tuple[str, Record]]) -> None:
    for article_id, event in events:
        assert event["sub_event_type"] in EVENT_TYPES[event["event_type"]], article_id
        assert event["cause"] is None or event["cause"] in CAUSES, article_id
        assert event["admin1"] in ADMIN1, article_id
        assert event["actor1_side"] is None or event["actor1_side"] in SIDES, article_id
        assert event["time_precision"] in (1, 2, 3), article_id


def test_event_dates_not_after_publication(
    corpus: list[Record], events: list[tuple[str, Record]]
) -> None:
    published = {a["id"]: dt.date.fromisoformat(a["published"]) for a in corpus}
    for article_id, event in events:
        event_date = dt.date.fromisoformat(event["event_date"])
        assert event_date <= published[article_id], article_id
        assert (published[article_id] - event_date).days <= 31, article_id


def test_fatalities_are_consistent(events: list[tuple[str, Record]]) -> None:
    for article_id, event in events:
        figures = {k: v for k, v in event["fatalities"].items() if k != "qualifier"}
        assert all(v is None or (isinstance(v, int) and v >= 0) for v in figures.values())
        total = figures["total"]
        parts = [figures["civilians"], figures["combatants"]]
        if total is not None:
            assert sum(p for p in parts if p is not None) <= total, article_id
        if figures["civilians"] is not None:
            young_and_women = (figures["children"] or 0) + (figures["women"] or 0)
            assert young_and_women <= figures["civilians"], article_id


def test_locations_and_claims_occur_in_text(
    texts: dict[str, str], events: list[tuple[str, Record]]
) -> None:
    for article_id, event in events:
        text = texts[article_id].lower()
        assert event["location"].lower() in text, (article_id, event["location"])
        if event["claimed_by"] is not None:
            assert event["claimed_by"].lower() in text, (article_id, event["claimed_by"])


def test_main_event_is_the_principal_violent_event(gold: list[Record]) -> None:
    for entry in gold:
        violent = [e for e in entry["events"] if e["event_type"] in VIOLENT_EVENT_TYPES]
        if not violent:
            assert entry["main_event"] is None, entry["id"]
            continue
        assert entry["events"][entry["main_event"]] in violent, entry["id"]


def test_statement_only_reports(gold: list[Record]) -> None:
    statements = [entry for entry in gold if not entry["events"]]
    assert 1 <= len(statements) <= 2
    for entry in statements:
        assert entry["main_event"] is None and entry["incident"] is None


def test_incident_clusters(gold: list[Record]) -> None:
    sizes = Counter(entry["incident"] for entry in gold if entry["incident"])
    assert sum(1 for size in sizes.values() if size >= 2) >= 4


def test_syndicated_copies_match_their_original(gold: list[Record]) -> None:
    by_id = {entry["id"]: entry for entry in gold}
    copies = [entry for entry in gold if entry["syndicated_of"]]
    assert copies
    for copy in copies:
        original = by_id[copy["syndicated_of"]]
        assert original["syndicated_of"] is None
        assert copy["incident"] == original["incident"]
        assert copy["events"] == original["events"]


def test_storyline_spans_days(corpus: list[Record], gold: list[Record]) -> None:
    published = {a["id"]: dt.date.fromisoformat(a["published"]) for a in corpus}
    for storyline in {entry["storyline"] for entry in gold if entry["storyline"]}:
        dates = sorted(published[e["id"]] for e in gold if e["storyline"] == storyline)
        assert 4 <= len(dates) <= 6
        assert (dates[-1] - dates[0]).days >= 7
