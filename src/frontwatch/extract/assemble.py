"""From the components' mentions to ACLED-style events, each field with its evidence.

One event per (sentence, sub-event type): a trigger states the happening; its sentence gives
the actors, the place, the date, the figures and who claims them. Fields the sentence does
not give stay empty, except where the article's own context states them (a date or place
named just before, in the same paragraph) — then the evidence points there.
See docs/decisions/0003-event-assembly.md.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..records import (
    Actor,
    ActorMention,
    Article,
    CasualtyMention,
    ClaimMention,
    DateMention,
    Event,
    Evidence,
    Fatalities,
    Location,
    Span,
    ToponymMention,
    TriggerMention,
)
from .context import ExtractContext
from .fatalities import fatalities_for, main_incident_mentions
from .locate import LocationRules, choose_location, incident_place
from .main_event import pick_main, with_article_readings
from .roles import assign_actors, claim_for, refine_type


@dataclass(frozen=True)
class Sentences:
    """Character bounds of the sentences, with lookup of the sentence holding an offset."""

    bounds: list[tuple[int, int]]
    starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Sentences:
        bounds = [(s.start_char, s.end_char) for s in doc.sents]
        return cls(bounds=bounds, starts=[b[0] for b in bounds])

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def within(self, mentions: Sequence[Span], i: int) -> list[Span]:
        start, end = self.bounds[i]
        return [m for m in mentions if start <= m.start < end]


@dataclass
class ArticleMentions:
    """Everything the components found in one article, plus its resolved places."""

    doc: Doc
    article: Article
    text: str
    sentences: Sentences
    triggers: list[TriggerMention]
    actors: list[ActorMention]
    casualties: list[CasualtyMention]
    dates: list[DateMention]
    toponyms: list[ToponymMention]
    claims: list[ClaimMention]
    places: dict[tuple[int, int], Location]

    @classmethod
    def of(cls, doc: Doc, article: Article, ctx: ExtractContext) -> ArticleMentions:
        toponyms = list(doc._.fw_toponyms or [])
        resolved = ctx.geocoder.resolve(toponyms, text=article.text) if toponyms else []
        places = {(t.start, t.end): loc for t, loc in zip(toponyms, resolved, strict=True) if loc}
        return cls(
            doc=doc,
            article=article,
            text=article.text,
            sentences=Sentences.of(doc),
            triggers=[t for t in (doc._.fw_triggers or []) if not t.negated],
            actors=list(doc._.fw_actors or []),
            casualties=list(doc._.fw_casualties or []),
            dates=list(doc._.fw_dates or []),
            toponyms=toponyms,
            claims=list(doc._.fw_claims or []),
            places=places,
        )


def _evidence(field_name: str, span: Span) -> Evidence:
    return Evidence(field=field_name, start=span.start, end=span.end, text=span.text)


def _actor(m: ActorMention | None) -> Actor | None:
    return Actor(name=m.name, side=m.side, inter=m.inter) if m else None


def _event_id(article_id: str, trigger: TriggerMention) -> str:
    key = f"{article_id}:{trigger.start}:{trigger.sub_event_type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _confidence(filled: Sequence[object]) -> float:
    present = sum(1 for f in filled if f is not None)
    return round(0.3 + 0.7 * present / max(1, len(filled)), 2)


def build_event(am: ArticleMentions, trigger: TriggerMention, asm: EventAssembler) -> Event:
    """The event one trigger states, with the fields its sentence gives."""
    ctx = asm.ctx
    i = am.sentences.index(trigger.start)
    bounds = am.sentences.bounds[i]
    text = am.text
    actors = [a for a in am.actors if bounds[0] <= a.start < bounds[1]]
    actor1, actor2 = assign_actors(trigger, actors, text=text, sentence=bounds)
    event_type, sub_event_type = refine_type(trigger, actor1, actor2)
    claim = claim_for(trigger, am.claims, text=text, sentence=bounds)
    casualties = [c for c in am.casualties if bounds[0] <= c.start < bounds[1]]
    fatalities, fatality_evidence = fatalities_for(casualties, text=text)
    place = choose_location(am, trigger, sentence=i, rules=asm.rules, focus=asm.focus)
    dates = [d for d in am.dates if bounds[0] <= d.start < bounds[1]]
    date = dates[0] if dates else None

    evidence = [_evidence("event_type", trigger)]
    if trigger.cause:
        evidence.append(_evidence("cause", trigger))
    evidence += [_evidence(f"actor{n}", m) for n, m in ((1, actor1), (2, actor2)) if m]
    if place:
        evidence.append(_evidence("location", place[0]))
    if date:
        evidence.append(_evidence("event_date", date))
    if claim:
        evidence.append(_evidence("claimed_by", claim))
    evidence += fatality_evidence

    published = am.article.published
    return Event(
        event_id=_event_id(am.article.article_id, trigger),
        event_date=date.date if date else published,
        time_precision=(
            date.time_precision
            if date
            else (ctx.settings.default_time_precision if published else None)
        ),
        event_type=event_type,
        sub_event_type=sub_event_type,
        cause=trigger.cause,
        actor1=_actor(actor1),
        actor2=_actor(actor2),
        location=place[1] if place else None,
        fatalities=fatalities,
        claimed_by=claim.claimed_by if claim else None,
        confidence=_confidence([actor1, place, date, claim]),
        evidence=sorted(evidence, key=lambda ev: (ev.start, ev.field)),
    )


def _merge_key(e: Event) -> tuple[object, ...]:
    return (
        e.event_type,
        e.sub_event_type,
        e.event_date,
        e.location.name if e.location else None,
        e.actor1.name if e.actor1 else None,
    )


def merge_events(events: Sequence[Event]) -> list[Event]:
    """ACLED's unit: one event per day, place, actor pair and sub-type within an article."""
    merged: dict[tuple[object, ...], Event] = {}
    for e in events:
        key = _merge_key(e)
        first = merged.get(key)
        if first is None:
            merged[key] = e
            continue
        merged[key] = _combine(first, e)
    return list(merged.values())


