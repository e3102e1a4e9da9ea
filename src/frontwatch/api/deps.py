"""Request dependencies: the database handle, the config, bearer-token checks."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator

import duckdb
from fastapi import Request

from .config import ApiConfig
from .database import Database
from .problems import Problem


async def config(request: Request) -> ApiConfig:
    value: ApiConfig = request.app.state.config
    return value


async def database(request: Request) -> Database:
    value: Database = request.app.state.database
    return value


def _bearer(request: Request) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def check_token(request: Request, *, purpose: str) -> None:
    expected = request.app.state.config.token
    if expected is None:
        raise Problem(401, f"{purpose} is disabled: the operator has not set FRONTWATCH_API_TOKEN")
    given = _bearer(request)
    if given is None:
        raise Problem(401, f"{purpose} needs an 'Authorization: Bearer <token>' header")
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise Problem(401, "the bearer token is not valid")


async def require_write(request: Request) -> None:
    check_token(request, purpose="writing")


async def require_read(request: Request) -> None:
    if request.app.state.config.protect_reads:
        check_token(request, purpose="reading")


async def cursor(request: Request) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A pooled cursor for the request (taking one from the pool never blocks)."""
    db: Database = request.app.state.database
    with db.cursor() as cur:
        yield cur
