"""Query parameters of ``/events`` (and its exports) into a ``store.api_queries.EventQuery``."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Annotated

import duckdb
from fastapi import Depends, Query

from ..store.api_queries import EventQuery, Near, place_point
from .deps import cursor as db_cursor
from .problems import Problem

Text = Annotated[str | None, Query(max_length=200)]
Many = Annotated[list[str], Query(max_length=50)]


def encode_cursor(key: tuple[dt.date, str]) -> str:
    raw = f"{key[0].isoformat()}|{key[1]}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str) -> tuple[dt.date, str]:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)).decode()
        date, sep, event_id = raw.partition("|")
        if not sep or not event_id:
            raise ValueError(value)
        return dt.date.fromisoformat(date), event_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise Problem(422, f"cursor: {value[:40]!r} is not a cursor this server gave") from None


def parse_bbox(value: str) -> tuple[float, float, float, float]:
    parts = value.split(",")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise Problem(422, f"bbox: {value[:60]!r} is not min_lon,min_lat,max_lon,max_lat") from None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise Problem(422, f"bbox: {value[:60]!r} is not a box of longitudes and latitudes")
    return min_lon, min_lat, max_lon, max_lat


def _point(value: str) -> tuple[float, float] | None:
    lat, sep, lon = value.partition(",")
    if not sep:
        return None
    try:
        point = float(lat), float(lon)
    except ValueError:
        return None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        raise Problem(422, f"near: {value[:60]!r} is not latitude,longitude")
    return point


def parse_near(con: duckdb.DuckDBPyConnection, value: str, km: float) -> Near | None:
    """``lat,lon`` or a place name found in stored events; None when the place is unknown."""
    point = _point(value) or place_point(con, value)
    return Near(point[0], point[1], km) if point else None


def event_query(
    con: Annotated[duckdb.DuckDBPyConnection, Depends(db_cursor)],
    since: dt.date | None = None,
    until: dt.date | None = None,
    bbox: Annotated[
        str | None, Query(max_length=200, description="min_lon,min_lat,max_lon,max_lat")
    ] = None,
    near: Annotated[
        str | None, Query(max_length=200, description="a place name or lat,lon")
    ] = None,
    km: Annotated[float, Query(gt=0, le=5000, description="radius around `near`")] = 25.0,
    event_type: Annotated[
        list[str], Query(alias="type", max_length=50, description="event or sub-event type")
    ] = [],  # noqa: B006 - FastAPI copies defaults
    actor: Text = None,
    side: Many = [],  # noqa: B006
    source: Many = [],  # noqa: B006
    min_fatalities: Annotated[int | None, Query(ge=0, le=10_000_000)] = None,
    claimed_by: Text = None,
    q: Annotated[str | None, Query(max_length=200, description="text search in articles")] = None,
    article_id: Text = None,
    cursor: Annotated[str | None, Query(max_length=400)] = None,
) -> EventQuery:
    near_point = parse_near(con, near, km) if near else None
    return EventQuery(
        since=since,
        until=until,
        bbox=parse_bbox(bbox) if bbox else None,
        near=near_point,
        match_none=bool(near) and near_point is None,
        event_type=tuple(event_type),
        actor=actor,
        side=tuple(side),
        source=tuple(source),
        min_fatalities=min_fatalities,
        claimed_by=claimed_by,
        text=q,
        article_id=article_id,
        after=decode_cursor(cursor) if cursor else None,
    )
