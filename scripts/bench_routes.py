"""Benchmark of the locality graph, route and encirclement queries on N random localities.

N localities (default 50,000) are scattered uniformly over a Syria-sized box (about 2.6 km
apart on average, like villages); control comes from a random front: each locality takes the
side of the nearest of S seeds (three sides), and a fifth of them are left uncontested. Times
the graph build (k nearest within max km), route queries between random localities held by
one side (open and cut ones both) and encirclement queries for each side; prints one JSON
line of medians and maxima in seconds.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from frontwatch.settings import load_settings
from frontwatch.situation.crossings import Crossing, Crossings, OutsideRegion
from frontwatch.situation.encircle import encircled
from frontwatch.situation.graph import LocalityGraph, build_graph
from frontwatch.situation.model import ControlState, Locality
from frontwatch.situation.routes import route
from frontwatch.situation.spatial import GridIndex

BOX = (32.3, 37.3, 35.7, 42.4)  # south, north, west, east
SIDES = ("government", "opposition", "kurdish")


def localities(n: int, rng: random.Random) -> list[Locality]:
    south, north, west, east = BOX
    return [
        Locality(f"l{i}", f"L{i}", rng.uniform(south, north), rng.uniform(west, east))
        for i in range(n)
    ]


def crossings(nodes: list[Locality]) -> Crossings:
    """Six crossings into 'TR' along the north edge, each reached through its nearest town."""
    north = sorted(nodes, key=lambda loc: -loc.latitude)[:600]
    towns = [min(north, key=lambda loc: abs(loc.longitude - lon)) for lon in range(36, 42)]
    return Crossings(
        "XX",
        tuple(Crossing(f"c{i}", (f"C{i}",), "TR", t.name) for i, t in enumerate(towns)),
        (OutsideRegion("north", ("north border",), frozenset({"TR"})),),
    )


def random_control(
    nodes: list[Locality], rng: random.Random, seeds: int
) -> dict[str, ControlState]:
    centres = rng.sample(nodes, seeds)
    index = GridIndex([(c.latitude, c.longitude) for c in centres], cell_km=50.0)
    sides = [rng.choice(SIDES) for _ in centres]
    found = {}
    for loc in nodes:
        if rng.random() < 0.2:
            continue
        near = index.nearest(loc.latitude, loc.longitude, k=1, max_km=2000.0)
        found[loc.locality_id] = ControlState(loc.locality_id, loc.name, sides[near[0][1]])
    return found


def timed(run: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run(*args, **kwargs)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--localities", type=int, default=50_000)
    parser.add_argument("--seeds", type=int, default=60, help="front seeds of the random control")
    parser.add_argument("--routes", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3, help="graph builds and encircled runs")
    parser.add_argument("--k", type=int, default=6)
    parser.add_argument("--max-km", type=float, default=12.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    settings = load_settings(env={})
    limits = {"max_cut": settings.route_max_cut, "max_blocking": settings.route_max_blocking}
    nodes = localities(args.localities, rng)
    border = crossings(nodes)
    builds = []
    graph: LocalityGraph | None = None
    for _ in range(args.runs):
        seconds, graph = timed(build_graph, nodes, k=args.k, max_km=args.max_km, crossings=border)
        builds.append(seconds)
    assert graph is not None
    control = random_control(nodes, rng, args.seeds)
    held = [n for n, s in control.items() if s.side == "opposition"]
    route_times, opened = [], 0
    for _ in range(args.routes):
        a, b = rng.sample(held, 2)
        seconds, answer = timed(route, graph, control, a, b, "opposition", **limits)
        route_times.append(seconds)
        opened += answer.open
    border_times = []
    for _ in range(args.routes):
        a = rng.choice(held)
        seconds, answer = timed(route, graph, control, a, "north border", "opposition", **limits)
        border_times.append(seconds)
    circle_times, areas = [], 0
    for side in SIDES * args.runs:
        seconds, found = timed(encircled, graph, control, side)
        circle_times.append(seconds)
        areas += len(found)
    print(
        json.dumps(
            {
                "localities": args.localities,
                **limits,
                "edges": graph.graph.number_of_edges(),
                "graph_build_s": round(statistics.median(builds), 3),
                "route_median_s": round(statistics.median(route_times), 4),
                "route_max_s": round(max(route_times), 4),
                "routes_open": f"{opened}/{args.routes}",
                "route_to_border_median_s": round(statistics.median(border_times), 4),
                "route_to_border_max_s": round(max(border_times), 4),
                "encircled_median_s": round(statistics.median(circle_times), 4),
                "encircled_max_s": round(max(circle_times), 4),
                "encircled_areas_per_query": round(areas / len(circle_times), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
