"""``/articles`` and ``/articles/{id}`` (the text and the evidence spans of its events)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import duckdb
from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response

from ..store import api_queries as queries
from .config import ApiConfig
from .deps import config, cursor, require_read
from .models import ArticleOut, ArticlePage
from .problems import Problem
from .serialize import article_json, dumps

router = APIRouter(dependencies=[Depends(require_read)], tags=["articles"])

Con = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]


@router.get("/articles", response_model=ArticlePage)
def list_articles(
    con: Con,
    cfg: Annotated[ApiConfig, Depends(config)],
    source: Annotated[list[str], Query(max_length=50)] = [],  # noqa: B006
    q: Annotated[str | None, Query(max_length=200, description="text search")] = None,
    since: Annotated[dt.date | None, Query(description="published on or after")] = None,
    until: Annotated[dt.date | None, Query(description="published on or before")] = None,
    limit: Annotated[int | None, Query(ge=1)] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """Stored articles (without their text), by id, with how many events each gave."""
    size = min(limit or cfg.page_limit, cfg.max_page_limit)
    flt = queries.ArticleQuery(source=tuple(source), text=q, since=since, until=until, after=cursor)
    rows = queries.list_articles(con, flt, limit=size + 1)
    next_cursor = rows[size - 1]["article_id"] if len(rows) > size else None
    return Response(
        dumps({"articles": rows[:size], "next_cursor": next_cursor}),
        media_type="application/json",
    )


@router.get("/articles/{article_id}", response_model=ArticleOut)
def get_article(con: Con, article_id: Annotated[str, Path(max_length=200)]) -> Response:
    """One article: its text, and its events with their evidence spans (offsets into the text)."""
    body = article_json(con, article_id)
    if body is None:
        raise Problem(404, f"no article {article_id!r}")
    return Response(dumps(body), media_type="application/json")
