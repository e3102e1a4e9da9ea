"""Reports about a route itself: "cutting the main supply route between Aleppo and Turkey".

Control observations say who holds a locality; the locality graph turns them into routes. But
a gazetteer without the villages of a front line leaves gaps the graph crosses, and the
reports often say outright that the road is cut. ``RouteReportReader`` reads those statements
(``data/lexicons/route_reports.yaml``): the status (cut or reopened), the route's ends as
named, the localities of the sentence (where it happened), whose route it is and who cut it,
the date, the sentence as evidence. ``apply_reports`` lets them bear on a route answer by the
rule of docs/decisions/0008-route-reports.md:

- a report concerns a question when its two ends stand for the question's two ends (within
  ``end_km``; a region such as "Turkey" through its crossings) and it is about the question's
  side (the route's owner, or the enemy of the side that cut it);
- the newest such report decides whether the route is *reported* cut; a later capture by the
  side near where it was cut, or a later "reopened" report, supersedes it;
- a reported cut closes a route the graph finds open when the graph's path passes within
  ``cut_km`` of where the report says it was cut (needed when an end is a region: "Aleppo to
  Turkey" names many roads); the answer then says so (``basis`` "report"), names those
  localities as what blocks it and cites the report. A report never opens a route the graph
  finds closed: held localities outweigh a claim; the disagreement is noted.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import InputError, ResourceError
from ..records import Article, Event
from ..resources import load_yaml
from .baseline import km
from .control_lexicon import WORD, phrase_pattern
from .model import ControlState, RouteAnswer, RouteEnd, RouteReport
from .observations import is_locality, stripped

if TYPE_CHECKING:
    from .graph import Endpoint, LocalityGraph
    from .observations import ControlReader
    from .sides import Sides

Bounds = tuple[int, int]
KM_PER_DEGREE = 111.195
INFINITIVE = re.compile(r"\bto\s+$", re.I)
PARTICIPLE = re.compile(r",\s+\w+ing\s+$", re.I)
"""A clause break that opens a participle clause, whose subject is the sentence's."""


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(phrase_pattern(p) for p in ordered) or "(?!)"


