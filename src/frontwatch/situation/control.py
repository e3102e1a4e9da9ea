"""Control of localities over time, from observations; conflicts resolved by a stated rule.

Observations are replayed per locality, oldest first, after mapping each side to its control
side (``sides.py``). ``captured``, ``held``, ``baseline`` and ``siege_broken`` are claims that
a side holds the place (a side breaks the siege of its own side's place); ``withdrew`` by the
holder leaves it to nobody we know; ``besieged`` sets ``besieged_by`` until the siege is
broken or the place is captured. A claim for another side than the holder never flips the
state silently: a ``ControlConflict`` is recorded and decided (docs/decisions/0005):

1. recency: the claim is more than ``recency_days`` newer than the newest report supporting
   the current state: control changed, the newer claim wins;
2. corroboration: otherwise the side with more independent reports (distinct outlets) within
   ``recency_days`` before and after the claim wins;
3. credibility: otherwise the side with the most credible report wins;
4. unchanged: a full tie keeps the current state.

The claims of a decided conflict are spent: the conflict is not fought again for each of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import ResourceError
from ..resources import load_yaml
from .model import ControlConflict, ControlState, Observation
from .sides import Sides, load_sides

HOLDING = ("captured", "held", "baseline", "siege_broken")


@dataclass(frozen=True)
class ControlRules:
    """The parameters of the conflict rule (``data/situation/control_rules.yaml``)."""

    recency_days: int = 3
    default_credibility: float = 0.5
    baseline_credibility: float = 1.0
    relief_max_km: float = 15.0

    @classmethod
    def load(cls, path: str | Path | None = None) -> ControlRules:
        if path is None:
            return _packaged_rules()
        try:
            with Path(path).open(encoding="utf-8") as fh:
                return _rules(yaml.safe_load(fh), str(path))
        except (OSError, yaml.YAMLError) as exc:
            raise ResourceError(f"control rules file {path}: {exc}") from exc


def _rules(data: Any, origin: str) -> ControlRules:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ResourceError(f"{origin}: expected a mapping with version: 1")
    try:
        rules = ControlRules(
            recency_days=int(data["recency_days"]),
            default_credibility=float(data["default_credibility"]),
            baseline_credibility=float(data["baseline_credibility"]),
            relief_max_km=float(data["relief_max_km"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"{origin}: {exc}") from exc
    if rules.recency_days < 0 or not 0 <= rules.default_credibility <= 1:
        raise ResourceError(f"{origin}: recency_days >= 0 and credibilities in [0, 1]")
    if rules.relief_max_km < 0:
        raise ResourceError(f"{origin}: relief_max_km >= 0")
    return rules


@lru_cache(maxsize=1)
def _packaged_rules() -> ControlRules:
    return _rules(load_yaml("situation", "control_rules.yaml"), "data/situation/control_rules.yaml")


@dataclass(frozen=True)
class ControlChange:
    """A change of who holds a locality (``what="control"``) or of who besieges it
    (``what="siege"``), with the observations that decided it."""

    locality_id: str
    name: str
    date: dt.date
    what: str
    before: str | None
    after: str | None
    observations: tuple[Observation, ...]
    conflict: ControlConflict | None = None


@dataclass
class LocalityTimeline:
    """A locality replayed up to a date: its changes, its conflicts and its final state."""

    locality_id: str
    name: str
    changes: list[ControlChange] = field(default_factory=list)
    conflicts: list[ControlConflict] = field(default_factory=list)
    holder: str | None = None
    since: dt.date | None = None
    support: list[Observation] = field(default_factory=list)
    besieged_by: str | None = None
    siege: list[Observation] = field(default_factory=list)
    inferred: bool = False

    def state(self) -> ControlState:
        conflict = self.conflicts[-1] if self.conflicts else None
        if conflict is not None and (
            self.since is None or (conflict.decided or self.since) < self.since
        ):
            conflict = None
        observations = sorted([*self.support, *self.siege], key=_order, reverse=True)
        return ControlState(
            locality_id=self.locality_id,
            name=self.name,
            side=self.holder,
            since=self.since,
            besieged_by=self.besieged_by,
            observations=tuple(observations),
            conflict=conflict,
            inferred=self.inferred,
        )


def _order(o: Observation) -> tuple[Any, ...]:
    return (o.observed, -o.credibility, o.source or "", o.article_id or "", o.kind, o.side)


def _outlet(o: Observation) -> str:
    return o.source or o.article_id or o.evidence


class _Replay:
    """Replays one locality's observations (already mapped to control sides, sorted)."""

    def __init__(self, line: LocalityTimeline, claims: Sequence[Observation], rules: ControlRules):
        self.line = line
        self.claims = claims
        self.window = dt.timedelta(days=rules.recency_days)
        self.spent: set[int] = set()

    def run(self) -> LocalityTimeline:
        for i, obs in enumerate(self.claims):
            if i in self.spent:
                continue
            if obs.kind in HOLDING:
                self._holding(i, obs)
            elif obs.kind == "withdrew":
                self._withdrew(obs)
            elif obs.kind == "besieged":
                self._besieged(obs)
        return self.line

    def _change(
        self,
        obs: Observation,
        *,
        what: str,
        before: str | None,
        after: str | None,
        decided: Sequence[Observation],
        conflict: ControlConflict | None = None,
    ) -> None:
        self.line.changes.append(
            ControlChange(
                self.line.locality_id,
                self.line.name,
                obs.observed,
                what,
                before,
                after,
                tuple(decided),
                conflict,
            )
        )

    def _holding(self, i: int, obs: Observation) -> None:
        line = self.line
        if obs.kind in ("captured", "siege_broken") and line.besieged_by is not None:
            before, line.besieged_by, line.siege = line.besieged_by, None, []
            self._change(obs, what="siege", before=before, after=None, decided=[obs])
        if line.holder == obs.side:
            line.support.append(obs)
            line.inferred = line.inferred and obs.kind == "siege_broken"
            return
        if line.holder is None:
            self._establish(obs, [obs], None)
            return
        newest = max(o.observed for o in line.support)
        if obs.observed - newest > self.window:
            conflict = ControlConflict(
                line.locality_id, (*line.support, obs), obs.side, "recency", obs.observed
            )
            line.conflicts.append(conflict)
            self._establish(obs, [obs], conflict)
            return
        self._contest(i, obs)

    def _contest(self, i: int, obs: Observation) -> None:
        """A claim within the window of the current state's reports: corroboration, then
        credibility, then the current state stands."""
        line = self.line
        lo, hi = obs.observed - self.window, obs.observed + self.window
        held = [o for o in line.support if lo <= o.observed]
        inside = [
            (j, o)
            for j, o in enumerate(self.claims)
            if j not in self.spent and o.kind in HOLDING and lo <= o.observed <= hi
        ]
        held += [o for j, o in inside if o.side == line.holder and j > i]
        challenger = [o for j, o in inside if o.side == obs.side and j >= i]
        self.spent.update(j for j, o in inside if o.side in (obs.side, line.holder) and j >= i)
        winner, rule = self._decide(line.holder, held, obs.side, challenger)
        claims = tuple(sorted({*held, *challenger}, key=_order))
        conflict = ControlConflict(line.locality_id, claims, winner, rule, obs.observed)
        line.conflicts.append(conflict)
        if winner == obs.side:
            self._establish(obs, challenger, conflict)
        else:
            line.support.extend(o for o in held if o not in line.support)

    @staticmethod
    def _decide(
        holder: str | None,
        held: Sequence[Observation],
        side: str,
        challenger: Sequence[Observation],
    ) -> tuple[str | None, str]:
        a, b = len({_outlet(o) for o in held}), len({_outlet(o) for o in challenger})
        if a != b:
            return (holder if a > b else side), "corroboration"
        ca = max((o.credibility for o in held), default=0.0)
        cb = max((o.credibility for o in challenger), default=0.0)
        if abs(ca - cb) > 1e-9:
            return (holder if ca > cb else side), "credibility"
        return holder, "unchanged"

    def _establish(
        self, obs: Observation, support: Sequence[Observation], conflict: ControlConflict | None
    ) -> None:
        line = self.line
        before = line.holder
        line.holder, line.since, line.support = obs.side, obs.observed, list(support)
        line.inferred = all(o.kind == "siege_broken" for o in support)
        if line.besieged_by == obs.side:
            line.besieged_by, line.siege = None, []
        self._change(
            obs, what="control", before=before, after=obs.side, decided=support, conflict=conflict
        )

    def _withdrew(self, obs: Observation) -> None:
        line = self.line
        if line.holder != obs.side:
            return  # a side leaving a place we do not know it held changes nothing we know
        before = line.holder
        line.holder, line.since, line.support, line.inferred = None, obs.observed, [obs], False
        self._change(obs, what="control", before=before, after=None, decided=[obs])

    def _besieged(self, obs: Observation) -> None:
        line = self.line
        if line.holder == obs.side:
            return
        if line.besieged_by == obs.side:
            line.siege.append(obs)
            return
        before, line.besieged_by, line.siege = line.besieged_by, obs.side, [obs]
        self._change(obs, what="siege", before=before, after=obs.side, decided=[obs])


