"""The server's handle on the DuckDB file: one connection, a cursor per request."""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..extract.pipeline import Extractor
from ..jobs import after_store
from ..records import AnalyzedArticle, Article
from ..settings import Settings
from ..store import BatchResult, Store

ExtractorFactory = Callable[[Settings], Extractor]
log = logging.getLogger("frontwatch.api")


class Database:
    """Opens the store once; hands out cursors (DuckDB connections to the same database).

    Reads run in parallel on pooled cursors; writes (``POST /ingest``) are serialised and go
    through ``Store.add_batch`` (one transaction per request).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        read_only: bool,
        extractor_factory: ExtractorFactory = Extractor,
    ) -> None:
        self.settings = settings
        self.read_only = read_only
        self.store = Store(Path(settings.db), read_only=read_only)
        # Requests run side by side on cursors: one DuckDB thread per query spends the cores
        # on queries rather than on coordinating each query's threads.
        self.store.con.execute("SET threads = 1")
        self._pool: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
        self._write_lock = threading.Lock()
        self._extractor: Extractor | None = None
        self._extractor_factory = extractor_factory

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        try:
            cur = self._pool.get_nowait()
        except queue.Empty:
            cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            self._pool.put(cur)

    def open_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor the caller closes (for streamed responses)."""
        return self.store.con.cursor()

    def extractor(self) -> Extractor:
        """The extraction pipeline, built on the first ingest (loading spaCy takes seconds)."""
        with self._write_lock:
            if self._extractor is None:
                self._extractor = self._extractor_factory(self.settings)
            return self._extractor

    def ingest(self, articles: list[Article]) -> tuple[BatchResult, list[AnalyzedArticle]]:
        """Store the articles, then bring their incidents, control and watched routes up to
        date as ``frontwatch ingest`` does (``jobs.after_store``)."""
        extractor = self.extractor()
        analyzed = list(extractor.analyze(articles))
        with self._write_lock:
            result = self.store.add_batch(analyzed)
            after_store(
                self.store,
                [a.article.article_id for a in analyzed],
                settings=self.settings,
                extractor=extractor,
                on_error=lambda error: log.warning("%s", error),
            )
            return result, analyzed

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                break
        self.store.close()
