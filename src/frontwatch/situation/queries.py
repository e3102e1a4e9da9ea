"""Gathering the situation picture from a store: shared by the CLI and the REST API.

``frontwatch control``, ``changes``, ``route``, ``encircled`` and ``map`` and the API's
``/control``, ``/changes``, ``/route`` and ``/encircled`` read the same records the same
way, so a CLI answer and an API answer about one date are the same answer. The JSON shapes
of control states, changes and observations live here for the same reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from ..errors import InputError
from ..geodesy import point_km
from ..settings import Settings
from .control import ControlChange
from .graph import LocalityGraph
from .model import ControlConflict, ControlState, Observation, RouteAnswer, RouteReport
from .sides import Sides

if TYPE_CHECKING:
    import duckdb

    from ..store.db import Store

Point = tuple[float, float]
"""(latitude, longitude)"""
Lookup = Callable[[str], Point | None]


class _Connected:
    """What ``SituationStore`` and ``WatchStore`` use of a ``Store``: its connection. Lets
    the API read through the request's pooled cursor (one DuckDB connection per thread)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con


def store_on(con: duckdb.DuckDBPyConnection) -> Store:
    """A read view of a store over ``con`` for the situation and watch tables' classes."""
    return cast("Store", _Connected(con))


def locality_graph(settings: Settings) -> LocalityGraph:
    """The locality graph of the gazetteer ``settings`` name (seconds on a large one)."""
    from ..geocode.gazetteer import load_gazetteer
    from .graph import graph_for

    return graph_for(load_gazetteer(settings), settings)


def stored_observations(store: Store) -> tuple[list[Observation], dict[str, Point]]:
    """Every stored control observation, and the point of each locality they are about."""
    from ..store.situation import SituationStore

    rows = SituationStore(store).observations()
    points = {r.observation.locality_id: (r.latitude, r.longitude) for r in rows}
    return [r.observation for r in rows], points


def stored_route_reports(store: Store) -> list[RouteReport]:
    """Every stored report about a route itself (``situation/route_reports.py``)."""
    from ..store.situation import SituationStore

    return SituationStore(store).route_reports()


def control_with_points(
    store: Store,
    graph: LocalityGraph,
    as_of: dt.date | None,
    *,
    sides: Sides | None = None,
) -> tuple[dict[str, ControlState], dict[str, Point]]:
    """Control as of ``as_of`` as routes see it (``watch.stored_control``: broken sieges
    applied) and the point of every locality it names (the stored one, else the graph's)."""
    from .control import control_as_of
    from .encircle import infer_siege_breaks

    observations, points = stored_observations(store)
    states = control_as_of(observations, as_of, sides=sides)
    states = infer_siege_breaks(graph, states, as_of=as_of)
    return states, {**graph_points(graph, states), **points}


def graph_points(graph: LocalityGraph, states: Mapping[str, ControlState]) -> dict[str, Point]:
    """The points of the states' localities the graph has (inferred ones included)."""
    found = {}
    for node in states:
        if node in graph.graph:
            loc = graph.locality(node)
            found[node] = (loc.latitude, loc.longitude)
    return found


def parse_point(place: str) -> Point | None:
    """``LAT,LON`` as a point; None when ``place`` is not two numbers."""
    lat, sep, lon = place.partition(",")
    if not sep:
        return None
    try:
        return float(lat), float(lon)
    except ValueError:
        return None


def near_point(
    place: str,
    names: Mapping[str, str],
    points: Mapping[str, Point],
    lookup: Lookup,
    *,
    where: str = "near",
) -> Point:
    """A point: LAT,LON, a locality with a control state (by name), else ``lookup``'s
    place (the gazetteer's best, or the graph's). ``InputError`` when nothing matches."""
    point = parse_point(place)
    if point is not None:
        return point
    wanted = place.strip().lower()
    for locality_id, name in names.items():
        if name.lower() == wanted and locality_id in points:
            return points[locality_id]
    found = lookup(place)
    if found is None:
        raise InputError(where, f"{place!r} is not a known place (or give LAT,LON)")
    return found


def select_states(
    states: Mapping[str, ControlState],
    points: Mapping[str, Point],
    *,
    side: str | None = None,
    center: Point | None = None,
    radius: float = 25.0,
) -> list[ControlState]:
    """The states held or besieged by ``side`` within ``radius`` km of ``center``, by name."""
    chosen = []
    for s in states.values():
        if side is not None and side not in (s.side, s.besieged_by):
            continue
        if center is not None and (
            s.locality_id not in points or point_km(center, points[s.locality_id]) > radius
        ):
            continue
        chosen.append(s)
    return sorted(chosen, key=lambda s: (s.name, s.locality_id))


def route_for(
    graph: LocalityGraph,
    control: Mapping[str, ControlState],
    ends: tuple[str, str],
    side: str,
    *,
    settings: Settings,
    as_of: dt.date | None = None,
    reports: Sequence[RouteReport] = (),
    sides: Sides | None = None,
) -> RouteAnswer:
    """``situation.routes.route`` with the cut sizes of the settings and the stored reports
    about routes (``stored_route_reports``)."""
    from .routes import route

    return route(
        graph,
        control,
        ends[0],
        ends[1],
        side,
        as_of=as_of,
        max_cut=settings.route_max_cut,
        max_blocking=settings.route_max_blocking,
        reports=reports,
        sides=sides,
    )


# ---------------------------------------------------------------------------- JSON shapes


def observation_json(o: Observation) -> dict[str, Any]:
    return {
        "locality_id": o.locality_id,
        "locality_name": o.locality_name,
        "side": o.side,
        "kind": o.kind,
        "observed": o.observed.isoformat(),
        "event_id": o.event_id,
        "article_id": o.article_id,
        "source": o.source,
        "credibility": o.credibility,
        "evidence": o.evidence,
    }


def conflict_json(c: ControlConflict | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "decided": c.decided.isoformat() if c.decided else None,
        "rule": c.rule,
        "chosen_side": c.chosen_side,
        "claims": [observation_json(o) for o in c.claims],
        "losing": [observation_json(o) for o in c.losing],
    }


def state_json(s: ControlState, point: Point | None) -> dict[str, Any]:
    return {
        "locality_id": s.locality_id,
        "name": s.name,
        "side": s.side,
        "since": s.since.isoformat() if s.since else None,
        "besieged_by": s.besieged_by,
        "inferred": s.inferred,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
        "event_ids": list(s.event_ids),
        "observations": [observation_json(o) for o in s.observations],
        "conflict": conflict_json(s.conflict),
    }


def control_geojson(
    items: list[dict[str, Any]],
) -> dict[str, Any]:
    """``state_json`` items (with their points) as a FeatureCollection; those without a
    point are left out."""
    features = []
    for item in items:
        if item["latitude"] is None or item["longitude"] is None:
            continue
        props = {k: v for k, v in item.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [item["longitude"], item["latitude"]]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def change_json(c: ControlChange) -> dict[str, Any]:
    return {
        "locality_id": c.locality_id,
        "name": c.name,
        "date": c.date.isoformat(),
        "what": c.what,
        "before": c.before,
        "after": c.after,
        "observations": [observation_json(o) for o in c.observations],
        "conflict": conflict_json(c.conflict),
    }
