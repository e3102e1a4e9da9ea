"""Places named together: where a name starts and ends, brackets, coordinated lists.

Shared by ``locate.py`` (the event's own place) and ``place_reference.py`` (a phrase that
refers back to a place): both read a chain of places in text order and keep those joined
by "and"/"or" or a list's commas.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..records import Location, ToponymMention

Choice = tuple[ToponymMention, Location]
FROM_HOLDER = re.compile(
    r"^\s+from\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}(?=\s*,|\s+and\b)"
)
"""The holder a listed place was taken from ("the Sinai and Gaza Strip from Egypt, the Golan
Heights from Syria, and ..."): the list goes on after it."""
WORD_REST = re.compile(r"[^\W\d_]+")
"""The rest of a word a mention stops inside."""


def name_start(c: Choice) -> int:
    """Where the place's name starts (a relative mention spans its phrase first)."""
    m = c[0]
    return m.end - len(m.name) if m.text.endswith(m.name) else m.start


def word_end(text: str, end: int) -> int:
    """The end of the word a mention stops inside ("Mardes" keyed as the gazetteer's
    "Marde")."""
    rest = WORD_REST.match(text, end)
    return rest.end() if rest else end


def coordinated(text: str, chain: list[Choice], coordination: re.Pattern[str]) -> list[Choice]:
    """The places of ``chain`` (in reading order from the event's place) joined to it by
    "and"/"or" or a list's commas ("A, B and C"); ``coordination`` matches such a gap."""
    kept, pending, joined = [chain[0]], [], False
    for prev, nxt in pairwise(chain):
        if nxt[0].start >= prev[0].end:
            gap = text[word_end(text, prev[0].end) : name_start(nxt)]
        else:
            gap = text[word_end(text, nxt[0].end) : name_start(prev)]
        if not coordination.match(FROM_HOLDER.sub("", gap, count=1)):
            break
        pending.append(nxt)
        if re.search(r"\b(?:and|or)\b|&", gap):
            joined = True
            kept += pending
            pending = []
    return kept + (pending if joined or locality_list([chain[0], *pending]) else [])


def locality_list(chain: list[Choice]) -> bool:
    """Three or more localities joined by commas alone are a list ("the settlements of A,
    B, C, farms in D"), not a place and its region ("Mayadeen, Deir Ezzor, Syria")."""
    return len(chain) >= 3 and all(loc.geo_precision < 3 for _, loc in chain)


def bracketed(text: str, m: ToponymMention, lo: int) -> bool:
    """Is the place inside brackets right after another name ("Maharda (Hama province)",
    "Kobane (Ain al-Arab)")? It qualifies or renames that place."""
    opening = text.rfind("(", lo, m.start)
    return opening > text.rfind(")", lo, m.start) and ")" in text[m.end : m.end + 40]
