"""Greedy incremental clustering of reports into incidents.

Reports are blocked by event family and admin1, compared with the most recent members of
each candidate incident in the date window, and join the best incident scoring at or above
the threshold (else they start one). A report without a date meets only undated incidents
that name the same place: with nothing to bound it in time, comparing it with every
incident of its province would make a corpus of undated reports quadratic. Incidents whose
last date falls behind the window are handed back by ``evict`` so a full run keeps memory
bounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from .config import ResolveConfig
from .report import Report
from .similarity import pair_score


def incident_id_for(first_event_id: str) -> str:
    return "inc-" + hashlib.sha256(first_event_id.encode()).hexdigest()[:16]


@dataclass
class IncidentState:
    incident_id: str
    family: str
    admin1: str | None
    members: list[Report] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    first: dt.date | None = None
    last: dt.date | None = None
    tolerance: int = 0
    box: tuple[float, float, float, float] | None = None
    """(min lat, max lat, min lon, max lon) of town-level members."""
    imprecise: bool = False
    """Some member is not located to a town."""
    changed: bool = False

    def add(self, report: Report) -> None:
        self.members.append(report)
        self.articles.add(report.article_id)
        self.changed = True
        self.tolerance = max(self.tolerance, report.tolerance)
        if report.event_date:
            self.first = min(self.first or report.event_date, report.event_date)
            self.last = max(self.last or report.event_date, report.event_date)
        self._extend_box(report.precise_point)

    def _extend_box(self, point: tuple[float, float] | None) -> None:
        if point is None:
            self.imprecise = True
        elif self.box is None:
            self.box = (point[0], point[0], point[1], point[1])
        else:
            b = self.box
            self.box = (
                min(b[0], point[0]),
                max(b[1], point[0]),
                min(b[2], point[1]),
                max(b[3], point[1]),
            )

    def far_from(self, point: tuple[float, float], degrees: float) -> bool:
        """True when every member is a town more than ``degrees`` outside the point's reach."""
        if self.imprecise or self.box is None:
            return False
        lat_min, lat_max, lon_min, lon_max = self.box
        lat, lon = point
        # a degree of longitude is shorter than one of latitude here: 2x is a safe bound
        inside = (
            lat_min - degrees <= lat <= lat_max + degrees
            and lon_min - 2 * degrees <= lon <= lon_max + 2 * degrees
        )
        return not inside


Key = tuple[str, str]


