"""The Halbaran corridor scenario, day by day, through the real pipeline and a real DuckDB file.

The baseline CSV is imported, then on each date of tests/fixtures/situation/expected.yaml the
reports published up to it are ingested (the real extractor with the scenario gazetteer, the
ingest hook reading control observations), and control, routes and encircled areas are read
back from the store as the CLI reads them. Every expected answer is compared; a failure
lists every mismatch of that date.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import ingest
from frontwatch.settings import Settings
from frontwatch.situation.encircle import EncircledArea, encircled
from frontwatch.situation.graph import LocalityGraph
from frontwatch.situation.model import Observation, RouteAnswer
from frontwatch.situation.routes import route
from frontwatch.situation.watch import stored_control
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore
from situation import scenario_data as sc

EXPECTED = sc.expected()
CHECKS: list[dict[str, Any]] = EXPECTED["checks"]


@dataclass
class Run:
    db: Path
    settings: Settings
    graph: LocalityGraph
    extractor: Extractor
    days: dict[dt.date, sc.Day]


def _import_baseline(store: Store, run_settings: Settings) -> None:
    rows = sc.baseline_observations(run_settings.country_focus)
    assert len(rows) == 28
    SituationStore(store).add_observations(rows)


def _answers(store: Store, run: Run, check: dict[str, Any]) -> sc.Day:
    day = check["date"]
    control = stored_control(store, run.settings, run.graph, day)
    answers = sc.Day(control)
    for key in check.get("routes", {}):
        spec = EXPECTED["routes"][key]
        answers.routes[key] = route(
            run.graph,
            control,
            spec["from"],
            spec["to"],
            spec["side"],
            as_of=day,
            max_cut=run.settings.route_max_cut,
        )
    for ask in check.get("encircled", []):
        key = f"{ask['side']}/{ask.get('outside')}"
        answers.areas[key] = encircled(run.graph, control, ask["side"], ask.get("outside"))
    return answers


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Baseline, then the reports published up to each checked date, then the answers."""
    folder = tmp_path_factory.mktemp("scenario")
    settings = sc.scenario_settings(folder / "scenario.duckdb")
    gazetteer = sc.gazetteer()
    extractor = Extractor(settings, gazetteer=gazetteer)
    result = Run(folder / "scenario.duckdb", settings, sc.graph(gazetteer, settings), extractor, {})
    reports = sc.reports()
    with Store(result.db) as store:
        _import_baseline(store, settings)
        for check in CHECKS:
            day = check["date"]
            todo = [r for r in reports if dt.date.fromisoformat(r["published"]) <= day]
            reports = reports[len(todo) :]
            if todo:
                path = folder / f"{day}.jsonl"
                path.write_text("".join(json.dumps(r) + "\n" for r in todo), encoding="utf-8")
                report = ingest([path], settings=settings, store=store, extractor=extractor)
                assert report.articles_added == len(todo) and not report.errors
            result.days[day] = _answers(store, result, check)
    return result


def _node(graph: LocalityGraph, name: str) -> str:
    (node,) = graph.resolve(name).node_ids
    return node


def _cited(observations: tuple[Observation, ...], names: list[str]) -> list[str]:
    """The names with no observation read from a report (an event id) among ``observations``."""
    from_reports = {o.locality_name for o in observations if o.event_id and o.article_id}
    return [n for n in names if n not in from_reports]


def _control_mismatches(run: Run, day: sc.Day, want: dict[str, Any]) -> list[str]:
    found = []
    for name, expected in want.items():
        state = day.control.get(_node(run.graph, name))
        side = state.side if state else None
        if side != expected["side"]:
            found.append(f"control {name}: {side} (expected {expected['side']})")
        if "besieged_by" in expected and (state and state.besieged_by) != expected["besieged_by"]:
            got = state.besieged_by if state else None
            found.append(f"{name} besieged by {got} (expected {expected['besieged_by']})")
        if expected.get("conflict") and (state is None or state.conflict is None):
            found.append(f"{name}: no conflict recorded")
        if state is not None and state.side is not None and not state.observations:
            found.append(f"{name}: held by {state.side} without an observation")
    return found


def _route_mismatches(key: str, answer: RouteAnswer, want: dict[str, Any]) -> list[str]:
    found = []
    what = f"route {key} ({answer.origin} -> {answer.destination}, {answer.side})"
    if answer.open != want["open"]:
        found.append(
            f"{what}: {'open' if answer.open else 'cut'} (expected "
            f"{'open' if want['open'] else 'cut'}); chokepoints {answer.chokepoints}, "
            f"blocked by {answer.blocked_by}, notes {answer.notes}"
        )
        return found
    if "chokepoints" in want and set(answer.chokepoints) != set(want["chokepoints"]):
        found.append(f"{what}: chokepoints {answer.chokepoints} (expected {want['chokepoints']})")
    if "blocked_by" in want and set(answer.blocked_by) != set(want["blocked_by"]):
        found.append(f"{what}: blocked by {answer.blocked_by} (expected {want['blocked_by']})")
    if missing := set(want.get("blocked_by_includes", ())) - set(answer.blocked_by):
        found.append(f"{what}: blocked by {answer.blocked_by}, not {sorted(missing)}")
    if not answer.decided_by:
        found.append(f"{what}: cites no observation")
    if uncited := _cited(answer.decided_by, want.get("cites", [])):
        found.append(f"{what}: cites no report about {uncited}")
    return found


def _area_mismatches(areas: list[EncircledArea], want: dict[str, Any]) -> list[str]:
    what = f"encircled {want['side']} (outside {want.get('outside') or 'any crossing'})"
    got = sorted(sorted(a.localities) for a in areas)
    found = []
    if got != sorted(sorted(a) for a in want["areas"]):
        found.append(f"{what}: {got} (expected {want['areas']})")
    for area in areas:
        if not area.decided_by:
            found.append(f"{what}: area {area.localities} cites no observation")
        if uncited := _cited(area.decided_by, want.get("cites", [])):
            found.append(f"{what}: area {area.localities} cites no report about {uncited}")
    return found


@pytest.mark.parametrize("check", CHECKS, ids=[str(c["date"]) for c in CHECKS])
def test_the_expected_answers_on_each_date(run: Run, check: dict[str, Any]) -> None:
    day = run.days[check["date"]]
    found = _control_mismatches(run, day, check.get("control", {}))
    for key, want in check.get("routes", {}).items():
        found += _route_mismatches(key, day.routes[key], want)
    for want in check.get("encircled", []):
        found += _area_mismatches(day.areas[f"{want['side']}/{want.get('outside')}"], want)
    assert not found, f"{check['date']} {check['phase']}\n  " + "\n  ".join(found)


def test_the_lone_contradicting_report_is_a_recorded_conflict_it_loses(run: Run) -> None:
    state = run.days[dt.date(2019, 3, 23)].control[_node(run.graph, "Deir Khallal")]
    assert state.conflict is not None
    sources = {o.source for o in state.conflict.claims}
    assert {"free-halbaran-voice", "sahil-wire"} <= {
        s.lower().replace(" ", "-") for s in sources if s
    }
    assert state.conflict.chosen_side == "government"
    assert state.conflict.rule == "corroboration"


def test_ingesting_the_reports_again_changes_nothing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in sc.reports()), encoding="utf-8")
    last = CHECKS[-1]["date"]
    with Store(run.db) as store:
        before = SituationStore(store).count()
        report = ingest([path], settings=run.settings, store=store, extractor=run.extractor)
        assert report.articles_added == 0
        assert SituationStore(store).count() == before
        again = stored_control(store, run.settings, run.graph, last)
    assert again == run.days[last].control
