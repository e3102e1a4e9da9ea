"""CLI commands of issue 5 on routes: route, encircled, watch-route, alerts.

Registered on ``frontwatch.cli.main`` (one line at the end of cli.py). Control comes from
the store (``situation.watch.stored_control``), broken sieges applied; the graph from the
gazetteer and the ``graph_*`` settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from .cli import _parse_date, _settings, db_option, settings_option
from .errors import InputError
from .settings import Settings
from .situation.encircle import EncircledArea
from .situation.graph import LocalityGraph
from .situation.model import ControlState, Observation, RouteAnswer, RouteReport
from .situation.sides import Sides
from .store import Store
from .store.watch import Alert, RouteWatch

EVIDENCE_CHARS = 100


def _graph(settings: Settings) -> LocalityGraph:
    from .situation.queries import locality_graph

    return locality_graph(settings)


def _sides(sides_file: Path | None) -> Sides:
    from .situation.sides import load_sides

    return load_sides(sides_file)


def _control(
    settings: Settings, graph: LocalityGraph, as_of: dt.date | None, sides: Sides
) -> dict[str, ControlState]:
    from .situation.watch import stored_control

    with Store(settings.db, read_only=True) as store:
        return stored_control(store, settings, graph, as_of, sides=sides)


def _reports(settings: Settings) -> list[RouteReport]:
    from .situation.queries import stored_route_reports

    with Store(settings.db, read_only=True) as store:
        return stored_route_reports(store)


def _json(value: Any) -> str:
    return json.dumps(dataclasses.asdict(value), default=str, ensure_ascii=False)


def _evidence_lines(observations: Iterable[Observation]) -> list[str]:
    lines = []
    for o in observations:
        words = " ".join(o.evidence.split())
        if len(words) > EVIDENCE_CHARS:
            words = words[: EVIDENCE_CHARS - 3] + "..."
        lines.append(
            f"    {o.observed}  {o.locality_name}: {o.side} {o.kind}"
            f'  event {o.event_id or "-"}  ({o.source or "?"})  "{words}"'
        )
    return lines


def describe_route(answer: RouteAnswer) -> str:
    when = f" as of {answer.as_of}" if answer.as_of else ""
    head = f"{answer.origin} -> {answer.destination} for {answer.side}{when}: "
    lines = []
    if answer.open:
        lines.append(head + f"OPEN, {answer.length_km} km")
        lines.append("  path: " + " - ".join(answer.path))
        lines.append("  chokepoints: " + (", ".join(answer.chokepoints) or "none"))
    else:
        lines.append(head + ("CUT (reported)" if answer.basis == "report" else "CUT"))
        lines.append("  blocked by: " + (", ".join(answer.blocked_by) or "-"))
    if answer.reported:
        lines.append("  reports about the route itself:")
        lines += [_report_line(r) for r in answer.reported]
    if answer.decided_by:
        lines.append("  decided by:")
        lines += _evidence_lines(answer.decided_by)
    lines += [f"  note: {n}" for n in answer.notes]
    return "\n".join(lines)


def _report_line(r: RouteReport) -> str:
    words = " ".join(r.evidence.split())
    if len(words) > EVIDENCE_CHARS:
        words = words[: EVIDENCE_CHARS - 3] + "..."
    ends = " - ".join(e.name for e in r.ends)
    event = f"event {r.event_id}" if r.event_id else "event -"
    return f'    {r.observed}  {r.status} ({ends})  {event}  ({r.source or "?"})  "{words}"'


def describe_area(number: int, area: EncircledArea) -> str:
    lines = [f"{number}. {', '.join(area.localities)}"]
    if area.ring:
        lines.append(f"   closed by: {', '.join(area.ring)} ({area.pocket_size} passable inside)")
    if area.reported_besieged_by:
        lines.append(f"   reported besieged by: {', '.join(area.reported_besieged_by)}")
    if area.decided_by:
        lines.append("   decided by:")
        lines += ["   " + line for line in _evidence_lines(area.decided_by)]
    return "\n".join(lines)


def _sides_option(func: Any) -> Any:
    return click.option(
        "--sides",
        "sides_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="YAML grouping sides into coalitions (default: the packaged one).",
    )(func)


@click.command()
@click.argument("origin")
@click.argument("destination")
@click.option("--side", required=True, help="The side whose route it is (e.g. opposition).")
@click.option("--as-of", "as_of", callback=_parse_date, help="Control as of this date.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@_sides_option
@db_option
@settings_option
def route(  # noqa: PLR0917  (click passes options as parameters)
    origin: str,
    destination: str,
    side: str,
    as_of: dt.date | None,
    as_json: bool,
    sides_file: Path | None,
    db: Path | None,
    settings_file: Path | None,
) -> None:
    """Is there a path from ORIGIN to DESTINATION through places SIDE holds (or nobody)?

    ORIGIN and DESTINATION are places, border crossings ("Bab al-Salameh") or outside
    regions ("Turkish border").
    """
    from .situation.queries import route_for

    settings = _settings(settings_file, db)
    sides = _sides(sides_file)
    name = sides.resolve(side)
    graph = _graph(settings)
    control = _control(settings, graph, as_of, sides)
    answer = route_for(
        graph,
        control,
        (origin, destination),
        name,
        settings=settings,
        as_of=as_of,
        reports=_reports(settings),
        sides=sides,
    )
    click.echo(_json(answer) if as_json else describe_route(answer))


@click.command()
@click.option("--side", required=True, help="The side whose areas to look at.")
@click.option("--as-of", "as_of", callback=_parse_date, help="Control as of this date.")
@click.option("--outside", help="Named region or place (default: any border crossing).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one area per line.")
@_sides_option
@db_option
@settings_option
def encircled(  # noqa: PLR0917
    side: str,
    as_of: dt.date | None,
    outside: str | None,
    as_json: bool,
    sides_file: Path | None,
    db: Path | None,
    settings_file: Path | None,
) -> None:
    """Areas SIDE holds with no passable path to the outside, and what closes them."""
    from .situation.encircle import encircled as find_areas

    settings = _settings(settings_file, db)
    sides = _sides(sides_file)
    name = sides.resolve(side)
    graph = _graph(settings)
    areas = find_areas(graph, _control(settings, graph, as_of, sides), name, outside)
    if as_json:
        for area in areas:
            click.echo(_json(area))
        return
    where = graph.outside(outside).label
    when = f" as of {as_of}" if as_of else ""
    click.echo(f"{len(areas)} encircled area(s) of {name}{when} (outside: {where})")
    for number, area in enumerate(areas, start=1):
        click.echo(describe_area(number, area))


@click.command(name="watch-route")
@click.argument("origin", required=False)
@click.argument("destination", required=False)
@click.option("--side", help="The side whose route it is.")
@click.option("--list", "list_them", is_flag=True, help="List the watched routes.")
@click.option("--remove", "remove_id", type=int, metavar="ID", help="Stop watching route ID.")
@_sides_option
@db_option
@settings_option
def watch_route(  # noqa: PLR0917
    origin: str | None,
    destination: str | None,
    side: str | None,
    list_them: bool,
    remove_id: int | None,
    sides_file: Path | None,
    db: Path | None,
    settings_file: Path | None,
) -> None:
    """Watch the route ORIGIN -> DESTINATION of SIDE: an alert when an ingest cuts it."""
    from .store.watch import WatchStore

    settings = _settings(settings_file, db)
    if list_them or remove_id is not None:
        with Store(settings.db) as store:
            watches = WatchStore(store)
            if remove_id is not None and not watches.remove(remove_id):
                raise InputError("--remove", f"no watched route {remove_id}")
            for watch in watches.watches():
                click.echo(_watch_line(watch))
        return
    if not (origin and destination and side):
        raise InputError("watch-route", "give FROM TO --side SIDE (or --list, --remove ID)")
    sides = _sides(sides_file)
    _register(settings, (origin, destination), sides.resolve(side), sides)


def _register(settings: Settings, ends: tuple[str, str], side: str, sides: Sides) -> None:
    from .situation.queries import stored_route_reports
    from .situation.watch import stored_control, watch_state
    from .store.watch import WatchStore

    origin, destination = ends
    graph = _graph(settings)
    for place in ends:
        graph.resolve(place)  # a misspelt place fails before anything is stored
    with Store(settings.db) as store:
        watches = WatchStore(store)
        watch, new = watches.add(origin, destination, side)
        control = stored_control(store, settings, graph, None, sides=sides)
        reports = stored_route_reports(store)
        state = watch_state(graph, control, watch, settings=settings, reports=reports)
        if new:
            watches.record(
                watch,
                route_state=state.route_state,
                encircled=state.area is not None,
                as_of=None,
                alerts=(),
            )
    verb = "watching" if new else "already watching"
    click.echo(
        f"{verb} route {watch.watch_id}: {origin} -> {destination} ({side}), "
        f"now {state.route_state}"
    )


def _watch_line(watch: RouteWatch) -> str:
    state = watch.route_state or "not checked"
    ring = ", end encircled" if watch.encircled else ""
    return (
        f"{watch.watch_id}  {watch.origin} -> {watch.destination}  ({watch.side})  "
        f"{state}{ring}  since {watch.updated_at or watch.created_at:%Y-%m-%d %H:%M}"
    )


@click.command()
@click.option("--watch", "watch_id", type=int, help="Only the alerts of this watched route.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one alert per line.")
@db_option
@settings_option
def alerts(
    watch_id: int | None, as_json: bool, db: Path | None, settings_file: Path | None
) -> None:
    """Alerts of watched routes: cut or reopened, encirclement closed or lifted."""
    from .store.watch import WatchStore

    settings = _settings(settings_file, db)
    with Store(settings.db, read_only=True) as store:
        found = WatchStore(store).alerts(watch_id)
    for alert in found:
        click.echo(
            json.dumps(alert.to_json_dict(), ensure_ascii=False) if as_json else _line(alert)
        )


def _line(alert: Alert) -> str:
    lines = [f"{alert.alert_id}  {alert.alert_date or '-'}  {alert.kind}  {alert.summary}"]
    return "\n".join(lines + _evidence_lines(alert.observations))


COMMANDS = (route, encircled, watch_route, alerts)
