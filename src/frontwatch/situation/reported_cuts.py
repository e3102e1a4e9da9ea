"""How reports about a route itself bear on a route answer (decision 0008).

``apply_reports`` takes the locality graph's answer and the stored route reports
(``route_reports.py`` reads them) and applies the rule:

- a report concerns a question when its two ends stand for the question's two ends (within
  ``end_km``; a region such as "Turkey" through its crossing nearest to where the cut was)
  and it is about the question's side (the route's owner, or the enemy of the side that cut
  it);
- the newest such report decides whether the route is *reported* cut; a later capture by the
  side near where it was cut, or a later "reopened" report, supersedes it;
- a reported cut closes a route the graph finds open (``basis`` "report", blocked where the
  report says, citing it); when the question ends at a crossing or a region, only if it was
  cut within ``cut_km`` of the graph's path. A report never opens a route the graph finds
  closed: held localities outweigh a claim; the disagreement is noted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..geodesy import KM_PER_DEGREE, point_km
from .model import ControlState, RouteAnswer, RouteEnd, RouteReport
from .route_reports import RouteLexicon

if TYPE_CHECKING:
    from .graph import Endpoint, LocalityGraph
    from .sides import Sides


@dataclass(frozen=True)
class RouteQuestion:
    """A route question as ``apply_reports`` sees it: ``friendly`` is the side and its
    allies (control sides)."""

    graph: LocalityGraph
    control: Mapping[str, ControlState]
    src: Endpoint
    dst: Endpoint
    friendly: frozenset[str]
    as_of: dt.date | None
    rerun: Callable[[Collection[str]], RouteAnswer] | None = None
    """The same question with more localities impassable (``routes.route(avoid=...)``)."""


def apply_reports(
    answer: RouteAnswer,
    reports: Sequence[RouteReport],
    ask: RouteQuestion,
    *,
    sides: Sides | None = None,
    lexicon: RouteLexicon | None = None,
) -> RouteAnswer:
    """The graph's ``answer`` with the route reports that concern it (module docstring)."""
    lexicon = lexicon or RouteLexicon.load()
    if sides is None:
        from .sides import load_sides

        sides = load_sides()
    relevant = [r for r in reports if _concerns(r, ask, lexicon, sides)]
    if not relevant:
        return answer
    latest = max(r.observed for r in relevant)
    newest = tuple(r for r in relevant if r.observed == latest)
    cuts = [r for r in newest if r.status == "cut"]
    if not cuts:
        if answer.open:
            return replace(answer, reported=newest)
        return replace(
            answer,
            reported=newest,
            notes=(
                *answer.notes,
                _said(newest[0], "reopened") + "; the held localities above still close it",
            ),
        )
    if not answer.open:
        return replace(answer, reported=tuple(cuts))
    return _close(answer, cuts, ask, lexicon)


def _close(
    answer: RouteAnswer, cuts: Sequence[RouteReport], ask: RouteQuestion, lexicon: RouteLexicon
) -> RouteAnswer:
    path = [(loc.latitude, loc.longitude) for loc in map(ask.graph.locality, answer.path_ids)]
    # A question about a region ("Turkish border": any of its crossings) may be answered by
    # another road than the one reported cut: the report decides only near the graph's path,
    # and a path around the place of the cut answers it.
    ends = ask.src.node_ids | ask.dst.node_ids
    needs_path = len(ask.src.node_ids) > 1 or len(ask.dst.node_ids) > 1
    # The question's own ends are not where the road was cut ("the road that links Aleppo
    # with the Turkish border through Azaz", asked from Azaz).
    spots = [ask.graph.locality(n) for n in ends if n in ask.graph.graph]
    deciding: list[RouteReport] = []
    where: dict[str, RouteEnd] = {}
    for r in cuts:
        own = [
            p
            for p in r.places
            if p.latitude is not None
            and p.longitude is not None
            and all(
                point_km((p.latitude, p.longitude), (s.latitude, s.longitude)) > 1.0 for s in spots
            )
        ]
        near = [
            p
            for p in own
            if path_km((p.latitude or 0.0, p.longitude or 0.0), path) <= lexicon.cut_km
        ]
        if _superseded(r, near, ask, lexicon):
            continue
        if near or not needs_path:
            deciding.append(r)
            where.update((p.name, p) for p in near or own)
    if not deciding:
        note = _said(cuts[0], "cut") + ", but not near the path above (or since retaken)"
        return replace(answer, reported=tuple(cuts), notes=(*answer.notes, note))
    if needs_path and ask.rerun is not None:
        detour = _detour(answer, deciding, list(where.values()), ask, lexicon)
        if detour is not None:
            return detour
    blocked = tuple(where) or tuple(e.name for e in deciding[0].ends)
    states = [s for s in ask.control.values() if s.name in where]
    observations = {o: None for s in states for o in s.observations}
    kept = [n for n in answer.notes if not n.startswith(("chokepoint ", "no single locality"))]
    notes = [_said(r, "cut") + f': "{_short(r.evidence)}"' for r in deciding] + [
        "the locality graph alone finds a path (" + " - ".join(answer.path) + "): the "
        "localities between are missing from the gazetteer or their control is unknown"
    ]
    return replace(
        answer,
        open=False,
        path=(),
        path_ids=(),
        length_km=None,
        chokepoints=(),
        blocked_by=blocked,
        decided_by=tuple(sorted(observations, key=lambda o: o.observed, reverse=True)),
        notes=(*kept, *notes),
        basis="report",
        reported=tuple(deciding),
    )


