from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from builders import make_analyzed
from frontwatch.errors import StoreError
from frontwatch.store import EventFilter, Store
from frontwatch.store.db import migrations


def test_migrations_are_numbered_and_recorded(tmp_path: Path) -> None:
    versions = [v for v, _, _ in migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1
    with Store(tmp_path / "fw.duckdb") as store:
        assert store.schema_version() == versions[-1]
    with Store(tmp_path / "fw.duckdb") as store:  # reopening migrates nothing twice
        rows = store.con.execute("SELECT count(*) FROM schema_version").fetchone()
        assert rows == (len(versions),)


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    item = make_analyzed("Jets struck Aleppo.")
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([item])
        (stored,) = list(store.events())
        assert stored.event == item.events[0]
        assert stored.is_main
        assert store.article(item.article.article_id) == item.article


def test_reingest_adds_nothing(tmp_path: Path) -> None:
    item = make_analyzed("Jets struck Aleppo.")
    with Store(tmp_path / "fw.duckdb") as store:
        first = store.add_batch([item, item])
        second = store.add_batch([item])
        assert (first.articles_added, first.articles_skipped) == (1, 1)
        assert (second.articles_added, second.events_added) == (0, 0)
        assert store.count("events") == 1


def test_failed_batch_leaves_database_unchanged(tmp_path: Path) -> None:
    good = make_analyzed("Jets struck Aleppo.")
    bad = make_analyzed("Shells hit Idlib.")
    # two events with the same id: the second insert violates the primary key
    dup = bad.model_copy(update={"events": [bad.events[0], bad.events[0]]})
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([good])
        with pytest.raises(duckdb.Error):
            store.add_batch([dup])
        assert store.count("articles") == 1
        assert store.count("events") == 1


def test_filters(tmp_path: Path) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([make_analyzed("one", day=1), make_analyzed("two", day=5)])
        since = list(store.events(EventFilter(since=dt.date(2016, 2, 3))))
        assert [s.event.event_date for s in since] == [dt.date(2016, 2, 5)]
        assert len(list(store.events(EventFilter(event_type="Air/drone strike")))) == 2
        assert list(store.events(EventFilter(event_type="Battles"))) == []
        assert list(store.events(EventFilter(event_type="x' OR '1'='1"))) == []


def test_read_only_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_read_only_open_migrates_an_older_file(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.con.execute("DELETE FROM schema_version WHERE version > 1")
        store.con.execute("DROP TABLE IF EXISTS incident_reports")
    with Store(path, read_only=True) as store:
        assert store.schema_version() == migrations()[-1][0]


def test_an_older_evidence_table_loses_its_foreign_key_not_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    item = make_analyzed("Jets struck Aleppo.")
    with Store(path) as store:
        store.add_batch([item])
        rows = store.con.execute("SELECT * FROM evidence").fetchall()
        # the evidence table as migration 001 made it, before migration 008
        store.con.execute("DROP TABLE evidence")
        store.con.execute(
            "CREATE TABLE evidence (event_id VARCHAR NOT NULL REFERENCES events (event_id), "
            'field VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, '
            "text VARCHAR NOT NULL)"
        )
        store.con.executemany("INSERT INTO evidence VALUES (?, ?, ?, ?, ?)", rows)
        store.con.execute("DELETE FROM schema_version WHERE version >= 8")
    with Store(path) as store:
        assert store.schema_version() == migrations()[-1][0]
        assert store.con.execute("SELECT * FROM evidence").fetchall() == rows
        kinds = store.con.execute(
            "SELECT constraint_type FROM duckdb_constraints() WHERE table_name = 'evidence'"
        ).fetchall()
        assert ("FOREIGN KEY",) not in kinds
        (stored,) = list(store.events())
        assert stored.event == item.events[0]


def test_replacing_an_analysis_is_one_transaction(tmp_path: Path) -> None:
    item = make_analyzed("Jets struck Aleppo.", n_events=2)
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([item])
        before = store.analyses([item.article.article_id])
        # a second analysis with one event, twice: the insert violates the primary key
        one = item.events[0].model_copy(update={"cause": "shelling"})
        broken = item.model_copy(update={"events": [one, one], "main_event": one})
        with pytest.raises(duckdb.Error):
            store.replace_analyses([broken])
        assert store.analyses([item.article.article_id]) == before
        assert store.count("events") == 2 and store.count("evidence") == 2
        fixed = item.model_copy(update={"events": [one], "main_event": one})
        store.replace_analyses([fixed])
        (stored,) = list(store.events())
        assert stored.event == one and store.count("evidence") == 1
