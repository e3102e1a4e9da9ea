"""Read queries behind ``/incidents`` (issue 6): incidents with their disagreements, and the
reports that make each one. Filters are bound parameters, as in ``api_queries``."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import duckdb

from .api_queries import LAST_DATE, EventQuery, Near, Where, place_filters
from .rows import FATALITY_COLUMNS, INCIDENT_SUMMARY_COLUMNS

INCIDENT_FIELDS = INCIDENT_SUMMARY_COLUMNS

REPORT_FIELDS = (
    "event_id",
    "article_id",
    "outlet",
    "duplicate_of",
    "url",
    "title",
    "published",
    "event_date",
    "sub_event_type",
    "claimed_by",
    *FATALITY_COLUMNS,
)
"""One report of an incident: its event, article and the figures it gives."""
_REPORT_TABLE = {
    "event_id": "r",
    "article_id": "r",
    "outlet": "r",
    "duplicate_of": "r",
    "url": "a",
    "title": "a",
    "published": "a",
}
"""Where each report field comes from: ``incident_reports`` (r), ``articles`` (a); the rest
from ``events`` (e)."""

_INCIDENT_SORT = f"coalesce(e.first_date, DATE '{LAST_DATE.isoformat()}')"


@dataclass(frozen=True)
class IncidentQuery:
    """Filters of ``/incidents``; ``None`` means no filter."""

    since: dt.date | None = None
    """Incidents ending on or after this day."""
    until: dt.date | None = None
    """Incidents starting on or before this day."""
    bbox: tuple[float, float, float, float] | None = None
    near: Near | None = None
    min_sources: int = 0
    after: tuple[dt.date, str] | None = None
    """Keyset cursor: incidents sorted after (first_date, incident_id)."""
    match_none: bool = False


def _incident_where(q: IncidentQuery) -> Where:
    w = Where()
    if q.match_none:
        w.add("FALSE")
    if q.since:
        w.add("e.last_date >= ?", q.since)
    if q.until:
        w.add("e.first_date <= ?", q.until)
    if q.min_sources:
        w.add("e.n_sources >= ?", q.min_sources)
    # incidents carry latitude/longitude like events: the same place filters apply
    place_filters(EventQuery(bbox=q.bbox, near=q.near), w)
    if q.after:
        w.add(f"({_INCIDENT_SORT}, e.incident_id) > (?, ?)", q.after[0], q.after[1])
    return w


def _incident_rows(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> list[Any]:
    cols = ", ".join(f"e.{c}" for c in INCIDENT_FIELDS)
    return con.execute(
        f"SELECT {cols}, CAST(e.disagreements AS VARCHAR) FROM incidents e WHERE {where} "
        f"ORDER BY {_INCIDENT_SORT}, e.incident_id LIMIT ?",
        params,
    ).fetchall()


def _incident_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    values = dict(zip(INCIDENT_FIELDS, row[: len(INCIDENT_FIELDS)], strict=True))
    values["outlets"] = list(values["outlets"] or [])
    values["disagreements"] = json.loads(row[len(INCIDENT_FIELDS)] or "[]")
    return values


def find_incidents(
    con: duckdb.DuckDBPyConnection, q: IncidentQuery, *, limit: int
) -> list[dict[str, Any]]:
    """One page of incidents (with their disagreements), in (first_date, incident_id) order."""
    w = _incident_where(q)
    return [_incident_dict(r) for r in _incident_rows(con, w.sql(), [*w.params, limit])]


def get_incident(con: duckdb.DuckDBPyConnection, incident_id: str) -> dict[str, Any] | None:
    """One incident with its disagreements and its reports (``incident_reports`` below)."""
    rows = _incident_rows(con, "e.incident_id = ?", [incident_id, 1])
    if not rows:
        return None
    found = _incident_dict(rows[0])
    found["reports"] = incident_reports(con, incident_id)
    return found


def incident_reports(con: duckdb.DuckDBPyConnection, incident_id: str) -> list[dict[str, Any]]:
    """The reports of an incident: article, outlet, who it cites, its figures; by date."""
    cols = ", ".join(f"{_REPORT_TABLE.get(c, 'e')}.{c}" for c in REPORT_FIELDS)
    rows = con.execute(
        f"SELECT {cols} "
        "FROM incident_reports r JOIN events e USING (event_id) "
        "JOIN articles a ON a.article_id = r.article_id "
        "WHERE r.incident_id = ? ORDER BY a.published NULLS LAST, r.event_id",
        [incident_id],
    ).fetchall()
    return [dict(zip(REPORT_FIELDS, r, strict=True)) for r in rows]
