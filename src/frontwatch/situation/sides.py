"""Sides for control and routes: which actor-lexicon sides count as one (a coalition).

Actors map to sides through ``data/lexicons/actors.yaml`` (Hezbollah, Russia and Iran are
already ``government`` there). A per-conflict file (``data/situation/sides.yaml`` by default,
``--sides FILE`` otherwise) groups those sides into the *control sides* that hold places:
for Syria in 2016, the rebels and al-Nusra held northern Aleppo together, so both count as
``opposition``. Observations keep the lexicon side they were read with; the grouping is
applied when control is computed, so changing the file needs no rebuild.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, ResourceError
from ..resources import data_path, load_yaml


@lru_cache(maxsize=1)
def lexicon_sides() -> frozenset[str]:
    """The sides ``data/lexicons/actors.yaml`` declares."""
    data = load_yaml("lexicons", "actors.yaml")
    return frozenset((data.get("sides") or {}).keys())


@dataclass(frozen=True)
class Sides:
    """A conflict's coalitions: control side -> the lexicon sides it is made of."""

    conflict: str
    coalitions: Mapping[str, tuple[str, ...]]
    ignored: frozenset[str] = frozenset()
    known: frozenset[str] = field(default_factory=lexicon_sides)
    origin: str = "data/situation/sides.yaml"

    def control_side(self, side: str | None) -> str | None:
        """The control side a lexicon side belongs to; None when it holds nothing."""
        if side is None or side in self.ignored:
            return None
        for name, members in self.coalitions.items():
            if side in members:
                return name
        return side

    def members(self, control_side: str) -> tuple[str, ...]:
        return self.coalitions.get(control_side, (control_side,))

    def names(self) -> list[str]:
        """Every control side: the coalitions, then the lexicon sides in none of them."""
        grouped = {s for members in self.coalitions.values() for s in members}
        rest = sorted(self.known - grouped - self.ignored - set(self.coalitions))
        return [*self.coalitions, *rest]

    def resolve(self, name: str) -> str:
        """The control side a user names (``--side``): a coalition or a lexicon side."""
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        if key in self.coalitions:
            return key
        side = self.control_side(key) if key in self.known else None
        if side is None:
            raise InputError("--side", f"{name!r} is not a side; sides: {', '.join(self.names())}")
        return side


def _parse(data: Any, origin: str) -> Sides:
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ResourceError(f"{origin}: expected a mapping with version: 1")
    known = lexicon_sides()
    coalitions: dict[str, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for name, members in (data.get("coalitions") or {}).items():
        if not isinstance(members, list) or not members:
            raise ResourceError(f"{origin}: coalition {name!r} needs a list of sides")
        for side in members:
            if side not in known:
                raise ResourceError(
                    f"{origin}: {side!r} (in {name!r}) is not a side of actors.yaml"
                )
            if side in seen:
                raise ResourceError(f"{origin}: {side!r} is in both {seen[side]!r} and {name!r}")
            seen[side] = str(name)
        coalitions[str(name)] = tuple(str(s) for s in members)
    ignored = frozenset(str(s) for s in data.get("ignored") or [])
    if unknown := ignored - known:
        raise ResourceError(f"{origin}: ignored sides {sorted(unknown)} are not in actors.yaml")
    if both := ignored & set(seen):
        raise ResourceError(f"{origin}: sides {sorted(both)} are both ignored and in a coalition")
    return Sides(str(data.get("conflict") or ""), coalitions, ignored, known, origin)


@lru_cache(maxsize=1)
def _packaged() -> Sides:
    return _parse(load_yaml("situation", "sides.yaml"), str(data_path("situation", "sides.yaml")))


def load_sides(path: str | Path | None = None) -> Sides:
    """The packaged sides file, or the one given (``--sides FILE``)."""
    if path is None:
        return _packaged()
    try:
        with Path(path).open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"sides file {path}: {exc}") from exc
    return _parse(data, str(path))
