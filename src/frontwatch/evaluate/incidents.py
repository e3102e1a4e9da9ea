"""Score incident clustering against a gold file of report clusters.

The gold file is JSON Lines, one article per line: ``text`` plus the usual optional input
fields (``id``, ``title``, ``source``, ``url``, ``published``) and ``incident`` (the label of
the happening the article mainly reports; null for none). Labels may instead come from a
second file joined by ``id`` (the demo corpus and its ``gold.jsonl``). The articles are
analysed, stored in a temporary database batch by batch with ``update_incidents`` after
each batch (as ingest does), and the incident of each article's main event is compared
with the gold label: pairwise precision/recall/F1 and B-cubed.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import combinations, islice
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extract.pipeline import Extractor
from ..ingest.normalize import make_article
from ..records import Article
from ..resolve import update_incidents
from ..settings import Settings
from ..store import Store
from ..store.incidents import IncidentStore


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{line_no}", f"not JSON: {exc.msg}") from exc
            if not isinstance(item, dict):
                raise InputError(f"{path}:{line_no}", "not a JSON object")
            items.append(item)
    return items


LABEL_KEYS = ("incident", "incident_id", "cluster", "cluster_id")
GROUP_KEYS = ("reports", "articles")


def expand_clusters(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines that hold a cluster (a label and a list of ``reports``) become one per report."""
    flat: list[dict[str, Any]] = []
    for item in items:
        group = next((item[k] for k in GROUP_KEYS if isinstance(item.get(k), list)), None)
        if group is None:
            flat.append(item)
            continue
        label = _label(item)
        flat += [{**report, "incident": _label(report) or label} for report in group]
    return flat


def _label(item: dict[str, Any]) -> str | None:
    return next((str(item[k]) for k in LABEL_KEYS if item.get(k) not in (None, "")), None)


def gold_labels(items: Sequence[dict[str, Any]], gold: Path | None) -> list[str]:
    """One label per article; a null incident is its own singleton."""
    if gold is not None:
        by_id = {g.get("id"): g for g in read_jsonl(gold)}
        missing = [i.get("id") for i in items if i.get("id") not in by_id]
        if missing:
            raise InputError(str(gold), f"no gold line for ids {missing[:5]}")
        labels = [_label(by_id[i.get("id")]) for i in items]
    else:
        if not any(k in i for i in items for k in LABEL_KEYS):
            raise InputError("gold", "lines need an `incident` field (or give a GOLD file)")
        labels = [_label(i) for i in items]
    return [label or f"_single-{n}" for n, label in enumerate(labels)]


def _pairs(labels: Sequence[str]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = {}
    for n, label in enumerate(labels):
        groups.setdefault(label, []).append(n)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    g, p = _pairs(gold), _pairs(predicted)
    precision = len(g & p) / len(p) if p else 1.0
    recall = len(g & p) / len(g) if g else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def bcubed_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    pair_counts = Counter(zip(gold, predicted, strict=True))
    gold_sizes, pred_sizes = Counter(gold), Counter(predicted)
    n = len(gold)
    both = list(zip(gold, predicted, strict=True))
    precision = sum(pair_counts[(g, p)] / pred_sizes[p] for g, p in both) / n
    recall = sum(pair_counts[(g, p)] / gold_sizes[g] for g, p in both) / n
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def _articles(items: Sequence[dict[str, Any]], path: Path, max_chars: int) -> list[Article]:
    return [
        make_article(
            str(item.get("text") or ""),
            title=item.get("title"),
            source=item.get("source"),
            url=item.get("url"),
            published=item.get("published"),
            id=item.get("id"),
            origin=f"{path}:{n}",
            max_chars=max_chars,
        )
        for n, item in enumerate(items, start=1)
    ]


def _chunks(items: Sequence[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def predicted_incidents(
    articles: Sequence[Article], *, extractor: Extractor, settings: Settings
) -> Mapping[str, str]:
    """article_id -> incident id, after storing the articles batch by batch."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        for chunk in _chunks(articles, settings.batch_size):
            store.add_batch(list(extractor.analyze(chunk)))
            update_incidents(store, [a.article_id for a in chunk], settings=settings)
        return IncidentStore(store).incidents_of_articles([a.article_id for a in articles])


def evaluate_incidents(
    path: Path, gold: Path | None = None, *, extractor: Extractor, settings: Settings
) -> dict[str, float | int]:
    items = expand_clusters(read_jsonl(path))
    labels = gold_labels(items, gold)
    articles = _articles(items, path, settings.max_article_chars)
    placed = predicted_incidents(articles, extractor=extractor, settings=settings)
    predicted = [placed.get(a.article_id, f"_none-{n}") for n, a in enumerate(articles)]
    pair = pairwise_scores(labels, predicted)
    cubed = bcubed_scores(labels, predicted)
    return {
        "n": len(articles),
        "gold_incidents": len(set(labels)),
        "predicted_incidents": len(set(predicted)),
        "precision": round(pair["precision"], 4),
        "recall": round(pair["recall"], 4),
        "f1": round(pair["f1"], 4),
        "bcubed_precision": round(cubed["precision"], 4),
        "bcubed_recall": round(cubed["recall"], 4),
        "bcubed_f1": round(cubed["f1"], 4),
    }
