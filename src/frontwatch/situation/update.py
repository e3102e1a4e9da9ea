"""Keep the stored control observations in step with the stored articles.

``update_control`` reads the control observations of some articles (those an ingest batch
stored, or every article for a rebuild) and replaces theirs in one transaction, then
recomputes the conflicts of the localities they touch. Reading an article again gives the
same rows: re-running changes nothing. A near-duplicate (a syndicated copy, marked by
incident resolution) repeats its original, so it adds no claim of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..store import Store
from ..store.situation import (
    SituationStore,
    StoredObservation,
    StoredRouteReport,
    observation_id,
)
from ..verify.outlets import load_outlets
from .control import ControlRules, mapped, timeline
from .model import Observation
from .observations import ControlReader
from .route_reports import RouteReportReader
from .sides import Sides, load_sides


@dataclass(frozen=True)
class UpdateResult:
    articles: int
    observations: int
    conflicts: int
    route_reports: int = 0


def read_articles(
    situation: SituationStore,
    article_ids: Sequence[str],
    reader: ControlReader,
    rules: ControlRules,
) -> tuple[list[StoredObservation], list[StoredRouteReport]]:
    """The observations and route reports of the articles; credibility is the outlet's
    reliability prior (``data/outlets/outlets.csv``), the rules' default for an unknown
    outlet."""
    outlets = load_outlets()
    route_reader = RouteReportReader(reader)
    rows: list[StoredObservation] = []
    reports: list[StoredRouteReport] = []
    for item in situation.article_inputs(article_ids):
        if item.duplicate_of is not None:
            continue
        a = item.article
        outlet = outlets.find(a.source, a.url)
        credibility = outlet.reliability_prior if outlet else rules.default_credibility
        source = outlets.key(a.source, a.url, a.article_id)
        for found in reader.read(a, item.events, credibility=credibility, source=source):
            o = found.observation
            rows.append(
                StoredObservation(
                    observation_id(o, "report"),
                    o,
                    found.latitude,
                    found.longitude,
                    found.start,
                    found.end,
                    "report",
                )
            )
        for r in route_reader.read(a, item.events, credibility=credibility, source=source):
            reports.append(StoredRouteReport(r.report, r.start, r.end))
    return rows, reports


def update_control(
    store: Store,
    article_ids: Sequence[str],
    reader: ControlReader,
    *,
    sides: Sides | None = None,
    rules: ControlRules | None = None,
) -> UpdateResult:
    """Read (again) the control observations of these articles; store them and the
    conflicts of the localities concerned."""
    rules = rules or ControlRules.load()
    situation = SituationStore(store)
    ids = list(dict.fromkeys(article_ids))
    if not ids:
        return UpdateResult(0, 0, 0)
    before = situation.localities_of(ids)
    rows, reports = read_articles(situation, ids, reader, rules)
    situation.replace_articles(ids, rows, reports)
    touched = before | {r.observation.locality_id for r in rows}
    conflicts = refresh_conflicts(situation, touched, sides=sides, rules=rules)
    return UpdateResult(len(ids), len(rows), conflicts, len(reports))


def refresh_conflicts(
    situation: SituationStore,
    locality_ids: Iterable[str],
    *,
    sides: Sides | None = None,
    rules: ControlRules | None = None,
) -> int:
    """Recompute and store the conflicts of these localities (their whole timeline)."""
    sides = sides or load_sides()
    localities = sorted(set(locality_ids))
    if not localities:
        return 0
    stored = situation.observations(locality_ids=localities)
    ids: dict[Observation, str] = {}
    for s in stored:
        for m in mapped([s.observation], sides):
            ids[m] = s.observation_id
    lines = timeline([s.observation for s in stored], sides=sides, rules=rules)
    conflicts = [c for line in lines.values() for c in line.conflicts]
    situation.replace_conflicts(localities, conflicts, ids)
    return len(conflicts)
