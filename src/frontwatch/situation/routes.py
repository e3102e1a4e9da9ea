"""Is the road open? Routes through the localities a side (or its allies) holds.

A locality is *passable* for a side when the side or an ally holds it, or nobody we know
does (uncontested). ``route`` finds the shortest passable path, names its chokepoints (the
localities every passable path goes through, else a small minimum cut) and, when there is
no passable path, the enemy-held localities that close it (a minimum cut among them). Every
answer cites the observations of the localities that decided it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .cuts import Compact, min_vertex_cut, reachable, separators, shortest_path
from .graph import Endpoint, LocalityGraph
from .model import ControlState, Observation, RouteAnswer, RouteReport

if TYPE_CHECKING:
    from .sides import Sides

Control = Mapping[str, ControlState]
"""locality_id -> control state; a locality absent, or with side None, is uncontested."""


def enemy_held(control: Control, friendly: Collection[str]) -> set[str]:
    """Localities held by a side not in ``friendly``: impassable."""
    return {n for n, s in control.items() if s.side is not None and s.side not in friendly}


def held_by(control: Control, friendly: Collection[str]) -> set[str]:
    return {n for n, s in control.items() if s.side is not None and s.side in friendly}


@dataclass
class _Query:
    """One route question: the graph, who holds what, what is impassable, the two ends.

    Node sets are masks and lists of indices of ``graph.compact``."""

    graph: LocalityGraph
    control: Control
    blocked: bytearray
    src: Endpoint
    dst: Endpoint
    notes: list[str]

    @property
    def cg(self) -> Compact:
        return self.graph.compact

    def passable(self, end: Endpoint) -> list[int]:
        return [i for i in self.cg.indices(end.node_ids) if not self.blocked[i]]

    def names(self, nodes: Iterable[int]) -> list[str]:
        return [self.graph.name(self.cg.ids[i]) for i in nodes]

    def ids(self, nodes: Iterable[int]) -> list[str]:
        return self.cg.names(nodes)


def route(
    graph: LocalityGraph,
    control: Control,
    origin: str,
    destination: str,
    side: str,
    *,
    as_of: dt.date | None = None,
    allies: Iterable[str] = (),
    max_cut: int = 3,
    max_blocking: int = 6,
    reports: Sequence[RouteReport] = (),
    sides: Sides | None = None,
    avoid: Collection[str] = (),
) -> RouteAnswer:
    """Open or cut: the path from ``origin`` to ``destination`` through localities passable
    for ``side`` (and ``allies``), with its chokepoints or what blocks it, and why.

    ``max_cut``: with no single chokepoint, name a minimum cut up to this size.
    ``max_blocking``: the exact minimum blocking cut is searched up to this size; a wider
    front is named by the enemy-held localities around the smaller of the two ends' areas.
    ``reports``: reports about routes themselves (``route_reports.py``), which may close a
    route the graph finds open; ``sides`` maps their actors to control sides.
    ``avoid``: localities also impassable (near where a report says a road was cut).
    """
    src, dst = graph.resolve(origin), graph.resolve(destination)
    avoided = set(avoid) - src.node_ids - dst.node_ids
    q = _Query(
        graph=graph,
        control=control,
        blocked=graph.compact.mask(enemy_held(control, frozenset({side, *allies})) | avoided),
        src=src,
        dst=dst,
        notes=[*graph.notes, *src.notes, *dst.notes],
    )
    targets = q.cg.mask(q.ids(q.passable(dst)))
    path, km, reached = shortest_path(q.cg, q.passable(src), targets, q.blocked)
    base = RouteAnswer(
        origin=src.label, destination=dst.label, side=side, as_of=as_of, open=bool(path)
    )
    if path:
        answer = _open(q, base, path, km, max_cut=max_cut)
    else:
        answer = _cut(q, base, reached, max_blocking=max_blocking)
    if not reports:
        return answer
    from .reported_cuts import RouteQuestion, apply_reports

    def rerun(more: Collection[str]) -> RouteAnswer:
        return route(
            graph,
            control,
            origin,
            destination,
            side,
            as_of=as_of,
            allies=allies,
            max_cut=max_cut,
            max_blocking=max_blocking,
            avoid={*avoid, *more},
        )

    friendly = frozenset({side, *allies})
    question = RouteQuestion(graph, control, src, dst, friendly, as_of, rerun)
    return apply_reports(answer, reports, question, sides=sides)


def _open(q: _Query, base: RouteAnswer, path: list[int], km: float, *, max_cut: int) -> RouteAnswer:
    cg, blocked = q.cg, q.blocked
    sources, targets = q.passable(q.src), q.passable(q.dst)
    ends = (cg.mask(q.ids(sources)), cg.mask(q.ids(targets)))
    chokepoints = separators(cg, path, ends, blocked)
    if not chokepoints and max_cut > 1:
        fixed = bytearray(a | b | c for a, b, c in zip(blocked, *ends, strict=True))
        cut = min_vertex_cut(
            cg,
            sources,
            ends[1],
            cuttable=bytearray(1 - f for f in fixed),
            excluded=blocked,
            limit=max_cut,
        )
        if cut:
            chokepoints = cut
            q.notes.append(
                f"no single locality closes the route; losing all of {', '.join(q.names(cut))}"
                " would"
            )
    threats = _enemy_neighbours(cg, path, blocked)
    for node in chokepoints:
        near = [t for t in threats if t in cg.nbrs[node]]
        q.notes.append(
            f"chokepoint {q.names([node])[0]} ({_holder(q.control, cg.ids[node])})"
            + (f", next to enemy-held {', '.join(q.names(near))}" if near else "")
        )
    held = [n for n in q.ids(path) if n in q.control and q.control[n].side is not None]
    return replace(
        base,
        path=tuple(q.names(path)),
        path_ids=tuple(q.ids(path)),
        length_km=round(km, 1),
        chokepoints=tuple(q.names(chokepoints)),
        decided_by=_observations(q.control, [*q.ids(chokepoints), *q.ids(threats), *held]),
        notes=tuple(q.notes),
    )


def _cut(q: _Query, base: RouteAnswer, reached: list[int], *, max_blocking: int) -> RouteAnswer:
    cg = q.cg
    for end in (q.src, q.dst):
        lost = [i for i in cg.indices(end.node_ids) if q.blocked[i]]
        if lost and len(lost) == len(end.node_ids):
            q.notes.append(f"{end.label} itself is held by {_holder(q.control, cg.ids[lost[0]])}")
    rings = [
        (_ring(q, reached, q.src), q.src.label),
        (_ring(q, reachable(cg, q.passable(q.dst), q.blocked), q.dst), q.dst.label),
    ]
    ring, around = min(rings, key=lambda r: len(r[0]))
    cut = min_vertex_cut(
        cg,
        cg.indices(q.src.node_ids),
        cg.mask(q.dst.node_ids),
        cuttable=q.blocked,
        limit=max_blocking,
        known_cut=ring,
    )
    if cut is None:
        cut = ring
        q.notes.append(
            f"the front between them is more than {max_blocking} localities wide: naming the "
            f"{len(ring)} enemy-held localities around {around}'s area"
        )
    elif not cut:
        q.notes.append("no path links them in the locality graph, whoever holds what")
    cut = sorted(cut, key=lambda i: cg.ids[i])
    return replace(
        base,
        blocked_by=tuple(q.names(cut)),
        decided_by=_observations(q.control, q.ids(cut)),
        notes=tuple(q.notes),
    )


def _ring(q: _Query, area: list[int], end: Endpoint) -> list[int]:
    """The enemy-held localities around a passable area (with the lost endpoints): a cut."""
    found = {v for u in area for v in q.cg.nbrs[u] if q.blocked[v]}
    found |= {i for i in q.cg.indices(end.node_ids) if q.blocked[i]}
    return sorted(found)


def _enemy_neighbours(cg: Compact, nodes: Iterable[int], blocked: bytearray) -> list[int]:
    return sorted({v for u in nodes for v in cg.nbrs[u] if blocked[v]}, key=lambda i: cg.ids[i])


def _holder(control: Control, node: str) -> str:
    state = control.get(node)
    if state is None or state.side is None:
        return "uncontested"
    since = f" since {state.since}" if state.since else ""
    return f"{state.side}{since}" + (", inferred" if state.inferred else "")


def _observations(control: Control, nodes: Iterable[str]) -> tuple[Observation, ...]:
    """The observations that decided these localities' states, newest first, once each."""
    found: dict[Observation, None] = {}
    for node in nodes:
        state = control.get(node)
        if state is not None:
            found.update(dict.fromkeys(state.observations))
    return tuple(sorted(found, key=lambda o: o.observed, reverse=True))
