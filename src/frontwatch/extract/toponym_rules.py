"""The toponym tagger's rules, compiled from data: context phrases that relate an event to a
place ("northwest of", "X countryside"), stop names and titles, locality phrases ("the
village of X"), and the common English words that are never a place alone
(``data/geo/place_context.yaml``, ``stop_names.yaml``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..anchors import AnchoredPattern
from ..errors import ResourceError
from ..geocode.names import NameNormalizer
from ..resources import load_yaml

WORD_BOUNDARY = r"\b"


@dataclass(frozen=True)
class ContextRules:
    """Context patterns joined in one regex; the first alternative that matches wins."""

    relations: tuple[str, ...]
    pattern: re.Pattern[str]

    @classmethod
    def compile(cls, rows: Iterable[dict[str, str]], directions: str) -> ContextRules:
        rows = list(rows)
        patterns = [
            r["pattern"].replace("(?P<direction>", f"(?P<d{i}>") for i, r in enumerate(rows)
        ]
        # A word boundary that opens every pattern is tested once per position, not per
        # pattern (the "before" patterns are searched across a window for every toponym).
        lead = WORD_BOUNDARY if all(p.startswith(WORD_BOUNDARY) for p in patterns) else ""
        parts = [f"(?P<r{i}>{p[len(lead) :]})" for i, p in enumerate(patterns)]
        joined = f"{lead}(?:{'|'.join(parts)})".replace("{direction}", directions)
        return cls(tuple(r["relation"] for r in rows), re.compile(joined, re.I))

    def relation(self, m: re.Match[str] | None) -> str | None:
        if m is None:
            return None
        groups = m.groupdict()
        for i, relation in enumerate(self.relations):
            if groups[f"r{i}"] is not None:
                direction = re.sub(r"[\s-]", "", (groups.get(f"d{i}") or "").lower())
                return relation.replace("{direction}", direction)
        return None


@dataclass(frozen=True)
class ToponymRules:
    """``place_context.yaml`` and ``stop_names.yaml``, compiled."""

    window: int
    before_window: int
    name_words: frozenset[str]
    context_words: frozenset[str]
    generic_heads: frozenset[str]
    before: ContextRules
    after: ContextRules
    stop_names: tuple[str, ...]
    single_stops: frozenset[str]
    """Stop words (not demonyms, not phrases) that a locality phrase overrules: "the village
    of Nasrallah" is a place, "the village of Turkmen" is not one."""
    acronyms: frozenset[str]
    common_words: frozenset[str]
    spelling_only: frozenset[str]
    """Stop words that stop only their own spelling (``spelling_only``, stop_names.yaml)."""
    place_suffixes: frozenset[str]
    title: re.Pattern[str]
    localities: tuple[AnchoredPattern, ...]
    listed: re.Pattern[str]
    lead_heads: re.Pattern[str]
    name_prepositions: frozenset[str]

    @classmethod
    def load(cls, normalizer: NameNormalizer, common_words: frozenset[str]) -> ToponymRules:
        ctx = load_yaml("geo", "place_context.yaml")
        stop = load_yaml("geo", "stop_names.yaml")
        try:
            directions = "|".join(
                re.escape(d).replace(r"\ ", r"\s+")
                for d in sorted(ctx["directions"], key=len)[::-1]
            )
            titles = "|".join(re.escape(t) for t in (*stop["titles"], *stop["given_names"]))
            return cls(
                window=int(ctx["window"]),
                before_window=int(ctx["before_window"]),
                name_words=frozenset(ctx["name_words"]),
                context_words=frozenset(normalizer.word(w) for w in ctx["context_words"]),
                generic_heads=frozenset(normalizer.word(w) for w in ctx["generic_heads"]),
                before=ContextRules.compile(ctx["before"], directions),
                after=ContextRules.compile(ctx["after"], directions),
                stop_names=(*stop["demonyms"], *stop["words"], *stop["phrases"]),
                single_stops=frozenset(str(w).casefold() for w in stop["words"])
                - frozenset(str(w).casefold() for w in stop["demonyms"]),
                acronyms=frozenset(stop["acronyms"]),
                common_words=common_words,
                spelling_only=frozenset(str(w).casefold() for w in stop.get("spelling_only") or []),
                place_suffixes=frozenset(ctx["place_suffixes"]),
                title=re.compile(rf"\b(?:{titles})\.?\s+$"),
                localities=_locality_patterns(ctx["locality_words"], normalizer),
                listed=re.compile(
                    rf",\s+(?P<last>(?:and|or)\s+)?(?P<name>{_name_run(normalizer)})"
                ),
                lead_heads=re.compile(
                    rf"(?<![\w‘’'ʿ-])(?:(?:{'|'.join(map(re.escape, ctx['lead_heads']))})[ -])+$"
                ),
                name_prepositions=frozenset(ctx["name_prepositions"]),
            )
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ResourceError(f"data/geo place context or stop names malformed: {exc!r}") from exc


def english_words(model: str | None) -> frozenset[str]:
    """Common English words: spaCy's stop words and, when the model package is there, the
    verbs, adjectives and adverbs of its lemmatizer (WordNet): "Kill", "Nice", "Use"."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = set(STOP_WORDS)
    if model is not None:
        words.update(_lemmatizer_words(model, ("verb", "adj", "adv")))
    return frozenset(words)


@lru_cache(maxsize=4)
def _lemmatizer_words(model: str, parts: tuple[str, ...]) -> frozenset[str]:
    import spacy

    keep = ("lemmatizer",)
    drop = ("tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter")
    try:
        nlp = spacy.load(model, exclude=[p for p in drop if p not in keep])
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    except (OSError, KeyError, ValueError):
        return frozenset()
    index, exceptions = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
    words: set[str] = set()
    for pos in parts:
        words.update(w for w in index.get(pos, ()) if "_" not in w)
        words.update(exceptions.get(pos, {}))
    return frozenset(words)


def _name_run(normalizer: NameNormalizer) -> str:
    """A run of up to three capitalised words, articles allowed ("Deir al-Assafir")."""
    article = "|".join(sorted(normalizer.rules.articles, key=len)[::-1])
    cap = r"[A-Z][\w'’‘ʿ]*"
    word = rf"[ -](?:(?:{article})[- ])?['’‘ʿ]?{cap}"
    return rf"(?:(?:{article}|[AE]l)[- ])?['’‘ʿ]?{cap}(?:{word}){{0,2}}(?![ -]?[A-Z])"


def _locality_patterns(words: list[str], normalizer: NameNormalizer) -> tuple[AnchoredPattern, ...]:
    """ "the village of X" and "the X village", X a run of capitalised words (each pattern
    runs only where its first word, the locality word or "the", stands)."""
    run = _name_run(normalizer)
    kinds = "|".join(re.escape(w) for w in words)
    more = rf"(?:,?\s+and\s+(?P<other>{run}))?"
    return (
        AnchoredPattern(re.compile(rf"\b(?i:{kinds})\s+of\s+(?P<name>{run}){more}"), words),
        AnchoredPattern(
            re.compile(rf"\b(?i:the)\s+(?P<name>{run}){more}\s+(?i:{kinds})\b"), ["the"]
        ),
    )