class Clusterer:
    """Active incidents, indexed by (family, admin1) and by the days each can reach."""

    def __init__(self, config: ResolveConfig) -> None:
        self.config = config
        self.incidents: dict[str, IncidentState] = {}
        self._days: dict[Key, dict[int, set[str]]] = {}
        self._undated: dict[tuple[str, str, str], dict[str, None]] = {}
        """(family, admin1, place) -> undated incidents naming that place, oldest first."""
        self._indexed: dict[str, tuple[int, int] | None] = {}
        self._slack = max(config.blocking.date_tolerance_days.values())
        self._evicted_at: dt.date | None = None
        self._precise_degrees = config.blocking.max_km_precise / 110.0

    def load(self, incident_id: str, members: Iterable[Report]) -> None:
        """An already stored incident, to be matched against (not marked changed)."""
        state: IncidentState | None = None
        for report in members:
            if state is None:
                state = self._new(incident_id, report)
            self._add(state, report)
        if state is not None:
            state.changed = False

    def _new(self, incident_id: str, report: Report) -> IncidentState:
        state = IncidentState(incident_id, report.family, self.config.admin1_key(report.admin1))
        self.incidents[incident_id] = state
        self._indexed[incident_id] = None
        return state

    @staticmethod
    def _key(state: IncidentState) -> Key:
        return (state.family, state.admin1 or "")

    @staticmethod
    def place_key(report: Report) -> str:
        """What an undated report is indexed and looked up by: its place."""
        return report.gazetteer_id or (report.location or "").lower()

    @staticmethod
    def _reach(state: IncidentState) -> tuple[int, int] | None:
        if state.first is None or state.last is None:
            return None
        return (state.first.toordinal() - state.tolerance, state.last.toordinal() + state.tolerance)

    def _add(self, state: IncidentState, report: Report) -> None:
        state.add(report)
        reach = self._reach(state)
        if reach is not None and reach == self._indexed[state.incident_id]:
            return
        self._unindex(state)
        key = self._key(state)
        if reach is None:
            places = {self.place_key(m) for m in state.members}
            for place in places:
                self._undated.setdefault((*key, place), {})[state.incident_id] = None
        else:
            days = self._days.setdefault(key, {})
            for day in range(reach[0], reach[1] + 1):
                days.setdefault(day, set()).add(state.incident_id)
        self._indexed[state.incident_id] = reach

    def _unindex(self, state: IncidentState) -> None:
        key, old = self._key(state), self._indexed.get(state.incident_id)
        if old is None:
            for place in {self.place_key(m) for m in state.members}:
                self._undated.get((*key, place), {}).pop(state.incident_id, None)
            return
        days = self._days.get(key, {})
        for day in range(old[0], old[1] + 1):
            ids = days.get(day)
            if ids is not None:
                ids.discard(state.incident_id)
                if not ids:
                    del days[day]

    def _keys(self, report: Report) -> list[Key]:
        if report.admin1:
            return [(report.family, self.config.admin1_key(report.admin1)), (report.family, "")]
        return [k for k in self._days if k[0] == report.family]

    def _undated_candidates(self, report: Report) -> set[str]:
        """The most recent ``max_undated_candidates`` undated incidents at the report's place."""
        place, cap = self.place_key(report), self.config.max_undated_candidates
        if report.admin1:
            keys = [(report.family, self.config.admin1_key(report.admin1)), (report.family, "")]
            groups = [self._undated.get((*k, place), {}) for k in keys]
        else:
            groups = [
                ids for k, ids in self._undated.items() if k[0] == report.family and k[2] == place
            ]
        return {i for ids in groups for i in list(ids)[-cap:]}

    def _candidates(self, report: Report) -> list[IncidentState]:
        if report.day is None:
            return [self.incidents[i] for i in sorted(self._undated_candidates(report))]
        found: set[str] = set()
        for key in self._keys(report):
            days = self._days.get(key, {})
            for day in range(report.day - report.tolerance, report.day + report.tolerance + 1):
                found |= days.get(day, set())
        return [self.incidents[i] for i in sorted(found)]

    def score(self, state: IncidentState, report: Report) -> float:
        if report.article_id in state.articles and not self._side_mention_only(state, report):
            return 0.0
        point = report.precise_point
        if point is not None and state.far_from(point, self._precise_degrees):
            return 0.0
        # an article's principal event is matched with principal events when there are
        # some: side mentions (noisier) must not chain two happenings together
        members = [m for m in state.members if m.article_id != report.article_id]
        if not members:
            return 0.0
        if report.is_main and any(m.is_main for m in members):
            members = [m for m in members if m.is_main]
        recent = members[-self.config.max_members :]
        return max(pair_score(report, m, self.config) for m in recent)

    @staticmethod
    def _side_mention_only(state: IncidentState, report: Report) -> bool:
        """The article is in the incident only through a side mention: its principal event
        (read later, dated differently) may still join (one happening told twice)."""
        return report.is_main and not any(
            m.is_main for m in state.members if m.article_id == report.article_id
        )

    def assign(self, report: Report, *, prefer: str | None = None) -> str:
        """Put the report in an incident; returns its id. ``prefer``: the original's incident."""
        if prefer is not None and prefer in self.incidents:
            state = self.incidents[prefer]
            if report.article_id not in state.articles and state.family == report.family:
                self._add(state, report)
                return state.incident_id
        best: tuple[float, IncidentState] | None = None
        for state in self._candidates(report):
            value = self.score(state, report)
            if value >= self.config.threshold and (best is None or value > best[0]):
                best = (value, state)
        chosen = best[1] if best else self._new(incident_id_for(report.event_id), report)
        self._add(chosen, report)
        return chosen.incident_id

    def evict(self, before: dt.date) -> list[IncidentState]:
        """Remove and return incidents that ended more than the widest window before ``before``.

        Cheap to call for every report: it scans only when ``before`` moves forward.
        """
        if self._evicted_at is not None and before <= self._evicted_at:
            return []
        self._evicted_at = before
        cutoff = before - dt.timedelta(days=self._slack + 1)
        gone = [s for s in self.incidents.values() if s.last is not None and s.last < cutoff]
        for state in gone:
            self._unindex(state)
            del self.incidents[state.incident_id]
            del self._indexed[state.incident_id]
        return gone
