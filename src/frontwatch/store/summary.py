"""Aggregate views of a store for summaries (demo, ``frontwatch summary``)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class Summary:
    articles: int
    events: int
    by_type: list[tuple[str, str, int]]
    places: list[tuple[str, str | None, int]]
    casualties: list[tuple[str, int, int, int]]
    """(claimed_by, civilians, combatants, events) — who claims how many killed."""


def _one(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def summarize(con: duckdb.DuckDBPyConnection, *, top: int = 10) -> Summary:
    by_type = con.execute(
        "SELECT event_type, sub_event_type, count(*) n FROM events "
        "GROUP BY ALL ORDER BY n DESC, event_type, sub_event_type"
    ).fetchall()
    places = con.execute(
        "SELECT location, admin1, count(*) n FROM events WHERE location IS NOT NULL "
        "GROUP BY ALL ORDER BY n DESC, location LIMIT ?",
        [top],
    ).fetchall()
    casualties = con.execute(
        "SELECT coalesce(claimed_by, '(no attribution)') who, "
        "coalesce(sum(fatalities_civilians), 0) civ, coalesce(sum(fatalities_combatants), 0) com, "
        "count(*) FROM events "
        "WHERE fatalities_civilians IS NOT NULL OR fatalities_combatants IS NOT NULL "
        "GROUP BY ALL ORDER BY civ + com DESC, who"
    ).fetchall()
    return Summary(
        articles=_one(con, "SELECT count(*) FROM articles"),
        events=_one(con, "SELECT count(*) FROM events"),
        by_type=[(str(a), str(b), int(n)) for a, b, n in by_type],
        places=[(str(a), b, int(n)) for a, b, n in places],
        casualties=[(str(w), int(c), int(k), int(n)) for w, c, k, n in casualties],
    )
