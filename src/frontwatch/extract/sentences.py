"""Sentence bounds by rule: a stop followed by a capital, digit or quote, or a line break;
never after initials ("U.S.", "U.N."), a title before a name ("Gen. Suheil al-Hassan") or
an abbreviation before a number ("on Sept. 11", "No. 5"; ``data/lexicons/sentences.yaml``).
One splitter for every stage that counts sentences.

``SentenceSplitter`` is the pipeline's first component. It writes character bounds to
``doc._.fw_sentences`` without touching the tokens: spaCy's ``sentencizer`` creates a
``Token`` object per token to set ``is_sent_start``, which costs more than all our rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ResourceError
from ..resources import load_yaml
from .context import ExtractContext
from .registry import doc_text

SENTENCE_END = re.compile(r"[.!?]+[\"')\u201d]*\s+(?=[\"'\u201c(]?[A-Z0-9])|\n+")
INITIAL = re.compile(r"(?<![\w.])(?:[A-Z]\.)+$")

Bounds = tuple[int, int]


WORD_BEFORE = re.compile(r"(?<![\w.])[A-Za-z]+$")
NEXT_CHARACTER = re.compile(r"\s+(\S)")


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """(titles, before a capital; abbreviations, before a number)."""
    try:
        data = load_yaml("lexicons", "sentences.yaml")
        months = [str(m) for m in load_yaml("lexicons", "dates.yaml")["months"]]
        short = [m.capitalize() for m in months if any(o != m and o.startswith(m) for o in months)]
        return frozenset(map(str, data["titles"])), frozenset(
            map(str, [*data["before_number"], *short])
        )
    except (KeyError, TypeError) as exc:
        raise ResourceError(f"data/lexicons/sentences.yaml: {exc!r}") from exc


def ends_no_sentence(text: str, stop: int) -> bool:
    """Does the stop at ``stop`` end no sentence: is it part of initials ("U.S."), of a title
    before a name ("Gen. Suheil") or of an abbreviation before a number ("Sept. 11")?"""
    if INITIAL.search(text, max(0, stop - 12), stop + 1) is not None:
        return True
    word, after = (
        WORD_BEFORE.search(text, max(0, stop - 8), stop),
        NEXT_CHARACTER.match(text, stop + 1),
    )
    if word is None or after is None:
        return False
    titles, numbered = _abbreviations()
    following = after.group(1)
    return (word.group() in titles and following.isupper()) or (
        word.group() in numbered and following.isdigit()
    )


def split_sentences(text: str) -> list[Bounds]:
    """Character bounds (start, end) of the sentences of ``text``, in order."""
    bounds: list[Bounds] = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        if not ends_no_sentence(text, m.start()):
            bounds.append((start, m.end()))
            start = m.end()
    if text[start:].strip() or not bounds:
        bounds.append((start, len(text)))
    return bounds


def next_sentence(text: str, end: int) -> Bounds:
    """Bounds of the sentence that starts at or after ``end``."""
    for m in SENTENCE_END.finditer(text, end):
        if m.start() > end and not ends_no_sentence(text, m.start()):
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
        """Nothing to load here: the abbreviations are read once, on first use."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.fw_sentences = split_sentences(doc_text(doc))
        return doc
