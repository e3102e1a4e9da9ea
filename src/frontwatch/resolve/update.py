"""Incidents in the store: incremental update after an ingest batch, or a full rebuild.

``update_incidents`` is what ingest calls after each batch: it signs the new articles
(near-duplicates), loads only the stored incidents within the date window of the new
events, assigns each new event to an incident and rewrites the incidents that changed.
Re-running it with the same articles changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from ..settings import Settings
from ..store import Store
from ..store.incidents import IncidentStore
from ..verify.outlets import OutletRegistry, load_outlets
from .cluster import Clusterer, IncidentState
from .config import ResolveConfig, load_resolve_config
from .dedup import Deduplicator, Signed, save_signed, sign_articles
from .report import Report
from .summary import summarize
from .text import key_terms


@dataclass
class ResolveResult:
    articles_signed: int = 0
    duplicates: int = 0
    reports_added: int = 0
    incidents_written: int = 0
    incident_ids: list[str] = field(default_factory=list)


def report_from_row(
    row: dict[str, Any],
    config: ResolveConfig,
    outlets: OutletRegistry,
    *,
    terms: Iterable[str] | None = None,
    outlet: str | None = None,
) -> Report:
    sides = frozenset(s for s in (row["actor1_side"], row["actor2_side"]) if s)
    if terms is None:
        terms = key_terms(
            row["title"] if row["is_main"] else None,
            row["context"] or "",
            row["spans"] or [],
            config,
        )
    return Report(
        event_id=row["event_id"],
        article_id=row["article_id"],
        outlet=outlet or outlets.key(row["source"], row["url"], row["article_id"]),
        event_date=row["event_date"],
        time_precision=row["time_precision"],
        event_type=row["event_type"],
        sub_event_type=row["sub_event_type"],
        family=config.family(row["event_type"]),
        cause=row["cause"] if row["cause"] not in (None, "unknown") else None,
        sides=sides,
        actor1=row["actor1"],
        location=row["location"],
        admin1=row["admin1"],
        latitude=row["latitude"],
        longitude=row["longitude"],
        gazetteer_id=row["gazetteer_id"],
        geo_precision=row["geo_precision"],
        fatalities=(
            row["fatalities_total"],
            row["fatalities_civilians"],
            row["fatalities_children"],
            row["fatalities_women"],
            row["fatalities_combatants"],
        ),
        qualifier=row["fatalities_qualifier"],
        claimed_by=row["claimed_by"],
        terms=frozenset(terms),
        duplicate_of=row["duplicate_of"],
        is_main=bool(row["is_main"]),
        day=row["event_date"].toordinal() if row["event_date"] else None,
        tolerance=config.blocking.tolerance(row["time_precision"]),
    )


def _window(reports: Sequence[Report]) -> tuple[dt.date | None, dt.date | None]:
    """The days the new reports can reach (undated reports meet undated incidents only)."""
    days = [(r.day - r.tolerance, r.day + r.tolerance) for r in reports if r.day is not None]
    if not days:
        return (None, None)
    return (
        dt.date.fromordinal(min(d[0] for d in days)),
        dt.date.fromordinal(max(d[1] for d in days)),
    )


def _load_stored(
    clusterer: Clusterer, store: IncidentStore, reports: Sequence[Report], outlets: OutletRegistry
) -> None:
    lo, hi = _window(reports)
    places = [Clusterer.place_key(r) for r in reports if r.day is None]
    rows = store.reports_in_window(
        lo, hi, undated_places=places, undated_limit=clusterer.config.max_undated_candidates
    )
    for incident_id, group in groupby(rows, key=lambda r: r.incident_id):
        clusterer.load(
            incident_id,
            [
                report_from_row(r.values, clusterer.config, outlets, terms=r.terms, outlet=r.outlet)
                for r in group
            ],
        )


def _save(store: IncidentStore, states: Sequence[IncidentState]) -> list[str]:
    incidents = [summarize(s.incident_id, s.members) for s in states]
    terms = {r.event_id: sorted(r.terms) for s in states for r in s.members}
    store.save_incidents(incidents, terms)
    return [i.incident_id for i in incidents]


def update_incidents(
    store: Store, article_ids: Sequence[str], *, settings: Settings
) -> ResolveResult:
    """Bring incidents up to date with these (newly stored) articles. Idempotent."""
    del settings  # resolution thresholds are data (data/incidents/resolve.yaml)
    config, outlets = load_resolve_config(), load_outlets()
    istore = IncidentStore(store)
    signed = sign_articles(istore, article_ids, config)
    result = ResolveResult(len(signed), sum(1 for d in signed.values() if d))
    rows = istore.new_reports(article_ids, config.lede_chars)
    if not rows:
        return result
    reports = [report_from_row(r, config, outlets) for r in rows]
    clusterer = Clusterer(config)
    _load_stored(clusterer, istore, reports, outlets)
    originals = {r.duplicate_of for r in reports if r.duplicate_of}
    placed = istore.incidents_of_articles(sorted(originals))
    for report in reports:
        prefer = placed.get(report.duplicate_of or "")
        incident_id = clusterer.assign(report, prefer=prefer)
        placed.setdefault(report.article_id, incident_id)
    changed = [s for s in clusterer.incidents.values() if s.changed]
    result.reports_added = len(reports)
    result.incident_ids = _save(istore, changed)
    result.incidents_written = len(changed)
    return result


def _flush_signed(store: IncidentStore, pending: list[Signed], result: ResolveResult) -> None:
    save_signed(store, pending)
    result.articles_signed += len(pending)
    result.duplicates += sum(1 for s in pending if s.duplicate_of)
    pending.clear()


def resolve_all(store: Store, *, settings: Settings, chunk: int = 2000) -> ResolveResult:
    """Rebuild every incident from the stored events, streaming in date order.

    Memory holds only the incidents inside the date window; finished ones are written in
    chunks. Signatures already stored are kept.
    """
    del settings
    config, outlets = load_resolve_config(), load_outlets()
    istore = IncidentStore(store)
    istore.clear()
    result = ResolveResult()
    dedup = Deduplicator(config)
    window = dt.timedelta(days=config.minhash.window_days)
    pending: list[Signed] = []
    for article_id, text, published in istore.all_unsigned():
        if published:
            dedup.evict(published - window)
        pending.append(dedup.sign(article_id, text, published))
        if len(pending) >= chunk:
            _flush_signed(istore, pending, result)
    _flush_signed(istore, pending, result)
    clusterer = Clusterer(config)
    placed: dict[str, str] = {}
    done: list[IncidentState] = []
    for row in istore.all_reports(config.lede_chars):
        report = report_from_row(row, config, outlets)
        if report.event_date:
            done += clusterer.evict(report.event_date)
        incident_id = clusterer.assign(report, prefer=placed.get(report.duplicate_of or ""))
        placed.setdefault(report.article_id, incident_id)
        result.reports_added += 1
        if len(done) >= chunk:
            result.incidents_written += len(_save(istore, done))
            done = []
    done += list(clusterer.incidents.values())
    result.incidents_written += len(_save(istore, done))
    return result
