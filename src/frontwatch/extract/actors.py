"""Conflict actors named in the text, normalised through ``data/lexicons/actors.yaml``.

One Aho-Corasick pass over ``doc.text`` finds every alias; overlapping hits keep the longest.
Generic labels ("terrorists", "rebels") next to a named actor are absorbed into it
("ISIL terrorists" is the Islamic State); attributive adjectives ("Russian", "U.S.") count
only before a word such as "air strikes" or "forces". The phrase index here is shared by the
trigger and claim taggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import ahocorasick

from ..errors import ResourceError
from ..records import ActorMention
from ..resources import load_yaml
from .registry import doc_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from .context import ExtractContext

P = TypeVar("P")

FOLD_FROM = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2019\u2018`\n\t\r\u00a0"
FOLD_TO = "       '''    "
OPTIONAL_ENDING = re.compile(r"\(([^()]*)\)")
POSSESSIVE = ("'s", "s")


def fold(text: str) -> str:
    """Same-length normal form: dashes and line breaks become spaces, curly quotes straight."""
    return text.translate(str.maketrans(FOLD_FROM, FOLD_TO))


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping offsets even for the rare letters whose lower case is longer."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower()[:1] for c in text)


def is_cased(alias: str) -> bool:
    """Acronyms (capitals only, a plural "s" allowed) match case-sensitively: IS, SAA, IEDs."""
    core = alias[:-1] if alias.endswith("s") else alias
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def expand(phrase: str) -> list[str]:
    """``"clash(es)"`` -> ``["clash", "clashes"]``: a parenthesised part is optional."""
    match = OPTIONAL_ENDING.search(phrase)
    if match is None:
        return [" ".join(phrase.split())]
    head, tail = phrase[: match.start()], phrase[match.end() :]
    return expand(head + tail) + expand(head + match.group(1) + tail)


def match_key(alias: str) -> str:
    key = " ".join(fold(alias).split())
    return key if is_cased(alias) else key.lower()


@dataclass(frozen=True)
class Hit(Generic[P]):
    start: int
    end: int
    payload: P


class PhraseIndex(Generic[P]):
    """Whole-word phrase lookup over a text, longest hit first, no overlaps."""

    def __init__(self, phrases: Iterable[tuple[str, P]], *, possessive: bool = False) -> None:
        self.possessive = possessive
        self._caseless = ahocorasick.Automaton()
        self._cased = ahocorasick.Automaton()
        for phrase, payload in phrases:
            key = match_key(phrase)
            automaton = self._cased if is_cased(phrase) else self._caseless
            automaton.add_word(key, (len(key), payload))
        for automaton in (self._caseless, self._cased):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> list[Hit[P]]:
        """Non-overlapping hits sorted by start; of overlapping hits the longest wins."""
        folded = fold(text)
        hits = self._scan(self._caseless, lower_same_length(folded), text)
        hits += self._scan(self._cased, folded, text)
        return select_longest(hits)

    def _scan(self, automaton: Any, haystack: str, text: str) -> list[Hit[P]]:
        if not len(automaton):
            return []
        found: list[Hit[P]] = []
        for last, (length, payload) in automaton.iter(haystack):
            start, end = last + 1 - length, last + 1
            end = self._word_end(text, end)
            if end is not None and (start == 0 or not text[start - 1].isalnum()):
                found.append(Hit(start, end, payload))
        return found

    def _word_end(self, text: str, end: int) -> int | None:
        """Where the word ends (after an optional possessive), or None inside a word."""
        if end == len(text) or not text[end].isalnum():
            return end
        if self.possessive and text[end - 1].isalpha():
            for suffix in POSSESSIVE:
                stop = end + len(suffix)
                if text[end:stop].lower() == suffix and (
                    stop == len(text) or not text[stop].isalnum()
                ):
                    return stop
        return None


def select_longest(hits: Sequence[Hit[P]]) -> list[Hit[P]]:
    """Greedy: longest first (then leftmost); drop every hit overlapping a kept one."""
    if not hits:
        return []
    taken = bytearray(max(h.end for h in hits))
    kept: list[Hit[P]] = []
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if taken.find(1, hit.start, hit.end) == -1:
            kept.append(hit)
            taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
    return sorted(kept, key=lambda h: h.start)


# ---------------------------------------------------------------- the actor lexicon


@dataclass(frozen=True)
class ActorEntry:
    actor_id: str
    name: str
    side: str
    inter: int
    armed: bool


@dataclass(frozen=True)
class AliasInfo:
    """What a matched alias is: whose, and how it may be used."""

    entry: ActorEntry
    kind: str  # "aliases", "generic" or "attributive" (the actors.yaml field it came from)


ALIAS_KINDS = ("aliases", "generic", "attributive")
ABSORB_BEFORE = re.compile(r"\s*")
ABSORB_AFTER = re.compile(
    r"\s*(?:(?:of|from|belonging to|affiliated (?:to|with)|linked to|loyal to)\s+(?:the\s+)?)?"
)


def entry_of(raw: Mapping[str, Any]) -> ActorEntry:
    try:
        return ActorEntry(
            actor_id=str(raw["id"]),
            name=str(raw["name"]),
            side=str(raw["side"]),
            inter=int(raw["inter"]),
            armed=bool(raw.get("armed", True)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ResourceError(f"actors.yaml: malformed actor {raw!r}: {exc}") from exc


class ActorLexicon:
    """actors.yaml, loaded once: entries by id and the phrase index of their aliases."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.entries: dict[str, ActorEntry] = {}
        pairs: list[tuple[str, AliasInfo]] = []
        for raw in data.get("actors") or []:
            entry = entry_of(raw)
            self.entries[entry.actor_id] = entry
            for kind in ALIAS_KINDS:
                pairs += [(alias, AliasInfo(entry, kind)) for alias in raw.get(kind) or []]
        self.index: PhraseIndex[AliasInfo] = PhraseIndex(pairs, possessive=True)
        unnamed = alternation(data.get("owned_unnamed") or [])
        self.owned_unnamed = re.compile(rf"(?:{unnamed})" if unnamed else r"(?!)", re.I)
        links = alternation(data.get("owner_links") or [])
        self.owner_gap = re.compile(rf"(?:\s(?:{links}))?\s+" if links else r"\s+", re.I)
        """Between a named actor and its gunmen, in folded text ("ISIS-affiliated gunmen")."""
        heads = alternation(data.get("attributive_heads") or [])
        self.heads = re.compile(
            rf"(?:\s+and\s+[\w'.]+(?:\s+[\w'.]+)?)?\s+(?:the\s+)?(?:{heads})(?!\w)",
            re.IGNORECASE,
        )

    @classmethod
    def load(cls) -> ActorLexicon:
        return cls(load_yaml("lexicons", "actors.yaml"))

    def mentions(self, text: str) -> list[ActorMention]:
        """Every actor named in ``text``, sorted by start."""
        folded = fold(text)
        hits = [h for h in self.index.find(text) if self._usable(h, folded)]
        return [self._mention(text, h) for h in self._absorb(hits, folded)]

    def _absorb(self, hits: Sequence[Hit[AliasInfo]], text: str) -> list[Hit[AliasInfo]]:
        """Merge a generic label into the named actor right before or after it, and gunmen
        into the actor that owns them."""
        out: list[Hit[AliasInfo]] = []
        for hit in hits:
            prev = out[-1] if out else None
            if prev and self._joins(prev, hit, text):
                named = prev if hit.payload.kind == "generic" or _unnamed(hit) else hit
                out[-1] = Hit(prev.start, hit.end, named.payload)
            else:
                out.append(hit)
        return out

    def _joins(self, first: Hit[AliasInfo], second: Hit[AliasInfo], text: str) -> bool:
        """Are two hits one actor? A generic label next to a named actor ("Nusra
        terrorists"); a named actor right before words for gunmen nobody named ("ISIS
        gunmen", "ISIS-affiliated gunmen": ISIS; ``owned_unnamed`` in actors.yaml)."""
        kinds = (first.payload.kind, second.payload.kind)
        gap = text[first.end : second.start]
        if kinds == ("aliases", "aliases") and _unnamed(second) and not _unnamed(first):
            owned = self.owned_unnamed.fullmatch(text, second.start, second.end)
            return owned is not None and self.owner_gap.fullmatch(gap) is not None
        if kinds == ("aliases", "generic"):
            return ABSORB_BEFORE.fullmatch(gap) is not None
        if kinds == ("generic", "aliases"):
            return ABSORB_AFTER.fullmatch(gap) is not None
        return False

    def _usable(self, hit: Hit[AliasInfo], folded: str) -> bool:
        if hit.payload.kind != "attributive":
            return True
        return self.heads.match(folded, hit.end) is not None

    @staticmethod
    def _mention(text: str, hit: Hit[AliasInfo]) -> ActorMention:
        e = hit.payload.entry
        return ActorMention(
            start=hit.start,
            end=hit.end,
            text=text[hit.start : hit.end],
            actor_id=e.actor_id,
            name=e.name,
            side=e.side,
            inter=e.inter,
        )


