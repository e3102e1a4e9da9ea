"""Control observations read from a stored article and its events.

A trigger is a control phrase (``data/lexicons/control.yaml``) or the trigger word of an
ACLED territorial event the lexicon does not cover. Each place named in the trigger's
clause, on the side the rule says ("captured X, Y and Z"; "X fell to ..."), that the
extraction geocoder resolves to a gazetteer locality at geo_precision 1, gets one
observation: "northwest of Aleppo" is a point, not a locality, and regions hold nothing.
The side is the one the phrase names ("rebel-held") or the actor that acts (the first actor
of the clause before an active phrase, the first one after a passive one); a clause opening
with an anaphor ("The units then ended ...") takes the first actor of the previous sentence
of its paragraph; else the linked event's actor1 when it is named in the same sentence; no side,
no observation. The date is
the linked event's date (the event whose trigger is the phrase, or one stated in the same
sentence), else the publication date; a "held" statement is dated by publication. Nothing is
invented: every observation keeps its sentence as evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..extract.actors import ActorLexicon
from ..extract.sentences import split_sentences
from ..records import ActorMention, Article, Event, Location, ToponymMention
from ..resources import load_yaml
from .control_lexicon import ControlLexicon, ControlTrigger, phrase_alternation, territorial_rule
from .model import Observation

if TYPE_CHECKING:
    from ..extract.pipeline import Extractor
    from ..extract.toponyms import ToponymTagger
    from ..geocode.geocoder import Geocoder

Bounds = tuple[int, int]


@dataclass(frozen=True)
class FoundObservation:
    """An observation with what the store keeps beside it: the locality's point and the
    evidence's offsets in the article text."""

    observation: Observation
    latitude: float
    longitude: float
    start: int
    end: int


@dataclass(frozen=True)
class _Place:
    mention: ToponymMention
    location: Location


@dataclass(frozen=True)
class _Article:
    """One article being read: its text, sentences, places, actors and event triggers."""

    article: Article
    events: Sequence[Event]
    sentences: list[Bounds]
    places: list[_Place | None]
    actors: list[ActorMention]

    @property
    def text(self) -> str:
        return self.article.text

    def sentence(self, offset: int) -> Bounds:
        for bounds in self.sentences:
            if bounds[0] <= offset < bounds[1]:
                return bounds
        return self.sentences[-1] if self.sentences else (0, len(self.text))


def event_trigger(event: Event) -> tuple[int, int] | None:
    spans = [(e.start, e.end) for e in event.evidence if e.field == "event_type"]
    return spans[0] if spans else None


def _evidence_span(event: Event, field: str) -> tuple[int, int] | None:
    spans = [(e.start, e.end) for e in event.evidence if e.field.split(".")[0] == field]
    return spans[0] if spans else None


@lru_cache(maxsize=1)
def packaged_anaphors() -> tuple[str, ...]:
    """The anaphoric subjects of ``data/lexicons/control.yaml`` (key ``anaphors``)."""
    data = load_yaml("lexicons", "control.yaml")
    return tuple(str(a) for a in (data or {}).get("anaphors") or [])


@lru_cache(maxsize=1)
def packaged_place_anaphors() -> tuple[str, ...]:
    """The subjects standing for the previous sentence's places (key ``place_anaphors``)."""
    data = load_yaml("lexicons", "control.yaml")
    return tuple(str(a) for a in (data or {}).get("place_anaphors") or [])


def _opening(phrases: Iterable[str]) -> re.Pattern[str]:
    """Matches a text that opens with one of ``phrases`` (after spaces or a quote)."""
    return re.compile(rf"\s*[\"“]?(?:{phrase_alternation(phrases)})", re.I)


def is_locality(location: Location | None) -> bool:
    """A gazetteer locality: precise (geo_precision 1), with a gazetteer id and a point."""
    return (
        location is not None
        and location.geo_precision == 1
        and location.gazetteer_id is not None
        and location.latitude is not None
        and location.longitude is not None
    )


