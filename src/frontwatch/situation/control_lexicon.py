"""The control lexicon (``data/lexicons/control.yaml``), compiled once.

It says which words state that a side took, left, besieges, relieved or holds a place, where
in the clause the places and the acting side stand, and where a clause ends. The reader
(``observations.py``) applies it to an article; nothing here knows about places or actors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..errors import ResourceError
from ..resources import load_yaml

KINDS = ("captured", "withdrew", "besieged", "siege_broken", "held")
Where = Literal["before", "after"]
ActorWhere = Literal["before", "after", "none"]
GAP_WORDS = r"(?:\s+[\w'’-]+){0,3}?"
"""What "..." in a phrase stands for: up to three words."""
WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class ControlRule:
    """One rule of the lexicon: a kind of statement and where its parts stand."""

    kind: str
    places: Where
    actor: ActorWhere
    side: str | None = None
    near: bool = False


@dataclass(frozen=True)
class ControlTrigger:
    """A control phrase found in a text (character offsets), with its rule."""

    start: int
    end: int
    text: str
    rule: ControlRule


def phrase_pattern(phrase: str) -> str:
    """Regex of one phrase: words on word boundaries, "-" or space between words, "..." for
    up to three words; a phrase with a word in capitals ("IS-held") matches case-sensitively."""
    body = ""
    for token in phrase.split():
        if token == "...":
            body += GAP_WORDS
            continue
        piece = r"[-\s]+".join(re.escape(p) for p in token.split("-") if p)
        body += (r"\s+" if body else "") + piece
    cased = any(len(w) > 1 and w.isupper() for w in WORD.findall(phrase))
    core = f"(?-i:{body})" if cased else body
    return rf"(?<![\w-]){core}(?![\w-])"


def phrase_alternation(phrases: Iterable[str]) -> str:
    """One regex alternation of ``phrase_pattern``s, longest phrase first (an alternation
    stops at the first that matches); one that never matches when there is none."""
    ordered = sorted({str(p) for p in phrases}, key=len, reverse=True)
    return "|".join(phrase_pattern(p) for p in ordered) or "(?!)"


def says_not(
    text: str,
    start: int,
    end: int,
    *,
    negation: frozenset[str],
    words: int,
    not_yet: re.Pattern[str],
) -> bool:
    """Is the phrase at ``end`` not (yet) done: one of the ``negation`` words (or a "-n't")
    among the last ``words`` words of ``text[start:end]``, or ``not_yet`` right before it?"""
    if not_yet.search(text, start, end):
        return True
    last = WORD.findall(text[start:end])[-words:]
    return any(w.lower().replace("’", "'") in negation for w in last) or any(
        w.lower().endswith("n't") for w in last
    )


def _rule(raw: Mapping[str, Any], where: str) -> ControlRule:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ResourceError(f"{where}: kind {kind!r} is not one of {KINDS}")
    places, actor = raw.get("places"), raw.get("actor")
    if places not in ("before", "after") or actor not in ("before", "after", "none"):
        raise ResourceError(f"{where}: places must be before|after, actor before|after|none")
    side = raw.get("side")
    if (side is not None and (kind != "held" or actor != "none")) or (
        side is None and actor == "none"
    ):
        raise ResourceError(
            f"{where}: a held rule names its side (actor none) or where its actor stands; "
            "other rules name where their actor stands"
        )
    return ControlRule(kind, places, actor, side, bool(raw.get("near", False)))


def _words(raw: Iterable[str]) -> str:
    return "|".join(re.escape(str(w)) for w in raw)


class ControlLexicon:
    """control.yaml, compiled: ``triggers(text)`` and the clause helpers."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.max_gap = int(data.get("max_gap", 110))
        self.list_gap = re.compile(str(data["list_gap"]), re.I)
        self.before_gap = re.compile(str(data["before_gap"]), re.I)
        self.blocked = re.compile(rf"(?:{_words(data.get('blocked_before') or [])})\W*$", re.I)
        self.breaks = re.compile("|".join(data.get("clause_breaks") or [r"(?!)"]), re.I)
        self.adjective = re.compile(
            rf"\b(?:{_words(data.get('adjective_before') or [])})\s+$", re.I
        )
        self.negation_words = int(data.get("negation_words", 4))
        self.negation = frozenset(str(w).lower() for w in data.get("negation") or [])
        self.not_yet = re.compile(str(data.get("not_yet_before") or r"(?!)"), re.I)
        self.apposition = re.compile(str(data.get("region_apposition") or r"(?!)"), re.I)
        self.rules: list[tuple[ControlRule, re.Pattern[str]]] = []
        self._phrases: list[list[re.Pattern[str]]] = []
        for i, raw in enumerate(data.get("rules") or []):
            rule = _rule(raw, f"data/lexicons/control.yaml rule {i + 1}")
            phrases = sorted({str(p) for p in raw.get("phrases") or []}, key=len, reverse=True)
            if not phrases:
                raise ResourceError(f"data/lexicons/control.yaml rule {i + 1}: no phrases")
            self.rules.append((rule, re.compile(phrase_alternation(phrases), re.I)))
            self._phrases.append([re.compile(phrase_pattern(p), re.I) for p in phrases])

    @classmethod
    def load(cls) -> ControlLexicon:
        return _packaged()

    def triggers(self, text: str) -> list[ControlTrigger]:
        """Every control phrase of ``text``; of overlapping ones the longest, sorted by start."""
        found: list[ControlTrigger] = []
        for i, (rule, pattern) in enumerate(self.rules):
            for m in pattern.finditer(text):
                end = self._longest(i, text, m)
                found.append(ControlTrigger(m.start(), end, text[m.start() : end], rule))
        kept: list[ControlTrigger] = []
        for t in sorted(found, key=lambda t: (t.start - t.end, t.start)):
            if all(t.end <= k.start or k.end <= t.start for k in kept):
                kept.append(t)
        return sorted(kept, key=lambda t: t.start)

    def _longest(self, rule: int, text: str, m: re.Match[str]) -> int:
        """Where the longest phrase of the rule that matches at ``m`` ends (an alternation
        stops at the first one that matches)."""
        ends = [p.match(text, m.start()) for p in self._phrases[rule]]
        return max(e.end() for e in ends if e is not None)

    def clause(
        self, text: str, sentence: tuple[int, int], trigger: ControlTrigger
    ) -> tuple[int, int]:
        """The clause of the trigger: from the last clause break before it to the first one
        after it, within its sentence."""
        start, end = sentence
        for m in self.breaks.finditer(text, sentence[0], sentence[1]):
            if m.end() <= trigger.start:
                start = m.end()
            elif m.start() >= trigger.end:
                end = m.start()
                break
        return start, end

    def is_negated(self, text: str, sentence_start: int, trigger: ControlTrigger) -> bool:
        return says_not(
            text,
            sentence_start,
            trigger.start,
            negation=self.negation,
            words=self.negation_words,
            not_yet=self.not_yet,
        )

    def is_adjective(self, text: str, trigger: ControlTrigger) -> bool:
        return self.adjective.search(text, max(0, trigger.start - 6), trigger.start) is not None

    def continues_list(self, gap: str) -> bool:
        return self.list_gap.match(gap) is not None

    def joins_before(self, gap: str) -> bool:
        return self.before_gap.match(gap) is not None

    def is_blocked(self, gap: str) -> bool:
        return self.blocked.search(gap) is not None


def territorial_rule(sub_event_type: str) -> ControlRule | None:
    """The rule an ACLED territorial event's own trigger stands for, when the lexicon has no
    phrase at that spot: a capture (the two Battles sub-types) or a withdrawal."""
    if sub_event_type in ("Government regains territory", "Non-state actor overtakes territory"):
        return ControlRule("captured", "after", "before")
    if sub_event_type == "Non-violent transfer of territory":
        return ControlRule("withdrew", "after", "before")
    return None


TERRITORIAL: Sequence[str] = (
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
)


@lru_cache(maxsize=1)
def _packaged() -> ControlLexicon:
    data = load_yaml("lexicons", "control.yaml")
    if not isinstance(data, dict) or data.get("version") != 1:
        raise ResourceError("data/lexicons/control.yaml: expected a mapping with version: 1")
    return ControlLexicon(data)
