"""From toponym mentions to ACLED-style locations, disambiguated article by article.

A name can match many places ("Tripoli", "Homs"). Each candidate is scored by the country
focus, the admin1 the context gives, the countries the article names near it, its
population and its distance to the other places named; the best one wins (weights:
``data/geo/scoring.yaml``, see ``scoring.py``). A name the gazetteer lacks gets the
candidates of its near misses (``fuzzy.py``), with a lower score. Each location keeps its
score, how the name matched, and the runner-up. Relations ("northwest of", "countryside")
set geo_precision: 1 the place itself, 2 near a known point, 3 a region.

The admin1 context comes from a regional phrase right after a name ("Salqin in Idlib
province") or from an address written with commas or brackets that ends at a governorate's
name ("Harem, Idlib", "Azaz town (Aleppo)", "Ghassaniya, Jisr al-Shughur, Idlib"), as ACLED
notes and wire datelines write them; that last name is then the governorate (geo_precision
3), not its capital. The last of a list ("Salma, Latakia and Tartus") is no such context.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from ..records import GeoPrecision, Location, ToponymMention
from .fuzzy import FuzzyIndex
from .gazetteer import Gazetteer, Place, country_names
from .names import NameNormalizer
from .scoring import (
    ArticlePlaces,
    GeocodeRules,
    NamedCountries,
    Nearby,
    Ranked,
    Scored,
    Scoring,
    describe,
    distance_km,
    focus_place,
    within_km,
)

__all__ = ["GeocodeRules", "Geocoder", "Scoring", "distance_km", "focus_place", "within_km"]

PRECISIONS: dict[int, GeoPrecision] = {1: 1, 2: 2, 3: 3}
SENTENCE_END = re.compile(r"[.;!?\n]")
Match = Literal["exact", "fuzzy"]


class Candidates(NamedTuple):
    """The places a mention may name, and how many edits its name is from theirs."""

    places: list[Place]
    edits: int = 0


class Choice(NamedTuple):
    """The place chosen for a mention (or None), its score, and the best one not chosen."""

    place: Place | None
    score: float | None = None
    runner_up: Ranked | None = None


class Geocoder:
    """Resolves an article's toponym mentions together (see the module docstring)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        country_focus: str = "SY",
        country_names: Mapping[str, str] | None = None,
        rules: GeocodeRules | None = None,
        common_words: frozenset[str] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.focus = country_focus
        self.countries = dict(country_names) if country_names is not None else _names()
        self.rules = rules or GeocodeRules.load()
        self.scoring = self.rules.scoring
        self.common = frozenset(STOP_WORDS) if common_words is None else common_words
        normalizer = getattr(gazetteer, "normalizer", None)
        self.normalizer = normalizer if isinstance(normalizer, NameNormalizer) else None
        self._fuzzy_index: FuzzyIndex | None = None

    def admin1_of(self, name: str, *, relation: str | None = None) -> str | None:
        """The admin1 a context gives: that of the focus-country place called ``name``."""
        place = focus_place(self.gazetteer.lookup(name), self.focus)
        if place is None or place.admin1 is None:
            return None
        if relation in ("countryside", "province"):
            return self.rules.countryside.get(place.admin1, place.admin1)
        return place.admin1

    def resolve(self, mentions: Sequence[ToponymMention], *, text: str) -> list[Location | None]:
        ends = self._address_ends(mentions, text)
        mentions = self._with_context_hints(mentions, text, ends)
        found = [self._candidates(m) for m in mentions]
        candidates = [c.places for c in found]
        countries = self._countries_named(mentions, candidates, text)
        named = NamedCountries(sorted(countries))
        scored = [self._scored(m, c, named) for m, c in zip(mentions, found, strict=True)]
        first = [self._ranked(i, s, None) for i, s in enumerate(scored)]
        article = ArticlePlaces(countries, self._anchors(first, found))
        nearby = Nearby(article.anchors, self.scoring.near_km)
        chosen = [
            self._trusted(self._ranked(i, s, nearby), m, article, f.edits)
            for i, (m, s, f) in enumerate(zip(mentions, scored, found, strict=True))
        ]
        places = [c.place for c in chosen]
        located: list[Location | None] = [
            self._recorded(self._locate(m, c.place, (mentions, places), text), c, f.edits)
            for m, c, f in zip(mentions, chosen, found, strict=True)
        ]
        for j, admin1 in ends.items():
            region, place = self.rules.governorates.get(admin1), places[j]
            if region is not None and place is not None and place.admin1 == admin1:
                label = self.rules.label("province", mentions[j].text)
                whole = self._location(region, name=label, precision=3)
                located[j] = self._recorded(whole, chosen[j], found[j].edits)
        return located

    def _with_context_hints(
        self, mentions: Sequence[ToponymMention], text: str, ends: Mapping[int, str]
    ) -> list[ToponymMention]:
        """A name right before a regional context ("Salqin in Idlib province", "Kafr Zita,
        in Hama's northern countryside") or in an address that ends at a governorate
        (``ends``) takes that context's admin1 as its hint."""
        out = list(mentions)
        for i, (m, after) in enumerate(itertools.pairwise(mentions)):
            if m.admin_hint or m.relation:
                continue
            if after.relation not in self.rules.regional:
                end = next(
                    (j for j in sorted(ends) if j > i and self._chained(mentions, i, j, text)), None
                )
                if end is not None:
                    out[i] = m.model_copy(update={"admin_hint": ends[end]})
            elif after.admin_hint and self.scoring.hint_link.fullmatch(text, m.end, after.start):
                out[i] = m.model_copy(update={"admin_hint": after.admin_hint})
        return out

    def _chained(self, mentions: Sequence[ToponymMention], i: int, j: int, text: str) -> bool:
        """Are mentions ``i`` to ``j`` one address ("Ghassaniya, Jisr al-Shughur, Idlib")?"""
        return all(
            self.scoring.address_link.fullmatch(text, mentions[k].end, mentions[k + 1].start)
            for k in range(i, j)
        )

    def _address_ends(self, mentions: Sequence[ToponymMention], text: str) -> dict[int, str]:
        """The mentions that end an address written with commas or brackets ("Harem,
        Idlib", "Azaz (Aleppo)", "Ghassaniya, Jisr al-Shughur, Idlib") and name a
        governorate, with its admin1: the governorate is meant there, not its capital.
        Not the last of a list ("Salma, Latakia and Tartus")."""
        ends = {}
        for j in range(1, len(mentions)):
            last = mentions[j]
            goes_on = j + 1 < len(mentions) and self.scoring.list_goes_on.fullmatch(
                text, last.end, mentions[j + 1].start
            )
            if last.relation or last.admin_hint or goes_on:
                continue
            if not self.scoring.address_link.fullmatch(text, mentions[j - 1].end, last.start):
                continue
            admin1 = self._governorate_named(last.name)
            if admin1 is not None:
                ends[j] = admin1
        return ends

    def _governorate_named(self, name: str) -> str | None:
        """The admin1 ``name`` stands for when it is a governorate's or its capital's name."""
        for place in self.gazetteer.lookup(name):
            if place.country != self.focus or place.admin1 is None:
                continue
            if place.feature_code == "ADM1":
                return place.admin1
            if self._near_capital(place):
                return place.admin1
        return None

    def _candidates(self, mention: ToponymMention) -> Candidates:
        """The places named exactly, else those of the nearest near misses (``fuzzy.py``):
        the focus country's first, and only those agreeing with the admin1 hint."""
        exact = self.gazetteer.lookup(mention.name)
        if exact or not self.scoring.fuzzy.allowed(mention.name, self.common):
            return Candidates(exact)
        tiers: dict[bool, Candidates] = {}
        hint = mention.admin_hint
        for near in self._fuzzy().near(self._key(mention.name)):
            places = [p for p in self.gazetteer.lookup(near.key) if not hint or p.admin1 == hint]
            for focus in {p.country == self.focus for p in places}:
                tier = tiers.setdefault(focus, Candidates([], near.edits))
                if tier.edits == near.edits:
                    tier.places.extend(p for p in places if (p.country == self.focus) is focus)
        best = tiers.get(True) or tiers.get(False) or Candidates([])
        unique = {p.gazetteer_id: p for p in best.places}
        return Candidates(list(unique.values()), best.edits)

    def _key(self, name: str) -> str:
        key = getattr(self.gazetteer, "key", None)
        if callable(key):
            return str(key(name))
        if self.normalizer is None:
            self.normalizer = NameNormalizer.load()
        return self.normalizer.normalize(name)

    def _fuzzy(self) -> FuzzyIndex:
        """The gazetteer's fuzzy index, built on first use and kept with the gazetteer."""
        if self._fuzzy_index is None:
            rules = self.scoring.fuzzy

            def build() -> FuzzyIndex:
                return FuzzyIndex(self.gazetteer.names(), rules)

            memo = getattr(self.gazetteer, "memo", None)
            index = memo("fuzzy-index", build) if callable(memo) else build()
            self._fuzzy_index = index if isinstance(index, FuzzyIndex) else build()
        return self._fuzzy_index

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
        self, mention: ToponymMention, found: Candidates, named: NamedCountries
    ) -> list[Scored]:
        """Each candidate with the part of its score that does not depend on the other
        places of the article, and its town bonus (added last, after the near bonus)."""
        sc = self.scoring
        near_countries = named.around(mention.start, sc.named_country_window)
        hint = mention.admin_hint
        penalty = sc.fuzzy.penalty * found.edits
        scored = []
        for p in found.places:
            s = math.log10(p.population + 10) - penalty
            s += sc.focus_bonus if p.country == self.focus else 0.0
            s += sc.named_country_bonus if p.country in near_countries else 0.0
            s += sc.hint_bonus if hint and p.admin1 == hint else 0.0
            scored.append(Scored(p, s, sc.town_bonus if p.feature_class == "P" else 0.0))
        return scored

    def _ranked(self, index: int, scored: Sequence[Scored], nearby: Nearby | None) -> Choice:
        """The best candidate of mention ``index`` and the runner-up, a bonus going to those
        near a town of the article that is not in doubt (``nearby``; none on the first
        pass). Ties go to the candidate listed first."""
        bonus = self.scoring.near_bonus

        def score(c: Scored) -> float:
            close = nearby.closeness(c.place, index) if nearby is not None else 0.0
            return c.base + bonus * close + c.town

        ranked = sorted((Ranked(score(c), c.place) for c in scored), key=lambda r: -r.score)
        if not ranked:
            return Choice(None)
        return Choice(ranked[0].place, ranked[0].score, ranked[1] if len(ranked) > 1 else None)

    def _anchors(
        self, first: Sequence[Choice], found: Sequence[Candidates]
    ) -> tuple[tuple[int, Place], ...]:
        """Towns of the article that are not in doubt: named exactly, and every candidate
        within ``same_place_km`` of the first choice (one place, maybe in two gazetteers)."""
        km = self.scoring.same_place_km
        anchors = []
        for i, (choice, cands) in enumerate(zip(first, found, strict=True)):
            p = choice.place
            if p is None or cands.edits or p.feature_class != "P":
                continue
            if all(within_km(p, other, km) for other in cands.places):
                anchors.append((i, p))
        return tuple(anchors)

    def _trusted(
        self, choice: Choice, mention: ToponymMention, article: ArticlePlaces, edits: int
    ) -> Choice:
        """The choice, unless the article makes it unlikely (see ``scoring.yaml``); a place
        not kept becomes the runner-up of an unresolved mention."""
        place = choice.place
        if place is None:
            return choice
        if edits:
            kept = self._near_miss_fits(place, mention, article)
        else:
            kept = place.country == self.focus or self._foreign_fits(place, mention, article)
        return choice if kept else Choice(None, None, Ranked(choice.score or 0.0, place))

    def _foreign_fits(self, place: Place, mention: ToponymMention, article: ArticlePlaces) -> bool:
        """A foreign country, capital, big or well-known city, or a town whose country the
        article names near it."""
        sc = self.scoring
        if place.feature_code in ("PCLI", "PPLC") or place.population >= sc.major_city_population:
            return True
        return place.name in sc.well_known or _named_near(place, mention, article, sc.trust_window)

    def _near_miss_fits(
        self, place: Place, mention: ToponymMention, article: ArticlePlaces
    ) -> bool:
        """A near miss is weaker evidence: abroad, its country must be named near it; at
        home, it must lie within near_km of a town of the article not in doubt, when the
        article has such towns ("Midan" in a report from Damascus is not Ma'dan on the
        Euphrates)."""
        if place.country != self.focus:
            return _named_near(place, mention, article, self.scoring.trust_window)
        km = self.scoring.near_km
        home = [a for _, a in article.anchors if a.country == self.focus]
        return not home or any(within_km(place, a, km) for a in home)

    def _recorded(self, location: Location, choice: Choice, edits: int) -> Location:
        """The location with its disambiguation record: the chosen place's score, how the
        name matched, and the runner-up ("Homs, Lebanon (geonames:276781) 3.10")."""
        runner = choice.runner_up
        record: dict[str, object] = {
            "runner_up": describe(runner.place, runner.score, self.countries) if runner else None
        }
        if choice.place is not None and choice.score is not None:
            match: Match = "fuzzy" if edits else "exact"
            record.update(score=round(choice.score, 2), match=match)
        return location.model_copy(update=record)

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
        if mention.relation in self.rules.regional and not self._city_part(mention, place):
            return self._regional(mention, place)
        if mention.relation:
            label = self.rules.label(mention.relation, mention.text)
            return self._location(place, name=label, precision=2)
        return self._location(place, name=place.name, precision=self._precision(place))

    def _city_part(self, mention: ToponymMention, place: Place) -> bool:
        """ "eastern Aleppo": a part of the city, not of the governorate (``city_parts``)."""
        parts = self.rules.city_parts.get(place.name.casefold(), frozenset())
        return place.feature_class == "P" and mention.relation in parts

    def _precision(self, place: Place) -> int:
        if place.gazetteer_id in self.rules.precision:
            return self.rules.precision[place.gazetteer_id]
        return 3 if place.feature_class == "A" else 1

    def _location(self, place: Place, *, name: str, precision: int) -> Location:
        """``place`` as an event's location; a governorate is placed at its provincial
        capital (``capitals`` in ``data/geo/admin1_syria.yaml``: ACLED's rule)."""
        capital = self.rules.capital_of(place)
        if capital is not None:
            place = place.model_copy(update={"latitude": capital[0], "longitude": capital[1]})
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
        """ "Aleppo countryside", "northern Aleppo": the governorate, named by the phrase. The
        countryside of a town that is not its governorate's capital ("the eastern countryside
        of Salamiyah") is the area around the town: a region at the town's point."""
        label = self.rules.label(str(mention.relation), mention.text)
        if mention.relation == "countryside" and self._town_not_capital(place):
            return self._location(place, name=label, precision=3)
        admin1 = place.admin1
        if admin1 and mention.relation in ("countryside", "province"):
            admin1 = self.rules.countryside.get(admin1, admin1)
        region = self.rules.governorates.get(admin1 or "")
        return self._location(region or place, name=label, precision=3)

    def _town_not_capital(self, place: Place) -> bool:
        known = (place.admin1 or "") in self.rules.capitals
        return place.feature_class == "P" and known and not self._near_capital(place)

    def _near_capital(self, place: Place) -> bool:
        """Is ``place`` its governorate's capital (within ``capital_km`` of its point)?"""
        capital = self.rules.capitals.get(place.admin1 or "")
        if capital is None:
            return False
        point = place.model_copy(update={"latitude": capital[0], "longitude": capital[1]})
        return within_km(place, point, self.scoring.capital_km)

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


def _named_near(place: Place, mention: ToponymMention, article: ArticlePlaces, window: int) -> bool:
    """Does the article name the place's country (or its nationality) near the mention?"""
    return any(
        iso == place.country and abs(at - mention.start) <= window for at, iso in article.countries
    )