def _combine(a: Event, b: Event) -> Event:
    """Keep the first mention's fields; fill its gaps from the later one."""
    updates: dict[str, object] = {}
    for name in ("actor2", "cause", "claimed_by"):
        if getattr(a, name) is None and getattr(b, name) is not None:
            updates[name] = getattr(b, name)
    if _is_empty(a.fatalities) and not _is_empty(b.fatalities):
        updates["fatalities"] = b.fatalities
    if not updates:
        return a
    taken = {f"fatalities.{k}" for k in ("total", "civilians", "children", "women", "combatants")}
    taken |= {"actor2", "cause", "claimed_by"}
    extra = [ev for ev in b.evidence if ev.field in taken and ev.field.split(".")[0] in updates]
    return a.model_copy(update={**updates, "evidence": sorted([*a.evidence, *extra], key=_order)})


def _order(ev: Evidence) -> tuple[int, str]:
    return (ev.start, ev.field)


def _is_empty(f: Fatalities) -> bool:
    return all(
        getattr(f, k) is None for k in ("total", "civilians", "children", "women", "combatants")
    )


class EventAssembler:
    """Builds an article's events from its mentions; rules loaded once."""

    def __init__(self, ctx: ExtractContext) -> None:
        self.ctx = ctx
        self.rules = LocationRules.load()
        self.focus = ctx.geocoder.countries.get(ctx.settings.country_focus)

    @staticmethod
    def _claim_near(am: ArticleMentions, span: CasualtyMention) -> ClaimMention | None:
        """Who gives a figure: the attribution of the figure's sentence (or the next one)."""
        bounds = am.sentences.bounds[am.sentences.index(span.start)]
        anchor = TriggerMention(
            start=span.start,
            end=span.end,
            text=span.text,
            event_type="Violence against civilians",
            sub_event_type="Attack",
        )
        return claim_for(anchor, am.claims, text=am.text, sentence=bounds)

    def __call__(self, doc: Doc, article: Article) -> tuple[list[Event], Event | None]:
        """The article's events and its main event (one of them, or None)."""
        am = ArticleMentions.of(doc, article, self.ctx)
        events = merge_events([build_event(am, t, self) for t in am.triggers])
        main = pick_main(events, am.triggers, article.text)
        if main is None:
            return events, None
        incident = main_incident_mentions(am.casualties, text=article.text)
        main = with_article_readings(
            main,
            text=article.text,
            triggers=am.triggers,
            actors=am.actors,
            incident=incident,
            incident_claim=self._claim_near(am, incident[0]) if incident else None,
            place=incident_place(am, self.rules, self.focus, incident[0] if incident else None),
        )
        return [main if e.event_id == main.event_id else e for e in events], main
