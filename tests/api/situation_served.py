"""The Halbaran corridor scenario (tests/fixtures/situation/) in a DuckDB file built through
the real pipeline, and the API served over it (the API and browser tests share one file).

The baseline CSV is imported, two routes are watched (north and west, opposition), then the
reports are ingested in the batches tests/situation/test_scenario.py uses (those published
up to each checked date), so the watches raise their alerts as the story unfolds.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from frontwatch.api import ApiConfig, create_app
from frontwatch.api.server import BackgroundServer
from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import ingest
from frontwatch.settings import Settings
from frontwatch.situation.graph import LocalityGraph, graph_for
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore
from frontwatch.store.watch import WatchStore
from situation import scenario_data as sc

WATCHED = (("Bab al-Ruwaq", "Halbaran"), ("Bab Nuwayra", "Halbaran"))


@dataclass
class Scenario:
    db: Path
    settings: Settings
    extractor: Extractor
    graphs_built: list[str] = field(default_factory=list)
    """One entry per locality graph the served apps built (to check it is built once)."""

    def graph(self, settings: Settings) -> LocalityGraph:
        self.graphs_built.append(settings.db)
        return graph_for(sc.gazetteer(), settings)


_BUILT: dict[str, Scenario] = {}


def _baseline(store: Store, settings: Settings) -> None:
    SituationStore(store).add_observations(sc.baseline_observations(settings.country_focus))


def _ingest_by_date(store: Store, folder: Path, scenario: Scenario) -> None:
    reports = sc.reports()
    for check in sc.expected()["checks"]:
        day: dt.date = check["date"]
        todo = [r for r in reports if dt.date.fromisoformat(r["published"]) <= day]
        reports = reports[len(todo) :]
        if not todo:
            continue
        path = folder / f"{day}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in todo), encoding="utf-8")
        report = ingest(
            [path], settings=scenario.settings, store=store, extractor=scenario.extractor
        )
        if report.errors or report.articles_added != len(todo):
            raise ValueError(f"scenario reports of {day}: {report.errors}")


def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """The scenario database, built once per test session."""
    if "scenario" not in _BUILT:
        folder = tmp_path_factory.mktemp("scenario-api")
        db = folder / "scenario.duckdb"
        settings = sc.scenario_settings(db)
        built = Scenario(db, settings, Extractor(settings, gazetteer=sc.gazetteer()))
        with Store(db) as store:
            _baseline(store, settings)
            watches = WatchStore(store)
            for origin, destination in WATCHED:
                watches.add(origin, destination, "opposition")
            _ingest_by_date(store, folder, built)
        _BUILT["scenario"] = built
    return _BUILT["scenario"]


@contextmanager
def serve_scenario(built: Scenario, **config: object) -> Iterator[BackgroundServer]:
    """The app over the scenario database, its graph from the scenario gazetteer."""
    app = create_app(
        built.settings,
        ApiConfig(**config),  # type: ignore[arg-type]
        extractor_factory=lambda _settings: built.extractor,
        graph_factory=built.graph,
    )
    with BackgroundServer(app) as server:
        yield server
