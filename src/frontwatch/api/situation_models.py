"""Response shapes of the situation endpoints (``api/situation.py``), for the OpenAPI
description. The bodies are built by ``situation.queries`` (the CLI's JSON) and
``api/situation.py``; these models document them."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class ObservationOut(BaseModel):
    """One report's statement about who controls a locality, and the words it came from."""

    locality_id: str
    locality_name: str
    side: str
    kind: str
    observed: dt.date
    event_id: str | None
    article_id: str | None
    source: str | None
    credibility: float
    evidence: str


class ConflictOut(BaseModel):
    decided: dt.date | None
    rule: str
    chosen_side: str | None
    claims: list[ObservationOut]
    losing: list[ObservationOut]


class ControlStateOut(BaseModel):
    locality_id: str
    name: str
    side: str | None
    since: dt.date | None
    besieged_by: str | None
    inferred: bool
    latitude: float | None
    longitude: float | None
    event_ids: list[str]
    observations: list[ObservationOut]
    conflict: ConflictOut | None
    colour: str
    """The side's colour of data/situation/map_style.yaml (the dashboard's and the map's)."""


class ChangeOut(BaseModel):
    locality_id: str
    name: str
    date: dt.date
    what: str
    before: str | None
    after: str | None
    observations: list[ObservationOut]
    conflict: ConflictOut | None


class PlaceOut(BaseModel):
    """A node of the locality graph with who holds it on the date asked."""

    locality_id: str | None
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    side: str | None
    since: dt.date | None
    inferred: bool


class RouteEndOut(BaseModel):
    name: str
    latitude: float | None
    longitude: float | None


class RouteReportOut(BaseModel):
    """A report about the route itself ("cutting the main supply route between ...")."""

    status: str
    ends: list[RouteEndOut]
    places: list[RouteEndOut]
    observed: dt.date
    owner: str | None
    agent: str | None
    article_id: str | None
    event_id: str | None
    source: str | None
    credibility: float
    evidence: str


class RouteOut(BaseModel):
    origin: str
    destination: str
    side: str
    as_of: dt.date | None
    open: bool
    state: str
    length_km: float | None
    path: list[PlaceOut]
    chokepoints: list[PlaceOut]
    blocked_by: list[PlaceOut]
    decided_by: list[ObservationOut]
    notes: list[str]
    basis: str
    """"graph" (the locality graph decided) or "report" (a report that the route itself was
    cut did)."""
    reported: list[RouteReportOut]


class AreaOut(BaseModel):
    localities: list[PlaceOut]
    ring: list[PlaceOut]
    reported_besieged_by: list[str]
    pocket_size: int
    decided_by: list[ObservationOut]


class EncircledOut(BaseModel):
    side: str
    as_of: dt.date | None
    outside: str
    areas: list[AreaOut]


class AlertOut(BaseModel):
    alert_id: int | None
    watch_id: int
    kind: str
    summary: str
    alert_date: dt.date | None
    localities: list[str]
    observations: list[ObservationOut]
    created_at: dt.datetime | None


class SideOut(BaseModel):
    side: str
    members: list[str]
    colour: str


class SidesOut(BaseModel):
    conflict: str
    sides: list[SideOut]
    colours: dict[str, str]
