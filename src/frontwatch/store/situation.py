"""SQL of the situation picture (issue 5): control observations and their conflicts.

The only module with these tables' SQL (migration 005). Writes are one transaction each;
an article's observations are replaced whole, so reading it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Article, Event
from ..situation.model import ControlConflict, Observation, RouteEnd, RouteReport
from .db import Store
from .rows import ARTICLE_COLUMNS, EVENT_COLUMNS, article_from_row, event_from_row

OBSERVATION_COLUMNS = (
    "observation_id",
    "locality_id",
    "locality_name",
    "latitude",
    "longitude",
    "side",
    "kind",
    "observed",
    "event_id",
    "article_id",
    "evidence",
    "evidence_start",
    "evidence_end",
    "credibility",
    "source",
    "origin",
)
_TYPES = {
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "observed": pa.date32(),
    "evidence_start": pa.int32(),
    "evidence_end": pa.int32(),
    "credibility": pa.float64(),
}


@dataclass(frozen=True)
class StoredObservation:
    """An observation as stored: with its id, its locality's point and where it came from."""

    observation_id: str
    observation: Observation
    latitude: float
    longitude: float
    evidence_start: int | None
    evidence_end: int | None
    origin: str
    """"report" (read from an article) or "baseline FILE:LINE"."""


@dataclass(frozen=True)
class ArticleInput:
    """What the control reader needs of a stored article."""

    article: Article
    events: list[Event]
    duplicate_of: str | None


