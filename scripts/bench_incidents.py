#!/usr/bin/env python
"""Benchmark incident resolution on synthetic reports (issue 4).

Builds a DuckDB file with N synthetic events (default 100,000: happenings told by 1-6
outlets, 5% syndicated copies, look-alikes on the same day in the same governorate), then
measures, in one run:

- a full rebuild (``resolve_all``) of every incident: seconds and peak memory growth;
- an incremental update (``update_incidents``) of 1,000 new articles against the stored ones.

Usage: .venv/bin/python scripts/bench_incidents.py [--events N] [--new N] [--db FILE] [--json]
Targets (issue 4): full < 60 s, incremental < 5 s, memory bounded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import resource
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from frontwatch.evaluate.incidents import pairwise_scores
from frontwatch.records import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    Evidence,
    Fatalities,
    Location,
)
from frontwatch.resolve import resolve_all, update_incidents
from frontwatch.settings import load_settings
from frontwatch.store import Store
from frontwatch.store.incidents import IncidentStore

GOVERNORATES = {
    "Aleppo": (36.2, 37.15),
    "Idleb": (35.9, 36.6),
    "Homs": (34.7, 36.7),
    "Hama": (35.1, 36.75),
    "Rural Damascus": (33.6, 36.4),
    "Dar'a": (32.7, 36.1),
    "Deir-ez-Zor": (35.3, 40.1),
    "Ar-Raqqa": (35.9, 39.0),
    "Lattakia": (35.5, 35.8),
    "Al-Hasakeh": (36.5, 40.7),
}
KINDS = [
    ("Explosions/Remote violence", "Air/drone strike", "airstrike", "warplanes struck"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelling", "shells hit"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "explosion", "a car bomb hit"),
    ("Battles", "Armed clash", "shooting", "fighting broke out near"),
]
LANDMARKS = [
    "market",
    "bakery",
    "school",
    "hospital",
    "mosque",
    "checkpoint",
    "square",
    "bus station",
    "field clinic",
    "water plant",
    "grain silo",
    "power station",
]
WORDS = ["residents", "witnesses", "rescuers", "medics", "officials", "monitors", "activists"]
SYLLABLES = ["ka", "ro", "mi", "sa", "tu", "len", "dar", "hal", "qu", "ber", "zan", "fa", "ni"]


def _places(rng: random.Random) -> list[tuple[str, str, float, float]]:
    places = []
    for gov, (lat, lon) in GOVERNORATES.items():
        for n in range(80):
            name = "".join(rng.sample(SYLLABLES, 3)).title() + f"{'aeiou'[n % 5]}n"
            places.append((name, gov, lat + rng.uniform(-0.8, 0.8), lon + rng.uniform(-0.8, 0.8)))
    return places


def _article(
    text: str,
    *,
    outlet: str,
    day: dt.date,
    place: tuple[str, str, float, float],
    kind: tuple[str, str, str, str],
    figure: int,
    n: int,
) -> AnalyzedArticle:
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(
        article_id=article_id,
        text=text,
        title=f"{kind[3]} {place[0]}",
        source=outlet,
        published=day,
    )
    event = Event(
        event_id=f"{article_id}-0",
        event_date=day,
        time_precision=1,
        event_type=kind[0],
        sub_event_type=kind[1],
        cause=kind[2],
        actor1=Actor(name="Military Forces of Syria", side="government", inter=1),
        location=Location(
            name=place[0],
            admin1=place[1],
            country="Syria",
            latitude=place[2],
            longitude=place[3],
            geo_precision=1,
            gazetteer_id=f"g-{place[0]}",
        ),
        fatalities=Fatalities(total=figure, civilians=figure),
        claimed_by=WORDS[n % len(WORDS)],
        evidence=[
            Evidence(
                field="location",
                start=text.index(place[0]),
                end=text.index(place[0]) + len(place[0]),
                text=place[0],
            )
        ],
    )
    return AnalyzedArticle(article=article, events=[event], main_event=event)


def synthetic(
    n_events: int, seed: int, start: dt.date, truth: dict[str, int] | None = None
) -> Iterator[AnalyzedArticle]:
    """Happenings told by 1-6 outlets with different figures and wording; 5% copies.

    ``truth`` receives article_id -> happening number (to score the clustering).
    """
    truth = {} if truth is None else truth
    rng = random.Random(seed)
    places = _places(rng)
    vocab = sorted({"".join(rng.sample(SYLLABLES, 3)) for _ in range(3000)})
    outlets = [f"{w.title()}post" for w in rng.sample(vocab, 60)]
    made = 0
    happening = 0
    while made < n_events:
        happening += 1
        day = start + dt.timedelta(days=happening // 100)
        place, kind = rng.choice(places), rng.choice(KINDS)
        landmark, figure = rng.choice(LANDMARKS), rng.randint(1, 60)
        for _ in range(rng.randint(1, 6)):
            outlet = outlets[rng.randrange(len(outlets))]
            killed = max(0, figure + rng.randint(-3, 3))
            text = (
                f"{outlet} - {kind[3]} the {landmark} in {place[0]} in {place[1]} on "
                f"{day:%A}, killing {killed} people, {rng.choice(WORDS)} said. "
                f"{' '.join(rng.sample(vocab, 40))}."
            )
            item = _article(
                text, outlet=outlet, day=day, place=place, kind=kind, figure=killed, n=made
            )
            truth[item.article.article_id] = happening
            yield item
            made += 1
            if rng.random() < 0.05 and made < n_events:
                copy = text.replace(outlet, "Reprint Daily", 1)
                item = _article(
                    copy,
                    outlet="Reprint Daily",
                    day=day,
                    place=place,
                    kind=kind,
                    figure=killed,
                    n=made,
                )
                truth[item.article.article_id] = happening
                yield item
                made += 1


class PeakRSS:
    """Samples the process's resident memory every 50 ms while the block runs."""

    @staticmethod
    def rss() -> int:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = self.rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return round((self.peak - self.start) / 2**20, 1)


