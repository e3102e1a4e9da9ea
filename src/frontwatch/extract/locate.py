"""Which of the places a sentence names is where its event happened.

Not every place is an event location: words spoken in Geneva or Oman, a "UK-based" monitor,
"US-led" strikes. Among the rest, the place nearest the trigger in the same sentence wins
(a place in the focus country before a foreign one, a town before a country); with none,
the nearest place named earlier in the same paragraph, then the first place in the article.
The phrases are data: ``data/lexicons/event_location.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Location, Span, ToponymMention, TriggerMention
from ..resources import load_yaml

if TYPE_CHECKING:
    from .assemble import ArticleMentions


Choice = tuple[ToponymMention, Location]


@dataclass(frozen=True)
class LocationRules:
    before: re.Pattern[str]
    after: re.Pattern[str]
    window: int

    @classmethod
    def load(cls) -> LocationRules:
        data = load_yaml("lexicons", "event_location.yaml")
        before = "|".join(re.escape(p) for p in data["speech_contexts"])
        after = "|".join(re.escape(p) for p in data["after_contexts"])
        return cls(
            before=re.compile(rf"\b(?:{before})\s+(?:the\s+)?$", re.IGNORECASE),
            after=re.compile(rf"^(?:{after})", re.IGNORECASE),
            window=int(data["window"]),
        )

    def choices(self, am: ArticleMentions) -> list[Choice]:
        """The article's resolved places that can be event locations, in text order."""
        text = am.text
        return [
            (t, am.places[(t.start, t.end)])
            for t in am.toponyms
            if (t.start, t.end) in am.places and not self.excluded(text, t)
        ]

    def excluded(self, text: str, m: ToponymMention) -> bool:
        head = text[max(0, m.start - self.window) : m.start]
        return bool(self.before.search(head) or self.after.match(text[m.end : m.end + 20]))


def _specific(choice: Choice, focus: str | None) -> bool:
    """A place in the focus country with a known admin1 (not "Syria", not a foreign town)."""
    loc = choice[1]
    return loc.admin1 is not None and (focus is None or loc.country == focus)


def _distance(choice: Choice, trigger: TriggerMention) -> int:
    return abs(choice[0].start - trigger.start)


def _candidates(am: ArticleMentions, rules: LocationRules, lo: int, hi: int) -> list[Choice]:
    return [c for c in am.choices if lo <= c[0].start < hi]


def choose_location(
    am: ArticleMentions,
    trigger: TriggerMention,
    *,
    sentence: int,
    rules: LocationRules,
    focus: str | None,
) -> Choice | None:
    """The sentence's specific place nearest the trigger; else the nearest one earlier in the
    paragraph; else the article's first; else the sentence's broad place (a country)."""
    lo, hi = am.sentences.bounds[sentence]
    here = _candidates(am, rules, lo, hi)
    specific = [c for c in here if _specific(c, focus)]
    if specific:
        return min(specific, key=lambda c: _distance(c, trigger))
    paragraph_start = am.text.rfind("\n", 0, lo + 1) + 1
    before = [c for c in _candidates(am, rules, paragraph_start, lo) if _specific(c, focus)]
    if before:
        return before[-1]
    anywhere = first_focus_place(am, rules, focus)
    if anywhere is not None:
        return anywhere
    return min(here, key=lambda c: _distance(c, trigger)) if here else None


def first_focus_place(
    am: ArticleMentions, rules: LocationRules, focus: str | None
) -> Choice | None:
    """The first specific place of the focus country the article names (not a speech venue)."""
    for choice in _candidates(am, rules, 0, len(am.text)):
        if _specific(choice, focus):
            return choice
    return None


def incident_place(
    am: ArticleMentions, rules: LocationRules, focus: str | None, figure: Span | None
) -> Choice | None:
    """Where the article's main incident happened: the specific place nearest its first
    casualty figure in that figure's sentence, else the article's first specific place."""
    if figure is not None:
        lo, hi = am.sentences.bounds[am.sentences.index(figure.start)]
        here = [c for c in _candidates(am, rules, lo, hi) if _specific(c, focus)]
        if here:
            return min(here, key=lambda c: abs(c[0].start - figure.start))
    return first_focus_place(am, rules, focus)
