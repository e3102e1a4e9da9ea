"""The synthetic rows of the API load benchmark still fit the schema (``make bench`` runs
them on a million events; a migration that adds a column must not break it)."""

from __future__ import annotations

from pathlib import Path

from frontwatch.store import Store
from frontwatch.store.api_queries import EventQuery, count_events, find_events
from frontwatch.store.synthetic import fill_synthetic


def test_fill_synthetic_stores_events_the_api_reads(tmp_path: Path) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        fill_synthetic(store.con, events=200)
        assert count_events(store.con, EventQuery()) == 200
        page = find_events(store.con, EventQuery(), limit=5)
        assert len(page) == 5 and all(e.event.location is not None for e in page)
        dates = [e.event.event_date for e in page]
        assert dates == sorted(d for d in dates if d is not None)
        evidence = store.con.execute("SELECT count(*) FROM evidence").fetchone()
        assert evidence == (400,)
