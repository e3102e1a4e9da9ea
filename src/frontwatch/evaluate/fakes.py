"""``frontwatch eval fakes``: score each article's main_event against FA-KES annotations.

FA-KES (Abu Salem et al., ICWSM 2019, CC BY 4.0) annotates each article's main incident with
its governorate, actor (7 classes), cause (6 classes) and counts of civilians, children, women
and non-civilians. Our vocabulary maps to theirs through ``data/lexicons/fakes_map.yaml``.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FrontwatchError, InputError
from ..extract.pipeline import Extractor
from ..ingest.readers import read_inputs
from ..records import Article, Event
from ..resources import load_yaml
from ..settings import Settings

COUNT_FIELDS = {
    "civilians_exact": ("nb_civilians", "civilians"),
    "children_exact": ("nb_children", "children"),
    "noncivilians_exact": ("nb_noncivilians", "combatants"),
    "women_exact": ("nb_women", "women"),
}
KEYS = (
    "n",
    "location_accuracy",
    "actor_accuracy",
    "cause_accuracy",
    "civilians_exact",
    "children_exact",
    "noncivilians_exact",
    "women_exact",
    "articles_per_second",
)


@dataclass(frozen=True)
class FakesMap:
    actor: dict[str, str]
    cause: dict[str, str]
    governorate: dict[str, str]
    unknown_actor: str
    unknown_cause: str

    @classmethod
    def load(cls) -> FakesMap:
        data = load_yaml("lexicons", "fakes_map.yaml")
        return cls(
            actor={str(k): str(v) for k, v in data["actor"].items()},
            cause={str(k): str(v) for k, v in data["cause"].items()},
            governorate={str(k): str(v) for k, v in data["governorate"].items()},
            unknown_actor=str(data.get("unknown_actor", "unknown")),
            unknown_cause=str(data.get("unknown_cause", "unknown")),
        )

    def actor_of(self, e: Event | None) -> str:
        if e is None or e.actor1 is None:
            return self.unknown_actor
        a = e.actor1
        for key in (a.name, a.side):
            if key in self.actor:
                return self.actor[key]
        return self.unknown_actor

    def cause_of(self, e: Event | None) -> str:
        if e is None or e.cause is None:
            return self.unknown_cause
        return self.cause.get(e.cause, self.unknown_cause)

    def governorate_of(self, e: Event | None) -> str | None:
        if e is None or e.location is None or e.location.admin1 is None:
            return None
        return self.governorate.get(e.location.admin1)


def read_annotations(path: Path) -> list[dict[str, str]]:
    """The annotation rows in file order (a few unit ids repeat with other annotations)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def fakes_articles(path: Path, settings: Settings) -> Iterator[Article]:
    for item in read_inputs([path], fmt="fakes", max_chars=settings.max_article_chars):
        if isinstance(item, InputError):
            raise item
        yield item


def _count(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 0


def score(
    predictions: list[tuple[Event | None, dict[str, str]]], mapping: FakesMap
) -> dict[str, float]:
    n = len(predictions) or 1
    hits: dict[str, int] = dict.fromkeys(KEYS[1:8], 0)
    for event, gold in predictions:
        hits["location_accuracy"] += (
            mapping.governorate_of(event) == gold["location"].strip().lower()
        )
        hits["actor_accuracy"] += mapping.actor_of(event) == gold["actor"].strip().lower()
        hits["cause_accuracy"] += mapping.cause_of(event) == gold["cause_of_death"].strip().lower()
        for key, (column, category) in COUNT_FIELDS.items():
            predicted = getattr(event.fatalities, category) if event else None
            hits[key] += (predicted or 0) == _count(gold[column])
    return {key: round(value / n, 4) for key, value in hits.items()}


def evaluate_fakes(
    path: Path, *, settings: Settings, extractor: Extractor | None = None
) -> dict[str, Any]:
    gold = read_annotations(path)
    mapping = FakesMap.load()
    extractor = extractor or Extractor(settings)
    articles = list(fakes_articles(path, settings))
    started = time.perf_counter()
    analyzed = list(extractor.analyze(articles))
    elapsed = time.perf_counter() - started
    if [a.article.id for a in analyzed] != [row["unit_id"] for row in gold]:
        raise FrontwatchError(f"{path}: articles and annotation rows do not line up")
    predictions = [(a.main_event, row) for a, row in zip(analyzed, gold, strict=True)]
    result: dict[str, Any] = {"n": len(predictions)}
    result.update(score(predictions, mapping))
    result["articles_per_second"] = round(len(analyzed) / elapsed, 1) if elapsed else 0.0
    return {key: result[key] for key in KEYS}
