"""Who did what to whom, and who says so: roles of the mentions around a trigger.

``assign_actors`` picks actor1 (the doer: attacker, perpetrator, the side taking a place)
and actor2 (the other side or the target) among the actors of the trigger's sentence, from
the function words around them (``data/lexicons/actors_roles.yaml``): "by X" and "X's
shelling" make X the doer, "on X" / "against X" the target, "X were killed" a victim.
``refine_type`` settles the sub-event types that depend on the doer; ``claim_for`` finds the
attribution governing a trigger. ``main_actor`` and ``main_cause`` give the article-level
answer for its principal violent event.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..records import ActorMention, ClaimMention, TriggerMention
from .actors import RolePatterns, fold, lower_same_length, role_patterns
from .sentences import next_sentence, split_sentences
from .triggers import main_cause, violent

__all__ = ["assign_actors", "claim_for", "main_actor", "main_cause", "refine_type"]

KILLING = "Violence against civilians"
TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
UNARMED_INTER = (5, 6, 7)
NEXT_SENTENCE_TAIL = 32
MIN_WORDS_BEFORE_CLOSING_CLAIM = 3
WORD = re.compile(r"[\w']+|-")
WINDOW_MARGIN = 80
CLAUSE_BREAK = re.compile(r"[.;:!?\"\n]")


def low(text: str) -> str:
    return lower_same_length(fold(text))


def low_window(text: str, lo: int, hi: int) -> str:
    """``low(text)`` around ``text[lo:hi]`` (the cues' reach), blanks elsewhere: same offsets."""
    a, b = max(0, lo - WINDOW_MARGIN), min(len(text), hi + WINDOW_MARGIN)
    return " " * a + low(text[a:b]) + " " * (len(text) - b)


def words(span: str) -> list[str]:
    return WORD.findall(span)


# ---------------------------------------------------------------- actor roles


def is_armed(actor: ActorMention) -> bool:
    """Can the actor be the doer of violence? Not civilians, protesters, political bodies."""
    return (
        actor.inter not in UNARMED_INTER
        and actor.side != "civilians"
        and actor.actor_id not in role_patterns().unarmed
    )


def is_victim(actor: ActorMention, lowered: str, pat: RolePatterns) -> bool:
    """ "IS militants were killed ...", "the army lost ...": the actor suffers the event."""
    return pat.victim.match(lowered, actor.end) is not None and not CLAUSE_BREAK.search(
        lowered[actor.end : actor.end + 1]
    )


def preceded_by(actor: ActorMention, lowered: str, pattern: re.Pattern[str], lo: int) -> bool:
    return pattern.search(lowered[max(lo, actor.start - 60) : actor.start]) is not None


def is_agent(actor: ActorMention, trigger: TriggerMention, lowered: str, pat: RolePatterns) -> bool:
    """ "killed in air strikes by Russian jets", "fell to IS" (not "a town held by rebels")."""
    before = lowered[trigger.start : actor.start]
    return (
        len(words(lowered[trigger.end : actor.start])) <= pat.agent_gap
        and pat.agent.search(before) is not None
        and pat.agent_blockers.search(before) is None
    )


def is_verbal(trigger: TriggerMention, pat: RolePatterns) -> bool:
    ws = words(trigger.text.lower())
    return any(w.endswith("ed") or w in pat.verb_forms for w in ws)


def modifies(actor: ActorMention, trigger: TriggerMention, lowered: str, pat: RolePatterns) -> bool:
    """ "Russian air strikes", "the regime's heavy shelling", "IS launched an attack"."""
    gap = lowered[actor.end : trigger.start]
    ws = words(gap)
    return (
        not CLAUSE_BREAK.search(gap)
        and len(ws) <= pat.modifier_gap
        and all(w in pat.modifiers for w in ws)
    )


def is_subject(
    actor: ActorMention, trigger: TriggerMention, lowered: str, pat: RolePatterns
) -> bool:
    """ "the army later shelled", "IS fighters took control of": the actor governs the verb."""
    gap = lowered[actor.end : trigger.start]
    return (
        is_verbal(trigger, pat)
        and not CLAUSE_BREAK.search(gap)
        and len(words(gap)) <= pat.subject_gap
        and not is_victim(actor, lowered, pat)
    )


def target_after(
    actors: Sequence[ActorMention], trigger: TriggerMention, lowered: str, pat: RolePatterns
) -> ActorMention | None:
    """ "air strikes on IS positions": the first actor shortly after the trigger, after a cue."""
    for a in actors:
        if a.start < trigger.end:
            continue
        if len(words(lowered[trigger.end : a.start])) > pat.target_gap:
            return None
        if preceded_by(a, lowered, pat.target, trigger.end):
            return a
    return None


def doer(
    trigger: TriggerMention,
    actors: Sequence[ActorMention],
    lowered: str,
    sentence: tuple[int, int],
) -> ActorMention | None:
    """actor1 of a violent or territorial trigger, by decreasing strength of evidence."""
    pat = role_patterns()
    armed = [a for a in actors if is_armed(a) and not pat.holder.match(lowered, a.end)]
    before = [a for a in armed if a.end <= trigger.start]
    after = [a for a in armed if a.start >= trigger.end]
    rules = (
        [a for a in armed if a.start <= trigger.start < a.end],
        [a for a in reversed(before) if modifies(a, trigger, lowered, pat)],
        [a for a in after if is_agent(a, trigger, lowered, pat)],
        [
            a
            for a in reversed(before)
            if is_subject(a, trigger, lowered, pat)
            and not preceded_by(a, lowered, pat.target, sentence[0])
        ],
    )
    for found in rules:
        if found:
            return found[0]
    return opponent_of_victim(trigger, armed, lowered, pat)


def opponent_of_victim(
    trigger: TriggerMention, armed: Sequence[ActorMention], lowered: str, pat: RolePatterns
) -> ActorMention | None:
    """ "rebels were killed in clashes with regime troops": the troops are the doers."""
    victims = [a for a in armed if a.end <= trigger.start and is_victim(a, lowered, pat)]
    if not victims:
        return None
    side = victims[-1].side
    return next(
        (
            a
            for a in armed
            if a.start >= trigger.end
            and a.side != side
            and preceded_by(a, lowered, pat.opponent, trigger.end)
        ),
        None,
    )


def assign_actors(
    trigger: TriggerMention,
    actors: Sequence[ActorMention],
    *,
    text: str,
    sentence: tuple[int, int],
) -> tuple[ActorMention | None, ActorMention | None]:
    """(actor1, actor2) of ``trigger`` among the actors of its sentence (char bounds)."""
    lo, hi = sentence
    here = [a for a in actors if lo <= a.start < hi]
    if not here:
        return None, None
    lowered = low_window(text, lo, hi)
    pat = role_patterns()
    if trigger.sub_event_type in pat.protest_types:
        actor1 = next((a for a in here if a.inter in (5, 6)), None)
    else:
        pair = between(trigger, here, lowered, pat)
        if pair is not None:
            return pair
        actor1 = doer(trigger, here, lowered, sentence)
    return actor1, other_side(trigger, here, actor1, lowered)


def between(
    trigger: TriggerMention, actors: Sequence[ActorMention], lowered: str, pat: RolePatterns
) -> tuple[ActorMention, ActorMention] | None:
    """ "clashes between the YPG and IS": the two sides, in the order named."""
    after = [a for a in actors if a.start >= trigger.end]
    if len(after) < 2 or len(words(lowered[trigger.end : after[0].start])) > pat.target_gap:
        return None
    if not pat.between.search(lowered[trigger.end : after[0].start]):
        return None
    second = next((a for a in after[1:] if a.side != after[0].side), None)
    return (after[0], second) if second is not None else None


def other_side(
    trigger: TriggerMention,
    actors: Sequence[ActorMention],
    actor1: ActorMention | None,
    lowered: str,
) -> ActorMention | None:
    """actor2: the target right after the trigger, else the nearest actor of another side."""
    pat = role_patterns()
    rest = [a for a in actors if a is not actor1 and (actor1 is None or a.side != actor1.side)]
    target = target_after(rest, trigger, lowered, pat)
    if target is not None:
        return target
    return min(rest, key=lambda a: abs(a.start - trigger.start), default=None)


def refine_type(
    trigger: TriggerMention, actor1: ActorMention | None, actor2: ActorMention | None
) -> tuple[str, str]:
    """(event_type, sub_event_type) once the actors are known.

    Taking a place is "Government regains territory" when the state or its allies (inter 1,
    or the government side) take it, "Non-state actor overtakes territory" for anyone else;
    an armed "attack" on civilians is violence against civilians.
    """
    if trigger.sub_event_type in TERRITORY and actor1 is not None:
        if actor1.inter == 1 or actor1.side == "government":
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    if (
        trigger.sub_event_type == "Armed clash"
        and actor2 is not None
        and actor2.inter == 7
        and (actor1 is None or is_armed(actor1))
    ):
        return "Violence against civilians", "Attack"
    return trigger.event_type, trigger.sub_event_type


# ---------------------------------------------------------------- claims


def claim_for(
    trigger: TriggerMention,
    claims: Sequence[ClaimMention],
    *,
    text: str,
    sentence: tuple[int, int],
) -> ClaimMention | None:
    """The attribution governing ``trigger``: one in its sentence (the nearest), else a
    "..., X said." closing the next sentence."""
    lo, hi = sentence
    here = [c for c in claims if lo <= c.start < hi]
    if here:
        return min(here, key=lambda c: abs(c.start - trigger.start))
    n_lo, n_hi = next_sentence(text, hi)
    closing = [
        c
        for c in claims
        if n_lo <= c.start < n_hi
        and n_hi - c.end <= NEXT_SENTENCE_TAIL
        and len(words(text[n_lo : c.start])) >= MIN_WORDS_BEFORE_CLOSING_CLAIM
    ]
    return closing[-1] if closing else None


# ---------------------------------------------------------------- the article's main event


def sentence_of(bounds: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    for lo, hi in bounds:
        if lo <= offset < hi:
            return lo, hi
    return offset, offset + 1


def main_actor(
    triggers: Sequence[TriggerMention], actors: Sequence[ActorMention], *, text: str
) -> ActorMention | None:
    """actor1 of the article's principal violent event.

    Violent triggers and active killing verbs ("the army killed") near the first violent
    trigger are read in text order; the first whose sentence gives a doer wins, a generic
    one ("terrorists") giving way to a group named soon after. A group the lead says was
    killed is never the doer. Else the group said to have claimed responsibility; else none
    (FA-KES and ACLED both leave an unnamed perpetrator unknown).
    """
    bounds = split_sentences(text)
    lowered = low(text)
    pat = role_patterns()
    events = violent(triggers)
    anchors = sorted([*events, *kill_anchors(text, lowered)], key=lambda t: t.start)
    killed = lead_victims(actors, anchors, lowered)
    stop = (events[0].start if events else 0) + pat.scan_chars
    found: ActorMention | None = None
    for anchor in anchors:
        if anchor.start > stop:
            break
        if found is not None and anchor.start > found.start + pat.specific_within:
            break
        doer_here = anchor_doer(anchor, actors, text, lowered, bounds)
        if doer_here is None or doer_here.actor_id in killed:
            continue
        if found is not None and not more_specific(doer_here, found):
            continue
        found = doer_here
        if found.actor_id not in pat.generic:
            return found
    return found or claimed_responsibility(actors, text)


def lead_victims(
    actors: Sequence[ActorMention], anchors: Sequence[TriggerMention], lowered: str
) -> set[str]:
    """Armed groups the lead says were killed: "60 Terrorists Killed", "kills 10 terrorists"."""
    pat = role_patterns()
    lead = [a for a in actors if a.start < pat.lead_chars and is_armed(a)]
    killed = {a.actor_id for a in lead if pat.lead_victim.match(lowered, a.end)}
    for verb in anchors:
        if verb.cause is None and verb.start < pat.lead_chars:
            after = [a for a in lead if a.start >= verb.end]
            if after and pat.quantity.fullmatch(lowered[verb.end : after[0].start]):
                killed.add(after[0].actor_id)
    return killed


def anchor_doer(
    anchor: TriggerMention,
    actors: Sequence[ActorMention],
    text: str,
    lowered: str,
    bounds: Sequence[tuple[int, int]],
) -> ActorMention | None:
    sentence = sentence_of(bounds, anchor.start)
    if anchor.cause is None and anchor.event_type == KILLING:
        return killer(anchor, actors, lowered, sentence)
    return assign_actors(anchor, actors, text=text, sentence=sentence)[0]


def more_specific(candidate: ActorMention, generic: ActorMention) -> bool:
    """A named group that can stand for a generic label ("terrorists" -> Jaish al-Islam)."""
    pat = role_patterns()
    if candidate.actor_id in pat.generic:
        return False
    if generic.side == "opposition":
        return candidate.side in pat.anti_government
    return True


def kill_anchors(text: str, lowered: str) -> list[TriggerMention]:
    """Active killing verbs as anchors without a cause ("the Syrian army killed ...")."""
    pat = role_patterns()
    return [
        TriggerMention(
            start=m.start(),
            end=m.end(),
            text=text[m.start() : m.end()],
            event_type=KILLING,
            sub_event_type="Attack",
        )
        for m in pat.kill.finditer(lowered)
        if not pat.passive.search(lowered[max(0, m.start() - 30) : m.start()])
    ]


def killer(
    verb: TriggerMention,
    actors: Sequence[ActorMention],
    lowered: str,
    sentence: tuple[int, int],
) -> ActorMention | None:
    pat = role_patterns()
    before = [
        a
        for a in actors
        if sentence[0] <= a.start
        and a.end <= verb.start
        and is_armed(a)
        and not preceded_by(a, lowered, pat.target, sentence[0])
    ]
    return next((a for a in reversed(before) if modifies(a, verb, lowered, pat)), None)


def claimed_responsibility(actors: Sequence[ActorMention], text: str) -> ActorMention | None:
    pat = role_patterns()
    lowered = low(text)
    for a in actors:
        if is_armed(a) and pat.responsibility.match(lowered[a.end : a.end + 60]):
            return a
    return None
