"""SQL of incident resolution and verification (issue 4): signatures, incidents, references.

Bulk writes go through Arrow tables (one INSERT ... SELECT per table) inside one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..resolve.model import Disagreement, FatalityEstimate, Incident, IncidentReport
from .db import Store
from .rows import FATALITY_COLUMNS, INCIDENT_COLUMNS

PLACE_KEY = "coalesce(nullif(e.gazetteer_id, ''), lower(coalesce(e.location, '')))"
"""The place an undated report is matched by (``resolve.cluster.Clusterer.place_key``)."""


def report_select(events_where: str) -> str:
    """Report rows of the events matching ``events_where`` (SQL over ``events``' columns).

    Evidence is aggregated only for those events, so the cost follows the selection.
    """
    return f"""
WITH e AS (SELECT * FROM events WHERE {events_where}),
ev AS (
    SELECT event_id, min(start) AS lo, max("end") AS hi, list(text ORDER BY start) AS spans
    FROM evidence JOIN e USING (event_id)
    WHERE field NOT LIKE 'fatalities.%' AND field NOT IN ('claimed_by', 'event_date')
    GROUP BY event_id
)
SELECT e.event_id, e.article_id, e.is_main, e.event_date, e.time_precision, e.event_type,
       e.sub_event_type, e.cause, e.actor1, e.actor1_side, e.actor2_side, e.location, e.admin1,
       e.latitude, e.longitude, e.gazetteer_id, e.geo_precision, e.fatalities_total,
       e.fatalities_civilians, e.fatalities_children,
       e.fatalities_women, e.fatalities_combatants,
       e.fatalities_qualifier, e.claimed_by, a.source, a.url, a.title,
       CASE WHEN e.is_main OR ev.lo IS NULL THEN substr(a.text, 1, $lede)
            ELSE substr(a.text, greatest(ev.lo - 150, 0) + 1, ev.hi - ev.lo + 300) END
           AS context,
       coalesce(ev.spans, []) AS spans, s.duplicate_of
FROM e
JOIN articles a USING (article_id)
LEFT JOIN ev USING (event_id)
LEFT JOIN article_signatures s USING (article_id)
"""


REPORT_COLUMNS = (
    "event_id",
    "article_id",
    "is_main",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "cause",
    "actor1",
    "actor1_side",
    "actor2_side",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "gazetteer_id",
    "geo_precision",
    *FATALITY_COLUMNS,
    "claimed_by",
    "source",
    "url",
    "title",
    "context",
    "spans",
    "duplicate_of",
)


@dataclass(frozen=True)
class IncidentFilter:
    since: dt.date | None = None
    until: dt.date | None = None
    min_sources: int = 0


@dataclass(frozen=True)
class StoredReportRow:
    """A stored report with its incident and key terms (for incremental matching)."""

    incident_id: str
    outlet: str
    terms: list[str]
    values: dict[str, Any]


class IncidentStore:
    """Incident tables of a ``Store`` (migration 002)."""

    def __init__(self, store: Store) -> None:
        self.con = store.con

    # -- transactions and bulk writes ------------------------------------------------
    def _write(self, tables: Sequence[tuple[str, pa.Table, str | None]]) -> None:
        """Insert Arrow tables in one transaction; the optional SQL deletes rows first."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for name, table, delete in tables:
                if table.num_rows == 0:
                    continue
                self.con.register("_incoming", table)
                try:
                    if delete:
                        self.con.execute(delete)
                    cols = ", ".join(table.column_names)
                    self.con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _incoming")
                finally:
                    self.con.unregister("_incoming")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.con}: cannot write incidents: {exc}") from exc
        self.con.execute("COMMIT")

    # -- near-duplicate signatures ---------------------------------------------------
    def unsigned_articles(
        self, article_ids: Sequence[str] | None
    ) -> list[tuple[str, str, dt.date | None]]:
        """(article_id, text, published) of articles without a signature (None: all).

        Oldest publication first, so the original comes before its copies.
        """
        return self.con.execute(
            "SELECT a.article_id, a.text, a.published FROM articles a "
            "ANTI JOIN article_signatures s USING (article_id) "
            "WHERE $ids IS NULL OR list_contains($ids, a.article_id) "
            "ORDER BY a.published NULLS LAST, a.ingested_at, a.article_id",
            {"ids": None if article_ids is None else list(article_ids)},
        ).fetchall()

    def all_unsigned(self, chunk: int = 2000) -> Iterator[tuple[str, str, dt.date | None]]:
        """Like ``unsigned_articles(None)``, streamed (for a full rebuild)."""
        cursor = self.con.cursor()
        cursor.execute(
            "SELECT a.article_id, a.text, a.published FROM articles a "
            "ANTI JOIN article_signatures s USING (article_id) "
            "ORDER BY a.published NULLS LAST, a.ingested_at, a.article_id"
        )
        while rows := cursor.fetchmany(chunk):
            yield from rows

    def placements(self) -> dict[str, str]:
        """article_id -> incident_id of every report (for scoring a clustering)."""
        rows = self.con.execute("SELECT article_id, incident_id FROM incident_reports").fetchall()
        return dict(rows)

    def count_incidents(self) -> int:
        row = self.con.execute("SELECT count(*) FROM incidents").fetchone()
        return int(row[0]) if row else 0

    def unresolved_article_ids(self) -> list[str]:
        """Articles not signed yet or with an event not in an incident."""
        rows = self.con.execute(
            "SELECT article_id FROM articles ANTI JOIN article_signatures USING (article_id) "
            "UNION SELECT DISTINCT article_id FROM events "
            "WHERE event_id NOT IN (SELECT event_id FROM incident_reports) ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]

    def clear(self) -> None:
        """Drop every incident, report link and signature (before a full rebuild)."""
        self.con.execute("BEGIN TRANSACTION")
        for table in ("incident_reports", "incidents", "article_bands", "article_signatures"):
            self.con.execute(f"DELETE FROM {table}")
        self.con.execute("COMMIT")

    def band_candidates(self, band_keys: Sequence[int]) -> dict[int, list[str]]:
        rows = self.con.execute(
            "SELECT b.band_key, b.article_id FROM article_bands b "
            "JOIN (SELECT unnest($keys::UBIGINT[]) AS band_key) q USING (band_key)",
            {"keys": list(band_keys)},
        ).fetchall()
        found: dict[int, list[str]] = {}
        for key, article_id in rows:
            found.setdefault(int(key), []).append(article_id)
        return found

    def signatures(
        self, article_ids: Sequence[str]
    ) -> dict[str, tuple[list[int], int, str | None]]:
        """article_id -> (MinHash signature, number of shingles, duplicate_of)."""
        rows = self.con.execute(
            "SELECT article_id, signature, shingles, duplicate_of FROM article_signatures "
            "WHERE list_contains($ids, article_id)",
            {"ids": list(article_ids)},
        ).fetchall()
        return {r[0]: (list(r[1]), int(r[2]), r[3]) for r in rows}

    def save_signatures(
        self,
        signed: Sequence[tuple[str, list[int], int, str | None, float | None]],
        bands: Sequence[tuple[int, str]],
    ) -> None:
        sig = pa.table(
            {
                "article_id": [s[0] for s in signed],
                "signature": pa.array([s[1] for s in signed], type=pa.list_(pa.uint64())),
                "shingles": pa.array([s[2] for s in signed], type=pa.int32()),
                "duplicate_of": pa.array([s[3] for s in signed], type=pa.string()),
                "similarity": pa.array([s[4] for s in signed], type=pa.float64()),
            }
        )
        band = pa.table(
            {
                "band_key": pa.array([b[0] for b in bands], type=pa.uint64()),
                "article_id": [b[1] for b in bands],
            }
        )
        self._write([("article_signatures", sig, None), ("article_bands", band, None)])

    # -- reports -----------------------------------------------------------------------
    def new_reports(self, article_ids: Sequence[str], lede: int) -> list[dict[str, Any]]:
        """Events of these articles not yet in an incident, oldest first."""
        sql = (
            report_select(
                "article_id IN (SELECT unnest($ids)) "
                "AND event_id NOT IN (SELECT event_id FROM incident_reports)"
            )
            + "ORDER BY e.event_date NULLS LAST, e.is_main DESC, e.event_id"
        )
        rows = self.con.execute(sql, {"ids": list(article_ids), "lede": lede}).fetchall()
        return [dict(zip(REPORT_COLUMNS, r, strict=True)) for r in rows]

    def all_reports(self, lede: int, days: int = 7) -> Iterator[dict[str, Any]]:
        """Every stored event as a report row, oldest first, ``days`` of events per query.

        Querying week by week keeps memory to a week of reports however large the store.
        """
        row = self.con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
        first, last = (row[0], row[1]) if row else (None, None)
        order = " ORDER BY e.event_date, e.is_main DESC, e.event_id"
        day = first
        while day is not None and last is not None and day <= last:
            end = day + dt.timedelta(days=days)
            sql = report_select("event_date >= $lo AND event_date < $hi") + order
            yield from self._rows(sql, {"lo": day, "hi": end, "lede": lede})
            day = end
        undated = report_select("event_date IS NULL") + " ORDER BY e.event_id"
        yield from self._rows(undated, {"lede": lede})

    def _rows(self, sql: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for r in self.con.execute(sql, params).fetchall():
            yield dict(zip(REPORT_COLUMNS, r, strict=True))

    def reports_in_window(
        self,
        lo: dt.date | None,
        hi: dt.date | None,
        *,
        undated_places: Sequence[str] = (),
        undated_limit: int = 20,
    ) -> list[StoredReportRow]:
        """Stored reports of incidents whose reach (dates +- their tolerance) meets [lo, hi],
        and of the undated incidents at ``undated_places`` (gazetteer id, else the lowercased
        place name: what an undated report is matched by), the ``undated_limit`` most
        recently written per place. Loading every undated incident would make each update
        cost as much as the whole store."""
        members = (
            "event_id IN (SELECT ir.event_id FROM incident_reports ir JOIN incidents i "
            "USING (incident_id) WHERE ($lo IS NOT NULL AND i.first_date IS NOT NULL "
            "AND i.last_date + i.date_tolerance >= $lo "
            "AND i.first_date - i.date_tolerance <= $hi) "
            "OR incident_id IN (SELECT incident_id FROM undated))"
        )
        undated = (
            "undated AS (SELECT incident_id FROM ("
            "SELECT p.incident_id, row_number() OVER (PARTITION BY p.place "
            "ORDER BY i.updated_at DESC, p.incident_id) AS rank FROM ("
            "SELECT DISTINCT ir.incident_id, "
            f"{PLACE_KEY} AS place FROM incident_reports ir JOIN events e USING (event_id) "
            f"WHERE list_contains($places, {PLACE_KEY})) p "
            "JOIN incidents i USING (incident_id) WHERE i.first_date IS NULL) "
            "WHERE rank <= $limit)"
        )
        sql = (
            f"WITH {undated}, r AS (" + report_select(members) + ") "
            "SELECT ir.incident_id, ir.outlet, ir.terms, r.* FROM r "
            "JOIN incident_reports ir USING (event_id) "
            "ORDER BY ir.incident_id, r.event_date NULLS LAST, r.event_id"
        )
        params = {
            "lo": lo,
            "hi": hi,
            "lede": 0,
            "places": sorted(set(undated_places)),
            "limit": undated_limit,
        }
        rows = self.con.execute(sql, params).fetchall()
        return [
            StoredReportRow(r[0], r[1], list(r[2]), dict(zip(REPORT_COLUMNS, r[3:], strict=True)))
            for r in rows
        ]

    def incidents_of_articles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article_id -> incident of its main event (else of its first event)."""
        rows = self.con.execute(
            "SELECT ir.article_id, ir.incident_id FROM incident_reports ir "
            "JOIN events e USING (event_id) WHERE list_contains($ids, ir.article_id) "
            "ORDER BY e.is_main DESC, ir.event_id",
            {"ids": list(article_ids)},
        ).fetchall()
        found: dict[str, str] = {}
        for article_id, incident_id in rows:
            found.setdefault(article_id, incident_id)
        return found

    # -- incidents ---------------------------------------------------------------------
    def save_incidents(self, incidents: Sequence[Incident], terms: dict[str, list[str]]) -> None:
        """Replace these incidents and their report links, in one transaction."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        ids = [i.incident_id for i in incidents]
        reports = [(i.incident_id, r) for i in incidents for r in i.reports]
        inc = pa.table(
            {
                "incident_id": ids,
                "first_date": pa.array([i.first_date for i in incidents], type=pa.date32()),
                "last_date": pa.array([i.last_date for i in incidents], type=pa.date32()),
                "date_tolerance": pa.array([i.date_tolerance for i in incidents], pa.int32()),
                "event_type": [i.event_type for i in incidents],
                "sub_event_type": [i.sub_event_type for i in incidents],
                "cause": pa.array([i.cause for i in incidents], type=pa.string()),
                "location": pa.array([i.location for i in incidents], type=pa.string()),
                "admin1": pa.array([i.admin1 for i in incidents], type=pa.string()),
                "latitude": pa.array([i.latitude for i in incidents], type=pa.float64()),
                "longitude": pa.array([i.longitude for i in incidents], type=pa.float64()),
                "n_reports": pa.array([i.n_reports for i in incidents], type=pa.int32()),
                "n_sources": pa.array([i.n_sources for i in incidents], type=pa.int32()),
                "outlets": pa.array([i.outlets for i in incidents], type=pa.list_(pa.string())),
                "fatalities_low": pa.array([i.fatalities.low for i in incidents], pa.int32()),
                "fatalities_best": pa.array([i.fatalities.best for i in incidents], pa.int32()),
                "fatalities_high": pa.array([i.fatalities.high for i in incidents], pa.int32()),
                "fatalities_acled": pa.array([i.fatalities.acled for i in incidents], pa.int32()),
                "disagreements": [
                    json.dumps([d.model_dump(mode="json") for d in i.disagreements])
                    for i in incidents
                ],
                "updated_at": pa.array([now] * len(ids), type=pa.timestamp("us")),
            }
        )
        links = pa.table(
            {
                "event_id": [r.event_id for _, r in reports],
                "incident_id": [i for i, _ in reports],
                "article_id": [r.article_id for _, r in reports],
                "outlet": [r.outlet for _, r in reports],
                "duplicate_of": pa.array([r.duplicate_of for _, r in reports], pa.string()),
                "terms": pa.array(
                    [terms.get(r.event_id, []) for _, r in reports], pa.list_(pa.string())
                ),
            }
        )
        self._write(
            [
                (
                    "incidents",
                    inc,
                    "DELETE FROM incidents WHERE incident_id IN "
                    "(SELECT incident_id FROM _incoming)",
                ),
                (
                    "incident_reports",
                    links,
                    "DELETE FROM incident_reports WHERE event_id IN "
                    "(SELECT event_id FROM _incoming)",
                ),
            ]
        )

    def delete_incidents(self, incident_ids: Sequence[str]) -> None:
        """Drop incidents emptied by a merge (their reports moved elsewhere)."""
        if incident_ids:
            self.con.execute(
                "DELETE FROM incidents WHERE list_contains($ids, incident_id)",
                {"ids": list(incident_ids)},
            )

    def incidents(self, flt: IncidentFilter | None = None) -> list[Incident]:
        flt = flt or IncidentFilter()
        rows = self.con.execute(
            f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents "
            "WHERE ($since IS NULL OR last_date >= $since) "
            "AND ($until IS NULL OR first_date <= $until) AND n_sources >= $min "
            "ORDER BY first_date NULLS LAST, incident_id",
            {"since": flt.since, "until": flt.until, "min": flt.min_sources},
        ).fetchall()
        return self._with_reports([dict(zip(INCIDENT_COLUMNS, r, strict=True)) for r in rows])

    def incident(self, incident_id: str) -> Incident | None:
        rows = self.con.execute(
            f"SELECT {', '.join(INCIDENT_COLUMNS)} FROM incidents WHERE incident_id = $id",
            {"id": incident_id},
        ).fetchall()
        found = self._with_reports([dict(zip(INCIDENT_COLUMNS, r, strict=True)) for r in rows])
        return found[0] if found else None

    def _with_reports(self, rows: list[dict[str, Any]]) -> list[Incident]:
        links = self.con.execute(
            "SELECT incident_id, event_id, article_id, outlet, duplicate_of "
            "FROM incident_reports WHERE list_contains($ids, incident_id) "
            "ORDER BY incident_id, event_id",
            {"ids": [r["incident_id"] for r in rows]},
        ).fetchall()
        grouped: dict[str, list[IncidentReport]] = {}
        for incident_id, event_id, article_id, outlet, dup in links:
            grouped.setdefault(incident_id, []).append(
                IncidentReport(
                    event_id=event_id, article_id=article_id, outlet=outlet, duplicate_of=dup
                )
            )
        return [_incident(r, grouped.get(r["incident_id"], [])) for r in rows]


def _incident(row: dict[str, Any], reports: list[IncidentReport]) -> Incident:
    return Incident(
        incident_id=row["incident_id"],
        first_date=row["first_date"],
        last_date=row["last_date"],
        date_tolerance=row["date_tolerance"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        cause=row["cause"],
        location=row["location"],
        admin1=row["admin1"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        n_reports=row["n_reports"],
        n_sources=row["n_sources"],
        outlets=list(row["outlets"]),
        fatalities=FatalityEstimate(
            low=row["fatalities_low"],
            best=row["fatalities_best"],
            high=row["fatalities_high"],
            acled=row["fatalities_acled"],
        ),
        disagreements=[Disagreement(**d) for d in json.loads(row["disagreements"])],
        reports=reports,
    )