def mapped(observations: Iterable[Observation], sides: Sides) -> list[Observation]:
    """The observations with their control side; those of ignored sides dropped."""
    out = []
    for o in observations:
        side = sides.control_side(o.side)
        if side is not None:
            out.append(o if side == o.side else dataclasses.replace(o, side=side))
    return out


def timeline(
    observations: Iterable[Observation],
    as_of: dt.date | None = None,
    *,
    sides: Sides | None = None,
    rules: ControlRules | None = None,
) -> dict[str, LocalityTimeline]:
    """Every locality replayed with the observations up to ``as_of`` (all when None)."""
    sides = sides or load_sides()
    rules = rules or ControlRules.load()
    by_locality: dict[str, list[Observation]] = {}
    for o in mapped(observations, sides):
        if as_of is None or o.observed <= as_of:
            by_locality.setdefault(o.locality_id, []).append(o)
    out = {}
    for locality_id, claims in by_locality.items():
        claims.sort(key=_order)
        line = LocalityTimeline(locality_id, claims[-1].locality_name)
        out[locality_id] = _Replay(line, claims, rules).run()
    return out


def control_as_of(
    observations: Iterable[Observation],
    as_of: dt.date | None = None,
    *,
    sides: Sides | None = None,
    rules: ControlRules | None = None,
) -> dict[str, ControlState]:
    """Who holds each observed locality as of ``as_of`` (locality_id -> ControlState)."""
    lines = timeline(observations, as_of, sides=sides, rules=rules)
    return {locality_id: line.state() for locality_id, line in lines.items()}


def changes_between(
    observations: Iterable[Observation],
    since: dt.date,
    until: dt.date | None = None,
    *,
    sides: Sides | None = None,
    rules: ControlRules | None = None,
) -> list[ControlChange]:
    """Control and siege changes dated in [since, until], oldest first."""
    lines = timeline(observations, until, sides=sides, rules=rules)
    found = [c for line in lines.values() for c in line.changes if c.date >= since]
    return sorted(found, key=lambda c: (c.date, c.name, c.what))
