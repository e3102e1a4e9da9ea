"""Records to table rows and back (column order matches the INSERT statements)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ..records import Actor, AnalyzedArticle, Article, Event, Evidence, Fatalities, Location

ARTICLE_COLUMNS = (
    "article_id",
    "input_id",
    "title",
    "source",
    "url",
    "published",
    "language",
    "origin",
    "text",
    "ingested_at",
)

FATALITY_COLUMNS = (
    "fatalities_total",
    "fatalities_civilians",
    "fatalities_children",
    "fatalities_women",
    "fatalities_combatants",
    "fatalities_qualifier",
)
"""An event's figures, as stored in ``events`` (and read back with its reports)."""

EVENT_COLUMNS = (
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
    "inter1",
    "actor2",
    "actor2_side",
    "inter2",
    "location",
    "admin1",
    "admin2",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "gazetteer_id",
    "geo_score",
    "geo_match",
    "geo_runner_up",
    *FATALITY_COLUMNS,
    "claimed_by",
    "confidence",
)


INCIDENT_COLUMNS = (
    "incident_id",
    "first_date",
    "last_date",
    "date_tolerance",
    "event_type",
    "sub_event_type",
    "cause",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "n_reports",
    "n_sources",
    "outlets",
    "fatalities_low",
    "fatalities_best",
    "fatalities_high",
    "fatalities_acled",
    "disagreements",
    "updated_at",
)
"""Columns of ``incidents`` (migration 002)."""

INCIDENT_SUMMARY_COLUMNS = tuple(
    c for c in INCIDENT_COLUMNS if c not in ("disagreements", "updated_at")
)
"""The columns an incident listing shows (the API's summary)."""


def article_row(a: Article, now: dt.datetime) -> tuple[Any, ...]:
    return (
        a.article_id,
        a.id,
        a.title,
        a.source,
        a.url,
        a.published,
        a.language,
        a.origin,
        a.text,
        now,
    )


def article_from_row(values: dict[str, Any]) -> Article:
    """An ``articles`` row (by column name) as the record."""
    return Article(
        article_id=values["article_id"],
        id=values["input_id"],
        title=values["title"],
        source=values["source"],
        url=values["url"],
        published=values["published"],
        language=values["language"],
        origin=values["origin"],
        text=values["text"],
    )


def _actor(actor: Actor | None) -> tuple[Any, ...]:
    return (actor.name, actor.side, actor.inter) if actor else (None, None, None)


def _location(loc: Location | None) -> tuple[Any, ...]:
    if loc is None:
        return (None,) * 11
    return (
        loc.name,
        loc.admin1,
        loc.admin2,
        loc.country,
        loc.latitude,
        loc.longitude,
        loc.geo_precision,
        loc.gazetteer_id,
        loc.score,
        loc.match,
        loc.runner_up,
    )


def event_row(e: Event, analyzed: AnalyzedArticle) -> tuple[Any, ...]:
    f = e.fatalities
    is_main = analyzed.main_event is not None and analyzed.main_event.event_id == e.event_id
    return (
        e.event_id,
        analyzed.article.article_id,
        is_main,
        e.event_date,
        e.time_precision,
        e.event_type,
        e.sub_event_type,
        e.cause,
        *_actor(e.actor1),
        *_actor(e.actor2),
        *_location(e.location),
        f.total,
        f.civilians,
        f.children,
        f.women,
        f.combatants,
        f.qualifier,
        e.claimed_by,
        e.confidence,
    )


EVIDENCE_COLUMNS = ("event_id", "field", "start", '"end"', "text")


def evidence_rows(e: Event) -> list[tuple[str, str, int, int, str]]:
    return [(e.event_id, ev.field, ev.start, ev.end, ev.text) for ev in e.evidence]


Analysis = tuple[tuple[tuple[Any, ...], ...], tuple[tuple[str, str, int, int, str], ...]]
"""An article's events and evidence as stored, in a canonical order (``analysis_rows``):
two analyses are the same when these are equal."""


def analysis_rows(item: AnalyzedArticle) -> Analysis:
    """The rows ``item`` stores: its events by id, their evidence by event and offsets."""
    events = sorted((event_row(e, item) for e in item.events), key=lambda r: str(r[0]))
    evidence = sorted(r for e in item.events for r in evidence_rows(e))
    return tuple(events), tuple(evidence)


def _actor_from(values: dict[str, Any], n: int) -> Actor | None:
    name = values[f"actor{n}"]
    if name is None:
        return None
    return Actor(name=name, side=values[f"actor{n}_side"], inter=values[f"inter{n}"])


def _location_from(values: dict[str, Any]) -> Location | None:
    if values["location"] is None:
        return None
    return Location(
        name=values["location"],
        admin1=values["admin1"],
        admin2=values["admin2"],
        country=values["country"],
        latitude=values["latitude"],
        longitude=values["longitude"],
        geo_precision=values["geo_precision"] or 3,
        gazetteer_id=values["gazetteer_id"],
        score=values["geo_score"],
        match=values["geo_match"],
        runner_up=values["geo_runner_up"],
    )


def event_from_row(values: dict[str, Any], evidence: Sequence[tuple[str, int, int, str]]) -> Event:
    return Event(
        event_id=values["event_id"],
        event_date=values["event_date"],
        time_precision=values["time_precision"],
        event_type=values["event_type"],
        sub_event_type=values["sub_event_type"],
        cause=values["cause"],
        actor1=_actor_from(values, 1),
        actor2=_actor_from(values, 2),
        location=_location_from(values),
        fatalities=Fatalities(
            total=values["fatalities_total"],
            civilians=values["fatalities_civilians"],
            children=values["fatalities_children"],
            women=values["fatalities_women"],
            combatants=values["fatalities_combatants"],
            qualifier=values["fatalities_qualifier"],
        ),
        claimed_by=values["claimed_by"],
        confidence=values["confidence"],
        evidence=[Evidence(field=f, start=s, end=e, text=t) for f, s, e, t in evidence],
    )
