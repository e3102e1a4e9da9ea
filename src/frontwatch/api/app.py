"""The FastAPI application: ``create_app(settings, config)``; nothing happens at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

import duckdb
from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..settings import Settings
from ..store import api_queries as queries
from . import (
    incidents,
    problems,
    routes_articles,
    routes_events,
    routes_ingest,
    routes_web,
    situation,
)
from .config import ApiConfig
from .database import Database, ExtractorFactory
from .deps import cursor, database
from .limits import BodyLimit
from .models import Health

DESCRIPTION = """\
frontwatch's data over HTTP: articles, ACLED-style events with the evidence spans every field
came from, exports (ACLED CSV, GeoJSON), and `POST /ingest` (bearer token). Errors are JSON
problem details (RFC 9457). The map dashboard is served at `/`.
"""


def create_app(
    settings: Settings,
    config: ApiConfig | None = None,
    *,
    extractor_factory: ExtractorFactory | None = None,
    graph_factory: situation.GraphFactory | None = None,
) -> FastAPI:
    """The API and dashboard over the DuckDB file ``settings.db`` (opened at startup).

    ``graph_factory`` builds the locality graph of the situation endpoints (default: the
    gazetteer's, ``situation.queries.locality_graph``); it runs once, on first use.
    """
    cfg = config or ApiConfig()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        kwargs = {"extractor_factory": extractor_factory} if extractor_factory else {}
        app.state.database = Database(settings, read_only=cfg.read_only, **kwargs)
        try:
            yield
        finally:
            app.state.database.close()

    app = FastAPI(
        title="frontwatch",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.config = cfg
    app.state.situation = situation.SituationCache(settings, graph_factory)
    problems.install(app)
    app.add_middleware(BodyLimit, max_bytes=cfg.max_body_bytes)
    app.add_api_route("/health", health, methods=["GET"], response_model=Health, tags=["meta"])
    routers = (routes_events, routes_articles, incidents, situation, routes_ingest, routes_web)
    for module in routers:
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=routes_web.static_dir()), name="static")
    app.mount(
        "/vendor",
        StaticFiles(directory=routes_web.vendor_dir(cfg), check_dir=False),
        name="vendor",
    )
    return app


def health(
    con: Annotated[duckdb.DuckDBPyConnection, Depends(cursor)],
    db: Annotated[Database, Depends(database)],
) -> Health:
    """Liveness and what the database holds."""
    n = queries.counts(con)
    return Health(
        status="ok",
        schema_version=n["schema_version"],
        articles=n["articles"],
        events=n["events"],
        read_only=db.read_only,
        ingest_enabled=not db.read_only,
    )
