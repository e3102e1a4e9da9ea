"""How candidate places are weighed: the rules (``data/geo``), distances, and the pieces of
an article that help to choose (the countries it names, the towns that are not in doubt).

A candidate's score is ``log10(population + 10)`` plus the bonuses that apply to it (focus
country, a country named near the name, the admin1 the context gives, nearness to a town
of the article not in doubt, a town over a region), less a penalty per edit for a fuzzy
match. The geocoder keeps the winner's score and the runner-up, so an analyst sees how
close the choice was.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..anchors import AnchoredPattern
from ..errors import ResourceError
from ..geodesy import KM_PER_DEGREE, great_circle_km
from ..resources import load_yaml
from .fuzzy import FuzzyRules
from .gazetteer import Place, region_entries, region_precision

SLACK_KM = 1.0
"""Far more than the rounding error of ``distance_km``: pairs the latitude check skips are
certainly not near."""


@dataclass(frozen=True)
class Scoring:
    """``data/geo/scoring.yaml``."""

    focus_bonus: float
    named_country_bonus: float
    named_country_window: int
    hint_bonus: float
    near_bonus: float
    near_km: float
    town_bonus: float
    trust_window: int
    major_city_population: int
    well_known: frozenset[str]
    anchor_gap: int
    same_place_km: float
    hint_link: re.Pattern[str]
    address_link: re.Pattern[str]
    list_goes_on: re.Pattern[str]
    capital_km: float
    fuzzy: FuzzyRules

    @classmethod
    def load(cls) -> Scoring:
        return cls.from_data(load_yaml("geo", "scoring.yaml"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Scoring:
        try:
            values = {k: v for k, v in data.items() if k != "version"}
            values["well_known"] = frozenset(values.get("well_known", ()))
            for key in ("hint_link", "address_link", "list_goes_on"):
                values[key] = re.compile(str(values[key]), re.IGNORECASE)
            values["fuzzy"] = FuzzyRules.from_data(values["fuzzy"])
            return cls(**values)
        except (KeyError, TypeError, re.error) as exc:
            raise ResourceError(f"data/geo/scoring.yaml is malformed: {exc!r}") from exc


@dataclass(frozen=True)
class GeocodeRules:
    """Relations, labels, admin1 facts and nationality words from ``data/geo``."""

    scoring: Scoring
    regional: frozenset[str]
    labels: Mapping[str, str]
    countryside: Mapping[str, str]
    precision: Mapping[str, int]
    governorates: Mapping[str, Place]
    demonyms: Mapping[str, str]
    demonym_pattern: AnchoredPattern
    city_parts: Mapping[str, frozenset[str]]
    """city name (casefolded) -> the compass adjectives that name parts of the city"""
    capitals: Mapping[str, tuple[float, float]]
    """admin1 -> the point of its provincial capital (where a governorate event is placed)"""

    @classmethod
    def load(cls) -> GeocodeRules:
        context = load_yaml("geo", "place_context.yaml")
        admin = load_yaml("geo", "admin1_syria.yaml")
        stop = load_yaml("geo", "stop_names.yaml")
        try:
            demonyms = {str(k): str(v) for k, v in stop["demonyms"].items() if v}
            return cls(
                scoring=Scoring.load(),
                regional=frozenset(context["regional_relations"]),
                labels=dict(context["labels"]),
                countryside=dict(admin["countryside"]),
                precision=region_precision(),
                governorates={
                    str(p.admin1): p for p, _ in region_entries() if p.feature_code == "ADM1"
                },
                demonyms=demonyms,
                demonym_pattern=AnchoredPattern(
                    re.compile(rf"\b(?:{'|'.join(map(re.escape, demonyms))})\b"), demonyms
                ),
                capitals={
                    str(k): (float(v[0]), float(v[1]))
                    for k, v in (admin.get("capitals") or {}).items()
                },
                city_parts={
                    str(city).casefold(): frozenset(map(str, parts))
                    for city, parts in (context.get("city_parts") or {}).items()
                },
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(f"data/geo place context is malformed: {exc!r}") from exc

    def capital_of(self, place: Place) -> tuple[float, float] | None:
        """The provincial capital's point when ``place`` is a governorate (ADM1 region)."""
        region = self.governorates.get(place.admin1 or "")
        if region is None or region.gazetteer_id != place.gazetteer_id:
            return None
        return self.capitals.get(place.admin1 or "")

    def label(self, relation: str, place: str) -> str:
        template = self.labels.get(relation, self.labels["default"])
        return template.format(relation=relation, place=place)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance."""
    return great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)


def within_km(a: Place, b: Place, km: float) -> bool:
    """``distance_km(a, b) < km``; a great-circle distance is at least the meridian arc
    between the two latitudes, so far-apart latitudes skip the trigonometry."""
    if abs(a.latitude - b.latitude) * KM_PER_DEGREE > km + SLACK_KM:
        return False
    return distance_km(a, b) < km


def focus_place(places: Sequence[Place], focus: str) -> Place | None:
    """The most likely place of the focus country among ``places`` (towns before regions)."""
    local = [p for p in places if p.country == focus]
    return max(local, key=lambda p: (p.feature_class == "P", p.population), default=None)


class Scored(NamedTuple):
    """A candidate place with the fixed parts of its score (see ``Geocoder._ranked``)."""

    place: Place
    base: float
    town: float


class Ranked(NamedTuple):
    """A candidate and its final score."""

    score: float
    place: Place


class NamedCountries:
    """The (offset, ISO code) of the countries an article names, by offset."""

    def __init__(self, by_offset: Sequence[tuple[int, str]]) -> None:
        self.by_offset = by_offset
        self.offsets = [at for at, _ in by_offset]

    def around(self, offset: int, window: int) -> set[str]:
        """The countries named within ``window`` characters of ``offset``."""
        lo = bisect.bisect_left(self.offsets, offset - window)
        hi = bisect.bisect_right(self.offsets, offset + window)
        return {iso for _, iso in self.by_offset[lo:hi]}


class Nearby:
    """How close a place lies to the towns of the article that are not in doubt (the
    anchors); memoised per place object, as an article names the same places again."""

    def __init__(self, anchors: Sequence[tuple[int, Place]], km: float) -> None:
        self.anchors = anchors
        self.km = km
        self._within: dict[int, tuple[tuple[int, float], ...]] = {}

    def closeness(self, place: Place, index: int) -> float:
        """1 at an anchor other than that of mention ``index``, fading to 0 at ``km``."""
        found = self._within.get(id(place))
        if found is None:
            found = tuple(
                (i, distance_km(place, a)) for i, a in self.anchors if within_km(place, a, self.km)
            )
            self._within[id(place)] = found
        nearest = min((km for i, km in found if i != index), default=None)
        return 0.0 if nearest is None else 1.0 - nearest / self.km


@dataclass(frozen=True)
class ArticlePlaces:
    """What one article says that helps to choose among candidates."""

    countries: tuple[tuple[int, str], ...]
    """(offset, ISO code) of each country or nationality named."""
    anchors: tuple[tuple[int, Place], ...] = ()
    """(mention index, place) of the towns that are not in doubt."""


def describe(place: Place, score: float, countries: Mapping[str, str]) -> str:
    """A candidate as the record shows it: "Homs, Lebanon (geonames:276781) 3.10"."""
    where = [place.name, place.admin1, countries.get(place.country, place.country)]
    parts = [w for i, w in enumerate(where) if w and (i == 0 or w != where[i - 1])]
    return f"{', '.join(parts)} ({place.gazetteer_id}) {score:.2f}"
