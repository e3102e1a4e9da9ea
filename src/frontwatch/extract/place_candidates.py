"""Places the gazetteer lacks: capitalised names where the grammar puts a place.

Conflict reports name hills, farms, quarters, factories and villages no gazetteer lists
("stormed the defenses at Biju Hill", "captured Tal Mustawi", "inside Sheikh Sa'eed").
A run of capitalised words is such a place when a locative word introduces it ("in", "at",
"near", "around", "inside"), an event verb takes it as object ("captured", "stormed",
"targeting"), or a locality noun follows it ("Huwaysis village"), and when nothing says it
is something else: an actor the actor lexicon knows, a stop name (people, groups,
demonyms), a title before it, a day or month, a word of an organisation's name ("Army",
"Brigade"). The candidate keeps its text; the geocoder resolves it when it can and keeps it
unresolved (with the admin1 of a town named right after) when it cannot.

The words are data: the ``candidates`` section of ``data/lexicons/event_location.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..errors import ResourceError
from ..records import Span
from ..resources import load_yaml

QUOTE = "'’‘ʿ`"
ARTICLE = r"(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Ee][dnrstz]|[Ee]sh)"
CAP_REST = rf"[\w{QUOTE}]*(?:-(?:{ARTICLE}-)?[{QUOTE}]?[A-Z\d][\w{QUOTE}]*)*"
"""The rest of a capitalised word: hyphens only before a capital or a digit ("T-4",
"Sa-Eed"), never before a lowercase word ("Islamist-controlled")."""
CAP_WORD = rf"(?:{ARTICLE}-)?[{QUOTE}]?[A-Z]{CAP_REST}"
NAME_LINKS = ("bin", "ibn", "bani", "de", "da", "do", "dos", "das", "del", "du", "di")
"""Lowercase words inside a place's name ("Mocímboa da Praia", "Ras ibn Hani")."""
LINKS = rf"(?:{ARTICLE}|{'|'.join(NAME_LINKS)}|al-|el-)"
RUN = re.compile(
    rf"[A-Z]{CAP_REST}(?:[ ](?:{LINKS}[ ])?(?:{CAP_WORD}|\d{{1,3}}\b(?![.,:]\d)))*"
    rf"(?=[^\w{QUOTE}-]|$)"
)
"""Capitalised words ("Sheikh Sa’eed", "Tall ad-Dirrah", "Hill 30", "T-4 Military Airport"),
joined by single spaces, lowercase links ("bin", "al", "da") allowed between them
("Mocímboa da Praia"). It opens with
a capital (so that ``re`` skips fast to the next one); ``OPENING`` is the article or quote
mark before it ("al-Latmana", "‘Arak")."""
OPENING = re.compile(rf"(?<![\w{QUOTE}-])(?:{ARTICLE}-)?[{QUOTE}]?$")
LISTED = re.compile(
    r"(?:\s+(?:village|town|city|district|area|camp|base|hill))?(?:\s*\([^)]{0,30}\))?"
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?"
)
"""Between two names of one list ("Sinai and Gaza Strip", "Sees, Tees, Beer Al-Nimr",
"‘Arak village and T-3 Military Base")."""
NUMBERED = re.compile(r"(?<![\w.,/-])(?!(?:19|20)\d\d\b)\d{1,5} $")
"""A number that opens a name ("the 1070 Al-Hamdaniyah Housing Project"), not a year."""


