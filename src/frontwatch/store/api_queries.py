"""Read queries behind the REST API and the dashboard (issue 6).

Every value a client sends is a bound parameter: filters are built from fixed SQL fragments,
never from the client's text. Functions take a DuckDB connection (a per-request cursor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from ..geodesy import EARTH_RADIUS_KM
from .db import StoredEvent
from .rows import ARTICLE_COLUMNS, EVENT_COLUMNS, event_from_row

LAST_DATE = dt.date(9999, 12, 31)
"""Sort key of events without a date (they come last)."""

MAP_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "latitude",
    "longitude",
    "fatalities_total",
    "actor1_side",
    "location",
    "claimed_by",
)
"""The compact view the map asks for (``view=map``)."""


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    km: float


@dataclass(frozen=True)
class EventQuery:
    """Filters of ``/events``; ``None`` means no filter."""

    since: dt.date | None = None
    until: dt.date | None = None
    bbox: tuple[float, float, float, float] | None = None
    """(min_lon, min_lat, max_lon, max_lat)."""
    near: Near | None = None
    event_type: Sequence[str] = ()
    """ACLED event types or sub-event types; any matches."""
    actor: str | None = None
    side: Sequence[str] = ()
    source: Sequence[str] = ()
    min_fatalities: int | None = None
    claimed_by: str | None = None
    text: str | None = None
    article_id: str | None = None
    after: tuple[dt.date, str] | None = None
    """Keyset cursor: events sorted after (date, event_id)."""
    match_none: bool = False
    """Set when a filter cannot match (e.g. ``near`` an unknown place)."""


@dataclass
class Where:
    """SQL conditions joined by AND, with their bound parameters."""

    clauses: list[str] = field(default_factory=lambda: ["TRUE"])
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " AND ".join(self.clauses)


_SORT_KEY = f"coalesce(e.event_date, DATE '{LAST_DATE.isoformat()}')"


def place_filters(q: EventQuery, w: Where) -> None:
    if q.bbox:
        min_lon, min_lat, max_lon, max_lat = q.bbox
        w.add("e.latitude BETWEEN ? AND ?", min_lat, max_lat)
        w.add("e.longitude BETWEEN ? AND ?", min_lon, max_lon)
    if q.near:
        n = q.near
        w.add(
            "2 * ? * asin(sqrt(pow(sin(radians(e.latitude - ?) / 2), 2) + cos(radians(?)) "
            "* cos(radians(e.latitude)) * pow(sin(radians(e.longitude - ?) / 2), 2))) <= ?",
            EARTH_RADIUS_KM,
            n.latitude,
            n.latitude,
            n.longitude,
            n.km,
        )


def _actor_filters(q: EventQuery, w: Where) -> None:
    if q.event_type:
        types = list(q.event_type)
        w.add(
            "(list_contains(?, e.event_type) OR list_contains(?, e.sub_event_type))", types, types
        )
    if q.actor:
        w.add(
            "(contains(lower(e.actor1), lower(?)) OR contains(lower(e.actor2), lower(?)))",
            q.actor,
            q.actor,
        )
    if q.side:
        sides = list(q.side)
        w.add("(list_contains(?, e.actor1_side) OR list_contains(?, e.actor2_side))", sides, sides)
    if q.claimed_by:
        w.add("contains(lower(e.claimed_by), lower(?))", q.claimed_by)
    if q.min_fatalities is not None:
        w.add("e.fatalities_total >= ?", q.min_fatalities)


def _where(q: EventQuery, *, with_dates: bool = True) -> Where:
    w = Where()
    if q.match_none:
        w.add("FALSE")
    if with_dates and q.since:
        w.add("e.event_date >= ?", q.since)
    if with_dates and q.until:
        w.add("e.event_date <= ?", q.until)
    place_filters(q, w)
    _actor_filters(q, w)
    if q.source:
        w.add(
            "e.article_id IN (SELECT article_id FROM articles WHERE list_contains(?, source))",
            list(q.source),
        )
    if q.text:
        w.add(
            "e.article_id IN (SELECT article_id FROM articles "
            "WHERE contains(lower(text), lower(?)) OR contains(lower(title), lower(?)))",
            q.text,
            q.text,
        )
    if q.article_id:
        w.add("e.article_id = ?", q.article_id)
    if q.after:
        w.add(f"({_SORT_KEY}, e.event_id) > (?, ?)", q.after[0], q.after[1])
    return w


def cursor_key(date: dt.date | None, event_id: str) -> tuple[dt.date, str]:
    """The keyset position of an event, for ``EventQuery.after``."""
    return (date or LAST_DATE, event_id)


def map_events_json(con: duckdb.DuckDBPyConnection, q: EventQuery, *, limit: int) -> str:
    """The compact map view of the first ``limit`` matching events (by date) as a JSON array,
    built inside DuckDB (the array's order is not part of the contract)."""
    w = _where(q)
    fields = ", ".join(f"{c} := {c}" for c in MAP_COLUMNS)
    row = con.execute(
        f"SELECT to_json(coalesce(list(struct_pack({fields})), [])) FROM ("
        f"SELECT {', '.join('e.' + c for c in MAP_COLUMNS)} FROM events e "
        f"WHERE {w.sql()} AND e.latitude IS NOT NULL "
        f"ORDER BY {_SORT_KEY}, e.event_id LIMIT ?)",
        [*w.params, limit],
    ).fetchone()
    return str(row[0]) if row and row[0] is not None else "[]"


def count_events(con: duckdb.DuckDBPyConnection, q: EventQuery) -> int:
    w = _where(q)
    row = con.execute(f"SELECT count(*) FROM events e WHERE {w.sql()}", w.params).fetchone()
    return int(row[0]) if row else 0


def _stored(
    rows: list[tuple[Any, ...]],
    evidence: dict[str, list[Any]],
    sources: dict[str, tuple[str | None, str | None]],
) -> list[StoredEvent]:
    items = []
    for row in rows:
        values = dict(zip(EVENT_COLUMNS, row[: len(EVENT_COLUMNS)], strict=True))
        event = event_from_row(values, evidence.get(values["event_id"], []))
        source, url = sources.get(values["article_id"], (None, None))
        items.append(
            StoredEvent(
                event=event,
                article_id=values["article_id"],
                source=source,
                url=url,
                is_main=bool(values["is_main"]),
            )
        )
    return items


def _sources(
    con: duckdb.DuckDBPyConnection, article_ids: set[str]
) -> dict[str, tuple[str | None, str | None]]:
    if not article_ids:
        return {}
    ids = sorted(article_ids)
    marks = ", ".join("?" for _ in ids)
    rows = con.execute(
        f"SELECT article_id, source, url FROM articles WHERE article_id IN ({marks})", ids
    ).fetchall()
    return {a: (s, u) for a, s, u in rows}


def _page(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> list[StoredEvent]:
    """Events with their evidence and their article's source and url."""
    article_at = EVENT_COLUMNS.index("article_id")
    return _stored(
        rows,
        _evidence(con, [r[0] for r in rows]),
        _sources(con, {r[article_at] for r in rows}),
    )


def _evidence(con: duckdb.DuckDBPyConnection, ids: list[str]) -> dict[str, list[Any]]:
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)  # a bound IN list lets DuckDB use the event_id index
    rows = con.execute(
        'SELECT event_id, field, start, "end", text FROM evidence '
        f"WHERE event_id IN ({marks}) ORDER BY event_id, start",
        ids,
    ).fetchall()
    grouped: dict[str, list[Any]] = {}
    for event_id, fld, start, end, text in rows:
        grouped.setdefault(event_id, []).append((fld, start, end, text))
    return grouped


def _select_events(q: EventQuery) -> tuple[str, list[Any]]:
    w = _where(q)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
    sql = f"SELECT {cols} FROM events e WHERE {w.sql()} ORDER BY {_SORT_KEY}, e.event_id"
    return sql, w.params


def find_events(con: duckdb.DuckDBPyConnection, q: EventQuery, *, limit: int) -> list[StoredEvent]:
    """One page of full events (with evidence), in (date, event_id) order."""
    sql, params = _select_events(q)
    return _page(con, con.execute(f"{sql} LIMIT ?", [*params, limit]).fetchall())


def stream_events(
    con: duckdb.DuckDBPyConnection, q: EventQuery, *, chunk: int = 500
) -> Iterator[StoredEvent]:
    """All matching events with evidence, streamed (for the CSV and GeoJSON exports)."""
    sql, params = _select_events(q)
    con.execute(sql, params)
    lookups = con.cursor()
    try:
        while rows := con.fetchmany(chunk):
            yield from _page(lookups, rows)
    finally:
        lookups.close()


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> StoredEvent | None:
    cols = ", ".join(EVENT_COLUMNS)
    rows = con.execute(f"SELECT {cols} FROM events WHERE event_id = ?", [event_id]).fetchall()
    items = _page(con, rows)
    return items[0] if items else None


def timeline(con: duckdb.DuckDBPyConnection, q: EventQuery) -> list[tuple[dt.date, int]]:
    """Events per day for the filters other than the date range (the histogram)."""
    w = _where(q, with_dates=False)
    rows = con.execute(
        f"SELECT e.event_date d, count(*) FROM events e WHERE {w.sql()} "
        "AND e.event_date IS NOT NULL GROUP BY d ORDER BY d",
        w.params,
    ).fetchall()
    return [(d, int(n)) for d, n in rows]


def facets(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the dashboard's filters offer: types, sides, sources, the date range."""

    def counted(sql: str) -> list[dict[str, Any]]:
        return [{"value": v, "count": int(n)} for v, n in con.execute(sql).fetchall()]

    span = con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
    return {
        "event_types": counted(
            "SELECT event_type, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, 1"
        ),
        "sides": counted(
            "SELECT side, count(*) n FROM (SELECT actor1_side side FROM events UNION ALL "
            "SELECT actor2_side FROM events) WHERE side IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1"
        ),
        "sources": counted(
            "SELECT a.source, count(*) n FROM events e JOIN articles a USING (article_id) "
            "WHERE a.source IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 200"
        ),
        "first_date": span[0] if span else None,
        "last_date": span[1] if span else None,
    }


def place_point(con: duckdb.DuckDBPyConnection, name: str) -> tuple[float, float] | None:
    """Where a place named in stored events is (its most precise geocoding), or None."""
    row = con.execute(
        "SELECT avg(latitude), avg(longitude) FROM events WHERE lower(location) = lower(?) "
        "AND latitude IS NOT NULL AND geo_precision = (SELECT min(geo_precision) FROM events "
        "WHERE lower(location) = lower(?) AND latitude IS NOT NULL)",
        [name, name],
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return float(row[0]), float(row[1])


@dataclass(frozen=True)
class ArticleQuery:
    source: Sequence[str] = ()
    text: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    after: str | None = None
    """Keyset cursor: articles after this article_id (sorted by id)."""


def list_articles(
    con: duckdb.DuckDBPyConnection, q: ArticleQuery, *, limit: int
) -> list[dict[str, Any]]:
    """Article summaries (no text) with their event counts, sorted by article_id."""
    w = Where()
    if q.source:
        w.add("list_contains(?, a.source)", list(q.source))
    if q.text:
        w.add(
            "(contains(lower(a.text), lower(?)) OR contains(lower(a.title), lower(?)))",
            q.text,
            q.text,
        )
    if q.since:
        w.add("a.published >= ?", q.since)
    if q.until:
        w.add("a.published <= ?", q.until)
    if q.after:
        w.add("a.article_id > ?", q.after)
    cols = ("article_id", "input_id", "title", "source", "url", "published", "language")
    rows = con.execute(
        f"SELECT {', '.join('a.' + c for c in cols)}, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.article_id) n "
        f"FROM articles a WHERE {w.sql()} ORDER BY a.article_id LIMIT ?",
        [*w.params, limit],
    ).fetchall()
    return [{**dict(zip(cols, r[:-1], strict=True)), "events": int(r[-1])} for r in rows]


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    row = con.execute(
        f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE article_id = ?", [article_id]
    ).fetchone()
    return dict(zip(ARTICLE_COLUMNS, row, strict=True)) if row else None


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT coalesce(max(version), 0) FROM schema_version)"
    ).fetchone()
    if row is None:
        return {"articles": 0, "events": 0, "schema_version": 0}
    return {"articles": int(row[0]), "events": int(row[1]), "schema_version": int(row[2])}
