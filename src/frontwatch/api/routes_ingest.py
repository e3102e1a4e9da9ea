"""``POST /ingest``: articles in the JSONL input shape, analysed and stored in one transaction."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError

from ..errors import InputError
from ..ingest.normalize import make_article
from ..records import Article
from .config import ApiConfig
from .database import Database
from .deps import config, database, require_write
from .models import IngestArticle, IngestResult
from .problems import Problem

router = APIRouter(tags=["ingest"])

_ARTICLES = TypeAdapter(list[IngestArticle])

_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {"type": "array", "items": IngestArticle.model_json_schema()}
            }
        },
    }
}


def _parse(raw: bytes, limit: int) -> list[IngestArticle]:
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Problem(422, f"body: not JSON ({exc})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if not isinstance(data, list) or not data:
        raise Problem(422, "body: expected a non-empty JSON array of articles")
    if len(data) > limit:
        raise Problem(422, f"body: {len(data)} articles; at most {limit} per request")
    try:
        return _ARTICLES.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise Problem(422, f"body[{where}]: {first['msg']}") from None


def _articles(items: list[IngestArticle], max_chars: int) -> list[Article]:
    articles = []
    for n, item in enumerate(items):
        try:
            articles.append(
                make_article(
                    item.text,
                    title=item.title,
                    source=item.source,
                    url=item.url,
                    published=item.published,
                    id=item.id,
                    origin=f"POST /ingest[{n}]",
                    max_chars=max_chars,
                )
            )
        except InputError as exc:
            raise Problem(422, str(exc)) from None
    return articles


@router.post(
    "/ingest",
    response_model=IngestResult,
    dependencies=[Depends(require_write)],
    openapi_extra=_BODY_DOC,
    responses={401: {"description": "no or wrong bearer token"}, 413: {}, 422: {}},
)
async def ingest(
    request: Request,
    db: Annotated[Database, Depends(database)],
    cfg: Annotated[ApiConfig, Depends(config)],
) -> JSONResponse:
    """Analyse and store articles (a JSON array of `{text, title, published, source, url, id}`).

    Needs `Authorization: Bearer $FRONTWATCH_API_TOKEN`. Every article is validated before
    anything is stored; all of them land in one transaction. Known articles are skipped.
    """
    if db.read_only:
        raise Problem(405, "the server opened the database read-only")
    items = _parse(await request.body(), cfg.max_ingest_articles)
    articles = _articles(items, db.settings.max_article_chars)
    from starlette.concurrency import run_in_threadpool

    result, analyzed = await run_in_threadpool(db.ingest, articles)
    body = IngestResult(
        articles_added=result.articles_added,
        articles_skipped=result.articles_skipped,
        events_added=result.events_added,
        article_ids=[a.article.article_id for a in analyzed],
    )
    return JSONResponse(body.model_dump(), status_code=200)
