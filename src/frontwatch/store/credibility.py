"""SQL of verification (issue 4): claims of an incident, article reports, reference records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..verify.model import ReferenceRecord
from .db import Store
from .incidents import REPORT_COLUMNS, report_select

REFERENCE_COLUMNS = (
    "record_id",
    "dataset",
    "record_date",
    "admin1",
    "place",
    "cause",
    "status",
    "count",
    "origin",
)


class CredibilityStore:
    def __init__(self, store: Store) -> None:
        self.con = store.con

    def _reports(self, events_where: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        sql = (
            "WITH r AS (" + report_select(events_where) + ") SELECT ir.incident_id, r.* FROM r "
            "LEFT JOIN incident_reports ir USING (event_id) ORDER BY r.is_main DESC, r.event_id"
        )
        rows = self.con.execute(sql, {"lede": 0, **params}).fetchall()
        return [
            {"incident_id": r[0], **dict(zip(REPORT_COLUMNS, r[1:], strict=True))} for r in rows
        ]

    def article_reports(self, article_id: str) -> list[dict[str, Any]]:
        return self._reports("article_id = $id", {"id": article_id})

    def incident_reports(self, incident_id: str) -> list[dict[str, Any]]:
        return self._reports(
            "event_id IN (SELECT event_id FROM incident_reports WHERE incident_id = $id)",
            {"id": incident_id},
        )

    def article_text(self, article_id: str) -> tuple[str, str | None, str | None] | None:
        row = self.con.execute(
            "SELECT text, source, url FROM articles WHERE article_id = $id", {"id": article_id}
        ).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def evidence(self, event_ids: Sequence[str]) -> dict[str, list[tuple[str, int, int, str]]]:
        rows = self.con.execute(
            'SELECT event_id, field, start, "end", text FROM evidence '
            "WHERE list_contains($ids, event_id) ORDER BY event_id, start",
            {"ids": list(event_ids)},
        ).fetchall()
        found: dict[str, list[tuple[str, int, int, str]]] = {}
        for event_id, field, start, end, text in rows:
            found.setdefault(event_id, []).append((field, start, end, text))
        return found

    def add_references(self, records: Sequence[ReferenceRecord]) -> int:
        """Insert records not stored yet (by record_id), in one transaction; returns how many."""
        table = pa.table(
            {
                "record_id": [r.record_id for r in records],
                "dataset": [r.dataset for r in records],
                "record_date": pa.array([r.record_date for r in records], pa.date32()),
                "admin1": pa.array([r.admin1 for r in records], pa.string()),
                "place": pa.array([r.place for r in records], pa.string()),
                "cause": pa.array([r.cause for r in records], pa.string()),
                "status": [r.status for r in records],
                "count": pa.array([r.count for r in records], pa.int32()),
                "origin": [r.origin for r in records],
            }
        )
        before = self._count()
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("_refs", table)
            self.con.execute(
                "INSERT INTO reference_records SELECT * FROM _refs "
                "ANTI JOIN reference_records USING (record_id)"
            )
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot store reference records: {exc}") from exc
        finally:
            self.con.unregister("_refs")
        self.con.execute("COMMIT")
        return self._count() - before

    def _count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM reference_records").fetchone()
        return int(row[0]) if row else 0

    def references(self, lo: dt.date, hi: dt.date, admin1: str | None) -> list[ReferenceRecord]:
        rows = self.con.execute(
            f"SELECT {', '.join(REFERENCE_COLUMNS)} FROM reference_records "
            "WHERE record_date BETWEEN $lo AND $hi AND ($admin1 IS NULL OR admin1 = $admin1) "
            "ORDER BY record_date, record_id",
            {"lo": lo, "hi": hi, "admin1": admin1},
        ).fetchall()
        return [ReferenceRecord(**dict(zip(REFERENCE_COLUMNS, r, strict=True))) for r in rows]