class RouteLexicon:
    """route_reports.yaml, compiled."""

    def __init__(self, data: Mapping[str, Any], regions: Iterable[str] = ()) -> None:
        try:
            self.end_km = float(data["end_km"])
            self.cut_km = float(data["cut_km"])
            self.window = int(data["window"])
            gap = int(data["gap_words"])
            passive_gap = int(data["passive_gap"])
            self.negation_words = int(data["negation_words"])
            routes = _alternation(data["routes"])
            verbs = {k: _alternation(data[k]) for k in ("cut", "reopened")}
            passive = {k: _alternation(data[f"passive_{k}"]) for k in ("cut", "reopened")}
            separated = _alternation(data["separated"])
            separated_from = _alternation(data["separated_from"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"data/lexicons/route_reports.yaml: {exc}") from exc
        self.negation = frozenset(str(w).lower() for w in data.get("negation") or [])
        self.active = {
            k: re.compile(rf"(?P<verb>{v})(?:\s+[\w'’-]+){{0,{gap}}}?\s+(?P<noun>{routes})", re.I)
            for k, v in verbs.items()
        }
        self.passive = {
            k: re.compile(rf"(?P<noun>{routes})(?P<gap>.{{0,{passive_gap}}}?)(?P<verb>{v})", re.I)
            for k, v in passive.items()
        }
        # "cutting off rebel-held Aleppo from Turkey": the ends stand around "from"
        self.separated = re.compile(rf"(?P<verb>{separated})\s+[^.;!?]{{1,100}}?\s+from\s+", re.I)
        # "fighters in Mare' are now cut off from Aleppo": the first end stands before
        self.separated_from = re.compile(rf"(?P<verb>{separated_from})\s+", re.I)
        self.regions = re.compile(_alternation(regions), re.I) if regions else None

    @classmethod
    def load(cls) -> RouteLexicon:
        return _packaged()

    def statements(self, text: str) -> list[Statement]:
        """Every statement of ``text``, by start; of overlapping ones the first found
        (active, then passive, then separations)."""
        found: list[Statement] = []
        for status, pattern in self.active.items():
            for m in pattern.finditer(text):
                found.append(Statement(status, m.start(), m.end(), m.start("verb"), m.end()))
        for status, pattern in self.passive.items():
            for m in pattern.finditer(text):
                if not re.search(r"[.;!?]", m.group("gap")):
                    found.append(Statement(status, m.start(), m.end(), m.start("verb"), m.end()))
        for m in self.separated.finditer(text):
            found.append(Statement("cut", m.start(), m.end(), m.start(), m.end()))
        for m in self.separated_from.finditer(text):
            found.append(Statement("cut", m.start(), m.end(), m.start(), m.end(), True))
        kept: list[Statement] = []
        for item in found:
            if all(item.end <= k.start or k.end <= item.start for k in kept):
                kept.append(item)
        return sorted(kept, key=lambda s: s.start)

    def is_negated(self, text: str, sentence_start: int, verb_start: int) -> bool:
        if INFINITIVE.search(text, sentence_start, verb_start):
            return True
        words = WORD.findall(text[sentence_start:verb_start])[-self.negation_words :]
        return any(w.lower().replace("’", "'") in self.negation for w in words) or any(
            w.lower().endswith("n't") for w in words
        )


@dataclass(frozen=True)
class Statement:
    """A route statement found in a text (character offsets): the verb starts at ``verb``;
    its ends are looked for from ``start`` on, within the window after ``end``, and, with
    ``place_before``, its first end is the last place before it in the sentence."""

    status: str
    start: int
    end: int
    verb: int
    noun_end: int
    place_before: bool = False


@lru_cache(maxsize=1)
def _packaged() -> RouteLexicon:
    from .crossings import Crossings

    data = load_yaml("lexicons", "route_reports.yaml")
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ResourceError("data/lexicons/route_reports.yaml: expected a mapping with version: 1")
    crossings = Crossings.load("SY")
    # Regions of one border only ("the border" could be any), in the words of several
    # ("Turkish border"): a country alone is a place mention the gazetteer resolves.
    names = [n for r in crossings.regions if len(r.borders) == 1 for n in r.names if " " in n]
    return RouteLexicon(data, names)


@dataclass(frozen=True)
class FoundRouteReport:
    """A route report with where its sentence stands in the article."""

    report: RouteReport
    start: int
    end: int


class RouteReportReader:
    """Reads route reports from articles, resolving places as the control reader does."""

    def __init__(self, control: ControlReader, lexicon: RouteLexicon | None = None) -> None:
        self.control = control
        self.lexicon = lexicon or RouteLexicon.load()

    def read(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        credibility: float,
        source: str | None,
    ) -> list[FoundRouteReport]:
        text = article.text
        statements = self.lexicon.statements(text)
        if not statements:
            return []
        doc = self.control.prepare(article, events)
        found: list[FoundRouteReport] = []
        for st in statements:
            start, end, verb = st.start, st.end, st.verb
            sentence = doc.sentence(start)
            if self.lexicon.is_negated(text, sentence[0], verb):
                continue
            ends = self._ends(doc, (start, end), st.noun_end, sentence)
            if st.place_before:
                first = self._place_before(doc, sentence, start)
                if first is None:
                    continue
                ends = [first, *[e for e in ends if e[0].name != first[0].name]][:2]
            if not ends:
                continue
            named = {e[2] for e in ends}
            places = [
                RouteEnd(p.location.name, p.location.latitude, p.location.longitude)
                for p in doc.places
                if p is not None
                and is_locality(p.location)
                and sentence[0] <= p.mention.start < sentence[1]
                and p.mention.start not in named
            ]
            event = _event(doc.events, sentence)
            observed = event.event_date if event is not None else article.published
            if observed is None:
                continue
            s0, s1 = stripped(text, sentence)
            report = RouteReport(
                status=st.status,  # type: ignore[arg-type]
                ends=tuple(e[0] for e in ends),
                places=tuple(dict.fromkeys(places)),
                observed=observed,
                owner=self._owner(
                    doc, (min(start, *(e[2] for e in ends)), max(end, *(e[1] for e in ends)))
                ),
                agent=self._agent(doc, sentence, (start, end), verb),
                article_id=article.article_id,
                event_id=event.event_id if event is not None else None,
                evidence=text[s0:s1],
                credibility=credibility,
                source=source,
            )
            found.append(FoundRouteReport(report, s0, s1))
        return found

    def _ends(
        self, doc: Any, statement: Bounds, noun_end: int, sentence: Bounds
    ) -> list[tuple[RouteEnd, int, int]]:
        """(end, mention end, mention start) of the first two places from the statement's
        verb on, through its clause, within the window after the noun."""
        text = doc.text
        limit = min(noun_end + self.lexicon.window, sentence[1])
        brk = self.control.lexicon.breaks.search(text, statement[1], limit)
        if brk is not None:
            limit = brk.start()
        found: list[tuple[RouteEnd, int, int]] = []
        for p in doc.places:
            if p is None or not statement[0] <= p.mention.start < limit:
                continue
            loc = p.location
            if is_locality(loc) or (
                loc.geo_precision == 2 and loc.latitude is not None and loc.longitude is not None
            ):  # "eastern Aleppo", "north of Aleppo": a point near the place is end enough
                end = RouteEnd(loc.name, loc.latitude, loc.longitude)
            elif loc.geo_precision == 3 and loc.gazetteer_id and loc.name == loc.country:
                end = RouteEnd(loc.name)  # a country: matched through the graph's regions
            else:
                continue
            found.append((end, p.mention.end, p.mention.start))
        if self.lexicon.regions is not None:
            for m in self.lexicon.regions.finditer(text, statement[0], limit):
                if all(m.end() <= f[2] or f[1] <= m.start() for f in found):
                    found.append((RouteEnd(m.group(0)), m.end(), m.start()))
        found.sort(key=lambda f: f[2])
        unique: list[tuple[RouteEnd, int, int]] = []
        for f in found:
            if all(f[0].name != u[0].name for u in unique):
                unique.append(f)
        return unique[:2]

    @staticmethod
    def _place_before(doc: Any, sentence: Bounds, start: int) -> tuple[RouteEnd, int, int] | None:
        """The last locality named before ``start`` in the sentence, as an end."""
        before = [
            p
            for p in doc.places
            if p is not None
            and is_locality(p.location)
            and sentence[0] <= p.mention.start
            and p.mention.end <= start
        ]
        if not before:
            return None
        loc, mention = before[-1].location, before[-1].mention
        return RouteEnd(loc.name, loc.latitude, loc.longitude), mention.end, mention.start

    @staticmethod
    def _owner(doc: Any, span: Bounds) -> str | None:
        """The side named inside the statement and its ends ("the rebels' supply line",
        "to rebel-held parts of Aleppo")."""
        inside = [a for a in doc.actors if span[0] <= a.start and a.end <= span[1]]
        return inside[0].side if inside else None

    def _agent(self, doc: Any, sentence: Bounds, statement: Bounds, verb: int) -> str | None:
        """The side that acts: "by <actor>" after a passive verb; else the first actor of the
        verb's clause; else, when the verb opens a participle clause ("..., cutting the
        road"), the first actor of the sentence."""
        text = doc.text
        if verb > statement[0]:  # passive: the noun stands first
            m = re.match(r"\s+by\s+", text[statement[1] :])
            after = [a for a in doc.actors if m and a.start == statement[1] + m.end()]
            return str(after[0].side) if after else None
        start = sentence[0]
        for m in self.control.lexicon.breaks.finditer(text, sentence[0], verb):
            start = m.end()
        named = [a for a in doc.actors if start <= a.start and a.end <= verb]
        if named:
            return str(named[0].side)
        if start > sentence[0] and PARTICIPLE.search(text, sentence[0], start):
            earlier = [a for a in doc.actors if sentence[0] <= a.start and a.end <= start]
            return str(earlier[0].side) if earlier else None
        return None


def _event(events: Sequence[Event], sentence: Bounds) -> Event | None:
    """The first dated event stated in the sentence: its date is the report's."""
    for event in events:
        spans = [e.start for e in event.evidence if e.field == "event_type"]
        if spans and sentence[0] <= spans[0] < sentence[1] and event.event_date is not None:
            return event
    return None


# ------------------------------------------------------------------- bearing on an answer


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
    # A question about a crossing or a region ("Turkish border") may be answered by another
    # road than the one reported cut: the report decides only near the graph's path.
    ends = ask.src.node_ids | ask.dst.node_ids
    needs_path = any(ask.graph.locality(n).kind != "locality" for n in ends if n in ask.graph.graph)
    deciding: list[RouteReport] = []
    where: dict[str, RouteEnd] = {}
    for r in cuts:
        near = [
            p
            for p in r.places
            if p.latitude is not None
            and p.longitude is not None
            and path_km((p.latitude, p.longitude), path) <= lexicon.cut_km
        ]
        if _superseded(r, near, ask, lexicon):
            continue
        if near or not needs_path:
            deciding.append(r)
            where.update((p.name, p) for p in near or r.places)
    if not deciding:
        note = _said(cuts[0], "cut") + ", but not near the path above (or since retaken)"
        return replace(answer, reported=tuple(cuts), notes=(*answer.notes, note))
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
                km((p.latitude or 0.0, p.longitude or 0.0), (loc.latitude, loc.longitude))
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
        return any(km(spot, (p.latitude, p.longitude)) <= within for p in points)
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
                    km((c.latitude, c.longitude), (la, lo or 0.0)) for la, lo in places
                ),
            )
        ]
    return any(
        c.locality_id in endpoint.node_ids
        or km((c.latitude, c.longitude), (p.latitude, p.longitude)) <= within
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