def _detour(
    answer: RouteAnswer,
    deciding: Sequence[RouteReport],
    where: Sequence[RouteEnd],
    ask: RouteQuestion,
    lexicon: RouteLexicon,
) -> RouteAnswer | None:
    """Another road for a question that ends at a region: the path avoiding every locality
    within ``cut_km`` of where the road was reported cut; None when there is none."""
    assert ask.rerun is not None
    spots = [(p.latitude or 0.0, p.longitude or 0.0) for p in where]
    zone = set()
    for node in ask.graph.graph:
        loc = ask.graph.locality(node)
        if any(point_km(spot, (loc.latitude, loc.longitude)) <= lexicon.cut_km for spot in spots):
            zone.add(node)
    other = ask.rerun(zone)
    if not other.open:
        return None
    names = ", ".join(p.name for p in where)
    note = (
        f"{_said(deciding[0], 'cut')} near {names}: "
        f'"{_short(deciding[0].evidence)}"; this path avoids it (the graph\'s first path, '
        + " - ".join(answer.path)
        + ", passed there)"
    )
    return replace(other, reported=tuple(deciding), notes=(*other.notes, note))


def path_km(point: tuple[float, float], path: Sequence[tuple[float, float]]) -> float:
    """Distance (km) from ``point`` to the polyline ``path`` of (latitude, longitude) points,
    on a local flat projection (good to a few metres at these distances)."""
    if not path:
        return math.inf
    scale = math.cos(math.radians(point[0]))

    def xy(p: tuple[float, float]) -> tuple[float, float]:
        return (p[1] - point[1]) * scale * KM_PER_DEGREE, (p[0] - point[0]) * KM_PER_DEGREE

    best = math.hypot(*xy(path[0]))
    for a, b in itertools.pairwise(path):
        (ax, ay), (bx, by) = xy(a), xy(b)
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def _superseded(
    r: RouteReport, near: Sequence[RouteEnd], ask: RouteQuestion, lexicon: RouteLexicon
) -> bool:
    """A later capture (or relief) by the question's side near where the route was cut."""
    for state in ask.control.values():
        for o in state.observations:
            if o.side not in ask.friendly or o.observed <= r.observed:
                continue
            if o.kind not in ("captured", "siege_broken"):
                continue
            node = o.locality_id
            if node not in ask.graph.graph:
                continue
            loc = ask.graph.locality(node)
            if any(
                point_km((p.latitude or 0.0, p.longitude or 0.0), (loc.latitude, loc.longitude))
                <= lexicon.cut_km
                for p in near
            ):
                return True
    return False


def _concerns(r: RouteReport, ask: RouteQuestion, lexicon: RouteLexicon, sides: Sides) -> bool:
    if ask.as_of is not None and r.observed > ask.as_of:
        return False
    owner = _side(r.owner, sides)
    agent = _side(r.agent, sides)
    if owner is not None:
        if owner not in ask.friendly:
            return False
    elif agent is None or agent in ask.friendly:
        return False
    if len(r.ends) != 2:
        return False
    a, b = (_matches(e, r, ask.src, ask.graph, lexicon.end_km) for e in r.ends)
    c, d = (_matches(e, r, ask.dst, ask.graph, lexicon.end_km) for e in r.ends)
    return (a and d) or (b and c)


def _side(side: str | None, sides: Sides) -> str | None:
    return None if side is None else sides.control_side(side)


def _matches(
    end: RouteEnd, r: RouteReport, endpoint: Endpoint, graph: LocalityGraph, within: float
) -> bool:
    """The report's end stands for the question's endpoint: within ``within`` km of one of its
    localities. A region ("Turkey") stands for its crossing nearest to where the report says
    the route was cut (any of its crossings when it names no such place)."""
    points = [graph.locality(n) for n in endpoint.node_ids if n in graph.graph]
    if end.latitude is not None and end.longitude is not None:
        spot = (end.latitude, end.longitude)
        return any(point_km(spot, (p.latitude, p.longitude)) <= within for p in points)
    try:
        region = [graph.locality(n) for n in graph.resolve(end.name).node_ids if n in graph.graph]
    except InputError:
        return False
    places = [(p.latitude, p.longitude) for p in r.places if p.latitude is not None]
    if places and region:
        region = [
            min(
                region,
                key=lambda c: min(
                    point_km((c.latitude, c.longitude), (la, lo or 0.0)) for la, lo in places
                ),
            )
        ]
    return any(
        c.locality_id in endpoint.node_ids
        or point_km((c.latitude, c.longitude), (p.latitude, p.longitude)) <= within
        for c in region
        for p in points
    )


def _said(r: RouteReport, what: str) -> str:
    return f"reported {what} by {r.source or 'a report'} on {r.observed}"


def _short(text: str, limit: int = 160) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 3] + "..."


def report_json(r: RouteReport) -> dict[str, Any]:
    def end(e: RouteEnd) -> dict[str, Any]:
        return {"name": e.name, "latitude": e.latitude, "longitude": e.longitude}

    return {
        "status": r.status,
        "ends": [end(e) for e in r.ends],
        "places": [end(p) for p in r.places],
        "observed": r.observed.isoformat(),
        "owner": r.owner,
        "agent": r.agent,
        "article_id": r.article_id,
        "event_id": r.event_id,
        "source": r.source,
        "credibility": r.credibility,
        "evidence": r.evidence,
    }
