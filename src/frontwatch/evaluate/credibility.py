"""FA-KES credibility labels, for the record: a logistic regression on our explainable
features (outlet prior, attribution, hedging, sensational words, stated figures), trained
on one CSV and scored on another. The labels came from a casualty database we do not have:
text-only models sit at chance (ROC AUC about 0.5). Features are never tuned to this label.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

from ..errors import InputError
from ..ingest.readers import read_inputs
from ..records import Article
from ..verify.lexicon import CredibilityConfig, find_terms, load_credibility_config
from ..verify.outlets import OutletRegistry, load_outlets

_FIGURE = re.compile(r"\b\d+\b")
_SAYS = re.compile(r"\b(said|told|according to|reported|stated)\b", re.IGNORECASE)


def features(article: Article, config: CredibilityConfig, outlets: OutletRegistry) -> list[float]:
    outlet = outlets.find(article.source, article.url)
    text = article.text
    vague = find_terms(text, sorted(config.vague_sources))
    return [
        outlet.reliability_prior if outlet else 0.5,
        math.log1p(len(_SAYS.findall(text))),
        math.log1p(len(vague)),
        math.log1p(len(find_terms(text, config.hedges))),
        math.log1p(len(find_terms(text, config.sensational))),
        math.log1p(len(_FIGURE.findall(text))),
        math.log1p(len(text) / 1000),
    ]


def _read(path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        labels = [row.get("label", "") for row in csv.DictReader(fh)]
    config, outlets = load_credibility_config(), load_outlets()
    rows: list[list[float]] = []
    for item in read_inputs([path], fmt="fakes"):
        if isinstance(item, InputError):
            raise item
        rows.append(features(item, config, outlets))
    if len(rows) != len(labels) or any(lab not in ("0", "1") for lab in labels):
        raise InputError(str(path), "every row needs a 0/1 `label` and a readable article")
    return np.asarray(rows), np.asarray([float(lab) for lab in labels])


def _fit(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """L2-regularised logistic regression by gradient descent (weights incl. bias)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(2000):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 0.1 * (xb.T @ (p - y) / len(y) + 0.01 * w)
    return w


def auc(scores: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> float:
    """ROC AUC by the rank-sum (ties averaged)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    for value in np.unique(scores):
        tied = scores == value
        ranks[tied] = ranks[tied].mean()
    pos = y == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return float("nan")
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def evaluate_credibility(train: Path, test: Path) -> dict[str, float | int]:
    x_train, y_train = _read(train)
    x_test, y_test = _read(test)
    mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-9
    w = _fit((x_train - mean) / std, y_train)
    xb = np.hstack([(x_test - mean) / std, np.ones((len(x_test), 1))])
    scores = 1 / (1 + np.exp(-xb @ w))
    pred = (scores >= 0.5).astype(float)
    tp = float(((pred == 1) & (y_test == 1)).sum())
    precision = tp / pred.sum() if pred.sum() else 0.0
    recall = tp / y_test.sum() if y_test.sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "n": len(y_test),
        "accuracy": round(float((pred == y_test).mean()), 4),
        "f1": round(f1, 4),
        "auc": round(auc(scores, y_test), 4),
        "majority_baseline": round(float(max(y_test.mean(), 1 - y_test.mean())), 4),
    }
