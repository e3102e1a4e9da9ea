"""Places named together: where a name starts and ends, brackets, coordinated lists, the
head of a phrase whose prepositional phrase names another place.

Shared by ``locate.py`` (the event's own place) and ``place_reference.py`` (a phrase that
refers back to a place): both read a chain of places in text order and keep those joined
by "and"/"or" or a list's commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from ..errors import ResourceError
from ..records import Location, ToponymMention
from ..resources import load_yaml

Choice = tuple[ToponymMention, Location]
WORD_REST = re.compile(r"[^\W\d_]+")
"""The rest of a word a mention stops inside."""


@dataclass(frozen=True)
class ListPatterns:
    """The ``lists`` section of ``data/lexicons/event_location.yaml``, compiled."""

    from_holder: re.Pattern[str]
    plural_head: re.Pattern[str]
    attached: re.Pattern[str]
    qualifier: re.Pattern[str]
    region_word: re.Pattern[str]


@lru_cache(maxsize=1)
def list_patterns() -> ListPatterns:
    data = load_yaml("lexicons", "event_location.yaml")
    try:
        lists = data["lists"]
        return ListPatterns(
            from_holder=re.compile(lists["from_holder"]),
            plural_head=re.compile(lists["plural_head"]),
            attached=re.compile(lists["attached"]),
            qualifier=re.compile(lists["qualifier"]),
            region_word=re.compile(lists["region_word"]),
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ResourceError(f"data/lexicons/event_location.yaml lists: {exc!r}") from exc


def alternatives(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, a space matching any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len)[::-1])


def name_start(c: Choice) -> int:
    """Where the place's name starts (a relative mention spans its phrase first)."""
    m = c[0]
    return m.end - len(m.name) if m.text.endswith(m.name) else m.start


def word_end(text: str, end: int) -> int:
    """The end of the word a mention stops inside ("Mardes" keyed as the gazetteer's
    "Marde")."""
    rest = WORD_REST.match(text, end)
    return rest.end() if rest else end


def coordinated(
    text: str,
    chain: list[Choice],
    coordination: re.Pattern[str],
    *,
    suffix: re.Pattern[str] | None = None,
) -> list[Choice]:
    """The places of ``chain`` (in reading order from the event's place) joined to it by
    "and"/"or" or a list's commas ("A, B and C"); ``coordination`` matches such a gap, read
    after the kind word ``suffix`` finds after a name ("the X Military Airport and Y"). A
    region right after a member that only locates it is passed over (``_qualifiers``)."""
    chain, ends = _qualifiers(text, chain)
    kept, pending, joined = [chain[0]], [], False
    for prev, nxt in pairwise(chain):
        first, then = (prev, nxt) if nxt[0].start >= prev[0].end else (nxt, prev)
        start = word_end(text, ends.get(id(first), first[0].end))
        more = suffix.match(text, start) if suffix is not None else None
        gap = text[more.end() if more else start : name_start(then)]
        if not coordination.match(list_patterns().from_holder.sub("", gap, count=1)):
            break
        pending.append(nxt)
        if re.search(r"\b(?:and|or)\b|&", gap):
            joined = True
            kept += pending
            pending = []
    listed = joined or locality_list([chain[0], *pending])
    return kept + (pending if listed or _headed(text, chain[0]) else [])


def _qualifiers(text: str, chain: list[Choice]) -> tuple[list[Choice], dict[int, int]]:
    """``chain`` without the regions that only locate the member before them ("Saraqeb in
    Idlib province and Kafr Zita in Hama province"), and for each member so located the end
    of its region's mention (by ``id`` of the member): the list goes on after it."""
    kept: list[Choice] = [chain[0]]
    ends: dict[int, int] = {}
    for c in chain[1:]:
        prev = kept[-1]
        end = ends.get(id(prev), prev[0].end)
        (mention, where), place = c, prev[1]
        if (
            mention.start >= end
            and list_patterns().qualifier.match(text[word_end(text, end) : name_start(c)])
            and where.admin1 is not None
            and where.admin1 == place.admin1
            and place.geo_precision <= where.geo_precision
        ):
            kind = list_patterns().region_word.match(text, mention.end)
            ends[id(prev)] = kind.end() if kind else mention.end
            continue
        kept.append(c)
    return kept, ends


def _headed(text: str, first: Choice) -> bool:
    start = name_start(first)
    return list_patterns().plural_head.search(text, max(0, start - 40), start) is not None


def locality_list(chain: list[Choice]) -> bool:
    """Three or more localities joined by commas alone are a list ("the settlements of A,
    B, C, farms in D"), not a place and its region ("Mayadeen, Deir Ezzor, Syria")."""
    return len(chain) >= 3 and all(loc.geo_precision < 3 for _, loc in chain)


def bracketed(text: str, m: ToponymMention, lo: int) -> bool:
    """Is the place inside brackets right after another name ("Maharda (Hama province)",
    "Kobane (Ain al-Arab)")? It qualifies or renames that place."""
    opening = text.rfind("(", lo, m.start)
    return opening > text.rfind(")", lo, m.start) and ")" in text[m.end : m.end + 40]


def subject_head(text: str, before: list[Choice], i: int) -> int:
    """The head of the noun phrase whose prepositional phrase names ``before[i]`` ("the
    Chebaa Farms area on the foothills of Mount Hermon was captured": Chebaa Farms);
    ``before`` runs backwards from the verb."""
    while i + 1 < len(before) and list_patterns().attached.fullmatch(
        text, before[i + 1][0].end, name_start(before[i])
    ):
        i += 1
    return i
