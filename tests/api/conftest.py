"""A demo database (the bundled corpus + two fixture articles) served read-only for the API
tests; write tests get their own empty database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.served import TOKEN, build_db, demo_inputs, serve
from frontwatch.api.server import BackgroundServer
from frontwatch.extract.pipeline import Extractor
from frontwatch.settings import Settings


@pytest.fixture(scope="session")
def demo_db(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, settings: Settings
) -> Path:
    path = tmp_path_factory.mktemp("api") / "demo.duckdb"
    return build_db(path, extractor, settings, demo_inputs())


@pytest.fixture(scope="session")
def read_server(
    demo_db: Path, extractor: Extractor, settings: Settings
) -> Iterator[BackgroundServer]:
    with serve(demo_db, settings, extractor, read_only=True, token=TOKEN) as server:
        yield server


@pytest.fixture(scope="session")
def client(read_server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=read_server.url, timeout=30) as c:
        yield c


@pytest.fixture
def write_server(
    tmp_path: Path, extractor: Extractor, settings: Settings
) -> Iterator[BackgroundServer]:
    with serve(
        tmp_path / "write.duckdb", settings, extractor, token=TOKEN, max_body_bytes=20_000
    ) as server:
        yield server