def _store_all(store: Store, items: Iterator[AnalyzedArticle], batch: int = 5000) -> None:
    chunk: list[AnalyzedArticle] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch:
            store.add_batch(chunk)
            chunk = []
    if chunk:
        store.add_batch(chunk)


def run(n_events: int, n_new: int, db: Path) -> dict[str, float | int]:
    settings = load_settings(env={}, db=str(db))
    with Store(db) as store:
        t0 = time.perf_counter()
        truth: dict[str, int] = {}
        _store_all(store, synthetic(n_events, 1, dt.date(2016, 1, 1), truth))
        setup = time.perf_counter() - t0
        with PeakRSS() as mem:
            t0 = time.perf_counter()
            full = resolve_all(store, settings=settings)
            full_s = time.perf_counter() - t0
        new = list(synthetic(n_new, 2, dt.date(2016, 6, 1)))
        store.add_batch(new)
        with PeakRSS() as mem_inc:
            t0 = time.perf_counter()
            inc = update_incidents(store, [a.article.article_id for a in new], settings=settings)
            inc_s = time.perf_counter() - t0
        incidents = IncidentStore(store).count_incidents()
        placed = IncidentStore(store).placements()
    ids = sorted(truth)
    scores = pairwise_scores([str(truth[i]) for i in ids], [placed.get(i, i) for i in ids])
    return {
        "events": n_events,
        "setup_seconds": round(setup, 1),
        "full_seconds": round(full_s, 2),
        "full_events_per_second": round(full.reports_added / full_s),
        "full_peak_rss_growth_mb": mem.growth_mb,
        "near_duplicates": full.duplicates,
        "incidents": incidents,
        "happenings": len(set(truth.values())),
        "pairwise_precision": round(scores["precision"], 4),
        "pairwise_recall": round(scores["recall"], 4),
        "pairwise_f1": round(scores["f1"], 4),
        "incremental_new_events": inc.reports_added,
        "incremental_seconds": round(inc_s, 2),
        "incremental_peak_rss_growth_mb": mem_inc.growth_mb,
        "process_max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--db", type=Path, help="DuckDB file to build (default: a temp file)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        result = run(args.events, args.new, args.db or Path(tmp) / "bench.duckdb")
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
