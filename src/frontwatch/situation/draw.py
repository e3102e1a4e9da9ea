"""The situation picture: localities coloured by who holds them, recent events, a route.

``compose`` turns the records (localities, their control states, events, a route answer)
into a ``Picture``: points projected to pixels, colours, labels, tooltips and the legend,
everything both outputs need, so that a test can check the picture without a database and
the two renderers cannot disagree. ``draw_png`` renders it with matplotlib (imported only
here, when a PNG is asked for, so the CLI starts fast); ``draw_html.draw_html`` writes one
self-contained HTML file with an inline SVG. Colours and sizes are data:
``data/situation/map_style.yaml``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import ResourceError
from ..records import Event
from ..resources import load_yaml
from .model import ControlState, Locality, RouteAnswer

Role = Literal["", "endpoint", "path", "chokepoint", "blocked"]
LEGEND_WIDTH = 240
"""Pixels kept on the right for the legend and the route text."""
MARGIN = 24
TITLE_HEIGHT = 56
EVENT_OFFSET = 7.0
"""An event's diamond sits this many pixels up and right of its point, so it never hides
the colour of the locality it happened in."""
ROLE_LABEL = {"chokepoint": " (chokepoint)", "blocked": " (closes the route)"}
"""What a key locality's label adds to its name."""
RING_COLOUR = {"chokepoint": "chokepoint", "blocked": "blocked"}
"""Role -> the style colour of the ring drawn around the locality."""
COLOUR_KEYS = (
    *("uncontested", "other_side", "route", "chokepoint", "blocked", "besieged"),
    *("event", "road", "background"),
)


