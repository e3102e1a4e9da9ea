"""The article's principal violent event (DESIGN.md §3 ``main_event``).

News reports lead with their main happening. Its cause is what the headline and lede say
most (``triggers.main_cause``); its event is the one that cause's first trigger states, else
the first violent event with casualty figures, else the first violent event. Statements,
agreements and other strategic developments are never the main event.

The main event then takes the article-level readings that the lede supports better than
one sentence does: the cause the lede states most (``unknown`` when it names no weapon),
the doer (``roles.main_actor``), the figures of the main incident
(``fatalities.main_incident_mentions``) and its place (``locate.incident_place``: the place
named nearest the first figure, or the place that one only locates ("Madaya in Rural
Damascus, killing 2"), else the article's first place in the focus country; a
territorial event with no figure keeps the locality it took). Each comes with its evidence
span.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..records import (
    VIOLENT_EVENT_TYPES,
    Actor,
    ActorMention,
    CasualtyMention,
    ClaimMention,
    Event,
    Evidence,
    Location,
    Span,
    ToponymMention,
    TriggerMention,
)
from .fatalities import fatalities_for
from .roles import main_actor
from .triggers import main_cause


def position(e: Event) -> int:
    """Where the event is first stated (its earliest trigger)."""
    starts = [ev.start for ev in e.evidence if ev.field == "event_type"]
    return min(starts) if starts else 0


def _has_figures(e: Event) -> bool:
    f = e.fatalities
    return any(v is not None for v in (f.total, f.civilians, f.children, f.women, f.combatants))


def choose_main_event(events: Sequence[Event]) -> Event | None:
    """The first violent event with figures, else the first violent event."""
    violent = sorted((e for e in events if e.event_type in VIOLENT_EVENT_TYPES), key=position)
    with_figures = [e for e in violent if _has_figures(e)]
    if with_figures:
        return with_figures[0]
    return violent[0] if violent else None


def _within(e: Event, bounds: tuple[int, int]) -> bool:
    """Is the event stated (by any of its trigger words) within ``bounds``?"""
    return any(ev.field == "event_type" and bounds[0] <= ev.start < bounds[1] for ev in e.evidence)


TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")


def pick_main(
    events: Sequence[Event],
    triggers: Sequence[TriggerMention],
    text: str,
    owner: Mapping[int, str],
    *,
    lede: tuple[int, int] | None = None,
    incident: tuple[int, int] | None = None,
) -> Event | None:
    """A change of territory stated in the lede (the sentence of the first violent event:
    "forces backed by air strikes captured the village"); else the violent event stated in
    the sentence that gives the main incident's toll (``incident``); else the event stated
    by the main cause's first trigger (``owner``: trigger start -> the id of the event it
    belongs to); else ``choose_main_event``."""
    violent = [e for e in events if e.event_type in VIOLENT_EVENT_TYPES]
    if lede is not None:
        taken = [e for e in violent if e.sub_event_type in TERRITORY and _within(e, lede)]
        if taken:
            return min(taken, key=position)
    if incident is not None:
        tolled = [e for e in violent if _within(e, incident)]
        if tolled:
            return min(tolled, key=position)
    found = main_cause(triggers, text=text)
    event_id = owner.get(found[1].start) if found else None
    stated = next((e for e in events if e.event_id == event_id), None)
    if stated is not None and stated.event_type in VIOLENT_EVENT_TYPES:
        return stated
    return choose_main_event(events)


def tolled_elsewhere(
    main: Event, events: Sequence[Event], incident: tuple[int, int] | None
) -> bool:
    """Is the main incident's toll stated with another violent event? True when the main
    event is a change of territory (taken from the lede by ``pick_main``) not stated in the
    toll's sentence, and that sentence states a violent event of its own: in "Forces
    captured Rityan on Tuesday. Jets struck Hardatnin, killing five civilians", Hardatnin is
    the strike's place, not the capture's (the capture, the article's main event, still
    carries the article's toll)."""
    if incident is None or main.sub_event_type not in TERRITORY or _within(main, incident):
        return False
    return any(
        e.event_id != main.event_id and e.event_type in VIOLENT_EVENT_TYPES and _within(e, incident)
        for e in events
    )


def _replace(
    evidence: Sequence[Evidence], fields: set[str], new: Sequence[Evidence]
) -> list[Evidence]:
    kept = [ev for ev in evidence if ev.field not in fields]
    return sorted([*kept, *new], key=lambda ev: (ev.start, ev.field))


def _span_evidence(field: str, span: Span) -> Evidence:
    return Evidence(field=field, start=span.start, end=span.end, text=span.text)


def _holds_its_place(event: Event) -> bool:
    """A place taken is the event's own place: with no casualty figure to place the main
    incident, the main event keeps it when it is a locality ("which seized Tal Rifaat" is
    not an event at the Azaz the lede names)."""
    loc = event.location
    return event.sub_event_type in TERRITORY and loc is not None and loc.geo_precision == 1


def with_article_readings(
    event: Event,
    *,
    text: str,
    triggers: Sequence[TriggerMention],
    actors: Sequence[ActorMention],
    incident: Sequence[CasualtyMention],
    incident_claim: ClaimMention | None,
    place: tuple[ToponymMention, Location] | None,
) -> Event:
    """The main event with the lede's doer, the main incident's figures (and who gives
    them, when the event has no attribution of its own) and a place."""
    updates: dict[str, object] = {}
    evidence = list(event.evidence)
    found = main_cause(triggers, text=text)
    if found is not None:
        updates["cause"] = found[0]
        evidence = _replace(evidence, {"cause"}, [_span_evidence("cause", found[1])])
    else:  # the lede names no weapon: a cause read from deeper in the text is not the lede's
        updates["cause"] = "unknown"
        evidence = _replace(evidence, {"cause"}, [])
    doer = main_actor(triggers, actors, text=text)
    if doer is not None:
        updates["actor1"] = Actor(name=doer.name, side=doer.side, inter=doer.inter)
        evidence = _replace(evidence, {"actor1"}, [_span_evidence("actor1", doer)])
    if incident:
        figures, figure_evidence = fatalities_for(incident, text=text)
        updates["fatalities"] = figures
        fatality_fields = {ev.field for ev in evidence if ev.field.startswith("fatalities.")}
        evidence = _replace(evidence, fatality_fields, figure_evidence)
        if event.claimed_by is None and incident_claim is not None:
            updates["claimed_by"] = incident_claim.claimed_by
            evidence = _replace(evidence, set(), [_span_evidence("claimed_by", incident_claim)])
    if place is not None and (incident or not _holds_its_place(event)):
        updates["location"] = place[1]
        evidence = _replace(evidence, {"location"}, [_span_evidence("location", place[0])])
    return event.model_copy(update={**updates, "evidence": evidence})
