"""The DuckDB store: the only module that writes SQL.

Schema changes are numbered SQL files in ``store/migrations``; ``schema_version`` records
which have run. Each ``add_batch`` is one transaction: a batch lands whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import AnalyzedArticle, Article, Event
from .rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    EVIDENCE_COLUMNS,
    Analysis,
    article_from_row,
    article_row,
    event_from_row,
    event_row,
    evidence_rows,
)


@dataclass(frozen=True)
class BatchResult:
    articles_added: int
    articles_skipped: int
    events_added: int


@dataclass(frozen=True)
class StoredEvent:
    """An event as stored, with the article it came from."""

    event: Event
    article_id: str
    source: str | None
    url: str | None
    is_main: bool


@dataclass(frozen=True)
class EventFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    event_type: str | None = None


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged migration, in order."""
    folder = resources.files("frontwatch.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


class Store:
    """A frontwatch DuckDB file. Use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run `frontwatch ingest` first)")
        self.con = self._connect(read_only=read_only)
        if not read_only:
            self.migrate()
        elif self._behind():
            # a file written by an older frontwatch: bring its schema up to date, then read
            self.con.close()
            self.con = self._connect(read_only=False)
            self.migrate()
            self.con.close()
            self.con = self._connect(read_only=True)

    def _connect(self, *, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc

    def _behind(self) -> bool:
        try:
            return self.schema_version() < migrations()[-1][0]
        except duckdb.CatalogException:
            return True

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def schema_version(self) -> int:
        row = self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
        return int(row[0]) if row else 0

    def migrate(self) -> None:
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.schema_version()
        for version, name, sql in migrations():
            if version <= current:
                continue
            with self._transaction():
                self.con.execute(sql)
                self.con.execute(
                    "INSERT INTO schema_version VALUES (?, ?, ?)",
                    [version, name, dt.datetime.now(dt.UTC).replace(tzinfo=None)],
                )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    def known_article_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE list_contains(?, article_id)", [list(ids)]
        ).fetchall()
        return {r[0] for r in rows}

    def add_batch(self, batch: Sequence[AnalyzedArticle]) -> BatchResult:
        """Store articles and their events in one transaction; known articles are skipped."""
        known = self.known_article_ids([a.article.article_id for a in batch])
        fresh: dict[str, AnalyzedArticle] = {}
        for item in batch:
            if item.article.article_id not in known:
                fresh.setdefault(item.article.article_id, item)
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        articles = [article_row(a.article, now) for a in fresh.values()]
        events = [event_row(e, a) for a in fresh.values() for e in a.events]
        evidence = [r for a in fresh.values() for e in a.events for r in evidence_rows(e)]
        with self._transaction():
            self._insert("articles", ARTICLE_COLUMNS, articles)
            self._insert("events", EVENT_COLUMNS, events)
            self._insert("evidence", EVIDENCE_COLUMNS, evidence)
        return BatchResult(len(fresh), len(batch) - len(fresh), len(events))

    def article_ids(self) -> list[str]:
        """Every stored article's id, in the order they were stored."""
        rows = self.con.execute(
            "SELECT article_id FROM articles ORDER BY ingested_at, article_id"
        ).fetchall()
        return [r[0] for r in rows]

    def analyses(self, article_ids: Sequence[str]) -> dict[str, Analysis]:
        """The stored events and evidence of these articles, in ``analysis_rows``' form (an
        article without events is absent)."""
        ids = list(article_ids)
        events = self.con.execute(
            f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE list_contains($ids, article_id)",
            {"ids": ids},
        ).fetchall()
        evidence = self.con.execute(
            f"SELECT e.article_id, {', '.join(f'v.{c}' for c in EVIDENCE_COLUMNS)} "
            "FROM evidence v JOIN events e USING (event_id) "
            "WHERE list_contains($ids, e.article_id)",
            {"ids": ids},
        ).fetchall()
        article = EVENT_COLUMNS.index("article_id")
        by_article: dict[str, list[tuple[Any, ...]]] = {}
        for row in events:
            by_article.setdefault(row[article], []).append(tuple(row))
        cited: dict[str, list[tuple[str, str, int, int, str]]] = {}
        for article_id, event_id, name, start, end, text in evidence:
            cited.setdefault(article_id, []).append((event_id, name, start, end, text))
        return {
            a: (tuple(sorted(rows, key=lambda r: str(r[0]))), tuple(sorted(cited.get(a, []))))
            for a, rows in by_article.items()
        }

    def replace_analyses(self, batch: Sequence[AnalyzedArticle]) -> None:
        """Replace the events and evidence of stored articles by a new analysis of them, in
        one transaction that also marks what was derived from the old events as stale:
        the incidents holding their reports are dropped (their events are placed again by
        ``resolve.update_incidents``, which finds them unresolved) and the articles' control
        observations are marked unread (``situation.update_control`` replaces them).
        Interrupted, the database keeps the old analysis or the new one, never a mix, and
        the stale marks lead the next ``reanalyze`` or ``resolve`` to finish the work."""
        ids = [a.article.article_id for a in batch]
        events = [event_row(e, a) for a in batch for e in a.events]
        evidence = [r for a in batch for e in a.events for r in evidence_rows(e)]
        held = (
            "incident_id IN (SELECT incident_id FROM incident_reports "
            "WHERE list_contains($ids, article_id))"
        )
        with self._transaction():
            for sql in (
                f"DELETE FROM incidents WHERE {held}",  # before the links that find them
                f"DELETE FROM incident_reports WHERE {held}",
                "DELETE FROM control_articles WHERE list_contains($ids, article_id)",
                "DELETE FROM evidence WHERE event_id IN "
                "(SELECT event_id FROM events WHERE list_contains($ids, article_id))",
                "DELETE FROM events WHERE list_contains($ids, article_id)",
            ):
                self.con.execute(sql, {"ids": ids})
            self._insert("events", EVENT_COLUMNS, events)
            self._insert("evidence", EVIDENCE_COLUMNS, evidence)

    def _insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Bulk insert through an Arrow table (``executemany`` goes row by row: ~150x slower)."""
        if not rows:
            return
        batch = pa.table(
            {f"c{i}": list(values) for i, values in enumerate(zip(*rows, strict=True))}
        )
        self.con.register("_fw_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM _fw_batch")
        finally:
            self.con.unregister("_fw_batch")

    def count(self, table: str) -> int:
        if table not in {"articles", "events", "evidence"}:
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def articles(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids, in the given order (unknown ids are left out)."""
        rows = self.con.execute(
            f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles "
            "WHERE list_contains($ids, article_id)",
            {"ids": list(article_ids)},
        ).fetchall()
        found = {r[0]: article_from_row(dict(zip(ARTICLE_COLUMNS, r, strict=True))) for r in rows}
        return [found[i] for i in article_ids if i in found]

    def events(self, flt: EventFilter | None = None) -> Iterator[StoredEvent]:
        """Stored events, oldest first, streamed from the database."""
        flt = flt or EventFilter()
        where: list[str] = ["TRUE"]
        params: list[object] = []
        if flt.since:
            where.append("e.event_date >= ?")
            params.append(flt.since)
        if flt.until:
            where.append("e.event_date <= ?")
            params.append(flt.until)
        if flt.event_type:
            where.append("(e.event_type = ? OR e.sub_event_type = ?)")
            params += [flt.event_type, flt.event_type]
        cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        cursor = self.con.cursor()
        cursor.execute(
            f"SELECT {cols}, a.source, a.url FROM events e JOIN articles a USING (article_id) "
            f"WHERE {' AND '.join(where)} ORDER BY e.event_date NULLS LAST, e.event_id",
            params,
        )
        while chunk := cursor.fetchmany(1000):
            evidence = self._evidence([r[0] for r in chunk])
            for row in chunk:
                values = dict(zip(EVENT_COLUMNS, row[: len(EVENT_COLUMNS)], strict=True))
                event = event_from_row(values, evidence.get(values["event_id"], []))
                yield StoredEvent(
                    event=event,
                    article_id=values["article_id"],
                    source=row[-2],
                    url=row[-1],
                    is_main=bool(values["is_main"]),
                )

    def _evidence(self, event_ids: list[str]) -> dict[str, list[tuple[str, int, int, str]]]:
        rows = self.con.execute(
            'SELECT event_id, field, start, "end", text FROM evidence '
            "WHERE list_contains(?, event_id) ORDER BY event_id, start",
            [event_ids],
        ).fetchall()
        grouped: dict[str, list[tuple[str, int, int, str]]] = {}
        for event_id, field, start, end, text in rows:
            grouped.setdefault(event_id, []).append((field, start, end, text))
        return grouped


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
