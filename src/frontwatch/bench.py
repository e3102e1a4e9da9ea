"""``frontwatch bench``: our analyze vs a bare spaCy small pass, same texts, same run.

The baseline is ``nlp.pipe`` of the small English model with all its components; the ratio
of throughputs is the figure we report (docs/benchmarks.md), never an absolute time.
"""

from __future__ import annotations

import time
from itertools import islice
from pathlib import Path
from typing import Any

import spacy

from .evaluate.fakes import fakes_articles
from .extract.pipeline import Extractor, model_name, settle_heap
from .settings import Settings


def _timed(label: str, func: Any, n: int) -> dict[str, float]:
    started = time.perf_counter()
    func()
    elapsed = time.perf_counter() - started
    return {
        f"{label}_seconds": round(elapsed, 3),
        f"{label}_articles_per_second": round(n / elapsed, 1),
    }


def run_bench(path: Path, *, settings: Settings, limit: int | None = None) -> dict[str, Any]:
    articles = list(islice(fakes_articles(path, settings), limit))
    texts = [a.text for a in articles]
    extractor = Extractor(settings)
    baseline = spacy.load(model_name(settings))
    list(extractor.analyze(articles[:8]))  # warm up both (lazy init, caches)
    list(baseline.pipe(texts[:8]))
    settle_heap()
    ours = _timed("frontwatch", lambda: list(extractor.analyze(articles)), len(texts))
    bare = _timed(
        "spacy_small",
        lambda: list(baseline.pipe(texts, batch_size=settings.batch_size)),
        len(texts),
    )
    ratio = ours["frontwatch_articles_per_second"] / bare["spacy_small_articles_per_second"]
    return {"n": len(texts), **ours, **bare, "speedup": round(ratio, 2)}
