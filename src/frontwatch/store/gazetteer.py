"""The SQL of imported gazetteers (tables of migration 003).

Writing goes through ``Store`` (one transaction per import: a source's rows are replaced
whole or not at all). Reading for the extractor opens the file read-only and never creates
it: ``load_gazetteer`` must work beside a running ``ingest`` and on a database that does
not exist yet.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from .db import Store

PLACE_COLUMNS = (
    "gazetteer_id", "source", "name", "country", "admin1", "admin2", "latitude", "longitude",
    "feature_class", "feature_code", "population",
)  # fmt: skip
NAME_COLUMNS = ("gazetteer_id", "source", "name", "kind", "language")
SOURCE_COLUMNS = ("source", "format", "files", "imported_at", "places", "names", "sha256")
PlaceRow = tuple[str, str, str, str, str | None, str | None, float, float, str, str, int]
"""A place as stored, in ``PLACE_COLUMNS`` order."""


@dataclass(frozen=True)
class GazetteerSource:
    """One import: a source name and what it brought."""

    source: str
    format: str
    files: str
    imported_at: dt.datetime
    places: int
    names: int
    sha256: str


def replace_source(
    store: Store,
    source: GazetteerSource,
    places: Sequence[PlaceRow],
    names: Sequence[tuple[str, str, str, str, str | None]],
) -> None:
    """Replace every row of ``source.source`` by these, in one transaction."""
    with store._transaction():
        for table in ("gazetteer_names", "gazetteer_places", "gazetteer_sources"):
            store.con.execute(f"DELETE FROM {table} WHERE source = ?", [source.source])
        store._insert("gazetteer_places", PLACE_COLUMNS, list(places))
        store._insert("gazetteer_names", NAME_COLUMNS, list(names))
        store.con.execute(
            f"INSERT INTO gazetteer_sources ({', '.join(SOURCE_COLUMNS)}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [getattr(source, c) for c in SOURCE_COLUMNS],
        )


def sources(con: duckdb.DuckDBPyConnection) -> list[GazetteerSource]:
    """Imported sources, oldest import first; none when the tables do not exist yet."""
    try:
        rows = con.execute(
            f"SELECT {', '.join(SOURCE_COLUMNS)} FROM gazetteer_sources "
            "ORDER BY imported_at, source"
        ).fetchall()
    except duckdb.CatalogException:
        return []
    return [GazetteerSource(*row) for row in rows]


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows in each gazetteer table (what ``frontwatch gazetteer info`` prints)."""
    counts = {}
    for table in ("gazetteer_sources", "gazetteer_places", "gazetteer_names"):
        try:
            row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        except duckdb.CatalogException:
            row = (0,)
        counts[table] = int(row[0]) if row else 0
    return counts


@contextmanager
def read_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection | None]:
    """A read-only connection to an existing database; ``None`` when there is no file.

    DuckDB refuses a read-only connection to a file this process already holds open for
    writing (``ingest`` opens its store before building the extractor); then a plain
    connection shares that open database, and is only read from.
    """
    if not path.is_file():
        yield None
        return
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.ConnectionException:
        con = _shared_connection(path)
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot read the imported gazetteer: {exc}") from exc
    try:
        yield con
    finally:
        con.close()


def _shared_connection(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot read the imported gazetteer: {exc}") from exc


def imported_places(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """Places in ``PLACE_COLUMNS`` order; of an id in several sources, the latest import's."""
    try:
        return con.execute(
            f"SELECT {', '.join('p.' + c for c in PLACE_COLUMNS)} FROM gazetteer_places p "
            "JOIN gazetteer_sources s USING (source) "
            "QUALIFY row_number() OVER (PARTITION BY p.gazetteer_id "
            "ORDER BY s.imported_at DESC, s.source DESC) = 1 "
            "ORDER BY s.imported_at, s.source, p.gazetteer_id"
        ).fetchall()
    except duckdb.CatalogException:
        return []


def imported_names(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """(gazetteer_id, source, name) of every stored name."""
    try:
        rows = con.execute("SELECT gazetteer_id, source, name FROM gazetteer_names").fetchall()
    except duckdb.CatalogException:
        return []
    return [(str(a), str(b), str(c)) for a, b, c in rows]
