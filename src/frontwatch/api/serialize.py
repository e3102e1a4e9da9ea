"""JSON for responses: dates as ISO strings; an article with its events and evidence."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import duckdb

from ..export import event_json
from ..store import api_queries as queries


def _default(value: object) -> str:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, default=_default)


def article_json(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article (text included) and all its events with their evidence spans."""
    row = queries.get_article(con, article_id)
    if row is None:
        return None
    events = queries.find_events(con, queries.EventQuery(article_id=article_id), limit=10_000)
    return {
        "article_id": row["article_id"],
        "id": row["input_id"],
        "title": row["title"],
        "source": row["source"],
        "url": row["url"],
        "published": row["published"],
        "language": row["language"],
        "origin": row["origin"],
        "text": row["text"],
        "events": [{**event_json(item), "is_main": item.is_main} for item in events],
    }
