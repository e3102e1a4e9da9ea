"""``frontwatch map``: the situation picture as a PNG or a self-contained HTML file (issue 5).

Registered on ``frontwatch.cli.main`` by one line at the end of cli.py. Gathers the records
from the store as ``route`` and ``control`` do (``cli_routes``), then hands them to
``situation.draw``; matplotlib is imported only when a PNG is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .cli import _parse_date, _settings, db_option, settings_option
from .cli_routes import _control, _graph, _reports, _sides, _sides_option
from .errors import InputError
from .records import Event
from .settings import Settings
from .situation.draw import Picture, compose, draw_png
from .situation.graph import LocalityGraph
from .situation.model import RouteAnswer
from .store import EventFilter, Store

FORMATS = (".png", ".html")


def _near_point(graph: LocalityGraph, place: str) -> tuple[float, float]:
    from .situation.queries import parse_point

    point = parse_point(place)
    if point is not None:
        return point
    node = sorted(graph.resolve(place).node_ids)[0]
    found = graph.locality(node)
    return found.latitude, found.longitude


def _events(settings: Settings, as_of: dt.date | None, days: int) -> list[Event]:
    """Stored events of the ``days`` days up to ``as_of`` (the latest stored date if None)."""
    with Store(settings.db, read_only=True) as store:
        items = [s.event for s in store.events(EventFilter(until=as_of))]
    dated = [e for e in items if e.event_date is not None]
    if not dated:
        return []
    last = as_of or max(e.event_date for e in dated if e.event_date)
    first = last - dt.timedelta(days=max(days, 1) - 1)
    return [e for e in dated if e.event_date and first <= e.event_date <= last]


@click.command(name="map")
@click.option("--as-of", "as_of", callback=_parse_date, help="Control as of this date.")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="map.png (an image) or map.html (one self-contained file with tooltips).",
)
@click.option("--route", "ends", nargs=2, metavar="FROM TO", help="Draw this route.")
@click.option("--side", help="The side whose route it is (with --route).")
@click.option("--near", help="Only localities near this place (a name or LAT,LON).")
@click.option("--km", type=float, default=50.0, show_default=True, help="Radius of --near.")
@click.option("--days", type=int, default=7, show_default=True, help="Events of the last N days.")
@_sides_option
@db_option
@settings_option
def map_command(  # noqa: PLR0917  (click passes options as parameters)
    as_of: dt.date | None,
    out: Path,
    ends: tuple[str, str] | None,
    side: str | None,
    near: str | None,
    km: float,
    days: int,
    sides_file: Path | None,
    db: Path | None,
    settings_file: Path | None,
) -> None:
    """Draw localities coloured by who holds them, recent events and a route."""
    from .situation.map_frame import frame_links, frame_localities
    from .situation.queries import route_for

    if out.suffix.lower() not in FORMATS:
        raise InputError(str(out), "--out must end in .png or .html")
    if ends and not side:
        raise InputError("--route", "give the side whose route it is (--side)")
    settings = _settings(settings_file, db)
    sides = _sides(sides_file)
    graph = _graph(settings)
    control = _control(settings, graph, as_of, sides)
    answer: RouteAnswer | None = None
    if ends and side:
        answer = route_for(
            graph,
            control,
            ends,
            sides.resolve(side),
            settings=settings,
            as_of=as_of,
            reports=_reports(settings),
            sides=sides,
        )
    center = _near_point(graph, near) if near else None
    places = frame_localities(graph, control, route=answer, near=center, km=km)
    if not places:
        raise InputError("--near" if near else "map", "no locality to draw in that frame")
    picture = compose(
        places,
        control,
        _events(settings, as_of, days),
        answer,
        as_of=as_of,
        links=frame_links(graph, places),
    )
    _write(picture, out)
    click.echo(f"{len(picture.spots)} localities, {len(picture.events)} events -> {out}")


def _write(picture: Picture, out: Path) -> None:
    from .situation.draw_html import draw_html

    if out.suffix.lower() == ".png":
        draw_png(picture, out)
    else:
        draw_html(picture, out)
