"""``frontwatch eval gold``: score extraction against hand-coded events (the demo corpus).

Gold files are JSON Lines, one object per article id, with ``events`` (ACLED fields as in
``data/demo/README.md``) and ``main_event`` (an index or null). Scores:

- ``main_event_type``: the main event's sub-event type equals gold's (or both have none);
- ``main_admin1`` / ``main_actor_side`` / ``main_civilians_exact``: the main event's fields,
  over articles where gold has a main event;
- ``event_recall`` / ``event_precision``: gold events matched by an extracted event with the
  same sub-event type and admin1 (each extracted event matches at most once);
- ``no_event_articles_clean``: share of gold statement-only articles with no violent event.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extract.pipeline import Extractor
from ..ingest.readers import read_inputs
from ..records import VIOLENT_EVENT_TYPES, AnalyzedArticle, Event


def read_gold(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {row["id"]: row for row in map(json.loads, fh) if row}


def _admin1(e: Event | None) -> str | None:
    return e.location.admin1 if e and e.location else None


def _matches(gold_events: Sequence[dict[str, Any]], events: Sequence[Event]) -> int:
    free = list(events)
    hits = 0
    for g in gold_events:
        for e in free:
            if e.sub_event_type == g["sub_event_type"] and _admin1(e) == g["admin1"]:
                free.remove(e)
                hits += 1
                break
    return hits


def _main_scores(pairs: list[tuple[AnalyzedArticle, dict[str, Any]]]) -> dict[str, float]:
    with_main = [
        (a.main_event, g["events"][g["main_event"]])
        for a, g in pairs
        if g["main_event"] is not None
    ]
    n = len(with_main) or 1
    side = sum(1 for e, g in with_main if e and e.actor1 and e.actor1.side == g["actor1_side"])
    civ = sum(
        1 for e, g in with_main if e and e.fatalities.civilians == g["fatalities"]["civilians"]
    )
    return {
        "main_admin1": round(sum(_admin1(e) == g["admin1"] for e, g in with_main) / n, 4),
        "main_actor_side": round(side / n, 4),
        "main_civilians_exact": round(civ / n, 4),
    }


def score_gold(pairs: list[tuple[AnalyzedArticle, dict[str, Any]]]) -> dict[str, Any]:
    n = len(pairs) or 1
    main_type = 0
    for a, g in pairs:
        want = (
            g["events"][g["main_event"]]["sub_event_type"] if g["main_event"] is not None else None
        )
        main_type += (a.main_event.sub_event_type if a.main_event else None) == want
    gold_n = sum(len(g["events"]) for _, g in pairs) or 1
    found_n = sum(len(a.events) for a, _ in pairs) or 1
    hits = sum(_matches(g["events"], a.events) for a, g in pairs)
    quiet = [a for a, g in pairs if not g["events"]]
    clean = sum(1 for a in quiet if not any(e.event_type in VIOLENT_EVENT_TYPES for e in a.events))
    return {
        "n": len(pairs),
        "main_event_type": round(main_type / n, 4),
        **_main_scores(pairs),
        "event_recall": round(hits / gold_n, 4),
        "event_precision": round(hits / found_n, 4),
        "no_event_articles_clean": round(clean / (len(quiet) or 1), 4),
    }


def evaluate_gold(corpus: Path, gold_path: Path, *, extractor: Extractor) -> dict[str, Any]:
    gold = read_gold(gold_path)
    articles = []
    for item in read_inputs([corpus]):
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    pairs = [(a, gold[a.article.id or ""]) for a in extractor.analyze(articles)]
    return score_gold(pairs)
