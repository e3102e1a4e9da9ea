"""``/events`` (full and map views), ``/events/{id}``, the exports, the timeline, facets."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from ..export import ACLED_COLUMNS, acled_row, event_json, geojson_features
from ..store import StoredEvent
from ..store import api_queries as queries
from .config import ApiConfig
from .database import Database
from .deps import config, cursor, require_read
from .models import DayCount, EventDetail, EventPage, MapPage
from .params import encode_cursor, event_query
from .problems import Problem
from .serialize import article_json, dumps

router = APIRouter(dependencies=[Depends(require_read)], tags=["events"])

Con = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
Filters = Annotated[queries.EventQuery, Depends(event_query)]


@router.get("/events", response_model=EventPage | MapPage)
def list_events(
    con: Con,
    flt: Filters,
    cfg: Annotated[ApiConfig, Depends(config)],
    limit: Annotated[int | None, Query(ge=1, description="page size")] = None,
    view: Annotated[
        Literal["full", "map"], Query(description="map: compact, no evidence")
    ] = "full",
) -> Response:
    """Events matching every filter, oldest first. `view=map` is the compact map layer
    (up to `max_map_limit` points, no cursor); the full view pages with `cursor`."""
    if view == "map":
        size = min(limit or cfg.max_map_limit, cfg.max_map_limit)
        body = queries.map_events_json(con, flt, limit=size)
        return Response(
            f'{{"view":"map","limit":{size},"events":{body}}}', media_type="application/json"
        )
    size = min(limit or cfg.page_limit, cfg.max_page_limit)
    page = queries.find_events(con, flt, limit=size + 1)
    more = len(page) > size
    page = page[:size]
    last = page[-1].event if more and page else None
    next_cursor = (
        encode_cursor(queries.cursor_key(last.event_date, last.event_id)) if last else None
    )
    body_obj = {"events": [event_json_out(item) for item in page], "next_cursor": next_cursor}
    return Response(dumps(body_obj), media_type="application/json")


def event_json_out(item: StoredEvent) -> dict[str, Any]:
    data = event_json(item)
    data["is_main"] = item.is_main
    return data


def _streamed(request: Request, flt: queries.EventQuery) -> Iterator[StoredEvent]:
    db: Database = request.app.state.database
    con = db.open_cursor()
    try:
        yield from queries.stream_events(con, flt)
    finally:
        con.close()


def _csv_chunks(items: Iterator[StoredEvent]) -> Iterator[str]:
    import csv

    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for n, item in enumerate(items, 1):
        writer.writerow(acled_row(item))
        if n % 500 == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def _geojson_chunks(items: Iterator[StoredEvent]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": [\n'
    for n, feature in enumerate(geojson_features(items)):
        yield (",\n" if n else "") + json.dumps(feature, ensure_ascii=False, default=str)
    yield "\n]}\n"


@router.get("/events.csv", response_class=StreamingResponse, tags=["exports"])
def events_csv(request: Request, flt: Filters) -> StreamingResponse:
    """Every matching event as CSV with ACLED's column names (same filters as /events)."""
    return StreamingResponse(
        _csv_chunks(_streamed(request, flt)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="events.csv"'},
    )


@router.get("/events.geojson", response_class=StreamingResponse, tags=["exports"])
def events_geojson(request: Request, flt: Filters) -> StreamingResponse:
    """Every matching event with coordinates as a GeoJSON FeatureCollection."""
    return StreamingResponse(
        _geojson_chunks(_streamed(request, flt)), media_type="application/geo+json"
    )


@router.get("/events/{event_id}", response_model=EventDetail)
def get_event(con: Con, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One event with its article: the text, and every event's evidence spans in it."""
    item = queries.get_event(con, event_id)
    if item is None:
        raise Problem(404, f"no event {event_id!r}")
    article = article_json(con, item.article_id)
    return Response(
        dumps({"event": event_json_out(item), "article": article}), media_type="application/json"
    )


@router.get("/timeline", response_model=list[DayCount])
def get_timeline(con: Con, flt: Filters) -> JSONResponse:
    """Events per day under every filter except the date range (the dashboard's histogram)."""
    rows = queries.timeline(con, flt)
    return JSONResponse([{"date": d.isoformat(), "events": n} for d, n in rows])


@router.get("/facets")
def get_facets(con: Con) -> Response:
    """What the filters can take: event types, sides, sources (with counts), the date span."""
    return Response(dumps(queries.facets(con)), media_type="application/json")
