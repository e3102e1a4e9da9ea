"""Incidents in a real DuckDB file: merging, sources after dedup, idempotence, incrementality."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from frontwatch.records import AnalyzedArticle
from frontwatch.resolve import resolve_all, update_incidents
from frontwatch.resolve.model import Incident
from frontwatch.settings import Settings
from frontwatch.store import Store
from frontwatch.store.incidents import IncidentStore


def _ingest(store: Store, items: list[AnalyzedArticle], settings: Settings) -> None:
    store.add_batch(items)
    update_incidents(store, [i.article.article_id for i in items], settings=settings)


def _incidents(store: Store) -> list[Incident]:
    return IncidentStore(store).incidents()


Maker = Callable[..., AnalyzedArticle]


@pytest.fixture
def douma(make: Maker, douma_texts: dict[str, tuple[str, int]]) -> list[AnalyzedArticle]:
    return [make(text, source=outlet, killed=n) for outlet, (text, n) in douma_texts.items()]


def test_three_outlets_one_incident_with_ranges_and_claimants(
    tmp_path: Path, douma: list[AnalyzedArticle], settings: Settings
) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        _ingest(store, douma, settings)
        [incident] = _incidents(store)
    assert incident.n_sources == 3 and incident.n_reports == 3
    assert (incident.fatalities.low, incident.fatalities.best, incident.fatalities.high) == (
        5,
        20,
        23,
    )
    assert incident.fatalities.acled == 5
    totals = next(d for d in incident.disagreements if d.field == "fatalities.total")
    assert {(c.value, c.outlet) for c in totals.claims} == {
        ("20", "meridian-wire"),
        ("23", "syria-monitor-network"),
        ("5", "damascus-state-news"),
    }
    assert all(c.claimed_by for c in totals.claims)


def test_same_article_twice_changes_nothing(
    tmp_path: Path, douma: list[AnalyzedArticle], settings: Settings
) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        _ingest(store, douma, settings)
        before = _incidents(store)
        _ingest(store, douma[:1], settings)
        result = update_incidents(store, [douma[0].article.article_id], settings=settings)
        assert result.reports_added == 0
        assert _incidents(store) == before


def test_syndicated_copy_never_raises_the_source_count(
    tmp_path: Path,
    douma: list[AnalyzedArticle],
    douma_texts: dict[str, tuple[str, int]],
    make: Maker,
    settings: Settings,
) -> None:
    text = douma_texts["Meridian Wire"][0]
    copy = text.replace("crowded market", "busy market").rsplit(" Rescue", 1)[0]
    with Store(tmp_path / "fw.duckdb") as store:
        _ingest(store, douma, settings)
        _ingest(store, [make(copy, source="The Levant Daily Star", killed=20)], settings)
        [incident] = _incidents(store)
    assert incident.n_reports == 4
    assert incident.n_sources == 3
    [copied] = [r for r in incident.reports if r.outlet == "levant-daily-star"]
    assert copied.duplicate_of == douma[0].article.article_id


def test_look_alikes_same_day_nearby_stay_apart(
    tmp_path: Path, make: Maker, settings: Settings
) -> None:
    saraqib = make(
        "Russian jets struck the vegetable market in Saraqib, killing 11.",
        source="Meridian Wire",
        place="Saraqib",
        killed=11,
    )
    binnish = make(
        "A bakery queue in Binnish was hit by warplanes, killing 8 civilians.",
        source="Idlib Voice",
        place="Binnish",
        killed=8,
    )
    with Store(tmp_path / "fw.duckdb") as store:
        _ingest(store, [saraqib, binnish], settings)
        assert len(_incidents(store)) == 2


def test_incremental_batches_match_a_full_rebuild(
    tmp_path: Path, douma: list[AnalyzedArticle], make: Maker, settings: Settings
) -> None:
    other = make(
        "Warplanes struck Azaz market, killing 9 people, residents said.",
        source="Orontes Wire",
        place="Azaz",
        killed=9,
    )
    with Store(tmp_path / "fw.duckdb") as store:
        for item in [*douma, other]:
            _ingest(store, [item], settings)
        incremental = {tuple(sorted(r.event_id for r in i.reports)) for i in _incidents(store)}
        resolve_all(store, settings=settings)
        full = {tuple(sorted(r.event_id for r in i.reports)) for i in _incidents(store)}
    assert incremental == full
    assert len(full) == 2


def test_stored_incidents_outside_the_window_are_not_loaded(
    tmp_path: Path, douma: list[AnalyzedArticle], make: Maker, settings: Settings
) -> None:
    import datetime as dt

    with Store(tmp_path / "fw.duckdb") as store:
        _ingest(store, douma, settings)
        rows = IncidentStore(store).reports_in_window(dt.date(2016, 6, 1), dt.date(2016, 6, 9))
        assert rows == []
        rows = IncidentStore(store).reports_in_window(dt.date(2016, 1, 20), dt.date(2016, 1, 25))
        assert len(rows) == 3
