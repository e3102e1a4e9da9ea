"""From toponym mentions to ACLED-style locations, disambiguated article by article.

A name can match many places ("Tripoli", "Homs"). Each candidate is scored by the country
focus, the admin1 the context gives, the countries the article names near it, its
population and its distance to the other places named; the best one wins (weights:
``data/geo/scoring.yaml``). Relations ("northwest of", "countryside") set geo_precision:
1 the place itself, 2 near a known point, 3 a region.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ..anchors import AnchoredPattern
from ..errors import ResourceError
from ..records import GeoPrecision, Location, ToponymMention
from ..resources import load_yaml
from .gazetteer import Gazetteer, Place, country_names, region_entries, region_precision

PRECISIONS: dict[int, GeoPrecision] = {1: 1, 2: 2, 3: 3}
SENTENCE_END = re.compile(r"[.;!?\n]")
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180
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

    @classmethod
    def load(cls) -> Scoring:
        data = load_yaml("geo", "scoring.yaml")
        try:
            values = {k: v for k, v in data.items() if k != "version"}
            values["well_known"] = frozenset(values.get("well_known", ()))
            return cls(**values)
        except TypeError as exc:
            raise ResourceError(f"data/geo/scoring.yaml is malformed: {exc}") from exc


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
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ResourceError(f"data/geo place context is malformed: {exc!r}") from exc

    def label(self, relation: str, place: str) -> str:
        template = self.labels.get(relation, self.labels["default"])
        return template.format(relation=relation, place=place)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return EARTH_RADIUS_KM * 2 * math.asin(min(1.0, math.sqrt(h)))


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
    """A candidate place with the fixed parts of its score (see ``Geocoder._best``)."""

    place: Place
    base: float
    town: float


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
    """Which towns of the article that are not in doubt (the anchors) lie within ``km`` of
    a place; memoised per place object, as an article names the same places again."""

    def __init__(self, anchors: Sequence[tuple[int, Place]], km: float) -> None:
        self.anchors = anchors
        self.km = km
        self._within: dict[int, tuple[int, ...]] = {}

    def close(self, place: Place, index: int) -> bool:
        """Is ``place`` near an anchor other than that of mention ``index``?"""
        found = self._within.get(id(place))
        if found is None:
            found = tuple(i for i, a in self.anchors if within_km(place, a, self.km))
            self._within[id(place)] = found
        return any(i != index for i in found)


@dataclass(frozen=True)
class ArticlePlaces:
    """What one article says that helps to choose among candidates."""

    countries: tuple[tuple[int, str], ...]
    """(offset, ISO code) of each country or nationality named."""
    anchors: tuple[tuple[int, Place], ...] = ()
    """(mention index, place) of the towns that are not in doubt."""


class Geocoder:
    """Resolves an article's toponym mentions together (see the module docstring)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        country_focus: str = "SY",
        country_names: Mapping[str, str] | None = None,
        rules: GeocodeRules | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.focus = country_focus
        self.countries = dict(country_names) if country_names is not None else _names()
        self.rules = rules or GeocodeRules.load()
        self.scoring = self.rules.scoring

    def admin1_of(self, name: str, *, relation: str | None = None) -> str | None:
        """The admin1 a context gives: that of the focus-country place called ``name``."""
        place = focus_place(self.gazetteer.lookup(name), self.focus)
        if place is None or place.admin1 is None:
            return None
        if relation in ("countryside", "province"):
            return self.rules.countryside.get(place.admin1, place.admin1)
        return place.admin1

    def resolve(self, mentions: Sequence[ToponymMention], *, text: str) -> list[Location | None]:
        candidates = [self.gazetteer.lookup(m.name) for m in mentions]
        countries = self._countries_named(mentions, candidates, text)
        named = NamedCountries(sorted(countries))
        scored = [
            self._scored(m, places, named) for m, places in zip(mentions, candidates, strict=True)
        ]
        first = [self._best(i, s, None) for i, s in enumerate(scored)]
        article = ArticlePlaces(countries, _anchors(first, candidates))
        nearby = Nearby(article.anchors, self.scoring.near_km)
        chosen = [
            self._trusted(self._best(i, s, nearby), m, article)
            for i, (m, s) in enumerate(zip(mentions, scored, strict=True))
        ]
        return [
            self._locate(m, p, (mentions, chosen), text)
            for m, p in zip(mentions, chosen, strict=True)
        ]

    def _countries_named(
        self, mentions: Sequence[ToponymMention], candidates: Sequence[list[Place]], text: str
    ) -> tuple[tuple[int, str], ...]:
        named = [
            (m.start, p.country)
            for m, places in zip(mentions, candidates, strict=True)
            for p in places
            if p.feature_code == "PCLI"
        ]
        for m in self.rules.demonym_pattern.finditer(text):
            named.append((m.start(), self.rules.demonyms[m.group()]))
        return tuple(named)

    def _scored(
        self, mention: ToponymMention, places: Sequence[Place], named: NamedCountries
    ) -> list[Scored]:
        """Each candidate with the part of its score that does not depend on the other
        places of the article, and its town bonus (added last, after the near bonus)."""
        sc = self.scoring
        near_countries = named.around(mention.start, sc.named_country_window)
        hint = mention.admin_hint
        scored = []
        for p in places:
            s = math.log10(p.population + 10)
            s += sc.focus_bonus if p.country == self.focus else 0.0
            s += sc.named_country_bonus if p.country in near_countries else 0.0
            s += sc.hint_bonus if hint and p.admin1 == hint else 0.0
            scored.append(Scored(p, s, sc.town_bonus if p.feature_class == "P" else 0.0))
        return scored

    def _best(self, index: int, scored: Sequence[Scored], nearby: Nearby | None) -> Place | None:
        """The best candidate of mention ``index``, a bonus going to those near a town of
        the article that is not in doubt (``nearby``; none on the first pass)."""
        if len(scored) < 2:
            return scored[0].place if scored else None
        bonus = self.scoring.near_bonus

        def score(c: Scored) -> float:
            close = nearby is not None and nearby.close(c.place, index)
            return c.base + (bonus if close else 0.0) + c.town

        return max(scored, key=score).place

    def _trusted(
        self, place: Place | None, mention: ToponymMention, article: ArticlePlaces
    ) -> Place | None:
        """A foreign town is kept when the article makes it likely (see ``scoring.yaml``)."""
        sc = self.scoring
        if place is None or place.country == self.focus:
            return place
        if place.feature_code in ("PCLI", "PPLC") or place.population >= sc.major_city_population:
            return place
        if place.name in sc.well_known:
            return place
        window = sc.trust_window
        named = any(
            iso == place.country and abs(at - mention.start) <= window
            for at, iso in article.countries
        )
        return place if named else None

    def _locate(
        self,
        mention: ToponymMention,
        place: Place | None,
        article: tuple[Sequence[ToponymMention], Sequence[Place | None]],
        text: str,
    ) -> Location:
        if place is None:
            anchor = self._anchor(mention, article, text)
            return self._unresolved(mention, anchor)
        if mention.relation in self.rules.regional:
            return self._regional(mention, place)
        if mention.relation:
            label = self.rules.label(mention.relation, mention.text)
            return self._location(place, name=label, precision=2)
        return self._location(place, name=place.name, precision=self._precision(place))

    def _precision(self, place: Place) -> int:
        if place.gazetteer_id in self.rules.precision:
            return self.rules.precision[place.gazetteer_id]
        return 3 if place.feature_class == "A" else 1

    def _location(self, place: Place, *, name: str, precision: int) -> Location:
        return Location(
            name=name,
            admin1=place.admin1,
            admin2=place.admin2,
            country=self.countries.get(place.country, place.country),
            latitude=round(place.latitude, 5),
            longitude=round(place.longitude, 5),
            geo_precision=PRECISIONS.get(precision, 3),
            gazetteer_id=place.gazetteer_id,
        )

    def _regional(self, mention: ToponymMention, place: Place) -> Location:
        """ "Aleppo countryside", "northern Aleppo": the governorate, named by the phrase."""
        label = self.rules.label(str(mention.relation), mention.text)
        admin1 = place.admin1
        if admin1 and mention.relation in ("countryside", "province"):
            admin1 = self.rules.countryside.get(admin1, admin1)
        region = self.rules.governorates.get(admin1 or "")
        return self._location(region or place, name=label, precision=3)

    def _unresolved(self, mention: ToponymMention, anchor: Place | None) -> Location:
        """A place the gazetteer lacks keeps its text; near a known town when one is named."""
        if anchor is not None:
            near = self._location(anchor, name=mention.text, precision=2)
            return near.model_copy(update={"gazetteer_id": None})
        region = self.rules.governorates.get(mention.admin_hint or "")
        if region is not None:
            inside = self._location(region, name=mention.text, precision=3)
            return inside.model_copy(update={"gazetteer_id": None})
        return Location(name=mention.text, admin1=mention.admin_hint, geo_precision=3)

    def _anchor(
        self,
        mention: ToponymMention,
        article: tuple[Sequence[ToponymMention], Sequence[Place | None]],
        text: str,
    ) -> Place | None:
        """The known town named right after an unknown one, in the same sentence."""
        for other, place in zip(*article, strict=True):
            if other.start < mention.end or place is None or place.feature_class != "P":
                continue
            if other.start - mention.end > self.scoring.anchor_gap or SENTENCE_END.search(
                text, mention.end, other.start
            ):
                return None
            hint = mention.admin_hint
            return place if hint is None or place.admin1 == hint else None
        return None


def _names() -> dict[str, str]:
    return country_names()


def _anchors(
    first: Sequence[Place | None], candidates: Sequence[Sequence[Place]]
) -> tuple[tuple[int, Place], ...]:
    """Towns of the article that are not in doubt (their name has one candidate)."""
    return tuple(
        (i, p)
        for i, p in enumerate(first)
        if p is not None and len(candidates[i]) == 1 and p.feature_class == "P"
    )
