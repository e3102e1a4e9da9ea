"""``/control``, ``/changes``, ``/route``, ``/encircled``, ``/alerts`` and ``/sides``: the
situation picture (issue 5) over HTTP, read-only.

The answers are the CLI's (``situation.queries`` gathers them for both). The locality graph
takes seconds to build on a large gazetteer, so ``SituationCache`` builds it once per server
process, on first use; control is computed per request from the stored observations, so an
ingest shows at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Annotated, Any, Literal

import duckdb
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from ..errors import InputError
from ..settings import Settings
from ..situation import queries
from ..situation.draw import MapStyle
from ..situation.graph import LocalityGraph
from ..situation.model import ControlState, Observation, RouteAnswer
from ..situation.reported_cuts import report_json
from ..situation.sides import Sides, load_sides
from .deps import cursor, require_read
from .problems import Problem
from .serialize import dumps
from .situation_models import (
    AlertOut,
    ChangeOut,
    ControlStateOut,
    EncircledOut,
    RouteOut,
    SidesOut,
)

GraphFactory = Callable[[Settings], LocalityGraph]
Control = Mapping[str, ControlState]

router = APIRouter(dependencies=[Depends(require_read)], tags=["situation"])

Con = Annotated[duckdb.DuckDBPyConnection, Depends(cursor)]
AsOf = Annotated[
    dt.date | None, Query(description="control as of this date (default: every report)")
]
Place = Annotated[str, Query(min_length=1, max_length=200)]


class SituationCache:
    """What every situation request shares: the locality graph (built on first use, then
    kept), its name index, the sides and the map colours."""

    def __init__(self, settings: Settings, factory: GraphFactory | None = None) -> None:
        self.settings = settings
        self.sides: Sides = load_sides()
        self.style = MapStyle.load()
        self._factory = factory or queries.locality_graph
        self._lock = threading.Lock()
        self._graph: LocalityGraph | None = None
        self._by_name: dict[str, list[str]] = {}

    def graph(self) -> LocalityGraph:
        with self._lock:
            if self._graph is None:
                graph = self._factory(self.settings)
                by_name: dict[str, list[str]] = {}
                for node in sorted(graph.graph.nodes):
                    by_name.setdefault(graph.name(node), []).append(node)
                self._graph, self._by_name = graph, by_name
            return self._graph

    def named(self, name: str, prefer: Iterable[str]) -> str | None:
        """The node called ``name``, one of ``prefer`` when several are."""
        found = self._by_name.get(name, [])
        preferred = set(prefer)
        return next((n for n in found if n in preferred), found[0] if found else None)

    def side(self, name: str) -> str:
        try:
            return self.sides.resolve(name)
        except InputError as exc:
            raise Problem(422, f"side: {exc.what}") from None

    def colour(self, side: str | None) -> str:
        return self.style.side_colour(side)


async def situation(request: Request) -> SituationCache:
    value: SituationCache = request.app.state.situation
    return value


Cache = Annotated[SituationCache, Depends(situation)]


def _json(body: object, media_type: str = "application/json") -> Response:
    return Response(dumps(body), media_type=media_type)


def _resolve(graph: LocalityGraph, name: str, param: str) -> None:
    try:
        graph.resolve(name)
    except InputError:
        raise Problem(
            404, f"{param}: no locality, border crossing or region named {name!r} in the graph"
        ) from None


def _control(
    con: duckdb.DuckDBPyConnection, cache: SituationCache, as_of: dt.date | None
) -> tuple[dict[str, ControlState], dict[str, queries.Point]]:
    return queries.control_with_points(
        queries.store_on(con), cache.graph(), as_of, sides=cache.sides
    )


def _graph_point(graph: LocalityGraph, place: str) -> queries.Point | None:
    try:
        node = sorted(graph.resolve(place).node_ids)[0]
    except (InputError, IndexError):
        return None
    loc = graph.locality(node)
    return loc.latitude, loc.longitude


@router.get("/control", response_model=list[ControlStateOut])
def control(
    con: Con,
    cache: Cache,
    as_of: AsOf = None,
    near: Annotated[
        str | None, Query(max_length=200, description="a locality, crossing or lat,lon")
    ] = None,
    km: Annotated[float, Query(gt=0, le=5000, description="radius around `near`")] = 25.0,
    side: Annotated[
        str | None, Query(max_length=100, description="held or besieged by this side")
    ] = None,
    fmt: Annotated[
        Literal["json", "geojson"], Query(alias="format", description="json or geojson")
    ] = "json",
) -> Response:
    """Who holds each locality as of a date (broken sieges applied, as routes see it), with
    the observations (event ids, evidence) that decided it and any conflict between reports.
    `format=geojson` gives a FeatureCollection of points."""
    wanted = cache.side(side) if side else None
    states, points = _control(con, cache, as_of)
    center = None
    if near:
        graph = cache.graph()
        names = {s.locality_id: s.name for s in states.values()}
        point = queries.parse_point(near)
        if point is not None and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise Problem(422, f"near: {near[:60]!r} is not latitude,longitude")
        try:
            center = queries.near_point(near, names, points, lambda p: _graph_point(graph, p))
        except InputError:
            raise Problem(
                404, f"near: {near!r} is not a locality, crossing or region (or give lat,lon)"
            ) from None
    chosen = queries.select_states(states, points, side=wanted, center=center, radius=km)
    items = [
        {**queries.state_json(s, points.get(s.locality_id)), "colour": cache.colour(s.side)}
        for s in chosen
    ]
    if fmt == "geojson":
        return _json(queries.control_geojson(items), "application/geo+json")
    return _json(items)


@router.get("/changes", response_model=list[ChangeOut])
def changes(
    con: Con,
    cache: Cache,
    since: Annotated[dt.date, Query(description="first date (YYYY-MM-DD)")],
    until: Annotated[dt.date | None, Query(description="last date")] = None,
) -> Response:
    """Control and siege changes dated between `since` and `until`, oldest first, each with
    the observations that decided it."""
    from ..situation.control import changes_between

    if until is not None and until < since:
        raise Problem(422, f"until: {until} is before since {since}")
    observations, _ = queries.stored_observations(queries.store_on(con))
    found = changes_between(observations, since, until, sides=cache.sides)
    return _json([queries.change_json(c) for c in found])


def _place(graph: LocalityGraph, control: Control, node: str | None, name: str) -> dict[str, Any]:
    state = control.get(node) if node else None
    loc = graph.locality(node) if node and node in graph.graph else None
    return {
        "locality_id": node,
        "name": loc.name if loc else name,
        "kind": loc.kind if loc else "locality",
        "latitude": loc.latitude if loc else None,
        "longitude": loc.longitude if loc else None,
        "side": state.side if state else None,
        "since": state.since if state else None,
        "inferred": state.inferred if state else False,
    }


def _observations(found: Iterable[Observation]) -> list[dict[str, Any]]:
    return [queries.observation_json(o) for o in found]


def route_json(cache: SituationCache, control: Control, answer: RouteAnswer) -> dict[str, Any]:
    """The route answer with a point for every locality it names (to draw it)."""
    graph = cache.graph()
    enemy = [n for n, s in control.items() if s.side not in (None, answer.side)]

    def places(names: Iterable[str], prefer: Iterable[str]) -> list[dict[str, Any]]:
        wanted = list(prefer)
        return [_place(graph, control, cache.named(n, wanted), n) for n in names]

    return {
        "origin": answer.origin,
        "destination": answer.destination,
        "side": answer.side,
        "as_of": answer.as_of,
        "open": answer.open,
        "state": "open" if answer.open else "cut",
        "length_km": answer.length_km,
        "path": [
            _place(graph, control, n, name)
            for n, name in zip(answer.path_ids, answer.path, strict=True)
        ],
        "chokepoints": places(answer.chokepoints, answer.path_ids),
        "blocked_by": places(answer.blocked_by, enemy),
        "decided_by": _observations(answer.decided_by),
        "notes": list(answer.notes),
        "basis": answer.basis,
        "reported": [report_json(r) for r in answer.reported],
    }


@router.get("/route", response_model=RouteOut)
def route(
    con: Con,
    cache: Cache,
    origin: Annotated[str, Query(alias="from", min_length=1, max_length=200)],
    destination: Annotated[str, Query(alias="to", min_length=1, max_length=200)],
    side: Annotated[str, Query(min_length=1, max_length=100, description="whose route")],
    as_of: AsOf = None,
) -> Response:
    """Is there a path from `from` to `to` through localities `side` holds (or nobody
    does)? Open: the path with coordinates, its length and chokepoints. Cut: the localities
    that block it. Either way the observations (event ids, evidence) that decided it."""
    name = cache.side(side)
    graph = cache.graph()
    _resolve(graph, origin, "from")
    _resolve(graph, destination, "to")
    states, _ = _control(con, cache, as_of)
    answer = queries.route_for(
        graph,
        states,
        (origin, destination),
        name,
        settings=cache.settings,
        as_of=as_of,
        reports=queries.stored_route_reports(queries.store_on(con)),
        sides=cache.sides,
    )
    return _json(route_json(cache, states, answer))


@router.get("/encircled", response_model=EncircledOut)
def encircled(
    con: Con,
    cache: Cache,
    side: Annotated[str, Query(min_length=1, max_length=100)],
    as_of: AsOf = None,
    outside: Annotated[
        str | None, Query(max_length=200, description="region or place (default: any crossing)")
    ] = None,
) -> Response:
    """Areas `side` holds with no passable path to `outside`, the enemy-held ring that
    closes each, and the observations that decided it."""
    from ..situation.encircle import encircled as find_areas

    name = cache.side(side)
    graph = cache.graph()
    if outside:
        _resolve(graph, outside, "outside")
    states, _ = _control(con, cache, as_of)
    areas = find_areas(graph, states, name, outside or None)
    body = {
        "side": name,
        "as_of": as_of,
        "outside": graph.outside(outside or None).label,
        "areas": [
            {
                "localities": [
                    _place(graph, states, n, label)
                    for n, label in zip(a.locality_ids, a.localities, strict=True)
                ],
                "ring": [
                    _place(graph, states, n, label)
                    for n, label in zip(a.ring_ids, a.ring, strict=True)
                ],
                "reported_besieged_by": list(a.reported_besieged_by),
                "pocket_size": a.pocket_size,
                "decided_by": _observations(a.decided_by),
            }
            for a in areas
        ],
    }
    return _json(body)


@router.get("/alerts", response_model=list[AlertOut])
def alerts(
    con: Con,
    watch: Annotated[int | None, Query(ge=1, description="only this watched route's")] = None,
) -> Response:
    """Alerts of watched routes (`frontwatch watch-route`): cut or reopened, encirclement
    closed or lifted, oldest first, with the observations that decided them."""
    from ..store.watch import WatchStore

    found = WatchStore(queries.store_on(con)).alerts(watch)
    return _json([a.to_json_dict() for a in found])


@router.get("/sides", response_model=SidesOut)
def sides(cache: Cache) -> Response:
    """The control sides (coalitions of actor sides) with their map colours."""
    keys = ("uncontested", "other_side", "route", "chokepoint", "blocked", "besieged")
    return _json(
        {
            "conflict": cache.sides.conflict,
            "sides": [
                {"side": s, "members": list(cache.sides.members(s)), "colour": cache.colour(s)}
                for s in cache.sides.names()
            ],
            "colours": {k: cache.style.colours[k] for k in keys},
        }
    )
