"""``/incidents`` and ``/incidents/{id}``: reports of one happening merged (issue 4's tables),
with their independent sources, fatality range and who claims what."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from ..store import api_queries as queries
from ..store import incident_queries
from .config import ApiConfig
from .deps import config, cursor, require_read
from .params import decode_cursor, encode_cursor, parse_bbox, parse_near
from .problems import Problem
from .serialize import dumps

router = APIRouter(dependencies=[Depends(require_read)], tags=["incidents"])

Con = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


class Place(BaseModel):
    name: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None


class Fatalities(BaseModel):
    low: int | None
    best: int | None
    high: int | None
    acled: int | None


class IncidentOut(BaseModel):
    incident_id: str
    first_date: dt.date | None
    last_date: dt.date | None
    date_tolerance: int
    event_type: str
    sub_event_type: str
    cause: str | None
    place: Place
    n_reports: int
    n_sources: int
    outlets: list[str]
    fatalities: Fatalities
    n_disagreements: int


class IncidentPage(BaseModel):
    incidents: list[IncidentOut]
    next_cursor: str | None


class Figures(BaseModel):
    total: int | None
    civilians: int | None
    children: int | None
    women: int | None
    combatants: int | None
    qualifier: str | None


class ReportOut(BaseModel):
    event_id: str
    article_id: str
    outlet: str
    url: str | None
    title: str | None
    published: dt.date | None
    event_date: dt.date | None
    sub_event_type: str
    claimed_by: str | None
    independent: bool
    duplicate_of: str | None
    figures: Figures


class ClaimOut(BaseModel):
    value: str
    outlet: str
    article_id: str
    event_id: str
    claimed_by: str | None


class DisagreementOut(BaseModel):
    field: str
    claims: list[ClaimOut]


class IncidentDetail(IncidentOut):
    reports: list[ReportOut]
    disagreements: list[DisagreementOut]


def incident_json(row: dict[str, Any]) -> dict[str, Any]:
    """The summary of an incident row from ``incident_queries``."""
    return {
        "incident_id": row["incident_id"],
        "first_date": row["first_date"],
        "last_date": row["last_date"],
        "date_tolerance": row["date_tolerance"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "cause": row["cause"],
        "place": {
            "name": row["location"],
            "admin1": row["admin1"],
            "latitude": row["latitude"],
            "longitude": row["longitude"],
        },
        "n_reports": row["n_reports"],
        "n_sources": row["n_sources"],
        "outlets": row["outlets"],
        "fatalities": {k: row[f"fatalities_{k}"] for k in ("low", "best", "high", "acled")},
        "n_disagreements": len(row["disagreements"]),
    }


def report_json(row: dict[str, Any]) -> dict[str, Any]:
    figures = ("total", "civilians", "children", "women", "combatants", "qualifier")
    keys = ("event_id", "article_id", "outlet", "url", "title", "published", "event_date")
    return {
        **{k: row[k] for k in keys},
        "sub_event_type": row["sub_event_type"],
        "claimed_by": row["claimed_by"],
        "independent": row["duplicate_of"] is None,
        "duplicate_of": row["duplicate_of"],
        "figures": {k: row[f"fatalities_{k}"] for k in figures},
    }


def incident_query(
    con: Con,
    since: Annotated[dt.date | None, Query(description="ending on or after")] = None,
    until: Annotated[dt.date | None, Query(description="starting on or before")] = None,
    bbox: Annotated[
        str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")
    ] = None,
    near: Annotated[
        str | None, Query(max_length=200, description="a place name or lat,lon")
    ] = None,
    km: Annotated[float, Query(gt=0, le=5000, description="radius around `near`")] = 25.0,
    min_sources: Annotated[
        int, Query(ge=0, le=10_000, description="at least this many independent sources")
    ] = 0,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> incident_queries.IncidentQuery:
    near_point = parse_near(con, near, km) if near else None
    return incident_queries.IncidentQuery(
        since=since,
        until=until,
        bbox=parse_bbox(bbox) if bbox else None,
        near=near_point,
        min_sources=min_sources,
        after=decode_cursor(cursor) if cursor else None,
        match_none=bool(near) and near_point is None,
    )


@router.get("/incidents", response_model=IncidentPage)
def list_incidents(
    con: Con,
    flt: Annotated[incident_queries.IncidentQuery, Depends(incident_query)],
    cfg: Annotated[ApiConfig, Depends(config)],
    limit: Annotated[int | None, Query(ge=1, description="page size")] = None,
) -> Response:
    """Incidents matching every filter, by first date; pages with `cursor` like `/events`."""
    size = min(limit or cfg.page_limit, cfg.max_page_limit)
    rows = incident_queries.find_incidents(con, flt, limit=size + 1)
    last = rows[size - 1] if len(rows) > size else None
    next_cursor = (
        encode_cursor(queries.cursor_key(last["first_date"], last["incident_id"])) if last else None
    )
    body = {"incidents": [incident_json(r) for r in rows[:size]], "next_cursor": next_cursor}
    return Response(dumps(body), media_type="application/json")


@router.get("/incidents/{incident_id}", response_model=IncidentDetail)
def get_incident(con: Con, incident_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One incident with its reports (outlet, who they cite, their figures) and who claims
    what on every field the independent reports disagree on."""
    row = incident_queries.get_incident(con, incident_id)
    if row is None:
        raise Problem(404, f"no incident {incident_id!r}")
    body = {
        **incident_json(row),
        "reports": [report_json(r) for r in row["reports"]],
        "disagreements": row["disagreements"],
    }
    return Response(dumps(body), media_type="application/json")