def _unnamed(hit: Hit[AliasInfo]) -> bool:
    return hit.payload.entry.side == "unknown" and hit.payload.kind == "aliases"


class ActorTagger:
    """spaCy component: sets ``doc._.fw_actors`` to the actors named in the text."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lexicon: ActorLexicon | None = None

    def setup(self, ctx: ExtractContext | None = None) -> None:
        self.lexicon = ActorLexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.lexicon is None:
            self.setup()
        lexicon = self.lexicon
        doc._.fw_actors = lexicon.mentions(doc_text(doc)) if lexicon else []
        return doc


# ---------------------------------------------------------------- role cues (actors_roles.yaml)


def alternation(phrases: Sequence[str]) -> str:
    """Regex alternation of phrases in match form (folded, lower case), longest first."""
    keys = sorted({" ".join(fold(p).lower().split()) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


def cue_then_words(phrases: Sequence[str], max_words: int) -> re.Pattern[str]:
    """A cue, then at most ``max_words`` words, at the end of a window ("on syria ")."""
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})\s+(?:[\w']+\s+){{0,{max_words}}}$")


def cue_at_start(phrases: Sequence[str]) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{alternation(phrases)})(?!\w)")


def actor_ids(actors: Mapping[str, Any], keep: Any) -> frozenset[str]:
    return frozenset(str(a["id"]) for a in actors.get("actors") or [] if keep(a))


@dataclass(frozen=True)
class RolePatterns:
    """actors_roles.yaml compiled: the cues that give an actor its role around a trigger."""

    agent: re.Pattern[str]
    agent_gap: int
    agent_blockers: re.Pattern[str]
    target: re.Pattern[str]
    target_gap: int
    opponent: re.Pattern[str]
    between: re.Pattern[str]
    modifiers: frozenset[str]
    modifier_gap: int
    verb_forms: frozenset[str]
    subject_gap: int
    victim: re.Pattern[str]
    responsibility: re.Pattern[str]
    kill: re.Pattern[str]
    passive: re.Pattern[str]
    protest_types: frozenset[str]
    holder: re.Pattern[str]
    unarmed: frozenset[str]
    generic: frozenset[str]
    scan_chars: int
    lead_chars: int
    lead_victim: re.Pattern[str]
    quantity: re.Pattern[str]
    specific_within: int
    anti_government: frozenset[str]

    @classmethod
    def of(cls, raw: Mapping[str, Any], actors: Mapping[str, Any]) -> RolePatterns:
        agents, objects = alternation(raw["agent_cues"]), alternation(raw["kill_objects"])
        victim_gap = int(raw["victim_gap_words"])
        return cls(
            agent=cue_then_words(raw["agent_cues"], 3),
            agent_gap=int(raw["agent_gap_words"]),
            agent_blockers=re.compile(
                rf"(?<!\w)(?:{alternation(raw['agent_blockers'])})\s+(?:{agents})\s+"
                r"(?:[\w']+\s+){0,3}$"
            ),
            target=cue_then_words(raw["target_cues"], 1),
            target_gap=int(raw["target_gap_words"]),
            opponent=cue_then_words(raw["opponent_cues"], 1),
            between=cue_then_words(raw["between_cues"], 1),
            modifiers=frozenset(fold(w).lower() for w in raw["modifier_words"]),
            modifier_gap=int(raw["modifier_gap_words"]),
            verb_forms=frozenset(w.lower() for w in raw["verb_forms"]),
            subject_gap=int(raw["subject_gap_words"]),
            victim=re.compile(
                rf"(?:\s+[\w']+){{0,{victim_gap}}}?{cue_at_start(raw['victim_cues']).pattern}"
            ),
            responsibility=cue_at_start(raw["responsibility_cues"]),
            kill=re.compile(rf"(?<!\w)(?:{alternation(raw['kill_verbs'])})(?=\s+(?:{objects}|\d))"),
            passive=re.compile(
                rf"(?<!\w)(?:{alternation(raw['passive_markers'])})\s+(?:[\w']+ly\s+)?$"
            ),
            protest_types=frozenset(raw["protest_sub_types"]),
            holder=re.compile(rf"\s*(?:{alternation(raw['holder_words'])})(?!\w)"),
            unarmed=actor_ids(actors, lambda a: not a.get("armed", True)),
            generic=actor_ids(actors, lambda a: not a.get("aliases") or a["side"] == "unknown"),
            scan_chars=int(raw["scan_chars"]),
            lead_chars=int(raw["lead_chars"]),
            lead_victim=re.compile(
                rf"(?:\s+[\w']+)?\s+(?:{alternation(raw['lead_victim_cues'])})(?!\w)"
                rf"(?!\s+(?:{objects}|\d))"
            ),
            quantity=re.compile(rf"(?:\s+(?:{alternation(raw['quantity_words'])}|\d[\d,]*))+\s+"),
            specific_within=int(raw["specific_within_chars"]),
            anti_government=frozenset(raw["anti_government_sides"]),
        )


@cache
def role_patterns() -> RolePatterns:
    """actors_roles.yaml (with actors.yaml), read on first use and kept: it is immutable."""
    return RolePatterns.of(
        load_yaml("lexicons", "actors_roles.yaml"), load_yaml("lexicons", "actors.yaml")
    )
