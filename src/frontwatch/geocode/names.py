"""Place names: one key for the spelling variants of a name, and finding names in text.

The same function keys the gazetteer and the text, so "Deir ez-Zor", "Dayr az Zawr" and
"Deir Ezzor" all become ``deir zor``. The rules are data: ``data/geo/spelling.yaml``.
``PlaceMatcher`` finds such keys in a text with one Aho-Corasick automaton over a stream
of the keys of its capitalised words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ahocorasick

from ..errors import ResourceError
from ..resources import load_yaml

WORD = re.compile(r"[^\W_]+")
COMBINING = re.compile(
    "[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)
TOKEN = re.compile(r"[^\W\d_]+(?:['’ʿʾ‘`][^\W\d_]+)*")
_CAP = r"[^\W\d_a-z][\w'’ʿʾ‘`]*"
_LOW = r"[a-z][\w'’ʿʾ‘`]*"
_SEP = r"(?:[ \t]*-[ \t]*|[ \t]+)"
CHUNK = re.compile(
    rf"(?:\b[a-z]{{1,3}}{_SEP})?{_CAP}(?:(?:{_SEP}{_LOW}){{0,2}}{_SEP}{_CAP})*(?:{_SEP}{_LOW}){{0,2}}"
)
"""A capitalised word with what may continue it: capitalised words, up to two lowercase words
in between or after, an article before. Words outside chunks are never part of a name."""
CAP_RUN = re.compile(rf"{_CAP}(?:(?:{_SEP}{_LOW}){{0,2}}{_SEP}{_CAP})*(?:{_SEP}{_LOW}){{0,2}}")
"""``CHUNK`` without the short word before it: it begins with a capital, so re skips fast
from one capital to the next, where it tries ``CHUNK`` at every character."""
SEP_CHARS = frozenset(" \t-")
ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")
POSSESSIVE = ("'s", "’s")
INFO_MEMO_SIZE = 50_000
"""Tokens whose ``WordInfo`` is kept (each one is an object the garbage collector walks)."""
LATIN_EXTRA = str.maketrans({"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ħ": "h", "æ": "ae"})


def chunks(text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``CHUNK.finditer(text)``: each ``CAP_RUN`` with the short word before it,
    when there is one after the previous chunk."""
    end = 0
    for m in CAP_RUN.finditer(text):
        start = _short_word_before(text, m.start(), end)
        end = m.end()
        yield start, end


def _short_word_before(text: str, cap: int, floor: int) -> int:
    """Where ``\\b[a-z]{1,3}`` and a separator (spaces, or one hyphen with spaces around)
    right before ``cap`` begin, not before ``floor``; ``cap`` when there are none."""
    sep = cap
    while sep > floor and text[sep - 1] in SEP_CHARS:
        sep -= 1
    if sep == cap or text.count("-", sep, cap) > 1:
        return cap
    word = sep
    while word > floor and sep - word < 3 and text[word - 1] in ASCII_LOWER:
        word -= 1
    if word == sep or (word > 0 and (text[word - 1].isalnum() or text[word - 1] == "_")):
        return cap
    return word


