"""Request and response shapes (they are what /docs shows)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from ..records import Event


class Health(BaseModel):
    status: str
    schema_version: int
    articles: int
    events: int
    read_only: bool
    ingest_enabled: bool


class StoredEventOut(Event):
    """An EVENT of the data contract, with the article it came from."""

    article_id: str
    source: str | None = None
    url: str | None = None
    is_main: bool = False


class EventPage(BaseModel):
    events: list[StoredEventOut]
    next_cursor: str | None = Field(
        description="pass as `cursor` for the next page; null on the last page"
    )


class MapEvent(BaseModel):
    event_id: str
    event_date: dt.date | None
    event_type: str
    sub_event_type: str
    latitude: float
    longitude: float
    fatalities_total: int | None
    actor1_side: str | None
    location: str | None
    claimed_by: str | None


class MapPage(BaseModel):
    view: str = "map"
    limit: int
    events: list[MapEvent]


class ArticleSummary(BaseModel):
    article_id: str
    input_id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    events: int


class ArticlePage(BaseModel):
    articles: list[ArticleSummary]
    next_cursor: str | None


class ArticleOut(BaseModel):
    article_id: str
    id: str | None
    title: str | None
    source: str | None
    url: str | None
    published: dt.date | None
    language: str | None
    origin: str | None
    text: str = Field(description="the normalised text; evidence offsets index into it")
    events: list[StoredEventOut]


class EventDetail(BaseModel):
    event: StoredEventOut
    article: ArticleOut = Field(description="the article, its text and all its events")


class DayCount(BaseModel):
    date: dt.date
    events: int


class IngestArticle(BaseModel):
    """One article, the JSONL input shape of ``frontwatch ingest``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=2000)
    published: dt.date | None = None
    source: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    id: str | None = Field(default=None, max_length=500)


class IngestResult(BaseModel):
    articles_added: int
    articles_skipped: int
    events_added: int
    article_ids: list[str]
