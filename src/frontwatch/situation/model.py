"""The records the situation picture is made of, shared by control, graph and route code.

A *locality* is a gazetteer place (its ``gazetteer_id`` is the ``locality_id``). An
*observation* is one statement that a side holds, took, lost, besieges or broke the siege of a
locality on a date, with the event (and words) it came from. The *control state* of a locality
as of a date is what the observations up to that date say, conflicts resolved by the rule in
``situation/control.py``. Route and encirclement answers cite the observations that decided them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

ObservationKind = Literal[
    "captured",  # side took the locality ("took control of", "captured", territory events)
    "withdrew",  # side left it ("withdrew from"): held by nobody we know, or by `side`'s enemy
    "besieged",  # side besieges/encircles it: it is held by another side, cut off
    "siege_broken",  # the siege of the locality by `side`'s enemy was broken by `side`
    "held",  # side holds it (a statement of control, e.g. "government-held Nubl")
    "baseline",  # imported known state (CSV place, side, date)
]


@dataclass(frozen=True)
class Locality:
    """A node of the locality graph."""

    locality_id: str
    name: str
    latitude: float
    longitude: float
    admin1: str | None = None
    kind: Literal["locality", "crossing", "region"] = "locality"


@dataclass(frozen=True)
class Observation:
    """One report's statement about who controls a locality."""

    locality_id: str
    locality_name: str
    side: str
    """The side the statement is about (the capturer, the besieger, the one that withdrew)."""
    kind: ObservationKind
    observed: dt.date
    event_id: str | None = None
    article_id: str | None = None
    evidence: str = ""
    """The words it was read from (the trigger's sentence or the CSV row)."""
    credibility: float = 0.5
    source: str | None = None


@dataclass(frozen=True)
class ControlConflict:
    """Reports that disagree about a locality; which one won and by what rule."""

    locality_id: str
    claims: tuple[Observation, ...]
    chosen_side: str | None
    rule: str
    """"recency", "corroboration", "credibility" or "unchanged" (a full tie keeps the current
    state); see situation/control.py and docs/decisions/0005-control-conflicts.md."""
    decided: dt.date | None = None
    """The date of the contradicting claim the conflict was decided at."""

    @property
    def losing(self) -> tuple[Observation, ...]:
        """The claims that lost (their side is not the chosen one)."""
        return tuple(o for o in self.claims if o.side != self.chosen_side)


@dataclass(frozen=True)
class ControlState:
    """Who holds a locality as of a date, and why we think so."""

    locality_id: str
    name: str
    side: str | None
    """The controlling side; None when nothing we know says who holds it (uncontested)."""
    since: dt.date | None = None
    besieged_by: str | None = None
    observations: tuple[Observation, ...] = ()
    """The observations that decided the state (newest first)."""
    conflict: ControlConflict | None = None
    inferred: bool = False
    """Not reported but inferred (a broken siege implies the road to it is held); the
    observation it was inferred from is in ``observations``."""

    @property
    def event_ids(self) -> tuple[str, ...]:
        return tuple(o.event_id for o in self.observations if o.event_id)


@dataclass(frozen=True)
class RouteEnd:
    """A place a route report names: a locality (with its point) or a region ("Turkey",
    "the Turkish border": no point, matched by name against the graph's regions)."""

    name: str
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class RouteReport:
    """One report's statement about a route itself: "cut the main supply route between Aleppo
    and Turkey", "the road from Azaz to Aleppo was reopened"."""

    status: Literal["cut", "reopened"]
    ends: tuple[RouteEnd, ...]
    """The route's ends as the report names them (one or two)."""
    places: tuple[RouteEnd, ...]
    """The other localities of the sentence: where the cut happened ("broke the siege of
    Nubl, cutting ...")."""
    observed: dt.date
    owner: str | None
    """The side whose route it is ("the rebels' supply line"), when the report says."""
    agent: str | None
    """The side that cut or reopened it, when the report says."""
    article_id: str | None = None
    event_id: str | None = None
    """The event stated in the same sentence (whose date the report takes), if any."""
    evidence: str = ""
    credibility: float = 0.5
    source: str | None = None


@dataclass(frozen=True)
class RouteAnswer:
    """``frontwatch route FROM TO --side SIDE``: open or cut, with the path and why."""

    origin: str
    destination: str
    side: str
    as_of: dt.date | None
    open: bool
    path: tuple[str, ...] = ()
    """Locality names along the path, origin first (empty when cut)."""
    path_ids: tuple[str, ...] = ()
    length_km: float | None = None
    chokepoints: tuple[str, ...] = ()
    """Localities on the path whose loss would cut it (articulation points / minimum cut)."""
    blocked_by: tuple[str, ...] = ()
    """When cut: the localities held by other sides that close every path (a minimum cut)."""
    decided_by: tuple[Observation, ...] = ()
    """The observations of the localities on the path, the chokepoints or the blocking cut."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    basis: Literal["graph", "report"] = "graph"
    """"graph": the answer is the locality graph's; "report": a report that the route itself
    was cut decided it (``situation/route_reports.py``)."""
    reported: tuple[RouteReport, ...] = ()
    """Reports about this route itself (cut or reopened) that bear on the answer."""
