"""Quality gate on the demo corpus's hand-coded events (our own data: always runs)."""

from __future__ import annotations

from typing import Any

import pytest

from frontwatch.evaluate.gold import evaluate_gold
from frontwatch.extract.pipeline import Extractor
from frontwatch.resources import data_path

FLOORS = {
    "main_event_type": 0.70,
    "main_admin1": 0.85,
    "main_actor_side": 0.65,
    "main_civilians_exact": 0.65,
    "event_recall": 0.85,
    "event_precision": 0.40,
    "no_event_articles_clean": 1.0,
}


@pytest.fixture(scope="module")
def scores(extractor: Extractor) -> dict[str, Any]:
    return evaluate_gold(
        data_path("demo", "corpus.jsonl"), data_path("demo", "gold.jsonl"), extractor=extractor
    )


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_floor(scores: dict[str, Any], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]} < {FLOORS[metric]}"
