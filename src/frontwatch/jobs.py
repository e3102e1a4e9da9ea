"""The Python API behind the CLI: analyze inputs, ingest them into a store.

The library never prints: progress and input errors go to the callbacks the caller gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .errors import InputError
from .extract.pipeline import Extractor, settle_heap
from .ingest.readers import read_inputs
from .records import AnalyzedArticle, Article
from .resolve import update_incidents
from .settings import Settings
from .situation.observations import ControlReader
from .situation.update import update_control
from .situation.watch import check_watches
from .store import Store
from .store.incidents import IncidentStore
from .store.rows import EVENT_COLUMNS, Analysis, analysis_rows
from .store.situation import SituationStore

OnError = Callable[[InputError], None]
OnProgress = Callable[[int], None]


@dataclass
class IngestReport:
    articles_read: int = 0
    articles_added: int = 0
    articles_skipped: int = 0
    events_added: int = 0
    alerts: int = 0
    """Alerts raised on watched routes (``frontwatch watch-route``)."""
    errors: list[InputError] = field(default_factory=list)


@dataclass(frozen=True)
class InputOptions:
    fmt: str | None = None
    column_map: Mapping[str, str] | None = None
    published: dt.date | None = None
    source: str | None = None


def read_articles(
    paths: Iterable[str | Path], options: InputOptions, settings: Settings, on_error: OnError
) -> Iterator[Article]:
    """Articles from the inputs, streamed; each bad input goes to ``on_error``."""
    for item in read_inputs(
        paths,
        fmt=options.fmt,
        column_map=options.column_map,
        published=options.published,
        source=options.source,
        max_chars=settings.max_article_chars,
    ):
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def analyze(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    options: InputOptions | None = None,
    on_error: OnError,
    extractor: Extractor | None = None,
) -> Iterator[AnalyzedArticle]:
    """Analyze the inputs without a database."""
    if extractor is None:
        extractor = Extractor(settings)
        settle_heap()
    articles = read_articles(paths, options or InputOptions(), settings, on_error)
    yield from extractor.analyze(articles)


def _batches(items: Iterable[AnalyzedArticle], size: int) -> Iterator[list[AnalyzedArticle]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def after_store(
    store: Store,
    article_ids: list[str],
    *,
    settings: Settings,
    extractor: Extractor,
    on_error: OnError,
) -> int:
    """What follows storing articles: their incidents (``resolve.update_incidents``), then
    their control observations (``situation.update_control``, after the incidents: it skips
    near-duplicates), then the watched routes (``situation.check_watches``). Returns the
    number of alerts raised. ``ingest`` and the API's ``POST /ingest`` both call it."""
    update_incidents(store, article_ids, settings=settings)
    update_control(store, article_ids, ControlReader.from_extractor(extractor))
    raised = check_watches(
        store,
        settings,
        gazetteer=extractor.ctx.gazetteer,
        on_error=lambda exc: on_error(InputError("watch-route", str(exc))),
    )
    return len(raised)


def ingest(
    paths: Iterable[str | Path],
    *,
    settings: Settings,
    store: Store,
    options: InputOptions | None = None,
    on_error: OnError | None = None,
    on_progress: OnProgress | None = None,
    extractor: Extractor | None = None,
) -> IngestReport:
    """Analyze the inputs and store them, one transaction per batch of articles; every
    ``incident_batch`` stored articles, and at the end, bring the incidents their events
    touch up to date, with their control observations and watched routes (``after_store``:
    one pass over many articles costs far less than one per small batch)."""
    report = IngestReport()
    pending: list[str] = []
    if extractor is None:
        extractor = Extractor(settings)
        settle_heap()
    pipeline = extractor

    def update(article_ids: list[str]) -> None:
        report.alerts += after_store(
            store, article_ids, settings=settings, extractor=pipeline, on_error=record_error
        )

    def record_error(error: InputError) -> None:
        report.errors.append(error)
        if on_error:
            on_error(error)

    analyzed = analyze(
        paths, settings=settings, options=options, on_error=record_error, extractor=extractor
    )
    for batch in _batches(analyzed, settings.batch_size):
        result = store.add_batch(batch)
        pending += [item.article.article_id for item in batch]
        if len(pending) >= settings.incident_batch:
            update(pending)
            pending = []
        report.articles_read += len(batch)
        report.articles_added += result.articles_added
        report.articles_skipped += result.articles_skipped
        report.events_added += result.events_added
        if on_progress:
            on_progress(report.articles_read)
    if pending:
        update(pending)
    return report


@dataclass
class ReanalyzeReport:
    articles_read: int = 0
    articles_changed: int = 0
    """Articles whose events or evidence differ from what was stored."""
    events_before: int = 0
    """Events the changed articles had."""
    events_after: int = 0
    """Events they have now."""
    places_changed: int = 0
    """Events kept (same id) whose place changed: its name, point or precision."""
    articles_updated: int = 0
    """Articles whose incidents and control observations were brought up to date: the
    changed ones, those that shared an incident with them, and any left stale before."""
    alerts: int = 0


_PLACE = slice(EVENT_COLUMNS.index("location"), EVENT_COLUMNS.index("geo_precision") + 1)
"""An event row's place: name, admin1, admin2, country, latitude, longitude, precision."""


def _moved(before: Analysis, after: Analysis) -> int:
    """Events in both analyses (by id) whose place differs."""
    old = {row[0]: row[_PLACE] for row in before[0]}
    return sum(1 for row in after[0] if row[0] in old and old[row[0]] != row[_PLACE])


def reanalyze(
    *,
    settings: Settings,
    store: Store,
    on_error: OnError | None = None,
    on_progress: OnProgress | None = None,
    extractor: Extractor | None = None,
) -> ReanalyzeReport:
    """Analyze every stored article again, with the lexicons and gazetteers in use now (after
    ``frontwatch gazetteer import``, or an upgrade), and replace the events and evidence of
    those whose analysis changed, one transaction per batch (``Store.replace_analyses``).
    Then bring their incidents, control observations and watched routes up to date
    (``after_store``). An article whose analysis is unchanged is not written: running it
    again changes nothing."""
    report = ReanalyzeReport()
    ids = store.article_ids()
    if not ids:
        return report
    if extractor is None:
        extractor = Extractor(settings)
        settle_heap()
    changed_ids: list[str] = []
    for lo in range(0, len(ids), settings.batch_size):
        chunk = ids[lo : lo + settings.batch_size]
        stored = store.analyses(chunk)
        changed = []
        for item in extractor.analyze(store.articles(chunk)):
            before = stored.get(item.article.article_id, ((), ()))
            after = analysis_rows(item)
            if after != before:
                changed.append(item)
                report.events_before += len(before[0])
                report.events_after += len(after[0])
                report.places_changed += _moved(before, after)
        if changed:
            store.replace_analyses(changed)
            changed_ids += [item.article.article_id for item in changed]
        report.articles_read += len(chunk)
        if on_progress:
            on_progress(report.articles_read)
    report.articles_changed = len(changed_ids)
    marked = (
        set(changed_ids)
        | set(IncidentStore(store).unresolved_article_ids())
        | set(SituationStore(store).unread_articles())
    )
    stale = [i for i in ids if i in marked]  # in the order they were stored, as ingest went
    for lo in range(0, len(stale), settings.incident_batch):
        report.alerts += after_store(
            store,
            stale[lo : lo + settings.incident_batch],
            settings=settings,
            extractor=extractor,
            on_error=on_error or (lambda _: None),
        )
    report.articles_updated = len(stale)
    return report
