"""Near-duplicate articles: syndicated and lightly edited copies are not independent sources.

Each article gets a MinHash signature and LSH band keys. An article whose estimated Jaccard
similarity with an earlier article reaches the threshold is marked ``duplicate_of`` that
article's original (copies of copies point at the first).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from ..store.incidents import IncidentStore
from .config import ResolveConfig
from .text import MinHasher, containment

Signature = npt.NDArray[np.uint64]


@dataclass(frozen=True)
class Signed:
    article_id: str
    signature: Signature
    size: int
    bands: list[int]
    duplicate_of: str | None
    similarity: float | None


@dataclass(frozen=True)
class _Known:
    signature: Signature
    size: int
    original: str | None
    bands: tuple[int, ...]
    published: dt.date | None


class Deduplicator:
    """Finds the original of each new article among stored and earlier new articles."""

    def __init__(self, config: ResolveConfig, store: IncidentStore | None = None) -> None:
        self.config = config
        self.hasher = MinHasher(config.minhash)
        self.store = store
        self._bands: dict[int, list[str]] = {}
        self._known: dict[str, _Known] = {}
        self._evicted_at: dt.date | None = None

    def preload(self, bands: Sequence[int]) -> None:
        """Fetch, in two queries, the stored articles sharing a band key with new ones."""
        if self.store is None or not bands:
            return
        found = self.store.band_candidates(sorted(set(bands)))
        for key, articles in found.items():
            self._bands.setdefault(key, []).extend(articles)
        ids = sorted({a for articles in found.values() for a in articles} - set(self._known))
        for article_id, (signature, size, original) in self.store.signatures(ids).items():
            self._known[article_id] = _Known(
                np.asarray(signature, dtype=np.uint64), size, original, (), None
            )

    def _best(
        self, article_id: str, signature: Signature, size: int, candidates: set[str]
    ) -> tuple[float, str] | None:
        best: tuple[float, str] | None = None
        for other in sorted(candidates - {article_id}):
            known = self._known.get(other)
            if known is None:
                continue
            jaccard = float(np.count_nonzero(known.signature == signature)) / len(signature)
            value = containment(jaccard, size, known.size)
            if value >= self.config.minhash.threshold and (best is None or value > best[0]):
                best = (value, other)
        return best

    def sign(self, article_id: str, text: str, published: dt.date | None = None) -> Signed:
        shingles = self.hasher.shingles(text)
        signature, size = self.hasher.signature_of(shingles), len(shingles)
        bands = self.hasher.bands(signature)
        candidates: set[str] = set()
        for key in bands:
            candidates.update(self._bands.get(key, ()))
        best = self._best(article_id, signature, size, candidates)
        original = (self._known[best[1]].original or best[1]) if best else None
        for key in bands:
            self._bands.setdefault(key, []).append(article_id)
        self._known[article_id] = _Known(signature, size, original, tuple(bands), published)
        return Signed(article_id, signature, size, bands, original, best[0] if best else None)

    def evict(self, before: dt.date) -> None:
        """Forget articles published before ``before`` (copies follow within days).

        Scans only when ``before`` moves forward.
        """
        if self._evicted_at is not None and before <= self._evicted_at:
            return
        self._evicted_at = before
        old = [a for a, k in self._known.items() if k.published and k.published < before]
        for article_id in old:
            for key in self._known.pop(article_id).bands:
                ids = self._bands.get(key, [])
                if article_id in ids:
                    ids.remove(article_id)
                if not ids:
                    self._bands.pop(key, None)


def sign_articles(
    store: IncidentStore, article_ids: Sequence[str], config: ResolveConfig
) -> dict[str, str | None]:
    """Sign the articles that have no signature yet; returns article_id -> duplicate_of."""
    dedup = Deduplicator(config, store)
    todo = store.unsigned_articles(article_ids)
    dedup.preload(
        [key for _, text, _ in todo for key in dedup.hasher.bands(dedup.hasher.signature(text))]
    )
    signed = [dedup.sign(aid, text, day) for aid, text, day in todo]
    save_signed(store, signed)
    return {s.article_id: s.duplicate_of for s in signed}


def save_signed(store: IncidentStore, signed: Sequence[Signed]) -> None:
    store.save_signatures(
        [
            (s.article_id, [int(v) for v in s.signature], s.size, s.duplicate_of, s.similarity)
            for s in signed
        ],
        [(key, s.article_id) for s in signed for key in s.bands],
    )
