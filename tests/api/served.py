"""Helpers for the API and browser tests: fixture databases and a served app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from frontwatch.api import ApiConfig, create_app
from frontwatch.api.server import BackgroundServer
from frontwatch.demo import demo_corpus
from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import InputOptions, ingest
from frontwatch.settings import Settings
from frontwatch.store import Store

TOKEN = "test-token-not-secret"
HERE = Path(__file__).resolve().parent
FIXTURE_ARTICLES = HERE / "data" / "articles.jsonl"


def build_db(
    path: Path,
    extractor: Extractor,
    settings: Settings,
    inputs: list[Path],
    *,
    published: dt.date | None = None,
) -> Path:
    """A DuckDB file holding what the real pipeline makes of ``inputs``."""
    db_settings = settings.model_copy(update={"db": str(path)})
    with Store(path) as store:
        report = ingest(
            inputs,
            settings=db_settings,
            store=store,
            extractor=extractor,
            options=InputOptions(published=published),
        )
    if report.errors:
        raise ValueError(f"fixture inputs: {report.errors[0]}")
    return path


def demo_inputs() -> list[Path]:
    return [demo_corpus(), FIXTURE_ARTICLES]


@contextmanager
def serve(
    db: Path, settings: Settings, extractor: Extractor, **config: object
) -> Iterator[BackgroundServer]:
    """The app over ``db`` on a free loopback port (the test's extractor does ingests)."""
    app = create_app(
        settings.model_copy(update={"db": str(db)}),
        ApiConfig(**config),  # type: ignore[arg-type]
        extractor_factory=lambda _settings: extractor,
    )
    with BackgroundServer(app) as server:
        yield server
