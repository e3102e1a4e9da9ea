"""Text features: key terms for similarity, MinHash signatures for near-duplicates."""

from __future__ import annotations

import hashlib
import re
import sys
import zlib
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

from .config import MinHashConfig, ResolveConfig

_PRIME = np.uint64((1 << 61) - 1)
_WORD = re.compile(r"[^\W\d_][\w'-]*", re.UNICODE)


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w'-]+", re.UNICODE)


def key_terms(
    title: str | None, text: str, spans: Iterable[str], config: ResolveConfig
) -> set[str]:
    """Content words of the title, the lede and the event's evidence spans.

    Proper names (capitalised, not sentence-initial) are also kept prefixed with ``@``:
    the place and landmark names that tell two look-alike happenings apart.
    """
    joined = " \n".join([title or "", text[: config.lede_chars], *spans])
    terms = set()
    for raw in _WORD.findall(joined.lower()):
        word = raw.strip("'-").removesuffix("'s")
        if len(word) >= config.min_term_chars and word not in config.stopwords:
            terms.add(sys.intern(word))
    for raw in _NAME.findall(joined):
        word = raw.strip("'-").removesuffix("'s").lower()
        if len(word) >= config.min_term_chars and word not in config.common_names:
            terms.add(sys.intern("@" + word))
    return terms


def name_similarity(a: frozenset[str], b: frozenset[str], min_ratio: float) -> float:
    """Cosine of two name sets; spelling variants ("Mare'", "Marea") count as shared."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    if shared == 0:
        shared = sum(1 for x in a if any(fuzz.ratio(x, y) >= min_ratio for y in b))
    return min(1.0, shared / float(np.sqrt(len(a) * len(b))))


def split_terms(terms: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """(words, names) of a key-term set."""
    names = frozenset(t for t in terms if t.startswith("@"))
    return terms - names, names


def term_similarity(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Cosine similarity of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / float(np.sqrt(len(a) * len(b)))


def _shingles(text: str, size: int) -> set[int]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        words += [""] * (size - len(words))
    return {
        zlib.crc32(" ".join(words[i : i + size]).encode()) for i in range(len(words) - size + 1)
    }


class MinHasher:
    """MinHash ((a * x + b) mod a Mersenne prime over 32-bit shingle hashes), LSH band keys."""

    def __init__(self, config: MinHashConfig) -> None:
        self.config = config
        rng = np.random.default_rng(config.seed)
        n = config.permutations
        # a, b < 2**32 and x < 2**32: a * x + b fits in 64 bits before the modulo
        self._a = rng.integers(1, 2**32, size=n, dtype=np.uint64)
        self._b = rng.integers(0, 2**32, size=n, dtype=np.uint64)

    def signature(self, text: str) -> npt.NDArray[np.uint64]:
        return self.signature_of(_shingles(text, self.config.shingle_words))

    def shingles(self, text: str) -> set[int]:
        return _shingles(text, self.config.shingle_words)

    def signature_of(self, shingles: set[int]) -> npt.NDArray[np.uint64]:
        values = np.fromiter(shingles, dtype=np.uint64)
        hashed = (values[:, None] * self._a[None, :] + self._b[None, :]) % _PRIME
        return hashed.min(axis=0).astype(np.uint64)

    def bands(self, signature: Sequence[int] | npt.NDArray[np.uint64]) -> list[int]:
        """One key per band: equal keys mean a candidate pair."""
        rows = self.config.permutations // self.config.bands
        keys = []
        for band in range(self.config.bands):
            chunk = np.asarray(signature[band * rows : (band + 1) * rows], dtype=np.uint64)
            digest = hashlib.blake2b(chunk.tobytes() + bytes([band]), digest_size=7).digest()
            keys.append(int.from_bytes(digest, "little"))
        return keys


def containment(jaccard: float, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set found in the other, from their Jaccard similarity.

    A copy with its last paragraph cut is contained in the original even when their
    Jaccard similarity is low.
    """
    if jaccard <= 0 or not size_a or not size_b:
        return 0.0
    shared = jaccard * (size_a + size_b) / (1 + jaccard)
    return min(1.0, shared / min(size_a, size_b))


def estimated_jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    same = np.count_nonzero(np.asarray(a, dtype=np.uint64) == np.asarray(b, dtype=np.uint64))
    return float(same) / len(a)
