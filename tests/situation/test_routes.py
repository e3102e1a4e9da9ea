"""Routes and encirclement on a fictional region: open, threatened, cut, encircled, relieved."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
import pytest

from frontwatch.errors import InputError
from frontwatch.situation.cuts import Compact, min_vertex_cut, separators, shortest_path
from frontwatch.situation.encircle import encircled, infer_siege_breaks
from frontwatch.situation.graph import LocalityGraph, build_graph
from frontwatch.situation.model import ControlState, Locality
from frontwatch.situation.routes import route
from route_builders import control, held, observation, region_graph


@pytest.fixture
def graph(tmp_path: Path) -> LocalityGraph:
    return region_graph(tmp_path)


def _events(answer_or_area: object) -> set[str]:
    return {o.event_id for o in answer_or_area.decided_by if o.event_id}  # type: ignore[attr-defined]


def test_open_route_with_two_roads_has_no_single_chokepoint(graph: LocalityGraph) -> None:
    c = control(held("Southport", "opposition", 1), held("Northgate", "opposition", 1))
    answer = route(graph, c, "Southport", "Northgate", "opposition", max_cut=1)
    assert answer.open
    assert answer.path == ("Southport", "Eastbury", "Northgate")
    assert answer.length_km is not None and 18 < answer.length_km < 21
    assert answer.chokepoints == ()
    pair = route(graph, c, "Southport", "Northgate", "opposition", max_cut=3)
    assert "Eastbury" in pair.chokepoints and len(pair.chokepoints) == 2
    assert any("no single locality" in n for n in pair.notes)


def test_threatened_route_names_its_single_chokepoint(graph: LocalityGraph) -> None:
    c = control(
        held("Southport", "opposition", 1),
        held("Westbury", "government", 2),
        held("Hillcrest", "government", 2),
    )
    answer = route(graph, c, "southport", "Turkish border", "opposition")
    assert answer.open
    assert answer.path == ("Southport", "Eastbury", "Northgate", "Gate crossing")
    assert answer.chokepoints == ("Eastbury", "Northgate")
    assert {"ev-westbury-2", "ev-hillcrest-2"} <= _events(answer)
    assert any(n.startswith("chokepoint Eastbury") and "Hillcrest" in n for n in answer.notes)
    to_town = route(graph, c, "Southport", "Northgate", "opposition")
    assert to_town.chokepoints == ("Eastbury",)


def test_cut_route_names_what_blocks_it_and_why(graph: LocalityGraph) -> None:
    c = control(
        held("Southport", "opposition", 1),
        held("Westbury", "government", 2),
        held("Eastbury", "government", 3),
    )
    answer = route(graph, c, "Southport", "Gate crossing", "opposition")
    assert not answer.open and answer.path == () and answer.length_km is None
    assert answer.blocked_by == ("Eastbury", "Westbury")
    assert [o.event_id for o in answer.decided_by] == ["ev-eastbury-3", "ev-westbury-2"]
    wide = route(graph, c, "Southport", "Gate crossing", "opposition", max_blocking=1)
    assert wide.blocked_by == ("Eastbury", "Westbury")
    assert any("more than 1 localities wide" in n for n in wide.notes)
    # allies pass where the enemy holds
    allied = route(graph, c, "Westbury", "Eastbury", "militia", allies=["government"])
    assert allied.open and allied.path == ("Westbury", "Northgate", "Eastbury")
    assert not route(graph, c, "Westbury", "Eastbury", "militia").open


def test_origin_held_by_the_enemy_blocks_it(graph: LocalityGraph) -> None:
    c = control(held("Southport", "government", 4))
    answer = route(graph, c, "Southport", "Northgate", "opposition")
    assert not answer.open and answer.blocked_by == ("Southport",)
    assert any("Southport itself is held by government" in n for n in answer.notes)


def test_unknown_place_is_a_clear_error(graph: LocalityGraph) -> None:
    with pytest.raises(InputError, match="Atlantis"):
        route(graph, {}, "Atlantis", "Northgate", "opposition")


def test_cut_off_area_is_encircled_with_its_ring(graph: LocalityGraph) -> None:
    c = control(
        held("Southport", "opposition", 1),
        held("Northgate", "opposition", 1),
        held("Westbury", "government", 2),
        held("Eastbury", "government", 3),
    )
    areas = encircled(graph, c, "opposition")
    assert [a.localities for a in areas] == [("Southport",)]
    area = areas[0]
    assert area.ring == ("Eastbury", "Westbury") and area.pocket_size == 2
    assert {"ev-eastbury-3", "ev-westbury-2"} == _events(area)
    assert encircled(graph, c, "opposition", "Turkish border")[0].outside == "Turkish border"
    c.pop("xx:eastbury")
    assert encircled(graph, c, "opposition") == []


def _besieged_shrine() -> dict[str, ControlState]:
    return control(
        held("Shrine", "government", 1, besieged_by="opposition"),
        held("Redhill", "opposition", 1),
        held("Mayfield", "opposition", 1),
        held("Fort", "government", 1),
    )


def test_besieged_town_is_listed_with_the_siege_report(graph: LocalityGraph) -> None:
    c = _besieged_shrine()
    areas = encircled(graph, c, "government")
    assert [a.localities for a in areas] == [("Shrine",)]
    assert areas[0].ring == ("Mayfield", "Redhill")
    assert areas[0].reported_besieged_by == ("opposition",)
    assert "ev-shrine-1" in _events(areas[0])
    cut = route(graph, c, "Shrine", "Fort", "government")
    assert not cut.open and cut.blocked_by == ("Mayfield",)


def test_broken_siege_holds_the_road_it_came_by(graph: LocalityGraph) -> None:
    c = _besieged_shrine()
    broken = observation("Shrine", "government", 4, "siege_broken", event="ev-relief")
    shrine = c["xx:shrine"]
    c["xx:shrine"] = ControlState(
        locality_id=shrine.locality_id,
        name="Shrine",
        side="government",
        since=shrine.since,
        besieged_by="opposition",
        observations=(broken, *shrine.observations),
    )
    before = infer_siege_breaks(graph, c, as_of=broken.observed.replace(day=3))
    assert before["xx:mayfield"].side == "opposition"
    after = infer_siege_breaks(graph, c)
    mayfield = after["xx:mayfield"]
    assert mayfield.side == "government" and mayfield.inferred
    assert mayfield.since == broken.observed and mayfield.observations == (broken,)
    assert after["xx:redhill"].side == "opposition"
    answer = route(graph, after, "Shrine", "Fort", "government")
    assert answer.open and answer.path == ("Shrine", "Mayfield", "Fort")
    assert "ev-relief" in _events(answer)
    assert encircled(graph, after, "government") == []


def test_a_later_capture_outweighs_the_inference(graph: LocalityGraph) -> None:
    c = _besieged_shrine()
    c["xx:mayfield"] = held("Mayfield", "opposition", 6)
    broken = observation("Shrine", "government", 4, "siege_broken")
    c["xx:shrine"] = ControlState(
        locality_id="xx:shrine", name="Shrine", side="government", observations=(broken,)
    )
    assert infer_siege_breaks(graph, c)["xx:mayfield"].side == "opposition"


def _random_graph(seed: int) -> tuple[nx.Graph, random.Random]:  # type: ignore[type-arg]
    rng = random.Random(seed)
    g = nx.random_geometric_graph(40, 0.28, seed=seed)
    for a, b in g.edges:
        g[a][b]["weight"] = 1.0 + rng.random()
    return nx.relabel_nodes(g, {n: f"n{n}" for n in g}), rng


def _pair(
    nodes: list[str], rng: random.Random, wanted: Callable[[str, str], bool]
) -> tuple[str, str]:
    pairs = [(a, b) for a in nodes for b in nodes if a < b]
    rng.shuffle(pairs)
    return next(p for p in pairs if wanted(*p))


@pytest.mark.parametrize("seed", range(12))
def test_chokepoints_are_exactly_the_separating_localities(seed: int) -> None:
    g, rng = _random_graph(seed)
    blocked = {n for n in g if rng.random() < 0.2}
    passable = g.subgraph(set(g) - blocked)
    s, t = _pair(sorted(passable), rng, lambda a, b: nx.has_path(passable, a, b))
    cg = Compact(g.adj)
    mask = cg.mask(blocked)
    path, _, _ = shortest_path(cg, cg.indices([s]), cg.mask([t]), mask)
    found = set(cg.names(separators(cg, path, (cg.mask([s]), cg.mask([t])), mask)))
    expected = set()
    for v in set(passable) - {s, t}:
        if not nx.has_path(passable.subgraph(set(passable) - {v}), s, t):
            expected.add(v)
    assert found == expected


@pytest.mark.parametrize("seed", range(12))
def test_blocking_cut_is_a_minimum_separation(seed: int) -> None:
    g, rng = _random_graph(seed)
    for _ in range(100):  # draw fronts until one separates two free localities
        enemy = {n for n in g if rng.random() < 0.5}
        free = g.subgraph(set(g) - enemy)
        pairs = [
            (a, b)
            for a in sorted(free)
            for b in sorted(free)
            if a < b and nx.has_path(g, a, b) and not nx.has_path(free, a, b)
        ]
        if pairs:
            s, t = rng.choice(pairs)
            break
    else:
        pytest.fail("no front separates two localities")
    cg = Compact(g.adj)
    found = min_vertex_cut(cg, cg.indices([s]), cg.mask([t]), cuttable=cg.mask(enemy))
    cut = set(cg.names(found or []))
    assert cut and cut <= enemy and not nx.has_path(g.subgraph(set(g) - cut), s, t)
    flow = nx.DiGraph()
    for v in g:
        flow.add_edge((v, 0), (v, 1), capacity=1 if v in enemy else len(g))
    for a, b in g.edges:
        flow.add_edge((a, 1), (b, 0), capacity=len(g))
        flow.add_edge((b, 1), (a, 0), capacity=len(g))
    assert len(cut) == nx.maximum_flow_value(flow, (s, 1), (t, 0))


def test_a_relief_the_reports_explain_infers_nothing(graph: LocalityGraph) -> None:
    c = _besieged_shrine()
    del c["xx:mayfield"]  # nobody holds it any more: the way to Fort is open
    broken = observation("Shrine", "government", 4, "siege_broken")
    c["xx:shrine"] = ControlState(
        locality_id="xx:shrine", name="Shrine", side="government", observations=(broken,)
    )
    after = infer_siege_breaks(graph, c)
    assert after == c and not any(s.inferred for s in after.values())


def _proximity_graph(points: dict[str, tuple[float, float]], *, planar: bool) -> LocalityGraph:
    places = [Locality(name.lower(), name, lat, lon) for name, (lat, lon) in points.items()]
    return build_graph(places, k=6, max_km=25.0, planar=planar, key=str.lower)


def _held_by(side: str, names: Iterable[str]) -> dict[str, ControlState]:
    return {n.lower(): ControlState(n.lower(), n, side) for n in names}


def test_an_enemy_held_town_between_two_others_blocks_the_row() -> None:
    # Anadan - Hayyan - Bayanun in a row, 10 km apart: the middle one is taken
    row = {"Anadan": (36.30, 37.00), "Hayyan": (36.39, 37.00), "Bayanun": (36.48, 37.00)}
    c = _held_by("government", ["Hayyan"])
    answer = route(_proximity_graph(row, planar=True), c, "Anadan", "Bayanun", "opposition")
    assert not answer.open and answer.blocked_by == ("Hayyan",)
    # the plain k-nearest graph jumps over it: the reason for the Gabriel test
    jumped = route(_proximity_graph(row, planar=False), c, "Anadan", "Bayanun", "opposition")
    assert jumped.open and jumped.path == ("Anadan", "Bayanun")


def _walled_region() -> tuple[dict[str, tuple[float, float]], list[str]]:
    """A column of villages west and one east, 9 km apart, with a north-south line of six
    towns between them, longer than the columns: a village's sixth nearest is across it."""
    points = {}
    for row in range(3):
        points[f"West{row}"] = (36.40 + row * 0.05, 36.97)
        points[f"East{row}"] = (36.40 + row * 0.05, 37.07)
    wall = [f"Wall{i}" for i in range(6)]
    for i, name in enumerate(wall):
        points[name] = (36.325 + i * 0.05, 37.02)
    return points, wall


def test_a_wall_of_enemy_held_towns_cuts_the_route_and_is_named() -> None:
    points, wall = _walled_region()
    c = _held_by("government", wall)
    graph = _proximity_graph(points, planar=True)
    answer = route(graph, c, "West1", "East1", "opposition")
    assert not answer.open and answer.path == ()
    assert answer.blocked_by == ("Wall1", "Wall2", "Wall3", "Wall4")
    # without the wall the two sides are linked, through the towns of the line
    assert route(graph, {}, "West1", "East1", "opposition").open
    jumped = route(_proximity_graph(points, planar=False), c, "West1", "East1", "opposition")
    assert jumped.open and jumped.path == ("West1", "East1")
