"""``frontwatch reanalyze``: stored articles read again after a gazetteer import (issue 3).

Real pipeline, real DuckDB files, the fixture GeoNames dump of tests/fixtures/geocode (its
Rityan and Hardatnin are in no bundled gazetteer).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.extract.pipeline import Extractor
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.jobs import InputOptions, ingest, reanalyze
from frontwatch.settings import Settings
from frontwatch.store import Store
from frontwatch.store.incidents import IncidentStore
from gazetteer_builders import gazetteer_settings

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "geocode"
DUMP = (
    FIXTURES / "SY_fixture.txt",
    FIXTURES / "admin1CodesASCII.txt",
    FIXTURES / "admin2Codes.txt",
)

REPORT = (
    "Syrian government forces captured the village of Rityan north of Aleppo on Tuesday, "
    "a UK-based monitoring group said. Russian jets struck Hardatnin on Wednesday, killing "
    "five civilians, according to opposition sources. Rebels shelled Aleppo city."
)

DERIVED = {
    "events": "event_id",
    "evidence": "event_id, field, start",
    "incidents": "incident_id",
    "incident_reports": "event_id",
    "control_observations": "observation_id",
    "control_conflicts": "conflict_id",
    "route_reports": "report_id",
}
"""Tables derived from the articles, and the order their rows are compared in."""


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every derived row, without the time it was written."""
    with Store(db, read_only=True) as store:
        tables = {}
        for table, order in DERIVED.items():
            cursor = store.con.execute(f"SELECT * FROM {table} ORDER BY {order}")
            names = [d[0] for d in cursor.description]
            keep = [i for i, n in enumerate(names) if n not in {"updated_at", "read_at"}]
            tables[table] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
        return tables


def store_report(db: Path, settings: Settings, extractor: Extractor, tmp_path: Path) -> None:
    text = tmp_path / "report.txt"
    text.write_text(REPORT, encoding="utf-8")
    options = InputOptions(published=dt.date(2016, 2, 3), source="Reuters")
    with Store(db) as store:
        done = ingest([text], settings=settings, store=store, options=options, extractor=extractor)
    assert done.articles_added == 1 and not done.errors


def import_fixture(db: Path, settings: Settings) -> None:
    with Store(db) as store:
        import_gazetteer(store, ImportRequest(files=DUMP), settings=settings)


def place(db: Path, name: str) -> tuple[Any, ...]:
    with Store(db, read_only=True) as store:
        row = store.con.execute(
            "SELECT gazetteer_id, geo_precision, latitude, longitude, e.event_id, "
            "(SELECT list(text) FROM evidence v WHERE v.event_id = e.event_id "
            " AND v.field = 'location') FROM events e WHERE location = ?",
            [name],
        ).fetchone()
    assert row is not None, f"no event at {name}"
    return row


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """``later``: the report stored, the gazetteer imported, then ``reanalyze``; ``first``:
    the gazetteer imported before the report was stored. ``before``: ``later``'s rows
    before the import."""
    root = tmp_path_factory.mktemp("reanalyze")
    later, first = root / "later.duckdb", root / "first.duckdb"
    settings = gazetteer_settings(later)
    store_report(later, settings, Extractor(settings), root)
    before = root / "before.duckdb"
    before.write_bytes(later.read_bytes())
    import_fixture(later, settings)
    fresh = gazetteer_settings(first)
    import_fixture(first, fresh)
    store_report(first, fresh, Extractor(fresh), root)
    return {"later": later, "first": first, "before": before}


def test_a_gazetteer_imported_later_places_stored_events(stores: dict[str, Path]) -> None:
    later = stores["later"]
    gazetteer_id, precision, *_ = place(stores["before"], "Rityan")
    assert gazetteer_id is None and precision > 1  # unknown village: near Aleppo at best
    with Store(later) as store:
        settings = gazetteer_settings(later)
        done = reanalyze(settings=settings, store=store)
    assert (done.articles_read, done.articles_changed) == (1, 1)
    assert done.places_changed >= 2 and done.articles_updated == 1
    for name, gid, lat in (
        ("Rityan", "geonames:9990003", 36.3127),
        ("Hardatnin", "geonames:9990001", 36.29061),
    ):
        gazetteer_id, precision, latitude, _, _, evidence = place(later, name)
        assert (gazetteer_id, precision, latitude) == (gid, 1, lat)
        assert evidence == [name]  # the event's place still cites its words
    # the same rows as importing the gazetteer before storing the report
    assert snapshot(later) == snapshot(stores["first"])
    with Store(later, read_only=True) as store:
        located = store.con.execute(
            "SELECT location, latitude FROM incidents WHERE location = 'Rityan'"
        ).fetchall()
    assert located == [("Rityan", 36.3127)]


def test_reanalyzing_again_changes_nothing(stores: dict[str, Path]) -> None:
    later = stores["later"]
    runner = CliRunner()
    settings = gazetteer_settings(later)
    with Store(later) as store:
        reanalyze(settings=settings, store=store)  # whatever the test order, up to date
    rows = snapshot(later)
    result = runner.invoke(main, ["reanalyze", "--db", str(later)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 articles read again, 0 changed")
    assert "1 of 1 articles read again" in result.stderr
    assert snapshot(later) == rows


def test_an_interrupted_run_is_finished_by_the_next(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    """Events replaced, then the run stops before incidents and control are brought up to
    date: the stale marks written with the events lead the next run to finish the work."""
    db = tmp_path / "interrupted.duckdb"
    db.write_bytes(stores["before"].read_bytes())
    settings = gazetteer_settings(db)
    import_fixture(db, settings)
    extractor = Extractor(settings)
    with Store(db) as store:
        (article,) = store.articles(store.article_ids())
        store.replace_analyses([extractor.analyze_one(article)])
        assert IncidentStore(store).unresolved_article_ids() == [article.article_id]
        done = reanalyze(settings=settings, store=store, extractor=extractor)
    assert (done.articles_changed, done.articles_updated) == (0, 1)
    assert snapshot(db) == snapshot(stores["first"])


def test_reanalyze_without_a_database_is_one_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    result = CliRunner().invoke(main, ["reanalyze", "--db", str(missing)])
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"error: {missing}: no such database (run `frontwatch ingest` first)"
    )
    assert not missing.exists()


def test_an_import_into_a_store_with_articles_says_how_to_place_them_again(
    stores: dict[str, Path], tmp_path: Path
) -> None:
    db = tmp_path / "hint.duckdb"
    db.write_bytes(stores["before"].read_bytes())
    gazetteer_settings(db)
    files = [str(f) for f in DUMP]
    result = CliRunner().invoke(main, ["gazetteer", "import", *files, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"1 stored article was placed before this import: `frontwatch reanalyze --db {db}`" in (
        result.stderr
    )
