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
from typing import TypeVar

from spacy.tokens import Doc

from ..records import (
    FATALITY_CATEGORIES,
    VIOLENT_EVENT_TYPES,
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
from .locate import Choice, LocationRules, choose_locations, incident_place
from .main_event import pick_main, position, tolled_elsewhere, with_article_readings
from .registry import doc_text
from .roles import assign_actors, claim_for, kill_anchors, killer, low, refine_type

M = TypeVar("M", bound=Span)

FIGURE_FIELDS = tuple(f"fatalities.{c}" for c in FATALITY_CATEGORIES)


@dataclass(frozen=True)
class Sentences:
    """Character bounds of the sentences, with lookup of the sentence holding an offset."""

    bounds: list[tuple[int, int]]
    starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Sentences:
        bounds: list[tuple[int, int]] = doc._.fw_sentences or [(0, len(doc_text(doc)))]
        return cls(bounds=bounds, starts=[b[0] for b in bounds])

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def group(self, mentions: Sequence[M]) -> list[list[M]]:
        """The mentions of each sentence (by sentence index), in text order."""
        groups: list[list[M]] = [[] for _ in self.bounds]
        for m in mentions:
            groups[self.index(m.start)].append(m)
        return groups


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
    actors_by_sentence: list[list[ActorMention]] = field(default_factory=list)
    casualties_by_sentence: list[list[CasualtyMention]] = field(default_factory=list)
    dates_by_sentence: list[list[DateMention]] = field(default_factory=list)
    choices: list[tuple[ToponymMention, Location]] = field(default_factory=list)
    """Resolved places that can be event locations (not speech venues), in text order."""

    @classmethod
    def of(cls, doc: Doc, article: Article, ctx: ExtractContext) -> ArticleMentions:
        toponyms = list(doc._.fw_toponyms or [])
        resolved = ctx.geocoder.resolve(toponyms, text=article.text) if toponyms else []
        places = {(t.start, t.end): loc for t, loc in zip(toponyms, resolved, strict=True) if loc}
        sentences = Sentences.of(doc)
        actors = list(doc._.fw_actors or [])
        casualties = list(doc._.fw_casualties or [])
        dates = list(doc._.fw_dates or [])
        return cls(
            doc=doc,
            article=article,
            text=article.text,
            sentences=sentences,
            triggers=[t for t in (doc._.fw_triggers or []) if not t.negated],
            actors=actors,
            casualties=casualties,
            dates=dates,
            toponyms=toponyms,
            claims=list(doc._.fw_claims or []),
            places=places,
            actors_by_sentence=sentences.group(actors),
            casualties_by_sentence=sentences.group(casualties),
            dates_by_sentence=sentences.group(dates),
        )


def _evidence(field_name: str, span: Span) -> Evidence:
    return Evidence(field=field_name, start=span.start, end=span.end, text=span.text)


def _actor(m: ActorMention | None) -> Actor | None:
    return Actor(name=m.name, side=m.side, inter=m.inter) if m else None


def _event_id(article_id: str, trigger: TriggerMention, *more: object) -> str:
    key = ":".join(str(k) for k in (article_id, trigger.start, trigger.sub_event_type, *more))
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _confidence(filled: Sequence[object]) -> float:
    present = sum(1 for f in filled if f is not None)
    return round(0.3 + 0.7 * present / max(1, len(filled)), 2)


def _clause_date(
    am: ArticleMentions, trigger: TriggerMention, *, sentence: int, rules: LocationRules
) -> DateMention | None:
    """The date the trigger's own clause gives, else the sentence's first ("Turkey said on
    Tuesday ... the YPG, which seized Tal Rifaat on Monday": Monday)."""
    dates = am.dates_by_sentence[sentence]
    lo, hi = rules.clause(am.text, *am.sentences.bounds[sentence], trigger)
    own = [d for d in dates if lo <= d.start < hi]
    return next(iter(own or dates), None)


def build_events(am: ArticleMentions, trigger: TriggerMention, asm: EventAssembler) -> list[Event]:
    """The event one trigger states, with the fields its sentence gives; when its clause
    lists several localities, then one event at each of them (``_at_other_place``), the
    first included: the article's readings may move the event itself elsewhere
    (``with_other_places`` keeps those no other event holds)."""
    ctx = asm.ctx
    i = am.sentences.index(trigger.start)
    bounds = am.sentences.bounds[i]
    text = am.text
    actor1, actor2 = assign_actors(trigger, am.actors_by_sentence[i], text=text, sentence=bounds)
    event_type, sub_event_type = refine_type(trigger, actor1, actor2)
    claim = claim_for(trigger, am.claims, text=text, sentence=bounds)
    fatalities, fatality_evidence = fatalities_for(am.casualties_by_sentence[i], text=text)
    places = choose_locations(am, trigger, sentence=i, rules=asm.rules, focus=asm.focus)
    place = places[0] if places else None
    date = _clause_date(am, trigger, sentence=i, rules=asm.rules)

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
    event = Event(
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
    if len(places) < 2:
        return [event]
    return [event, *(_at_other_place(event, am, trigger, c) for c in places)]


def _at_other_place(
    event: Event, am: ArticleMentions, trigger: TriggerMention, place: Choice
) -> Event:
    """``event`` at one of the localities its clause lists ("shelled A, B and C": B), as
    ACLED codes it: the same type, actors, date and claim, this place and its words as
    evidence, and no figures (a toll stated once stays with the event at the first place)."""
    evidence = [
        ev for ev in event.evidence if ev.field != "location" and ev.field not in FIGURE_FIELDS
    ]
    return event.model_copy(
        update={
            "event_id": _event_id(am.article.article_id, trigger, place[0].start),
            "location": place[1],
            "fatalities": Fatalities(),
            "evidence": sorted([*evidence, _evidence("location", place[0])], key=_order),
        }
    )


def _merge_key(e: Event) -> tuple[object, ...]:
    return (
        e.event_type,
        e.sub_event_type,
        e.event_date,
        e.location.name if e.location else None,
        e.actor1.name if e.actor1 else None,
    )


def is_vague(e: Event) -> bool:
    """A mention of violence with nothing to pin it down ("fighting in Syria overshadowed the
    talks"): no actor, no figure, and no place below a country. ACLED codes no such event."""
    placed = e.location is not None and e.location.admin1 is not None
    figures = any(ev.field.startswith("fatalities.") for ev in e.evidence)
    return e.actor1 is None and e.actor2 is None and not figures and not placed


def merge_events(events: Sequence[Event]) -> tuple[list[Event], dict[str, str]]:
    """ACLED's unit: one event per day, place, actor pair and sub-type within an article.

    Returns the merged events and, for every input event id, the id of the event it became.
    """
    merged: dict[tuple[object, ...], Event] = {}
    became: dict[str, str] = {}
    for e in events:
        key = _merge_key(e)
        first = merged.get(key)
        merged[key] = e if first is None else _combine(first, e)
        became[e.event_id] = merged[key].event_id
    return list(merged.values()), became


def killing_triggers(am: ArticleMentions) -> list[TriggerMention]:
    """Sentences that state a killing by a named armed actor and no other violent trigger
    ("Army units killed 20 terrorists during operations in Daraya"): the active killing verb
    states a battle (``refine_type`` makes it an attack when the victims are civilians)."""
    lowered = low(am.text)
    stated = {
        am.sentences.index(t.start) for t in am.triggers if t.event_type in VIOLENT_EVENT_TYPES
    }
    found = []
    for verb in kill_anchors(am.text, lowered):
        i = am.sentences.index(verb.start)
        if i in stated:
            continue
        if killer(verb, am.actors_by_sentence[i], lowered, am.sentences.bounds[i]) is None:
            continue
        stated.add(i)
        found.append(
            verb.model_copy(update={"event_type": "Battles", "sub_event_type": "Armed clash"})
        )
    return found


def trigger_groups(am: ArticleMentions) -> list[list[TriggerMention]]:
    """The triggers of each (sentence, sub-event type), in text order: one event each."""
    groups: dict[tuple[int, str], list[TriggerMention]] = {}
    for t in am.triggers:
        groups.setdefault((am.sentences.index(t.start), t.sub_event_type), []).append(t)
    return list(groups.values())


def _combine(a: Event, b: Event) -> Event:
    """Keep the first mention's fields; fill its gaps from the later one. The later words
    that state the event stay as evidence too (``event_type``)."""
    updates: dict[str, object] = {}
    for name in ("actor2", "cause", "claimed_by"):
        if getattr(a, name) is None and getattr(b, name) is not None:
            updates[name] = getattr(b, name)
    if _is_empty(a.fatalities) and not _is_empty(b.fatalities):
        updates["fatalities"] = b.fatalities
    filled = {
        f for f in (*FIGURE_FIELDS, "actor2", "cause", "claimed_by") if f.split(".")[0] in updates
    }
    extra = [ev for ev in b.evidence if ev.field in filled or ev.field == "event_type"]
    return a.model_copy(update={**updates, "evidence": sorted([*a.evidence, *extra], key=_order)})


def _order(ev: Evidence) -> tuple[int, str]:
    return (ev.start, ev.field)


def _is_empty(f: Fatalities) -> bool:
    return all(
        getattr(f, k) is None for k in ("total", "civilians", "children", "women", "combatants")
    )


def _without_figures(e: Event) -> Event:
    evidence = [ev for ev in e.evidence if ev.field not in FIGURE_FIELDS]
    return e.model_copy(update={"fatalities": Fatalities(), "evidence": evidence})


def count_figures_once(events: Sequence[Event], main: Event | None) -> list[Event]:
    """A stated toll belongs to one event: the main event keeps its figures, then each
    event in text order keeps those whose words no earlier event has taken (a sentence
    reporting strikes and shelling that "killed 12" gives the 12 to one of them)."""
    taken: set[tuple[int, int]] = set()
    if main is not None:
        taken |= {(ev.start, ev.end) for ev in main.evidence if ev.field in FIGURE_FIELDS}
    kept = []
    for e in sorted(events, key=position):
        if main is not None and e.event_id == main.event_id:
            kept.append(e)
            continue
        spans = {(ev.start, ev.end) for ev in e.evidence if ev.field in FIGURE_FIELDS}
        kept.append(_without_figures(e) if spans & taken else e)
        taken |= spans
    return kept


def _place_key(e: Event) -> tuple[object, ...]:
    return (e.sub_event_type, e.event_date, e.location.name if e.location else None)


def with_other_places(events: Sequence[Event], listed: Sequence[Event]) -> list[Event]:
    """``events`` and, in text order after them, the events at the other localities of a
    list (``build_events``) that no event holds yet: none of the same sub-event type, date
    and place (the event itself, when it kept its first place)."""
    held = {_place_key(e) for e in events}
    kept = list(events)
    for e in listed:
        key = _place_key(e)
        if key not in held:
            held.add(key)
            kept.append(e)
    return sorted(kept, key=position)


def lede_of(am: ArticleMentions, events: Sequence[Event]) -> tuple[int, int] | None:
    """Bounds of the sentence that states the article's first violent event."""
    starts = [position(e) for e in events if e.event_type in VIOLENT_EVENT_TYPES]
    return am.sentences.bounds[am.sentences.index(min(starts))] if starts else None


class EventAssembler:
    """Builds an article's events from its mentions; rules loaded once."""

    def __init__(self, ctx: ExtractContext) -> None:
        self.ctx = ctx
        self.rules = LocationRules.load()
        self.focus = ctx.geocoder.countries.get(ctx.settings.country_focus)

    def is_background(self, event: Event, article: Article) -> bool:
        """Dated by the text long before publication: context, not this report's news."""
        if event.event_date is None or article.published is None:
            return False
        return (article.published - event.event_date).days > self.ctx.settings.max_event_age_days

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
        am.choices = self.rules.choices(am)
        am.triggers = sorted([*am.triggers, *killing_triggers(am)], key=lambda t: t.start)
        stated_by: dict[int, str] = {}
        built: list[Event] = []
        listed: list[Event] = []
        for group in trigger_groups(am):
            event, *elsewhere = build_events(am, group[0], self)
            if is_vague(event) or self.is_background(event, article):
                continue
            built.append(event)
            listed += elsewhere
            stated_by.update((t.start, event.event_id) for t in group)
        events, became = merge_events(built)
        owner = {start: became[event_id] for start, event_id in stated_by.items()}
        lists: dict[str, set[str]] = {}  # by event id: the places its clause lists
        for e in listed:
            if e.location is not None:
                lists.setdefault(owner[position(e)], set()).add(e.location.name)
        incident = main_incident_mentions(am.casualties, text=article.text)
        toll = am.sentences.bounds[am.sentences.index(incident[0].start)] if incident else None
        main = pick_main(
            events, am.triggers, article.text, owner, lede=lede_of(am, events), incident=toll
        )
        if main is None:
            return with_other_places(count_figures_once(events, None), listed), None
        place = incident_place(am, self.rules, self.focus, incident[0] if incident else None)
        if main.location is not None and tolled_elsewhere(main, events, toll):
            place = None  # the toll's place is its own event's; the main keeps its clause's
        if place is not None and place[1].name in lists.get(main.event_id, ()):
            place = None  # one of the places its clause lists: it keeps the first
        main = with_article_readings(
            main,
            text=article.text,
            triggers=am.triggers,
            actors=am.actors,
            incident=incident,
            incident_claim=self._claim_near(am, incident[0]) if incident else None,
            place=place,
        )
        events = [main if e.event_id == main.event_id else e for e in events]
        return with_other_places(count_figures_once(events, main), listed), main