@dataclass(frozen=True)
class CandidateRules:
    """The ``candidates`` section of ``event_location.yaml``, compiled: phrases as tuples of
    lowercase words, looked up in sets (a regex with a long alternation searched before
    every capitalised run costs more than the rest of toponym finding)."""

    leads: frozenset[tuple[str, ...]]
    modifiers: frozenset[str]
    tails: frozenset[str]
    """Words a lead phrase can end with: the last word of a lead, "the", a modifier."""
    follow: re.Pattern[str]
    described: re.Pattern[str]
    """An appositive naming the kind of place right after the name ("Lashkar Gah, the
    capital of Helmand province")."""
    blocked: frozenset[str]
    namesakes: frozenset[str]
    """Words of people's names that a place can be named after ("the Al-Assad Suburb"):
    blocked unless a locality noun ends the name or follows it."""
    localities: frozenset[str]
    heads: frozenset[str]
    """Words that open a place's name ("Mount Hermon", "Wadi Barada")."""
    openers: frozenset[str]
    generic: frozenset[str]
    max_words: int

    @classmethod
    def load(cls) -> CandidateRules:
        data = load_yaml("lexicons", "event_location.yaml")
        try:
            return cls.from_data(data["candidates"])
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ResourceError(
                f"data/lexicons/event_location.yaml candidates malformed: {exc!r}"
            ) from exc

    @classmethod
    def from_data(cls, c: dict[str, object]) -> CandidateRules:
        def words(key: str) -> list[str]:
            value = c[key]
            if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
                raise ValueError(f"{key} must be a list of words")
            return [w.casefold() for w in value]

        leads = frozenset(tuple(p.split()) for p in words("prepositions") + words("verbs"))
        nouns = "|".join(re.escape(w) for w in sorted(words("locality_nouns"), key=len)[::-1])
        return cls(
            leads=leads,
            modifiers=frozenset(words("modifiers")),
            tails=frozenset({p[-1] for p in leads} | {"the"} | set(words("modifiers"))),
            follow=re.compile(rf"\s+(?:{nouns})\b"),
            described=re.compile(
                r",\s+(?:a|an|the)\s+(?:(?!(?:a|an|the)\s)[a-z][\w-]*\s+){0,3}"
                rf"(?:{nouns}|{'|'.join(map(re.escape, words('appositive_nouns')))})\b"
            ),
            blocked=frozenset(words("blocked_words")),
            namesakes=frozenset(words("namesake_words")),
            localities=frozenset(words("locality_nouns")),
            heads=frozenset(words("name_heads")),
            openers=frozenset(words("openers")),
            generic=frozenset(words("generic_words")),
            max_words=int(str(c["max_words"])),
        )

    def introduced(self, before: str) -> bool:
        """Does ``before`` (the text up to a name) end with a lead, "the" and up to three
        modifiers ("captured the strategic ", "at ", "in the war-torn town of ")?"""
        if not before[-1:].isspace():
            return False
        last = before.rsplit(None, 1)[-1:]
        if not last or last[0].casefold() not in self.tails:
            return False
        tokens = before.casefold().split()
        i, mods = len(tokens), 0
        while i and mods < 3 and tokens[i - 1] in self.modifiers:
            i, mods = i - 1, mods + 1
        if i and tokens[i - 1] == "the":
            i -= 1
        return any(tuple(tokens[i - n : i]) in self.leads for n in (1, 2, 3) if i >= n)


def find_candidates(
    text: str,
    rules: CandidateRules,
    *,
    taken: Sequence[tuple[int, int]],
    places: Sequence[tuple[int, int]],
    reject: Callable[[str], bool],
    reach: int = 60,
) -> Iterator[Span]:
    """The candidate places of ``text`` not overlapping ``taken`` (spans already named: a
    gazetteer place, an actor). ``places`` (known places) and the candidates found before
    start lists: a name listed right after one is a candidate too. ``reject`` says a name
    is not a place (stop names, common words). Cheap tests first: most capitalised runs
    stand where no place does."""
    ends = sorted(e for _, e in places)  # kept sorted: a list is looked up near each run
    spans = sorted(taken)
    starts = [s for s, _ in spans]
    for m in RUN.finditer(text):
        numbered = NUMBERED.search(text, max(0, m.start() - 7), m.start())
        if numbered is None and not _maybe(text, m, rules, ends):
            continue
        trimmed = _trimmed(text, m, rules)
        if trimmed is None:
            continue
        start, end, words, opened = trimmed
        if numbered is not None and start == m.start() and len(words) > 1:
            start = opened = numbered.start()
        if not _placed(text, (opened, end), rules, ends=ends, reach=reach):
            continue
        if _blocked_run(text, words, end, rules) or _overlaps(spans, starts, start, end):
            continue
        name = text[start:end]
        if reject(name):
            continue
        insort(ends, end)
        yield Span(start=start, end=end, text=name)


