"""The fatality figures of one incident, from the casualty mentions attached to it.

Rules (each measured on FA-KES dev, tuned on even rows and checked on odd rows; see
``tests/extract/test_fatalities.py`` for the pinned floors):

``main_incident_mentions`` — which mentions belong to an article's main incident.
FA-KES annotates the main incident only, and reports lead with it: later paragraphs
recap older incidents or the whole war with other numbers. The incident starts at the
sentence of the first killed figure (often the headline) and
  * its *head* figures (category total or civilians) are those within ``head_sentences``
    sentences after it;
  * its *subset* figures (children, women, combatants) are those within
    ``subset_sentences`` sentences, unless their own sentence holds a head figure of a
    different size ("killed seven people including two women" inside a story about 16
    civilians is another incident).
Widening either window lowers accuracy on both halves.

``fatalities_for`` — one figure per category:
  * only ``killed`` figures count; injured ones never do;
  * per category the first precise figure wins (a vague "dozens"/"scores" only when no
    precise one exists), unless the text updates the toll ("the death toll rose to 40"):
    the last update then wins;
  * civilians: FA-KES counts unspecified "people" killed as civilians, so the earlier of
    the civilians and total figures is taken; when it is a total and combatants are
    given, the combatants are taken out of it; civilians are then at least children +
    women (they are civilians too: "Five women and a child" is 6 civilians);
  * total: the total figure, else civilians + combatants;
  * the qualifier is that of the figure chosen for civilians (else total, else
    combatants). A field with no figure stays ``None``, never 0; an explicit "no one was
    killed" gives 0.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import CasualtyMention, Evidence, Fatalities

HEADS = ("total", "civilians")
SUBSETS = ("children", "women", "combatants")
_SENTENCE_END = re.compile(r"(?<![A-Z])[.!?]+[\"')\]]*\s+")
_UPDATE = re.compile(
    r"\btoll\b.*\b(?:rose|risen|rises|rising|climbed|climbs|reached|increased|jumped)\b",
    re.IGNORECASE,
)
_VAGUE_WORDS = re.compile(r"\b(?:tens|dozens|scores|hundreds|thousands)\b", re.IGNORECASE)


@dataclass(frozen=True)
class IncidentWindow:
    """How many sentences after the first killed figure belong to the main incident."""

    head_sentences: int = 2
    subset_sentences: int = 3


def main_incident_mentions(
    mentions: Sequence[CasualtyMention],
    *,
    text: str,
    window: IncidentWindow = IncidentWindow(),
) -> list[CasualtyMention]:
    """The mentions of the article's main incident (sorted by position)."""
    killed = [m for m in mentions if m.status == "killed" and m.count > 0]
    if not killed:
        return [m for m in mentions if m.count == 0]
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    sentence = {id(m): bisect.bisect_right(bounds, m.start) for m in mentions}
    first = sentence[id(killed[0])]
    heads = [
        m
        for m in mentions
        if m.category in HEADS and sentence[id(m)] <= first + window.head_sentences
    ]
    sizes = {m.count for m in heads}
    subsets = [
        m
        for m in mentions
        if m.category in SUBSETS
        and sentence[id(m)] <= first + window.subset_sentences
        and _same_incident(m, mentions, sentence, sizes)
    ]
    return sorted(heads + subsets, key=lambda m: (m.start, m.end))


def _same_incident(
    m: CasualtyMention,
    mentions: Sequence[CasualtyMention],
    sentence: dict[int, int],
    sizes: set[int],
) -> bool:
    """False when m's sentence has a head figure (same status) of another size only."""
    heads = [
        h
        for h in mentions
        if h.category in HEADS and h.status == m.status and sentence[id(h)] == sentence[id(m)]
    ]
    return not heads or any(h.count in sizes for h in heads)


_JOINT = re.compile(r"\b(?:women|children)\s+(?:and|or|&)\s+(?:children|women)\b", re.IGNORECASE)