def fold(text: str) -> str:
    """Lowercase without diacritics (Arabic vowel marks included)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return COMBINING.sub("", decomposed).translate(LATIN_EXTRA)


@dataclass(frozen=True)
class SpellingRules:
    """What ``spelling.yaml`` says; see the comments there."""

    articles: frozenset[str]
    hyphen_articles: frozenset[str]
    apostrophes: str
    token_variants: Mapping[str, str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    arabic_letters: Mapping[str, str]

    @classmethod
    def load(cls) -> SpellingRules:
        return cls.from_data(load_yaml("geo", "spelling.yaml"))

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> SpellingRules:
        """Rules from a mapping shaped like ``spelling.yaml`` (tests compare rule sets)."""
        try:
            return cls(
                articles=frozenset(data["articles"]),
                hyphen_articles=frozenset(data["hyphen_articles"]),
                apostrophes=str(data["apostrophes"]),
                token_variants={str(k): str(v) for k, v in data["token_variants"].items()},
                rewrites=tuple((re.compile(p), r) for p, r in data["rewrites"]),
                arabic_letters={str(k): str(v) for k, v in data["arabic_letters"].items()},
            )
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise ResourceError(f"data/geo/spelling.yaml is malformed: {exc!r}") from exc


@dataclass
class NameNormalizer:
    """Normalises names and single words; word results are memoised per instance."""

    rules: SpellingRules
    _words: dict[str, str] = field(default_factory=dict, repr=False)
    _table: dict[int, str | None] = field(default_factory=dict, repr=False)
    _hyphened: re.Pattern[str] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        table: dict[int, str | None] = {ord(c): None for c in self.rules.apostrophes}
        table.update({ord(k): v for k, v in self.rules.arabic_letters.items()})
        self._table = table
        words = "|".join(map(re.escape, sorted(self.rules.hyphen_articles)))
        self._hyphened = re.compile(rf"(?i)(?<![^\W_])(?:{words})-(?=[^\W_])") if words else None

    @classmethod
    def load(cls) -> NameNormalizer:
        return cls(SpellingRules.load())

    def word(self, raw: str) -> str:
        """The key of one word (may hold a space when a variant splits it, or be empty)."""
        key = self._words.get(raw)
        if key is None:
            key = self._word(raw)
            if len(self._words) < 200_000:
                self._words[raw] = key
        return key

    def _word(self, raw: str) -> str:
        folded = fold(raw.translate(self._table))
        folded = "".join(WORD.findall(folded))
        parts = self.rules.token_variants.get(folded, folded).split()
        return " ".join(self._rewrite(p) for p in parts)

    def _rewrite(self, word: str) -> str:
        for pattern, replacement in self.rules.rewrites:
            word = pattern.sub(replacement, word)
        return word

    def is_article(self, raw: str) -> bool:
        return raw.casefold() in self.rules.articles

    def is_hyphen_article(self, raw: str) -> bool:
        """An article only when a hyphen joins it to the next word ("a-Tal")."""
        return raw.casefold() in self.rules.hyphen_articles

    def split(self, name: str) -> list[str]:
        """The folded words of a name, apostrophes and "a-" articles removed ("Dar'a" is one
        word; "Salah a-Din" is "salah", "din")."""
        if self._hyphened is not None:
            name = self._hyphened.sub("", name)
        return WORD.findall(fold(name.translate(self._table)))

    def normalize(self, name: str) -> str:
        """The key of a whole name: ``"Ma'arrat al-Nu'man"`` -> ``"marat numan"``."""
        words = self.split(name)
        kept = [w for i, w in enumerate(words) if i == len(words) - 1 or not self.is_article(w)]
        return " ".join(k for k in (self.word(w) for w in kept) if k)


class Word(NamedTuple):
    """A word of the matching stream: its span in the text and the run it belongs to."""

    start: int
    end: int
    text: str
    run: int


class Hit(NamedTuple):
    """A gazetteer (or stop) name found over words ``first..last``."""

    first: int
    last: int
    key: str
    stop: bool


class WordInfo(NamedTuple):
    """What the stream needs to know of a token, whatever its place in the text."""

    word: str
    """The token without a possessive "'s"."""
    trim: int
    """2 when a possessive was cut, else 0."""
    lower: bool
    upper: bool
    name_alone: bool
    """May the word stand in a name (``PlaceMatcher._name_word``) on its own ..."""
    name_continued: bool
    """... or right after a name word?"""
    article: bool
    hyphen_only: bool
    """An article only before a hyphen ("a-Tal"); else no name word."""
    kept_key: str
    """The key after another name word or a possessive ("" when the word is never keyed)."""
    free_key: tuple[str, int]
    """The key elsewhere, and 1 if a possessive "s" lost its apostrophe ("Aleppos")."""


@dataclass
class _Stream:
    """The matching stream being built (see ``PlaceMatcher._stream``)."""

    pieces: list[str] = field(default_factory=lambda: [" "])
    words: list[Word] = field(default_factory=list)
    starts: dict[int, int] = field(default_factory=dict)
    ends: dict[int, int] = field(default_factory=dict)
    pos: int = 1
    run: int = 0
    article_at: int = -1
    lowercase: int = 0

    def new_run(self) -> None:
        self.pieces.append("| ")
        self.pos, self.run, self.article_at = self.pos + 2, self.run + 1, -1

    def add(self, key: str, word: Word, capital: bool) -> None:
        if capital:
            self.starts[self.pos] = len(self.words)
        self.ends[self.pos + len(key) - 1] = len(self.words)
        self.words.append(word)
        self.pieces.append(f"{key} ")
        self.pos += len(key) + 1
        self.article_at = -1


class PlaceMatcher:
    """Finds gazetteer names (and stop names) in a text: whole words, capitalised."""

    def __init__(
        self,
        names: Iterable[str],
        *,
        normalizer: NameNormalizer,
        stop_names: Iterable[str] = (),
        name_words: frozenset[str] = frozenset(),
        context_words: frozenset[str] = frozenset(),
        acronyms: frozenset[str] = frozenset(),
        common_words: frozenset[str] = frozenset(),
        spelling_only: frozenset[str] = frozenset(),
    ) -> None:
        self.normalizer = normalizer
        self.name_words = name_words
        self.acronyms = acronyms
        self.common = common_words
        self._infos: dict[str, WordInfo] = {}
        self.automaton: Any = ahocorasick.Automaton()
        known: set[str] = set()
        for key in names:
            if key.rpartition(" ")[2] not in context_words:
                self.automaton.add_word(f" {key} ", (len(key) + 2, key, False))
                known.add(key)
        spellings: dict[str, set[str]] = {}
        for stop in stop_names:
            spellings.setdefault(normalizer.normalize(stop), set()).add(stop.casefold())
        spellings.pop("", None)
        self.exact_stops = {
            k: frozenset(v)
            for k, v in spellings.items()
            if all(w in common_words or w in spelling_only for w in v)
        }
        """Stop keys only English words (or ``spelling_only`` words) make ("Male", "Hope",
        "Sana"): they stop their own spelling;
        the names their key meets otherwise ("Al-Malaah" is keyed as "Male" is) are no
        gazetteer hit either (the key's gazetteer place is the one the word was stopped for)
        but may be candidate places."""
        self.places_too = frozenset(
            k
            for k, v in spellings.items()
            if k in known and any(w in spelling_only for w in v) and k in self.exact_stops
        )
        """Stop keys of ``spelling_only`` words that are also gazetteer names: another
        spelling is a gazetteer hit ("Sanaa", keyed as the agency "Sana" is)."""
        for key in spellings:
            self.automaton.add_word(f" {key} ", (len(key) + 2, key, True))
        self.automaton.make_automaton()

    def is_stop(self, name: str) -> bool:
        key = self.normalizer.normalize(name)
        value = self.automaton.get(f" {key} ", None)
        if value is None or not value[2]:
            return False
        exact = self.exact_stops.get(key)
        return exact is None or name.strip().casefold() in exact

    def _stop_spelt(self, hit: Hit, words: list[Word]) -> bool:
        """Is the stop hit spelt as its stop name, when only that spelling counts?"""
        exact = self.exact_stops.get(hit.key)
        if exact is None:
            return True
        return " ".join(w.text for w in words[hit.first : hit.last + 1]).casefold() in exact

    def scan(self, text: str) -> tuple[list[Word], list[Hit]]:
        """The words that may make names, and the leftmost-longest hits over them."""
        stream, words, starts, ends = self._stream(text)
        hits = []
        for end, (length, key, stop) in self.automaton.iter(stream):
            first, last = starts.get(end - length + 2), ends.get(end - 1)
            if first is not None and last is not None:
                hit = Hit(first, last, key, stop)
                if not stop or self._stop_spelt(hit, words):
                    hits.append(hit)
                elif key in self.places_too:
                    hits.append(Hit(first, last, key, False))
        return words, _leftmost_longest(hits)

    def _stream(self, text: str) -> tuple[str, list[Word], dict[int, int], dict[int, int]]:
        """Keys of the name words, joined by spaces, runs separated by "|"."""
        st = _Stream()
        for start, end in chunks(text):
            self._chunk(st, text, start, end)
        return "".join(st.pieces), st.words, st.starts, st.ends

    def _chunk(self, st: _Stream, text: str, begin: int, stop: int) -> None:
        """Add the name words of one chunk. A word continues the run of the previous name
        word when only spaces or hyphens separate them; an article ("al-") waits for the
        word it introduces. The hot loop of toponym finding: the facts of each token come
        from the ``info`` memo and the loop state stays in local variables."""
        prev_end, lowercase = -1, st.lowercase
        for m in TOKEN.finditer(text, begin, stop):
            info = self.info(m.group())
            start, end = m.start(), m.end() - info.trim
            adjacent = prev_end >= 0 and not text[prev_end:start].strip(" -")
            lowercase = lowercase + 1 if info.lower else 0
            if not (info.name_continued if adjacent and lowercase <= 2 else info.name_alone):
                prev_end = -1
                continue
            if info.hyphen_only and text[end : end + 1] != "-":
                prev_end = -1
                continue
            if not adjacent:
                st.new_run()
            if info.article:
                if st.article_at < 0 and (info.upper or text[end : end + 1] == "-"):
                    st.article_at = start
                prev_end = end
                continue
            key, cut = (info.kept_key, 0) if info.trim or adjacent else info.free_key
            prev_end = -1 if info.trim or cut else end
            if key:
                at = st.article_at if st.article_at >= 0 else start
                st.add(key, Word(at, end - cut, info.word, st.run), not info.lower)
        st.lowercase = lowercase

    def info(self, token: str) -> WordInfo:
        """What the stream needs of a token (memoised: texts repeat their names)."""
        found = self._infos.get(token)
        if found is None:
            found = self._info(token)
            if len(self._infos) < INFO_MEMO_SIZE:
                self._infos[token] = found
        return found

    def _info(self, token: str) -> WordInfo:
        trim = 2 if token[-2:] in POSSESSIVE else 0
        word = token[:-2] if trim else token
        alone = self._name_word(word, continues=False)
        continued = self._name_word(word, continues=True)
        hyphen_only = self.normalizer.is_hyphen_article(word)
        article = hyphen_only or self._article(word)
        keyed = (alone or continued) and not article
        return WordInfo(
            word=word,
            trim=trim,
            lower=word[0].islower(),
            upper=word[0].isupper(),
            name_alone=alone,
            name_continued=continued,
            article=article,
            hyphen_only=hyphen_only,
            kept_key=self._key(word, True)[0] if keyed else "",
            free_key=self._key(word, False) if keyed else ("", 0),
        )

    def _key(self, word: str, keep: bool) -> tuple[str, int]:
        """The word's key, and 1 if a possessive "s" lost its apostrophe ("Aleppos")."""
        key = self.normalizer.word(word)
        if keep or not word.endswith("s") or len(word) < 4:
            return key, 0
        if self.automaton.exists(f" {key} "):
            return key, 0
        bare = self.normalizer.word(word[:-1])
        return (bare, 1) if self.automaton.exists(f" {bare} ") else (key, 0)

    def _name_word(self, word: str, *, continues: bool) -> bool:
        """Can this word stand in a place name? Capitalised, not an acronym; lowercase only
        inside a name when it is not common English ("Deir ezzor")."""
        article = self._article(word) or self.normalizer.is_hyphen_article(word)
        if word[0].islower():
            if word in self.name_words or article:
                return True
            return continues and word not in self.common
        if word.isupper() and len(word) <= 4:
            return word in self.acronyms or article
        return True

    def _article(self, word: str) -> bool:
        return len(word) <= 3 and self.normalizer.is_article(word)


def _leftmost_longest(hits: list[Hit]) -> list[Hit]:
    chosen: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.first, h.first - h.last, not h.stop)):
        if not chosen or hit.first > chosen[-1].last:
            chosen.append(hit)
    return chosen