def _maybe(text: str, m: re.Match[str], rules: CandidateRules, ends: list[int]) -> bool:
    """A quick look before the full tests (most runs fail it): the word before the run may
    end a lead, the run may open with one ("In Aleppo"), a noun may follow or end it, or a
    place ends just before it."""
    start = m.start()
    if start and text[start - 1] != " ":  # "al-Latmana", "‘Arak": from the word's start
        start = text.rfind(" ", max(0, start - 6), start) + 1 or start
    space = text.rfind(" ", max(0, start - 25), start - 1)
    if text[space + 1 : start].strip().casefold() in rules.tails:
        return True
    first = text[start : text.find(" ", start, m.end()) % (m.end() + 1)].casefold()
    if first in rules.openers or first in rules.heads or rules.follow.match(text, m.end()):
        return True
    if rules.described.match(text, m.end()):  # "Lashkar Gah, the capital of ..."
        return True
    if " " in m.group() and _kind_ends(m.group(), rules):  # "Kindi Hospital was seized"
        return True
    i = bisect_left(ends, start - 45)
    return i < len(ends) and ends[i] < start


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_left(starts, end)
    return any(e > start for _, e in spans[max(0, i - 8) : i])


def _placed(
    text: str, span: tuple[int, int], rules: CandidateRules, *, ends: list[int], reach: int
) -> bool:
    """Does the grammar put a place at ``start..end``: a lead before it, a locality noun
    after it or ending it, an appositive saying what kind of place it is ("Lashkar Gah, the
    capital of"), a word that opens place names ("Mount"), or a place listed right before
    it?"""
    start, end = span
    if rules.introduced(text[max(0, start - reach) : start]) or rules.follow.match(text, end):
        return True
    if rules.described.match(text, end):
        return True
    head, _, rest = text[start:end].partition(" ")
    if rest and (head.casefold() in rules.heads or _kind_ends(rest, rules)):
        return True
    i = bisect_left(ends, start - 45)
    return any(LISTED.fullmatch(text, e, start) is not None for e in ends[i:] if e < start)


def _kind_ends(rest: str, rules: CandidateRules) -> bool:
    """Does a capitalised locality noun end the name ("the Harabish District", "Kindi
    Hospital")?"""
    last = rest.rsplit(" ", 1)[-1]
    return last[:1].isupper() and last.casefold() in rules.localities


def _trimmed(
    text: str, m: re.Match[str], rules: CandidateRules
) -> tuple[int, int, list[str], int] | None:
    """The run with its opening article or quote mark ("al-Latmana", "‘Arak"), without the
    function words that open it ("In", "The"), a possessive and its owner; None inside a word
    ("McCain"), after a hyphen or slash ("Latakia-Turkish") or when too long. Last, where
    the grammar is looked for: the owner's start ("in Deir Ezzor’s Jabiliyah District")."""
    start, end = m.span()
    if start and not text[start - 1].isspace():
        opening = OPENING.search(text, max(0, start - 5), start)
        if opening is None:
            return None
        start = opening.start()
        if start and text[start - 1] in "-/":
            return None
    if text[end - 2 : end - 1] in QUOTE and text[end - 1 : end] == "s":
        end -= 2
    words, opened = text[start:end].split(" "), start
    owners = [i for i, w in enumerate(words[:-1]) if w[-2:-1] in QUOTE and w[-1:] == "s"]
    if owners:  # "Syria’s Jaeber": the name after the owner
        start += sum(len(w) + 1 for w in words[: owners[-1] + 1])
        words = words[owners[-1] + 1 :]
    while words and words[0].casefold() in rules.openers:
        start += len(words.pop(0)) + 1
    if not words or len(words) > rules.max_words:
        return None
    return start, end, words, opened if owners else start


def _blocked_run(text: str, words: list[str], end: int, rules: CandidateRules) -> bool:
    """Is a word of the run blocked? A namesake word is not when a locality noun ends the
    run or follows it ("the Al-Assad Suburb", "Bassel al-Assad stadium")."""
    if any(_blocked(w, rules) for w in words):
        return True
    if not any(_blocked(w, rules, rules.namesakes) for w in words):
        return False
    return words[-1].casefold() not in rules.localities and not rules.follow.match(text, end)


def _blocked(word: str, rules: CandidateRules, words: frozenset[str] | None = None) -> bool:
    bare = word.strip(QUOTE).casefold()
    head = bare.split("-")[-1] if "-" in bare else bare
    listed = rules.blocked if words is None else words
    return bare in listed or head in listed
