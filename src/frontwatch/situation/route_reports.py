"""Reports about a route itself: "cutting the main supply route between Aleppo and Turkey".

Control observations say who holds a locality; the locality graph turns them into routes. But
a gazetteer without the villages of a front line leaves gaps the graph crosses, and the
reports often say outright that the road is cut. ``RouteReportReader`` reads those statements
(``data/lexicons/route_reports.yaml``): the status (cut or reopened), the route's ends as
named, the localities of the sentence (where it happened), whose route it is and who cut it,
the date, the sentence as evidence. ``reported_cuts.apply_reports`` lets them bear on a route
answer by the rule of docs/decisions/0008-route-reports.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..geocode.gazetteer import border_ids
from ..records import Article, Event
from ..resources import load_yaml
from .control_lexicon import phrase_alternation, says_not
from .model import RouteEnd, RouteReport
from .observations import event_trigger, is_locality, stripped

if TYPE_CHECKING:
    from .observations import ControlReader

Bounds = tuple[int, int]
PARTICIPLE = re.compile(r",\s+\w+ing\s+$", re.I)
"""A clause break that opens a participle clause, whose subject is the sentence's."""


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
            routes = phrase_alternation(data["routes"])
            verbs = {k: phrase_alternation(data[k]) for k in ("cut", "reopened")}
            passive = {k: phrase_alternation(data[f"passive_{k}"]) for k in ("cut", "reopened")}
            separated = phrase_alternation(data["separated"])
            separated_from = phrase_alternation(data["separated_from"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"data/lexicons/route_reports.yaml: {exc}") from exc
        self.negation = frozenset(str(w).lower() for w in data.get("negation") or [])
        self.not_yet = re.compile(str(data.get("not_yet_before") or r"(?!)"), re.I)
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
        self.regions = re.compile(phrase_alternation(regions), re.I) if regions else None

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
        return says_not(
            text,
            sentence_start,
            verb_start,
            negation=self.negation,
            words=self.negation_words,
            not_yet=self.not_yet,
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
    crossings = Crossings.from_dict(load_yaml("situation", "crossings.yaml"))
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
            if loc.gazetteer_id in border_ids():
                continue  # "the Turkish border": a region end, read below with its crossings
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
        span = event_trigger(event)
        if span and sentence[0] <= span[0] < sentence[1] and event.event_date is not None:
            return event
    return None
