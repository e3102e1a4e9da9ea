"""Sentence bounds by rule: a stop followed by a capital, digit or quote, or a line break;
never after initials ("U.S.", "U.N."). One splitter for every stage that counts sentences.

``SentenceSplitter`` is the pipeline's first component. It writes character bounds to
``doc._.fw_sentences`` without touching the tokens: spaCy's ``sentencizer`` creates a
``Token`` object per token to set ``is_sent_start``, which costs more than all our rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from .context import ExtractContext
from .registry import doc_text

SENTENCE_END = re.compile(r"[.!?]+[\"')\u201d]*\s+(?=[\"'\u201c(]?[A-Z0-9])|\n+")
INITIAL = re.compile(r"(?<![\w.])(?:[A-Z]\.)+$")

Bounds = tuple[int, int]


def is_initial(text: str, stop: int) -> bool:
    """Is the stop at ``stop`` part of initials ("U.S.")?"""
    return INITIAL.search(text, max(0, stop - 12), stop + 1) is not None


def split_sentences(text: str) -> list[Bounds]:
    """Character bounds (start, end) of the sentences of ``text``, in order."""
    bounds: list[Bounds] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if not is_initial(text, m.start()):
            bounds.append((start, m.end()))
            start = m.end()
    if text[start:].strip() or not bounds:
        bounds.append((start, len(text)))
    return bounds


def next_sentence(text: str, end: int) -> Bounds:
    """Bounds of the sentence that starts at or after ``end``."""
    for m in SENTENCE_END.finditer(text, end):
        if m.start() > end and not is_initial(text, m.start()):
            return end, m.end()
    return end, len(text)


def sentence_index(bounds: Sequence[Bounds], offset: int) -> int:
    """Index of the sentence holding ``offset`` (bounds sorted by start)."""
    starts = [b[0] for b in bounds]
    return max(0, bisect_right(starts, offset) - 1)


class SentenceSplitter:
    """Component: ``doc._.fw_sentences = [(start, end), ...]``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def setup(self, ctx: ExtractContext | None = None) -> None:
        """Nothing to load: the rule is the two patterns above."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fw_sentences = split_sentences(doc_text(doc))
        return doc
