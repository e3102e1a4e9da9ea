"""SQL of route watches and alerts (migration 006): what a user asked to watch, what changed.

A watch's new state and the alerts it causes are written in one transaction, so a check
interrupted half-way leaves the watch as it was and re-running it writes the alert once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from ..errors import StoreError
from ..situation.model import Observation
from .db import Store

WATCH_COLUMNS = (
    "watch_id, origin, destination, side, allies, created_at, route_state, encircled, "
    "state_as_of, updated_at"
)
ALERT_COLUMNS = (
    "alert_id, watch_id, alert_date, kind, summary, localities, observations, created_at"
)


@dataclass(frozen=True)
class RouteWatch:
    """``frontwatch watch-route FROM TO --side SIDE``, and the state last found."""

    watch_id: int
    origin: str
    destination: str
    side: str
    allies: tuple[str, ...] = ()
    created_at: dt.datetime | None = None
    route_state: str | None = None
    """"open" or "cut"; None until first checked."""
    encircled: bool | None = None
    """Whether the origin or destination lies in an encircled area of the side."""
    state_as_of: dt.date | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class Alert:
    """A watched route was cut or reopened, an encirclement closed or lifted."""

    watch_id: int
    kind: str
    """route_cut, route_reopened, encirclement_closed or encirclement_lifted."""
    summary: str
    alert_date: dt.date | None = None
    """The newest date among the deciding observations (else the date checked)."""
    localities: tuple[str, ...] = ()
    """What blocks the route or closes the ring (or the reopened path)."""
    observations: tuple[Observation, ...] = ()
    alert_id: int | None = None
    created_at: dt.datetime | None = None

    def to_json_dict(self) -> dict[str, Any]:
        found = dataclasses.asdict(self)
        found["observations"] = [_observation_json(o) for o in self.observations]
        return json.loads(json.dumps(found, default=str))


def _observation_json(obs: Observation) -> dict[str, Any]:
    return {**dataclasses.asdict(obs), "observed": obs.observed.isoformat()}


def _observation(data: dict[str, Any]) -> Observation:
    return Observation(**{**data, "observed": dt.date.fromisoformat(data["observed"])})


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class WatchStore:
    """Route watch tables of a ``Store``."""

    def __init__(self, store: Store) -> None:
        self.con = store.con

    def add(
        self, origin: str, destination: str, side: str, allies: Sequence[str] = ()
    ) -> tuple[RouteWatch, bool]:
        """(the watch, True when new); the same route and side registered twice is one."""
        for watch in self.watches():
            if (watch.origin, watch.destination, watch.side) == (origin, destination, side):
                return watch, False
        row = self.con.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM (SELECT max(watch_id) AS id FROM route_watches"
            " UNION ALL SELECT max(watch_id) FROM route_alerts)"
        ).fetchone()
        watch_id = int(row[0]) if row else 1
        self._execute(
            f"INSERT INTO route_watches ({WATCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL, NULL,"
            " NULL, NULL)",
            [watch_id, origin, destination, side, list(allies), _now()],
        )
        return self.watch(watch_id) or RouteWatch(watch_id, origin, destination, side), True

    def remove(self, watch_id: int) -> bool:
        """Forget a watch (its alerts stay, as history)."""
        if self.watch(watch_id) is None:
            return False
        self._execute("DELETE FROM route_watches WHERE watch_id = ?", [watch_id])
        return True

    def watch(self, watch_id: int) -> RouteWatch | None:
        found = [w for w in self.watches() if w.watch_id == watch_id]
        return found[0] if found else None

    def watches(self) -> list[RouteWatch]:
        rows = self.con.execute(
            f"SELECT {WATCH_COLUMNS} FROM route_watches ORDER BY watch_id"
        ).fetchall()
        return [
            RouteWatch(
                watch_id=r[0],
                origin=r[1],
                destination=r[2],
                side=r[3],
                allies=tuple(r[4]),
                created_at=r[5],
                route_state=r[6],
                encircled=r[7],
                state_as_of=r[8],
                updated_at=r[9],
            )
            for r in rows
        ]

    def record(
        self,
        watch: RouteWatch,
        *,
        route_state: str,
        encircled: bool,
        as_of: dt.date | None,
        alerts: Sequence[Alert],
    ) -> list[Alert]:
        """Store the watch's new state and its alerts in one transaction."""
        now = _now()
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "UPDATE route_watches SET route_state = ?, encircled = ?, state_as_of = ?, "
                "updated_at = ? WHERE watch_id = ?",
                [route_state, encircled, as_of, now, watch.watch_id],
            )
            row = self.con.execute("SELECT coalesce(max(alert_id), 0) FROM route_alerts").fetchone()
            next_id = int(row[0]) + 1 if row else 1
            stored = []
            for i, fresh in enumerate(alerts):
                alert = dataclasses.replace(fresh, alert_id=next_id + i, created_at=now)
                self.con.execute(
                    f"INSERT INTO route_alerts ({ALERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        alert.alert_id,
                        alert.watch_id,
                        alert.alert_date,
                        alert.kind,
                        alert.summary,
                        list(alert.localities),
                        json.dumps([_observation_json(o) for o in alert.observations]),
                        now,
                    ],
                )
                stored.append(alert)
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot record watch {watch.watch_id}: {exc}") from exc
        self.con.execute("COMMIT")
        return stored

    def alerts(self, watch_id: int | None = None) -> list[Alert]:
        where = "" if watch_id is None else "WHERE watch_id = ?"
        rows = self.con.execute(
            f"SELECT {ALERT_COLUMNS} FROM route_alerts {where} ORDER BY alert_id",
            [] if watch_id is None else [watch_id],
        ).fetchall()
        return [
            Alert(
                alert_id=r[0],
                watch_id=r[1],
                alert_date=r[2],
                kind=r[3],
                summary=r[4],
                localities=tuple(r[5]),
                observations=tuple(_observation(o) for o in json.loads(r[6])),
                created_at=r[7],
            )
            for r in rows
        ]

    def _execute(self, sql: str, params: list[Any]) -> None:
        try:
            self.con.execute(sql, params)
        except duckdb.Error as exc:
            raise StoreError(f"cannot write route watches: {exc}") from exc
