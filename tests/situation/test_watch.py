"""Watched routes in a real DuckDB file: an alert once per change, never twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.errors import FrontwatchError
from frontwatch.settings import Settings
from frontwatch.situation.graph import LocalityGraph
from frontwatch.situation.watch import check_watches
from frontwatch.store import Store
from frontwatch.store.watch import WatchStore
from route_builders import control, held, region_graph


@pytest.fixture
def graph(tmp_path: Path) -> LocalityGraph:
    return region_graph(tmp_path)


def _open() -> dict:  # type: ignore[type-arg]
    return control(held("Southport", "opposition", 1), held("Westbury", "government", 2))


def _cut() -> dict:  # type: ignore[type-arg]
    return {**_open(), **control(held("Eastbury", "government", 3))}


def test_no_watch_loads_nothing_and_writes_nothing(tmp_path: Path, settings: Settings) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        assert check_watches(store, settings) == []
        assert WatchStore(store).alerts() == []


def test_a_cut_writes_one_alert_and_rerunning_writes_none(
    tmp_path: Path, settings: Settings, graph: LocalityGraph
) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        watches = WatchStore(store)
        watch, new = watches.add("Southport", "Northgate", "opposition")
        assert new and watches.add("Southport", "Northgate", "opposition") == (watch, False)
        assert check_watches(store, settings, graph=graph, control=_open()) == []
        assert watches.watch(watch.watch_id).route_state == "open"  # type: ignore[union-attr]
        assert check_watches(store, settings, graph=graph, control=_open()) == []

        alerts = check_watches(store, settings, graph=graph, control=_cut())
        assert [a.kind for a in alerts] == ["route_cut", "encirclement_closed"]
        cut = alerts[0]
        assert cut.watch_id == watch.watch_id and cut.localities == ("Eastbury", "Westbury")
        assert [o.event_id for o in cut.observations] == ["ev-eastbury-3", "ev-westbury-2"]
        assert cut.alert_date == cut.observations[0].observed
        assert "blocked by Eastbury, Westbury" in cut.summary
        assert alerts[1].localities == ("Eastbury", "Westbury")

        assert check_watches(store, settings, graph=graph, control=_cut()) == []
        stored = watches.alerts()
        assert [a.kind for a in stored] == ["route_cut", "encirclement_closed"]
        assert stored[0].observations == cut.observations  # read back from JSON

        reopened = check_watches(store, settings, graph=graph, control=_open())
        assert [a.kind for a in reopened] == ["route_reopened", "encirclement_lifted"]
        assert len(watches.alerts()) == 4


def test_a_watch_first_checked_when_already_cut_alerts(
    tmp_path: Path, settings: Settings, graph: LocalityGraph
) -> None:
    with Store(tmp_path / "fw.duckdb") as store:
        watches = WatchStore(store)
        watches.add("Southport", "Gate crossing", "opposition")
        alerts = check_watches(store, settings, graph=graph, control=_cut())
        assert alerts[0].kind == "route_cut"


def test_a_broken_watch_is_reported_and_the_others_go_on(
    tmp_path: Path, settings: Settings, graph: LocalityGraph
) -> None:
    errors: list[FrontwatchError] = []
    with Store(tmp_path / "fw.duckdb") as store:
        watches = WatchStore(store)
        watches.add("Atlantis", "Northgate", "opposition")
        watches.add("Southport", "Northgate", "opposition")
        alerts = check_watches(store, settings, graph=graph, control=_cut(), on_error=errors.append)
        assert [a.kind for a in alerts] == ["route_cut", "encirclement_closed"]
        assert len(errors) == 1 and "Atlantis" in str(errors[0])


def test_removing_a_watch_keeps_its_alerts(
    tmp_path: Path, settings: Settings, graph: LocalityGraph
) -> None:
    path = tmp_path / "fw.duckdb"
    with Store(path) as store:
        watches = WatchStore(store)
        watch, _ = watches.add("Southport", "Northgate", "opposition")
        check_watches(store, settings, graph=graph, control=_cut())
        assert watches.remove(watch.watch_id) and not watches.remove(watch.watch_id)
    with Store(path, read_only=True) as store:
        watches = WatchStore(store)
        assert watches.watches() == [] and len(watches.alerts(watch.watch_id)) == 2
    with Store(path) as store:
        again, _ = WatchStore(store).add("Southport", "Northgate", "opposition")
        assert again.watch_id != watch.watch_id  # ids are not reused: old alerts stay its own
