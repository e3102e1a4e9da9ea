"""Border crossings and named outside regions (``data/situation/crossings.yaml``).

A route "to the Turkish border" ends at any crossing into Turkey; an area is encircled when
no passable path leads from it to such a crossing. Crossings are graph nodes linked to the
town they are reached through, so losing that town closes the crossing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError, ResourceError
from ..resources import load_yaml

CROSSING_PREFIX = "crossing:"


@dataclass(frozen=True)
class Crossing:
    """A border crossing: names, the country across, the town it is reached through."""

    crossing_id: str
    names: tuple[str, ...]
    border: str
    """ISO 3166-1 alpha-2 code of the country on the other side."""
    town: str
    """Name of the locality the crossing is reached through (it gives the point too)."""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def node_id(self) -> str:
        return f"{CROSSING_PREFIX}{self.crossing_id}"


@dataclass(frozen=True)
class OutsideRegion:
    """A named outside region: every crossing on the given borders."""

    region_id: str
    names: tuple[str, ...]
    borders: frozenset[str]


@dataclass(frozen=True)
class Crossings:
    """The crossings and regions of one country."""

    country: str
    crossings: tuple[Crossing, ...] = ()
    regions: tuple[OutsideRegion, ...] = ()

    @classmethod
    def load(cls, country: str, path: str | Path | None = None) -> Crossings:
        """The crossings of ``path`` (default: the packaged file) when they are for
        ``country``; none otherwise."""
        if path is None:
            data = load_yaml("situation", "crossings.yaml")
        else:
            try:
                data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as exc:
                raise InputError(str(path), f"cannot read the crossings: {exc}") from exc
        if not isinstance(data, Mapping):
            raise ResourceError(f"{path or 'data/situation/crossings.yaml'}: not a mapping")
        return cls.from_dict(data) if str(data.get("country")) == country else cls(country)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Crossings:
        try:
            crossings = tuple(_crossing(row) for row in data["crossings"])
            regions = tuple(
                OutsideRegion(
                    region_id=str(row["id"]),
                    names=tuple(str(n) for n in row["names"]),
                    borders=frozenset(str(b) for b in row["borders"]),
                )
                for row in data.get("regions") or ()
            )
            return cls(str(data["country"]), crossings, regions)
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"data/situation/crossings.yaml is malformed: {exc!r}") from exc


def _crossing(row: Mapping[str, Any]) -> Crossing:
    lat, lon = row.get("latitude"), row.get("longitude")
    if (lat is None) != (lon is None):
        raise ValueError(f"crossing {row['id']}: give both latitude and longitude, or neither")
    return Crossing(
        crossing_id=str(row["id"]),
        names=tuple(str(n) for n in row["names"]),
        border=str(row["border"]),
        town=str(row["town"]),
        latitude=None if lat is None else float(lat),
        longitude=None if lon is None else float(lon),
    )