def observation_id(o: Observation, origin: str) -> str:
    key = "|".join(
        str(v)
        for v in (o.locality_id, o.side, o.kind, o.observed, o.event_id, o.article_id, origin)
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def conflict_id(c: ControlConflict) -> str:
    key = "|".join([c.locality_id, str(c.decided), *sorted(str(o) for o in c.claims)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class SituationStore:
    """Control observations and conflicts of a ``Store``."""

    def __init__(self, store: Store) -> None:
        self.con = store.con

    # ------------------------------------------------------------------ writes

    def replace_articles(
        self,
        article_ids: Sequence[str],
        rows: Sequence[StoredObservation],
        reports: Sequence[StoredRouteReport] = (),
    ) -> None:
        """The observations and route reports of these articles, replaced by ``rows`` and
        ``reports`` in one transaction."""
        ids = list(dict.fromkeys(article_ids))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        with self._transaction():
            for table in ("control_observations", "route_reports"):
                self.con.execute(
                    f"DELETE FROM {table} WHERE list_contains($ids, article_id)", {"ids": ids}
                )
            self._insert("route_reports", _reports_table(reports), distinct="report_id")
            self.con.execute(
                "DELETE FROM control_articles WHERE list_contains($ids, article_id)", {"ids": ids}
            )
            self._insert_observations(rows)
            self._insert(
                "control_articles",
                pa.table(
                    {
                        "article_id": pa.array(ids, pa.string()),
                        "read_at": pa.array([now] * len(ids), pa.timestamp("us")),
                    }
                ),
            )

    def add_observations(self, rows: Sequence[StoredObservation]) -> int:
        """Insert observations not stored yet (by id), in one transaction; returns how many."""
        before = self.count()
        with self._transaction():
            self._insert_observations(rows, only_new=True)
        return self.count() - before

    def replace_conflicts(
        self,
        locality_ids: Sequence[str],
        conflicts: Sequence[ControlConflict],
        ids: dict[Observation, str],
    ) -> None:
        table = pa.table(
            {
                "conflict_id": pa.array([conflict_id(c) for c in conflicts], pa.string()),
                "locality_id": pa.array([c.locality_id for c in conflicts], pa.string()),
                "decided": pa.array([c.decided for c in conflicts], pa.date32()),
                "chosen_side": pa.array([c.chosen_side for c in conflicts], pa.string()),
                "rule": pa.array([c.rule for c in conflicts], pa.string()),
                "claims": pa.array(
                    [[ids.get(o, "") for o in c.claims] for c in conflicts], pa.list_(pa.string())
                ),
            }
        )
        with self._transaction():
            self.con.execute(
                "DELETE FROM control_conflicts WHERE list_contains($ids, locality_id)",
                {"ids": list(locality_ids)},
            )
            self._insert("control_conflicts", table, distinct="conflict_id")

    def _insert_observations(
        self, rows: Sequence[StoredObservation], *, only_new: bool = False
    ) -> None:
        columns: dict[str, list[Any]] = {c: [] for c in OBSERVATION_COLUMNS}
        for r in rows:
            o = r.observation
            values = (
                r.observation_id,
                o.locality_id,
                o.locality_name,
                r.latitude,
                r.longitude,
                o.side,
                o.kind,
                o.observed,
                o.event_id,
                o.article_id,
                o.evidence,
                r.evidence_start,
                r.evidence_end,
                o.credibility,
                o.source,
                r.origin,
            )
            for name, value in zip(OBSERVATION_COLUMNS, values, strict=True):
                columns[name].append(value)
        table = pa.table({c: pa.array(v, _TYPES.get(c, pa.string())) for c, v in columns.items()})
        self._insert("control_observations", table, distinct="observation_id", only_new=only_new)

    def _insert(
        self, name: str, table: pa.Table, *, distinct: str | None = None, only_new: bool = False
    ) -> None:
        if table.num_rows == 0:
            return
        self.con.register("_fw_situation", table)
        try:
            select = "SELECT * FROM _fw_situation"
            if distinct:
                select = f"SELECT DISTINCT ON ({distinct}) * FROM _fw_situation"
            if only_new and distinct:
                select = f"SELECT * FROM ({select}) ANTI JOIN {name} USING ({distinct})"
            self.con.execute(f"INSERT INTO {name} {select}")
        except duckdb.Error as exc:
            raise StoreError(f"cannot store {name}: {exc}") from exc
        finally:
            self.con.unregister("_fw_situation")

    def _transaction(self) -> _Transaction:
        return _Transaction(self.con)

    # ------------------------------------------------------------------ reads

    def count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM control_observations").fetchone()
        return int(row[0]) if row else 0

    def observations(self, *, locality_ids: Sequence[str] | None = None) -> list[StoredObservation]:
        """Stored observations (all, or those of the given localities), oldest first."""
        where, params = "TRUE", {}
        if locality_ids is not None:
            where, params = "list_contains($ids, locality_id)", {"ids": list(locality_ids)}
        rows = self.con.execute(
            f"SELECT {', '.join(OBSERVATION_COLUMNS)} FROM control_observations WHERE {where} "
            "ORDER BY observed, observation_id",
            params,
        ).fetchall()
        return [_stored(dict(zip(OBSERVATION_COLUMNS, r, strict=True))) for r in rows]

    def route_reports(self) -> list[RouteReport]:
        """Every stored route report, oldest first."""
        rows = self.con.execute(
            f"SELECT {', '.join(REPORT_COLUMNS)} FROM route_reports ORDER BY observed, report_id"
        ).fetchall()
        return [_report(dict(zip(REPORT_COLUMNS, r, strict=True))) for r in rows]

    def conflicts(self) -> list[tuple[str, str, dt.date, str | None, str, list[str]]]:
        """(conflict_id, locality_id, decided, chosen_side, rule, claim observation ids)."""
        rows = self.con.execute(
            "SELECT conflict_id, locality_id, decided, chosen_side, rule, claims "
            "FROM control_conflicts ORDER BY decided, locality_id, conflict_id"
        ).fetchall()
        return [(r[0], r[1], r[2], r[3], r[4], list(r[5])) for r in rows]

    def localities_of(self, article_ids: Sequence[str]) -> set[str]:
        """The localities the stored observations of these articles are about."""
        rows = self.con.execute(
            "SELECT DISTINCT locality_id FROM control_observations "
            "WHERE list_contains($ids, article_id)",
            {"ids": list(article_ids)},
        ).fetchall()
        return {r[0] for r in rows}

    def unread_articles(self) -> list[str]:
        """Articles with events whose control observations were never read."""
        rows = self.con.execute(
            "SELECT DISTINCT article_id FROM events ANTI JOIN control_articles USING (article_id) "
            "ORDER BY article_id"
        ).fetchall()
        return [r[0] for r in rows]

    def articles_with_events(self) -> list[str]:
        rows = self.con.execute("SELECT DISTINCT article_id FROM events ORDER BY 1").fetchall()
        return [r[0] for r in rows]

    def article_inputs(self, article_ids: Sequence[str]) -> Iterator[ArticleInput]:
        """The articles (with their events and near-duplicate mark), in the given order."""
        ids = list(dict.fromkeys(article_ids))
        for lo in range(0, len(ids), 500):
            yield from self._article_chunk(ids[lo : lo + 500])

    def _article_chunk(self, ids: list[str]) -> Iterator[ArticleInput]:
        cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
        articles = self.con.execute(
            f"SELECT {cols}, s.duplicate_of FROM articles a "
            "LEFT JOIN article_signatures s USING (article_id) "
            "WHERE list_contains($ids, a.article_id)",
            {"ids": ids},
        ).fetchall()
        events = self._events(ids)
        by_id = {r[0]: r for r in articles}
        for article_id in ids:
            row = by_id.get(article_id)
            if row is None:
                continue
            article = article_from_row(dict(zip(ARTICLE_COLUMNS, row[:-1], strict=True)))
            yield ArticleInput(article, events.get(article_id, []), row[-1])

    def _events(self, ids: list[str]) -> dict[str, list[Event]]:
        cols = ", ".join(EVENT_COLUMNS)
        rows = self.con.execute(
            f"SELECT {cols} FROM events WHERE list_contains($ids, article_id) ORDER BY event_id",
            {"ids": ids},
        ).fetchall()
        evidence: dict[str, list[tuple[str, int, int, str]]] = {}
        for event_id, fld, start, end, text in self.con.execute(
            'SELECT event_id, field, start, "end", text FROM evidence WHERE event_id IN '
            "(SELECT event_id FROM events WHERE list_contains($ids, article_id)) "
            "ORDER BY event_id, start",
            {"ids": ids},
        ).fetchall():
            evidence.setdefault(event_id, []).append((fld, start, end, text))
        found: dict[str, list[Event]] = {}
        for row in rows:
            values = dict(zip(EVENT_COLUMNS, row, strict=True))
            event = event_from_row(values, evidence.get(values["event_id"], []))
            found.setdefault(values["article_id"], []).append(event)
        return found


def _stored(v: dict[str, Any]) -> StoredObservation:
    observation = Observation(
        locality_id=v["locality_id"],
        locality_name=v["locality_name"],
        side=v["side"],
        kind=v["kind"],
        observed=v["observed"],
        event_id=v["event_id"],
        article_id=v["article_id"],
        evidence=v["evidence"],
        credibility=v["credibility"],
        source=v["source"],
    )
    return StoredObservation(
        v["observation_id"],
        observation,
        v["latitude"],
        v["longitude"],
        v["evidence_start"],
        v["evidence_end"],
        v["origin"],
    )


REPORT_COLUMNS = (
    "report_id",
    "article_id",
    "event_id",
    "status",
    "ends",
    "places",
    "observed",
    "owner",
    "agent",
    "evidence",
    "evidence_start",
    "evidence_end",
    "credibility",
    "source",
)


@dataclass(frozen=True)
class StoredRouteReport:
    """A route report with where its sentence stands in its article."""

    report: RouteReport
    evidence_start: int
    evidence_end: int

    @property
    def report_id(self) -> str:
        r = self.report
        key = "|".join(
            str(v) for v in (r.article_id, self.evidence_start, r.status, r.ends, r.observed)
        )
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _ends_json(ends: Sequence[RouteEnd]) -> str:
    return json.dumps([[e.name, e.latitude, e.longitude] for e in ends], ensure_ascii=False)


def _reports_table(reports: Sequence[StoredRouteReport]) -> pa.Table:
    values = [
        (
            s.report_id,
            s.report.article_id,
            s.report.event_id,
            s.report.status,
            _ends_json(s.report.ends),
            _ends_json(s.report.places),
            s.report.observed,
            s.report.owner,
            s.report.agent,
            s.report.evidence,
            s.evidence_start,
            s.evidence_end,
            s.report.credibility,
            s.report.source,
        )
        for s in reports
    ]
    columns = list(zip(*values, strict=True)) if values else [()] * len(REPORT_COLUMNS)
    return pa.table(
        {
            name: pa.array(list(col), _TYPES.get(name, pa.string()))
            for name, col in zip(REPORT_COLUMNS, columns, strict=True)
        }
    )


def _report(v: dict[str, Any]) -> RouteReport:
    def ends(raw: str) -> tuple[RouteEnd, ...]:
        return tuple(RouteEnd(str(n), lat, lon) for n, lat, lon in json.loads(raw))

    return RouteReport(
        status=v["status"],
        ends=ends(v["ends"]),
        places=ends(v["places"]),
        observed=v["observed"],
        owner=v["owner"],
        agent=v["agent"],
        article_id=v["article_id"],
        event_id=v["event_id"],
        evidence=v["evidence"],
        credibility=v["credibility"],
        source=v["source"],
    )


class _Transaction:
    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: Any
    ) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")
