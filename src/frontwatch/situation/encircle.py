"""Encirclement: areas of a side with no passable path out, and sieges reported or broken.

An area is the set of localities a side (or its allies) holds inside one *pocket*: a
connected part of the passable graph (held or uncontested localities). A pocket from which
no passable path reaches the outside (a named region, or any border crossing) is encircled;
the enemy-held localities around it are the ring that closes it, and their observations
are what decided it. A locality reported besieged is listed too, with that report.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .control import ControlRules
from .cuts import Compact, reachable, reachable_off, shortest_path
from .graph import LocalityGraph
from .model import ControlState, Observation
from .routes import Control, enemy_held, held_by


@dataclass(frozen=True)
class EncircledArea:
    """Localities of a side cut off from the outside, and what closes them in."""

    side: str
    outside: str
    locality_ids: tuple[str, ...]
    localities: tuple[str, ...]
    ring_ids: tuple[str, ...] = ()
    ring: tuple[str, ...] = ()
    """The enemy-held localities around the pocket (empty for a reported siege alone)."""
    decided_by: tuple[Observation, ...] = ()
    reported_besieged_by: tuple[str, ...] = ()
    """Sides reported besieging localities of the area."""
    pocket_size: int = 0
    """Passable localities in the pocket (held and uncontested)."""


@dataclass(frozen=True)
class _Ask:
    """One encirclement question: the graph, who holds what, for which side, out to where."""

    graph: LocalityGraph
    control: Control
    side: str
    outside: str
    friendly: frozenset[str]
    blocked: bytearray
    """Enemy-held localities, a mask over ``graph.compact``."""


def encircled(
    graph: LocalityGraph,
    control: Control,
    side: str,
    outside: str | None = None,
    *,
    allies: Iterable[str] = (),
) -> list[EncircledArea]:
    """The side's areas with no passable path to ``outside`` (default: any border crossing),
    largest first, then localities reported besieged that no pocket already covers. A pocket
    whose siege was reported broken (and not reported again since) is not listed: the
    graph may lack the villages the relief came through (``_relieved``)."""
    friendly = frozenset({side, *allies})
    cg = graph.compact
    exit_ = graph.outside(outside)
    blocked = cg.mask(enemy_held(control, friendly))
    ask = _Ask(graph, control, side, exit_.label, friendly, blocked)
    seen = bytearray(len(cg))
    for i in reachable(cg, [i for i in cg.indices(exit_.node_ids) if not blocked[i]], blocked):
        seen[i] = 1
    exits = {graph.component(n) for n in exit_.node_ids}
    areas: list[EncircledArea] = []
    pockets: set[str] = set()
    for i in sorted(cg.indices(held_by(control, friendly))):
        if seen[i] or graph.component(cg.ids[i]) not in exits:
            continue  # free, in a pocket already seen, or the graph never reaches outside
        pocket = cg.names(reachable_off(cg, i, seen, blocked))
        pockets.update(pocket)
        area = _area(ask, pocket)
        if not _relieved(area, control):
            areas.append(area)
    areas.sort(key=lambda a: -len(a.locality_ids))
    return areas + _reported(ask, pockets)


def _area(ask: _Ask, pocket: list[str]) -> EncircledArea:
    cg, control = ask.graph.compact, ask.control
    held = sorted(n for n in pocket if n in control and control[n].side in ask.friendly)
    ring = sorted({cg.ids[v] for u in cg.indices(pocket) for v in cg.nbrs[u] if ask.blocked[v]})
    besiegers = sorted({b for n in held if (b := _besieged_by(control[n]))})
    siege = [o for n in held for o in control[n].observations if o.kind == "besieged"]
    return EncircledArea(
        side=ask.side,
        outside=ask.outside,
        locality_ids=tuple(held),
        localities=tuple(ask.graph.name(n) for n in held),
        ring_ids=tuple(ring),
        ring=tuple(ask.graph.name(n) for n in ring),
        decided_by=_newest_first([*(o for n in ring for o in control[n].observations), *siege]),
        reported_besieged_by=tuple(besiegers),
        pocket_size=len(pocket),
    )


def _relieved(area: EncircledArea, control: Control) -> bool:
    """Was the siege of a locality of ``area`` reported broken, with no siege reported
    since? The reports then say the pocket is open, whatever the graph lacks (the villages
    the relief came through); a new siege report closes it again."""
    states = [control[n] for n in area.locality_ids]
    broken = any(o.kind == "siege_broken" for s in states for o in s.observations)
    return broken and not any(_besieged_by(s) for s in states)


def _reported(ask: _Ask, seen: set[str]) -> list[EncircledArea]:
    """Localities of the side reported besieged (and not since relieved) outside pockets."""
    found = []
    for node, state in sorted(ask.control.items()):
        besieger = _besieged_by(state)
        if state.side not in ask.friendly or not besieger or node in seen:
            continue
        evidence = [o for o in state.observations if o.kind == "besieged"]
        found.append(
            EncircledArea(
                side=ask.side,
                outside=ask.outside,
                locality_ids=(node,),
                localities=(ask.graph.name(node) if node in ask.graph.graph else state.name,),
                decided_by=_newest_first(evidence),
                reported_besieged_by=(besieger,),
            )
        )
    return found


def _besieged_by(state: ControlState) -> str | None:
    """The besieger, unless a later observation says the siege was broken."""
    if not state.besieged_by:
        return None
    sieges = [o.observed for o in state.observations if o.kind == "besieged"]
    breaks = [o.observed for o in state.observations if o.kind == "siege_broken"]
    if breaks and (not sieges or max(breaks) >= max(sieges)):
        return None
    return state.besieged_by


def _newest_first(observations: Iterable[Observation]) -> tuple[Observation, ...]:
    unique = dict.fromkeys(observations)
    return tuple(sorted(unique, key=lambda o: o.observed, reverse=True))


def infer_siege_breaks(
    graph: LocalityGraph,
    control: Control,
    *,
    as_of: dt.date | None = None,
    rules: ControlRules | None = None,
) -> dict[str, ControlState]:
    """Control with what broken sieges imply: when a side broke the siege of a locality,
    the localities on the shortest path between it and that side's nearest other held
    locality, through the besieger's or uncontested ground and at most ``relief_max_km``
    long, are held by that side from that date (``inferred``, citing the observation),
    unless a report on them is as new as the break."""
    max_km = (rules or ControlRules.load()).relief_max_km
    result = dict(control)
    breaks = sorted(
        {
            o
            for state in control.values()
            for o in state.observations
            if o.kind == "siege_broken" and (as_of is None or o.observed <= as_of)
        },
        key=lambda o: o.observed,
    )
    for obs in breaks:
        if obs.locality_id in graph.graph:
            for node in _relief_path(graph, result, obs, max_km):
                result[node] = _inferred(graph, result.get(node), node, obs)
    return result


def _relief_path(
    graph: LocalityGraph, control: Control, obs: Observation, max_km: float
) -> list[str]:
    """The localities between the relieved locality's own area and the side's nearest
    other held locality (the way the relief came), not already held by the side; none
    when passable ground already joins the area to another held place or to a border
    crossing (the reports explain the relief), or when that way is longer than ``max_km``.
    The way crosses only the besieger's ground (the side holding most of the area's ring)
    or uncontested ground."""
    cg = graph.compact
    held = held_by(control, {obs.side})
    held_mask = cg.mask(held)
    start = cg.indices([obs.locality_id])
    area = reachable(cg, start, bytearray(1 - f for f in held_mask))
    enemy = enemy_held(control, {obs.side})
    joined = set(reachable(cg, start, cg.mask(enemy)))
    exits = cg.mask(graph.crossing_ids())
    if any(held_mask[i] or exits[i] for i in joined - set(area)):
        return []  # passable ground joins it to the side's other places or to a border
    besieger = _ring_holder(cg, area, control)
    third = {n for n in enemy if control[n].side != besieger}
    targets = held_mask
    for i in area:
        targets[i] = 0
    path, km, _ = shortest_path(cg, area, targets, cg.mask(third))
    if not path or km > max_km:
        return []
    inner = cg.names(path[1:-1])
    return [n for n in inner if n not in held and _older(control.get(n), obs.observed)]


def _ring_holder(cg: Compact, area: list[int], control: Control) -> str | None:
    """The side holding most of the localities around ``area`` (the besieger)."""
    inside = set(area)
    ring = {v for u in area for v in cg.nbrs[u] if v not in inside}
    sides = Counter(control[n].side for n in cg.names(ring) if n in control)
    sides.pop(None, None)
    return sides.most_common(1)[0][0] if sides else None


def _older(state: ControlState | None, day: dt.date) -> bool:
    """No report on the locality as new as ``day`` (the break): the inference may stand."""
    if state is None or state.side is None:
        return True
    if state.observations:
        return max(o.observed for o in state.observations) < day
    return state.since is None or state.since < day


def _inferred(
    graph: LocalityGraph, state: ControlState | None, node: str, obs: Observation
) -> ControlState:
    base = state or ControlState(locality_id=node, name=graph.name(node), side=None)
    return replace(base, side=obs.side, since=obs.observed, observations=(obs,), inferred=True)
