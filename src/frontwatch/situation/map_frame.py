"""Which localities a map shows: around a place, around a route, or around what is known.

A country's graph has tens of thousands of localities; a useful picture shows the part that
answers the question: those within ``km`` of a place (``--near``), else the box around the
route and the localities that decided it, else the box around every locality whose
controller is known, each widened by a margin so the neighbours that matter are in view.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from ..errors import InputError
from ..geodesy import KM_PER_DEGREE, great_circle_km
from .graph import LocalityGraph
from .model import ControlState, Locality, RouteAnswer

MARGIN_KM = 12.0
"""How far beyond the route or the known localities the frame reaches."""


def frame_localities(
    graph: LocalityGraph,
    control: Mapping[str, ControlState],
    *,
    route: RouteAnswer | None = None,
    near: tuple[float, float] | None = None,
    km: float = 50.0,
) -> list[Locality]:
    """The graph's localities to draw (every one when nothing narrows the frame)."""
    nodes = [graph.locality(n) for n in graph.graph.nodes]
    if near is not None:
        lat, lon = near
        return [p for p in nodes if great_circle_km(lat, lon, p.latitude, p.longitude) <= km]
    anchors = _route_nodes(graph, route) if route else set()
    if not anchors:
        anchors = {n for n, s in control.items() if s.side is not None and n in graph.graph}
    if not anchors:
        return nodes
    return _in_box([graph.locality(n) for n in anchors], nodes, MARGIN_KM)


def _route_nodes(graph: LocalityGraph, route: RouteAnswer) -> set[str]:
    """The path, the localities whose observations decided the answer, and both ends."""
    found = {n for n in route.path_ids if n in graph.graph}
    found |= {o.locality_id for o in route.decided_by if o.locality_id in graph.graph}
    for end in (route.origin, route.destination):
        try:
            found |= set(graph.resolve(end).node_ids)
        except InputError:
            continue
    return found


def _in_box(
    anchors: Iterable[Locality], nodes: Iterable[Locality], margin_km: float
) -> list[Locality]:
    points = [(a.latitude, a.longitude) for a in anchors]
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    dlat = margin_km / KM_PER_DEGREE
    dlon = dlat / max(math.cos(math.radians(max(abs(x) for x in lats))), 0.1)
    south, north = min(lats) - dlat, max(lats) + dlat
    west, east = min(lons) - dlon, max(lons) + dlon
    return [p for p in nodes if south <= p.latitude <= north and west <= p.longitude <= east]


def frame_links(graph: LocalityGraph, localities: Iterable[Locality]) -> list[tuple[str, str]]:
    """The graph's links between the framed localities (roads, or proximity links)."""
    ids = {p.locality_id for p in localities}
    return [(a, b) for a, b in graph.graph.subgraph(ids).edges]