def is_joint(mention: CasualtyMention, text: str) -> bool:
    """A figure of "women and children" together ("dozens of women and children", "eight
    women and children were killed"): it is neither category's own count."""
    if mention.category not in ("women", "children"):
        return False
    return bool(_JOINT.search(text, mention.start, mention.end + 16))


def is_vague(mention: CasualtyMention) -> bool:
    """A figure coded from a vague plural ("dozens" -> 12), not a stated number."""
    return not any(c.isdigit() for c in mention.text) and bool(_VAGUE_WORDS.search(mention.text))


def principal(mentions: Sequence[CasualtyMention]) -> CasualtyMention | None:
    """The figure that stands for a category: the last toll update, else the first precise."""
    if not mentions:
        return None
    updates = [m for m in mentions if _UPDATE.search(m.text)]
    if updates:
        return updates[-1]
    precise = [m for m in mentions if not is_vague(m)]
    return (precise or list(mentions))[0]


def fatalities_for(
    mentions: Sequence[CasualtyMention], *, text: str
) -> tuple[Fatalities, list[Evidence]]:
    """Figures of ONE incident from its mentions; evidence for each field filled."""
    killed = [m for m in mentions if m.status == "killed" and not is_joint(m, text)]
    chosen = {
        cat: p
        for cat in (*HEADS, *SUBSETS)
        if (p := principal([m for m in killed if m.category == cat])) is not None
    }
    evidence: dict[str, list[CasualtyMention]] = {k: [m] for k, m in chosen.items()}
    values: dict[str, int | None] = {k: m.count for k, m in chosen.items()}
    values["civilians"] = _civilians(chosen, evidence)
    values["total"] = _total(chosen, values, evidence)
    leader = chosen.get("civilians") or chosen.get("total") or chosen.get("combatants")
    fatalities = Fatalities(
        total=values.get("total"),
        civilians=values.get("civilians"),
        children=values.get("children"),
        women=values.get("women"),
        combatants=values.get("combatants"),
        qualifier=leader.qualifier if leader is not None else None,
    )
    return fatalities, _evidence(evidence, text)


def _civilians(
    chosen: dict[str, CasualtyMention], evidence: dict[str, list[CasualtyMention]]
) -> int | None:
    heads = [chosen[k] for k in HEADS if k in chosen]
    heads = [m for m in heads if not is_vague(m)] or heads
    head = min(heads, key=lambda m: m.start) if heads else None
    civ = head.count if head is not None else None
    evidence["civilians"] = [head] if head is not None else []
    combatants = chosen.get("combatants")
    if head is not None and head.category == "total" and combatants is not None:
        civ = max(0, head.count - combatants.count)
        evidence["civilians"].append(combatants)
    subsets = [chosen[k] for k in ("children", "women") if k in chosen]
    if subsets and (civ is None or civ < sum(m.count for m in subsets)):
        civ = sum(m.count for m in subsets)
        evidence["civilians"] = subsets
    if civ is None:
        del evidence["civilians"]
    return civ


def _total(
    chosen: dict[str, CasualtyMention],
    values: dict[str, int | None],
    evidence: dict[str, list[CasualtyMention]],
) -> int | None:
    if "total" in chosen:
        return chosen["total"].count
    parts = [k for k in ("civilians", "combatants") if values.get(k) is not None]
    if not parts:
        return None
    evidence["total"] = [m for k in parts for m in evidence[k]]
    return sum(values[k] or 0 for k in parts)


def _evidence(found: dict[str, list[CasualtyMention]], text: str) -> list[Evidence]:
    out = []
    for field, mentions in found.items():
        for m in dict.fromkeys(mentions):
            out.append(
                Evidence(
                    field=f"fatalities.{field}",
                    start=m.start,
                    end=m.end,
                    text=text[m.start : m.end],
                )
            )
    return sorted(out, key=lambda e: (e.start, e.field))