@dataclass(frozen=True)
class MapStyle:
    """Colours and sizes of the picture (``data/situation/map_style.yaml``)."""

    sides: Mapping[str, str]
    colours: Mapping[str, str]
    width: int
    height: int
    dpi: int
    locality_size: float
    uncontested_size: float
    label_all_below: int

    @classmethod
    def load(cls) -> MapStyle:
        data = load_yaml("situation", "map_style.yaml")
        try:
            style = cls(
                sides={str(k): _colour(v) for k, v in data["sides"].items()},
                colours={k: _colour(data[k]) for k in COLOUR_KEYS},
                width=int(data["width"]),
                height=int(data["height"]),
                dpi=int(data["dpi"]),
                locality_size=float(data["locality_size"]),
                uncontested_size=float(data["uncontested_size"]),
                label_all_below=int(data["label_all_below"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(f"data/situation/map_style.yaml is malformed: {exc!r}") from exc
        if style.width <= LEGEND_WIDTH + 2 * MARGIN or style.height <= TITLE_HEIGHT + 2 * MARGIN:
            raise ResourceError("data/situation/map_style.yaml: width or height too small")
        return style

    def side_colour(self, side: str | None) -> str:
        if side is None:
            return self.colours["uncontested"]
        return self.sides.get(side, self.colours["other_side"])


def _colour(value: Any) -> str:
    text = str(value)
    if len(text) != 7 or text[0] != "#" or any(c not in "0123456789abcdefABCDEF" for c in text[1:]):
        raise ValueError(f"{text!r} is not a #rrggbb colour")
    return text.lower()


@dataclass(frozen=True)
class Spot:
    """A locality as drawn: where, in which colour, what it is on the route, its tooltip."""

    locality: Locality
    x: float
    y: float
    side: str | None
    colour: str
    size: float
    since: dt.date | None = None
    besieged_by: str | None = None
    role: Role = ""
    label: bool = False
    tooltip: str = ""


@dataclass(frozen=True)
class EventMark:
    event: Event
    x: float
    y: float
    tooltip: str


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    kind: Literal["dot", "ring", "dashed", "line", "diamond", "square"]


@dataclass(frozen=True)
class Picture:
    """Everything drawn, in pixel coordinates (origin top left)."""

    title: str
    width: int
    height: int
    spots: tuple[Spot, ...]
    links: tuple[tuple[float, float, float, float], ...]
    route_line: tuple[tuple[float, float], ...]
    events: tuple[EventMark, ...]
    legend: tuple[LegendItem, ...]
    route_text: tuple[str, ...]
    style: MapStyle

    def spot(self, locality_id: str) -> Spot:
        for spot in self.spots:
            if spot.locality.locality_id == locality_id:
                return spot
        raise KeyError(locality_id)


class Projection:
    """Longitude and latitude to pixels: equirectangular at the middle latitude, fitted into
    the map area with the same scale on both axes."""

    def __init__(self, points: Sequence[tuple[float, float]], width: int, height: int) -> None:
        lats = [p[0] for p in points] or [0.0]
        lons = [p[1] for p in points] or [0.0]
        self.k = math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.x0, self.y1 = min(lons) * self.k, max(lats)
        span_x = max((max(lons) - min(lons)) * self.k, 1e-6)
        span_y = max(max(lats) - min(lats), 1e-6)
        area_w = width - LEGEND_WIDTH - 2 * MARGIN
        area_h = height - TITLE_HEIGHT - 2 * MARGIN
        self.scale = min(area_w / span_x, area_h / span_y)
        self.left = MARGIN + (area_w - span_x * self.scale) / 2
        self.top = TITLE_HEIGHT + MARGIN + (area_h - span_y * self.scale) / 2

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        x = self.left + (lon * self.k - self.x0) * self.scale
        y = self.top + (self.y1 - lat) * self.scale
        return round(x, 2), round(y, 2)


def compose(
    localities: Iterable[Locality],
    control: Mapping[str, ControlState],
    events: Iterable[Event] = (),
    route: RouteAnswer | None = None,
    *,
    as_of: dt.date | None = None,
    links: Iterable[tuple[str, str]] = (),
    style: MapStyle | None = None,
) -> Picture:
    """The picture of ``localities`` (each coloured by its state in ``control``, keyed by
    locality id; absent means uncontested), ``events`` with a location, and ``route``."""
    style = style or MapStyle.load()
    places = {loc.locality_id: loc for loc in localities}
    located = [(e, *where) for e in events if (where := event_point(e))]
    points = [(p.latitude, p.longitude) for p in places.values()]
    points += [(lat, lon) for _, lat, lon in located]
    project = Projection(points, style.width, style.height)
    roles = route_roles(route, places) if route else {}
    label_all = len(places) < style.label_all_below
    order = sorted(places.values(), key=lambda p: (p.locality_id in control, p.locality_id))
    spots = tuple(
        _spot(
            loc,
            control.get(loc.locality_id),
            project,
            style,
            role=roles.get(loc.locality_id, ""),
            label_all=label_all,
        )
        for loc in order
    )
    xy = {s.locality.locality_id: (s.x, s.y) for s in spots}
    marks = tuple(_event_mark(e, project(lat, lon)) for e, lat, lon in located)
    return Picture(
        title=_title(as_of, route),
        width=style.width,
        height=style.height,
        spots=spots,
        links=tuple((*xy[a], *xy[b]) for a, b in links if a in xy and b in xy),
        route_line=tuple(xy[n] for n in route.path_ids if n in xy) if route and route.open else (),
        events=marks,
        legend=_legend(spots, marks, route, style),
        route_text=route_lines(route) if route else (),
        style=style,
    )


def route_roles(route: RouteAnswer, places: Mapping[str, Locality]) -> dict[str, Role]:
    """locality id -> its part in the route. Chokepoints and blocking localities are given
    by name: matched on the path first, then through the observations that decided them,
    then by name among the drawn localities."""
    by_name: dict[str, str] = {}
    for obs in route.decided_by:
        by_name.setdefault(obs.locality_name, obs.locality_id)
    for loc in places.values():
        by_name.setdefault(loc.name, loc.locality_id)
    on_path = {places[n].name: n for n in route.path_ids if n in places}
    roles: dict[str, Role] = dict.fromkeys(route.path_ids, "path")
    for end in (route.path_ids[:1] + route.path_ids[-1:]) if route.path_ids else ():
        roles[end] = "endpoint"
    for name in route.chokepoints:
        if (node := on_path.get(name) or by_name.get(name)) is not None:
            roles[node] = "chokepoint"
    for name in route.blocked_by:
        if (node := by_name.get(name)) is not None:
            roles[node] = "blocked"
    return roles


def _spot(
    loc: Locality,
    state: ControlState | None,
    project: Projection,
    style: MapStyle,
    *,
    role: Role,
    label_all: bool,
) -> Spot:
    side = state.side if state else None
    known = bool(side or role) or loc.kind != "locality"
    x, y = project(loc.latitude, loc.longitude)
    besieged = state.besieged_by if state else None
    return Spot(
        locality=loc,
        x=x,
        y=y,
        side=side,
        colour=style.side_colour(side),
        size=style.locality_size if known else style.uncontested_size,
        since=state.since if state else None,
        besieged_by=besieged,
        role=role,
        label=label_all or bool(role) or besieged is not None or loc.kind != "locality",
        tooltip=locality_tooltip(loc, state, role),
    )


def locality_tooltip(loc: Locality, state: ControlState | None, role: Role = "") -> str:
    """Locality, side, since when, and the evidence that says so (newest observation)."""
    lines = [loc.name + (f" ({loc.kind})" if loc.kind != "locality" else "")]
    if state is None or state.side is None:
        lines.append("uncontested: no report says who holds it")
    else:
        since = f" since {state.since}" if state.since else ""
        lines.append(f"held by {state.side}{since}" + (" (inferred)" if state.inferred else ""))
    if state and state.besieged_by:
        lines.append(f"besieged by {state.besieged_by}")
    if role:
        lines.append(f"route: {role}")
    for obs in (state.observations if state else ())[:2]:
        source = ", ".join(x for x in (obs.source, str(obs.observed)) if x)
        lines.append(f"evidence: {obs.kind} by {obs.side}: \u201c{obs.evidence}\u201d ({source})")
    if state and state.conflict:
        c = state.conflict
        lines.append(f"conflict: {len(c.claims)} claims, {c.chosen_side} chosen by {c.rule}")
    return "\n".join(lines)


def event_point(event: Event) -> tuple[float, float] | None:
    """(latitude, longitude) of an event with a located place, else None."""
    loc = event.location
    if loc is None or loc.latitude is None or loc.longitude is None:
        return None
    return loc.latitude, loc.longitude


def _event_mark(event: Event, xy: tuple[float, float]) -> EventMark:
    who = event.actor1.name if event.actor1 else "unknown actor"
    where = event.location.name if event.location else "?"
    return EventMark(
        event=event,
        x=xy[0] + EVENT_OFFSET,
        y=xy[1] - EVENT_OFFSET,
        tooltip=f"{event.event_date}: {event.sub_event_type} by {who} at {where}",
    )


def _title(as_of: dt.date | None, route: RouteAnswer | None) -> str:
    when = f"as of {as_of}" if as_of else "latest"
    title = f"Control of localities {when}"
    if route:
        state = "open" if route.open else "CUT"
        state += " (reported)" if route.basis == "report" else ""
        title += f" \u2014 {route.origin} \u2192 {route.destination} for {route.side}: {state}"
    return title


def route_lines(route: RouteAnswer) -> tuple[str, ...]:
    """The route answer in a few short lines (the legend panel, the PNG and the HTML)."""
    lines = [f"{route.origin} \u2192 {route.destination}", f"side: {route.side}"]
    if route.open:
        km = f", {route.length_km} km" if route.length_km is not None else ""
        lines.append(f"OPEN: {len(route.path)} localities{km}")
        lines.append("chokepoints: " + (", ".join(route.chokepoints) or "none"))
    else:
        lines.append("CUT (reported)" if route.basis == "report" else "CUT")
        lines.append("blocked by: " + (", ".join(route.blocked_by) or "no path in the graph"))
    lines.append(f"decided by {len(route.decided_by)} observation(s)")
    for r in route.reported:
        lines.append(f"{r.status} per {r.source or 'a report'}, {r.observed}")
    return tuple(lines)


def _legend(
    spots: Sequence[Spot], marks: Sequence[EventMark], route: RouteAnswer | None, style: MapStyle
) -> tuple[LegendItem, ...]:
    present = {s.side for s in spots}
    items = [LegendItem(s, colour, "dot") for s, colour in style.sides.items() if s in present]
    others = sorted(s for s in present if s is not None and s not in style.sides)
    items += [LegendItem(side, style.colours["other_side"], "dot") for side in others]
    if None in present:
        items.append(LegendItem("uncontested", style.colours["uncontested"], "dot"))
    if any(s.locality.kind == "crossing" for s in spots):
        items.append(LegendItem("border crossing", style.colours["uncontested"], "square"))
    if any(s.besieged_by for s in spots):
        items.append(LegendItem("besieged", style.colours["besieged"], "dashed"))
    if marks:
        items.append(LegendItem(f"event ({len(marks)})", style.colours["event"], "diamond"))
    if route and route.open:
        items.append(LegendItem("route", style.colours["route"], "line"))
    if any(s.role == "chokepoint" for s in spots):
        items.append(LegendItem("chokepoint", style.colours["chokepoint"], "ring"))
    if any(s.role == "blocked" for s in spots):
        items.append(LegendItem("closes the route", style.colours["blocked"], "ring"))
    return tuple(items)


def draw_png(picture: Picture, out: Path) -> Path:
    """Render ``picture`` to a PNG of exactly ``width`` x ``height`` pixels; a locality's
    pixel is its spot's (x, y)."""
    from .draw_png import render_png

    return render_png(picture, out)
