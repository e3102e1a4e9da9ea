"""Claim attribution: who says so ("opposition sources", "a UK-based monitoring body").

``data/lexicons/claims.yaml`` lists sources with their normalised ``claimed_by`` and the
speech verbs and cues that make a named source the speaker of a statement. One
Aho-Corasick pass finds the sources; a source counts when a speech verb follows it closely
("a monitor said") or a cue precedes it ("according to SOHR", "said the Observatory").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..errors import ResourceError
from ..records import ClaimMention
from ..resources import load_yaml
from .actors import Hit, PhraseIndex, alternation, expand, fold, lower_same_length
from .registry import doc_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .context import ExtractContext


def up_to_words(n: int) -> str:
    return rf"(?:[\w',]+\s+){{0,{n}}}"


class ClaimLexicon:
    """claims.yaml, loaded once: the source index and the speaker patterns."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        pairs: list[tuple[str, str]] = []
        for source in data.get("sources") or []:
            claimed_by = source.get("claimed_by")
            if not claimed_by:
                raise ResourceError(f"claims.yaml: source without claimed_by: {source!r}")
            pairs += [
                (a, str(claimed_by)) for alias in source.get("aliases") or [] for a in expand(alias)
            ]
        self.index: PhraseIndex[str] = PhraseIndex(pairs, possessive=True)
        after, before = int(data["after_words"]), int(data["before_words"])
        tail = int(data["inverted_tail_words"])
        verbs, cues = alternation(data["verbs"]), alternation(data["cues"])
        self.verb_after = re.compile(rf"\s*,?\s*{up_to_words(after)}(?:{verbs})(?!\w)")
        self.cue_before = re.compile(rf"(?<!\w)(?:{cues})\s+{up_to_words(before)}$")
        self.inverted = re.compile(rf"(?<!\w)(?:{alternation(data['inverted'])})\s+$")
        self.clause_end = re.compile(rf"(?:\s+[\w']+){{0,{tail}}}?\s*(?:[.,;:!?\"]|$)")
        self.listener = re.compile(
            rf"(?<!\w)(?:{alternation(data['listener_cues'])})\s+(?:the\s+)?$"
        )

    @classmethod
    def load(cls) -> ClaimLexicon:
        return cls(load_yaml("lexicons", "claims.yaml"))

    def mentions(self, text: str) -> list[ClaimMention]:
        """Every source in ``text`` that stands as the speaker of a statement."""
        low = lower_same_length(fold(text))
        return [
            ClaimMention(start=h.start, end=h.end, text=text[h.start : h.end], claimed_by=h.payload)
            for h in self.index.find(text)
            if self.is_speaker(h, low)
        ]

    def is_speaker(self, hit: Hit[str], low: str) -> bool:
        before = low[max(0, hit.start - 80) : hit.start]
        if self.cue_before.search(before):
            return True
        if self.inverted.search(before) and self.clause_end.match(low, hit.end):
            return True
        if self.listener.search(before):
            return False
        return self.verb_after.match(low, hit.end) is not None


class ClaimTagger:
    """spaCy component: sets ``doc._.fw_claims`` to the attributions in the text."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: ClaimLexicon | None = None

    def setup(self, ctx: ExtractContext | None = None) -> None:
        self.lexicon = ClaimLexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.setup()
        lexicon = self.lexicon
        doc._.fw_claims = lexicon.mentions(doc_text(doc)) if lexicon else []
        return doc
