"""An incident's summary from its reports: sources, fatality estimates, disagreements."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from .model import Claim, Disagreement, FatalityEstimate, Incident, IncidentReport
from .report import FATALITY_FIELDS, Report


def headline_figure(report: Report) -> int | None:
    """The report's killed figure: its total, else civilians, else combatants."""
    for category in ("total", "civilians", "combatants"):
        value = report.figure(category)
        if value is not None:
            return value
    return None


def fatality_estimate(reports: Sequence[Report]) -> FatalityEstimate:
    figures = sorted(f for r in reports if (f := headline_figure(r)) is not None)
    if not figures:
        return FatalityEstimate()
    best = figures[(len(figures) - 1) // 2]
    return FatalityEstimate(low=figures[0], best=best, high=figures[-1], acled=figures[0])


def _figure_getter(category: str) -> Callable[[Report], object]:
    def get(report: Report) -> object:
        return report.figure(category)

    return get


def _field_getters() -> dict[str, Callable[[Report], object]]:
    getters = {f"fatalities.{c}": _figure_getter(c) for c in FATALITY_FIELDS}
    getters["cause"] = lambda r: r.cause
    getters["actor1"] = lambda r: r.actor1
    getters["sub_event_type"] = lambda r: r.sub_event_type
    return getters


def disagreements(reports: Sequence[Report]) -> list[Disagreement]:
    """Fields on which independent reports give different values (unstated values skipped)."""
    found = []
    for name, get in _field_getters().items():
        claims = [
            Claim(
                value=str(value),
                outlet=r.outlet,
                article_id=r.article_id,
                event_id=r.event_id,
                claimed_by=r.claimed_by,
            )
            for r in reports
            if (value := get(r)) is not None
        ]
        if len({c.value for c in claims}) > 1:
            found.append(Disagreement(field=name, claims=claims))
    return found


def _most_common(values: Sequence[str | None]) -> str | None:
    present = [v for v in values if v]
    return Counter(present).most_common(1)[0][0] if present else None


def _best_place(reports: Sequence[Report]) -> Report:
    located = [r for r in reports if r.latitude is not None]
    return min(located or reports, key=lambda r: (r.gazetteer_id is None, r.location is None))


def summarize(incident_id: str, members: Sequence[Report]) -> Incident:
    independent = [r for r in members if r.independent]
    place = _best_place(members)
    dates = [r.event_date for r in members if r.event_date]
    outlets = sorted({r.outlet for r in independent})
    return Incident(
        incident_id=incident_id,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        event_type=_most_common([r.event_type for r in members]) or members[0].event_type,
        sub_event_type=_most_common([r.sub_event_type for r in members])
        or members[0].sub_event_type,
        cause=_most_common([r.cause for r in members]),
        location=place.location,
        admin1=place.admin1 or _most_common([r.admin1 for r in members]),
        latitude=place.latitude,
        longitude=place.longitude,
        date_tolerance=max(r.tolerance for r in members),
        n_reports=len(members),
        n_sources=len(outlets),
        outlets=outlets,
        fatalities=fatality_estimate(independent),
        disagreements=disagreements(independent),
        reports=[
            IncidentReport(
                event_id=r.event_id,
                article_id=r.article_id,
                outlet=r.outlet,
                duplicate_of=r.duplicate_of,
            )
            for r in members
        ],
    )