class ControlReader:
    """Reads control observations from articles (see the module docstring). Build it from the
    extractor (``from_extractor``) so that places resolve exactly as events' places do."""

    def __init__(
        self,
        *,
        toponyms: ToponymTagger,
        geocoder: Geocoder,
        actors: ActorLexicon | None = None,
        lexicon: ControlLexicon | None = None,
        anaphors: Iterable[str] | None = None,
    ) -> None:
        self.toponyms = toponyms
        self.geocoder = geocoder
        self.actors = actors or ActorLexicon.load()
        self.lexicon = lexicon or ControlLexicon.load()
        self.anaphors = _opening(packaged_anaphors() if anaphors is None else anaphors)
        self.place_anaphors = _opening(packaged_place_anaphors())
        self._last: _Article | None = None

    @classmethod
    def from_extractor(cls, extractor: Extractor) -> ControlReader:
        tagger = extractor.nlp.get_pipe("fw_toponyms_v1")
        return cls(toponyms=tagger, geocoder=extractor.ctx.geocoder)  # type: ignore[arg-type]

    def read(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        credibility: float,
        source: str | None,
    ) -> list[FoundObservation]:
        """The control observations of one article (none when it has no control phrase)."""
        triggers = self._triggers(article.text, events)
        if not triggers:
            return []
        doc = self.prepare(article, events)
        found: dict[tuple[str, str, str], FoundObservation] = {}
        skip = self._capture_objects(doc, triggers)
        for trigger in triggers:
            if trigger.rule.kind == "held" and any(a <= trigger.start < b for a, b in skip):
                continue  # "captured the rebel-held town of X": the state before the capture
            for obs in self._observe(doc, trigger, credibility=credibility, source=source):
                o = obs.observation
                found.setdefault((o.locality_id, o.kind, o.side), obs)
        return list(found.values())

    def _triggers(self, text: str, events: Sequence[Event]) -> list[ControlTrigger]:
        found = self.lexicon.triggers(text)
        for event in events:
            rule = territorial_rule(event.sub_event_type)
            span = event_trigger(event)
            if rule is None or span is None:
                continue
            if all(span[1] <= t.start or t.end <= span[0] for t in found):
                found.append(ControlTrigger(span[0], span[1], text[span[0] : span[1]], rule))
        return sorted(found, key=lambda t: t.start)

    def prepare(self, article: Article, events: Sequence[Event]) -> _Article:
        """The article read for control: its sentences, resolved places and actors. The
        last one is kept: the route report reader reads the same article right after."""
        last = self._last
        if last is not None and last.article is article and last.events is events:
            return last
        self._last = self._read(article, events)
        return self._last

    def _read(self, article: Article, events: Sequence[Event]) -> _Article:
        text = article.text
        mentions = self.toponyms.mentions(text)
        locations = self.geocoder.resolve(mentions, text=text)
        places = [
            _Place(m, loc) if loc is not None else None
            for m, loc in zip(mentions, locations, strict=True)
        ]
        return _Article(article, events, split_sentences(text), places, self.actors.mentions(text))

    def _capture_objects(self, doc: _Article, triggers: Sequence[ControlTrigger]) -> list[Bounds]:
        spans = []
        for t in triggers:
            if t.rule.kind == "captured" and t.rule.places == "after":
                listed = self._places(doc, t)
                if listed:
                    spans.append((t.end, listed[-1].mention.end))
        return spans

    def _observe(
        self, doc: _Article, trigger: ControlTrigger, *, credibility: float, source: str | None
    ) -> list[FoundObservation]:
        text = doc.text
        sentence = doc.sentence(trigger.start)
        rule = trigger.rule
        if self.lexicon.is_negated(text, sentence[0], trigger):
            return []
        if rule.kind != "held" and self.lexicon.is_adjective(text, trigger):
            return []
        event = self._event(doc, trigger, sentence)
        side = rule.side or self._side(doc, trigger, sentence, event)
        places = [p for p in self._places(doc, trigger) if is_locality(p.location)]
        if not places and event is not None:
            places = self._event_place(doc, event, self.lexicon.clause(text, sentence, trigger))
        observed = self._date(doc, rule.kind, event)
        if side is None or observed is None:
            return []
        start, end = stripped(text, sentence)
        return [
            FoundObservation(
                Observation(
                    locality_id=str(p.location.gazetteer_id),
                    locality_name=p.location.name,
                    side=side,
                    kind=rule.kind,  # type: ignore[arg-type]
                    observed=observed,
                    event_id=event.event_id if event else None,
                    article_id=doc.article.article_id,
                    evidence=text[start:end],
                    credibility=credibility,
                    source=source,
                ),
                float(p.location.latitude or 0.0),
                float(p.location.longitude or 0.0),
                start,
                end,
            )
            for p in places
        ]

    def _places(self, doc: _Article, trigger: ControlTrigger) -> list[_Place]:
        """The places the trigger is about: the first one on the rule's side within reach,
        and those listed with it ("X, Y and the village of Z")."""
        lo, hi = self.lexicon.clause(doc.text, doc.sentence(trigger.start), trigger)
        known = [p for p in doc.places if p is not None]
        if trigger.rule.places == "after":
            return self._listed_after(
                doc.text,
                trigger,
                [p for p in known if trigger.end <= p.mention.start and p.mention.end <= hi],
            )
        before = [p for p in known if lo <= p.mention.start and p.mention.end <= trigger.start]
        if not before:
            return self._previous_places(doc, (lo, trigger.start), known)
        return self._listed_before(doc.text, trigger, before)

    def _previous_places(self, doc: _Article, clause: Bounds, known: list[_Place]) -> list[_Place]:
        """ "Both are loyal to ...": the places the previous sentence (same paragraph) ends
        with, when the clause opens with a place anaphor and then only before_gap's words."""
        text = doc.text
        opening = self.place_anaphors.match(text, clause[0], clause[1])
        if opening is None or not self.lexicon.joins_before(text[opening.end() : clause[1]]):
            return []
        sentence = doc.sentence(clause[0])
        if clause[0] > sentence[0] and text[sentence[0] : clause[0]].strip():
            return []  # the anaphor must open its sentence
        paragraph = text.rfind("\n", 0, sentence[0]) + 1
        previous = [s for s in doc.sentences if paragraph <= s[0] and s[1] <= sentence[0]]
        if not previous:
            return []
        lo, hi = previous[-1]
        inside = [p for p in known if lo <= p.mention.start and p.mention.end <= hi]
        if not inside or text[inside[-1].mention.end : hi].strip(" .'’\"”") != "":
            return []
        listed = [inside[-1]]
        for prev in reversed(inside[:-1]):
            if not self.lexicon.continues_list(text[prev.mention.end : listed[-1].mention.start]):
                break
            listed.append(prev)
        return listed[::-1]

    def _listed_after(
        self, text: str, trigger: ControlTrigger, places: list[_Place]
    ) -> list[_Place]:
        if not places:
            return []
        first = places[0]
        gap = text[trigger.end : first.mention.start]
        if trigger.rule.near and not self.lexicon.continues_list(gap):
            return []
        if len(gap) > self.lexicon.max_gap or self.lexicon.is_blocked(gap):
            return []
        while (
            not is_locality(first.location)
            and len(places) > 1
            and self.lexicon.apposition.match(text[first.mention.end : places[1].mention.start])
        ):  # "two towns in northern Aleppo province, Nubol and Zahraa": the region qualifies
            places = places[1:]
            first = places[0]
        listed = [first]
        for nxt in places[1:]:
            if not self.lexicon.continues_list(text[listed[-1].mention.end : nxt.mention.start]):
                break
            listed.append(nxt)
        return listed

    def _listed_before(
        self, text: str, trigger: ControlTrigger, places: list[_Place]
    ) -> list[_Place]:
        if not places or not self.lexicon.joins_before(
            text[places[-1].mention.end : trigger.start]
        ):
            return []
        listed = [places[-1]]
        for prev in reversed(places[:-1]):
            if not self.lexicon.continues_list(text[prev.mention.end : listed[-1].mention.start]):
                break
            listed.append(prev)
        return listed[::-1]

    def _side(
        self, doc: _Article, trigger: ControlTrigger, sentence: Bounds, event: Event | None
    ) -> str | None:
        lo, hi = self.lexicon.clause(doc.text, sentence, trigger)
        if trigger.rule.actor == "after":
            after = [a for a in doc.actors if trigger.end <= a.start and a.end <= hi]
            return after[0].side if after else None
        before = [a for a in doc.actors if lo <= a.start and a.end <= trigger.start]
        if before:
            return before[0].side
        earlier = [a for a in doc.actors if sentence[0] <= a.start and a.end <= trigger.start]
        if earlier:
            return earlier[-1].side
        if self.anaphors.match(doc.text, lo, trigger.start):
            return self._antecedent(doc, sentence) or self._actor1(event, sentence)
        return self._actor1(event, sentence)

    @staticmethod
    def _antecedent(doc: _Article, sentence: Bounds) -> str | None:
        """The side of the first actor (its subject, as a rule) of the sentence before
        ``sentence``, in its paragraph."""
        paragraph = doc.text.rfind("\n", 0, sentence[0]) + 1
        previous = [s for s in doc.sentences if paragraph <= s[0] and s[1] <= sentence[0]]
        if not previous:
            return None
        lo, hi = previous[-1]
        named = [a for a in doc.actors if lo <= a.start and a.end <= hi]
        return named[0].side if named else None

    @staticmethod
    def _actor1(event: Event | None, sentence: Bounds) -> str | None:
        """The linked event's actor1, when it is named in ``sentence``."""
        actor = _evidence_span(event, "actor1") if event is not None else None
        if event is not None and event.actor1 and actor and sentence[0] <= actor[0] < sentence[1]:
            return event.actor1.side
        return None

    @staticmethod
    def _event(doc: _Article, trigger: ControlTrigger, sentence: Bounds) -> Event | None:
        """The event the trigger states: the one whose trigger it is, else one stated in the
        same sentence (territorial first). "held" statements belong to no event."""
        if trigger.rule.kind == "held":
            return None
        same: list[tuple[int, Event]] = []
        for event in doc.events:
            span = event_trigger(event)
            if span is None:
                continue
            if span[0] < trigger.end and trigger.start < span[1]:
                return event
            if sentence[0] <= span[0] < sentence[1]:
                rank = 0 if territorial_rule(event.sub_event_type) else 1
                same.append((rank, event))
        return min(same, key=lambda r: r[0])[1] if same else None

    @staticmethod
    def _event_place(doc: _Article, event: Event, clause: Bounds) -> list[_Place]:
        """A territorial event's own locality, when it is named in the trigger's clause."""
        span = _evidence_span(event, "location")
        if not territorial_rule(event.sub_event_type) or span is None:
            return []
        if not is_locality(event.location) or not clause[0] <= span[0] < clause[1]:
            return []
        text = doc.text[span[0] : span[1]]
        mention = ToponymMention(start=span[0], end=span[1], text=text, name=text)
        return [_Place(mention, event.location)] if event.location else []

    @staticmethod
    def _date(doc: _Article, kind: str, event: Event | None) -> dt.date | None:
        if kind != "held" and event is not None and event.event_date is not None:
            return event.event_date
        return doc.article.published


def stripped(text: str, bounds: Bounds) -> Bounds:
    """``bounds`` without the spaces at either end."""
    start, end = bounds
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
