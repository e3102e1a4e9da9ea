"""Event triggers: the words that state a happening, typed with ACLED's vocabulary.

``data/lexicons/triggers.yaml`` maps trigger phrases to an event type, a sub-event type and
a cause. One Aho-Corasick pass over ``doc.text`` finds them (longest phrase wins); a negation
cue shortly before a trigger in its clause ("did not", "no", "denied") marks it negated.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from ..errors import ResourceError
from ..records import CAUSES, EVENT_TYPES, VIOLENT_EVENT_TYPES, Cause, TriggerMention
from ..resources import load_yaml
from .actors import PhraseIndex, expand, fold
from .registry import doc_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .context import ExtractContext

CLAUSE_END = re.compile(r"[.!?;:\"\u201c\u201d]")
WORD = re.compile(r"[\w']+")
LOOKBACK_CHARS = 160


@dataclass(frozen=True)
class TriggerKind:
    """What a trigger phrase states."""

    event_type: str
    sub_event_type: str
    cause: Cause | None


def kind_of(group: Mapping[str, Any]) -> TriggerKind:
    event_type, sub_type = group.get("event_type"), group.get("sub_event_type")
    cause = group.get("cause")
    if sub_type not in EVENT_TYPES.get(str(event_type), ()):
        raise ResourceError(f"triggers.yaml: unknown ACLED type {event_type!r}/{sub_type!r}")
    if cause is not None and cause not in CAUSES:
        raise ResourceError(f"triggers.yaml: unknown cause {cause!r} for {sub_type!r}")
    return TriggerKind(
        event_type=str(event_type),
        sub_event_type=str(sub_type),
        cause=cast(Cause | None, cause),
    )


def cue_pattern(cues: Sequence[str]) -> re.Pattern[str]:
    words = sorted({" ".join(fold(c).lower().split()) for c in cues}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in words)})(?!\w)")


@dataclass(frozen=True)
class Negation:
    """Negation cues before a trigger, each with how many words may stand between."""

    near: re.Pattern[str]
    near_words: int
    far: re.Pattern[str]
    far_words: int

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> Negation:
        return cls(
            near=cue_pattern(raw.get("near") or []),
            near_words=int(raw.get("near_words", 3)),
            far=cue_pattern(raw.get("far") or []),
            far_words=int(raw.get("far_words", 10)),
        )

    def negates(self, text: str, start: int) -> bool:
        """Is the trigger at ``start`` negated by a cue in the same clause, just before it?"""
        clause = clause_before(text, start)
        return within(self.near, clause, self.near_words) or within(
            self.far, clause, self.far_words
        )


def clause_before(text: str, start: int) -> str:
    window = fold(text[max(0, start - LOOKBACK_CHARS) : start]).lower()
    ends = list(CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def within(pattern: re.Pattern[str], clause: str, max_words: int) -> bool:
    ends = [m.end() for m in pattern.finditer(clause)]
    return bool(ends) and len(WORD.findall(clause[ends[-1] :])) <= max_words


class TriggerLexicon:
    """triggers.yaml, loaded once."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        pairs: list[tuple[str, TriggerKind | None]] = []
        for group in data.get("groups") or []:
            kind = kind_of(group)
            pairs += [(p, kind) for phrase in group.get("phrases") or [] for p in expand(phrase)]
        pairs += [(p, None) for phrase in data.get("not_triggers") or [] for p in expand(phrase)]
        self.index: PhraseIndex[TriggerKind | None] = PhraseIndex(pairs)
        self.negation = Negation.of(data.get("negation") or {})

    @classmethod
    def load(cls) -> TriggerLexicon:
        return cls(load_yaml("lexicons", "triggers.yaml"))

    def mentions(self, text: str) -> list[TriggerMention]:
        out: list[TriggerMention] = []
        for hit in self.index.find(text):
            kind = hit.payload
            if kind is None:
                continue
            out.append(
                TriggerMention(
                    start=hit.start,
                    end=hit.end,
                    text=text[hit.start : hit.end],
                    event_type=kind.event_type,
                    sub_event_type=kind.sub_event_type,
                    cause=kind.cause,
                    negated=self.negation.negates(text, hit.start),
                )
            )
        return out


class TriggerTagger:
    """spaCy component: sets ``doc._.fw_triggers`` to the event triggers in the text."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: TriggerLexicon | None = None

    def setup(self, ctx: ExtractContext | None = None) -> None:
        self.lexicon = TriggerLexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.setup()
        lexicon = self.lexicon
        doc._.fw_triggers = lexicon.mentions(doc_text(doc)) if lexicon else []
        return doc


# ---------------------------------------------------------------- the article's cause


def violent(triggers: Sequence[TriggerMention]) -> list[TriggerMention]:
    """The triggers of violent happenings (ACLED's violent types), not negated."""
    return [t for t in triggers if t.event_type in VIOLENT_EVENT_TYPES and not t.negated]


@dataclass(frozen=True)
class CauseVote:
    """triggers.yaml ``main_cause``: how the lede's triggers vote for the article's cause."""

    window_chars: int
    decay_chars: float
    decay: float
    generic: frozenset[str]

    @classmethod
    def of(cls, raw: Mapping[str, Any]) -> CauseVote:
        return cls(
            window_chars=int(raw["window_chars"]),
            decay_chars=float(raw["decay_chars"]),
            decay=float(raw["decay"]),
            generic=frozenset(raw["generic"]),
        )


@cache
def cause_vote() -> CauseVote:
    """triggers.yaml's ``main_cause`` section, read on first use and kept: it is immutable."""
    return CauseVote.of(load_yaml("lexicons", "triggers.yaml")["main_cause"])


def main_cause(
    triggers: Sequence[TriggerMention], *, text: str
) -> tuple[Cause, TriggerMention] | None:
    """Cause of the article's principal violent event, with the first trigger stating it.

    The violent triggers of the headline and lede vote, the earlier the heavier; generic
    ones ("clashes", "massacre") do not vote. None when no trigger states a specific cause.
    """
    vote = cause_vote()
    scores: dict[Cause, float] = {}
    first: dict[Cause, TriggerMention] = {}
    for t in violent(triggers):
        if t.start > vote.window_chars or t.cause is None or t.cause in vote.generic:
            continue
        scores[t.cause] = scores.get(t.cause, 0.0) + vote.decay ** (t.start / vote.decay_chars)
        first.setdefault(t.cause, t)
    if not scores:
        return None
    cause = max(scores, key=lambda c: (scores[c], -first[c].start))
    return cause, first[cause]
