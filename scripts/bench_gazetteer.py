#!/usr/bin/env python
"""Benchmark the gazetteer load on a synthetic 300k-name import (issue 3).

Writes a GeoNames-format country dump of synthetic Syrian places (each with a name, its
ASCII form, Latin alternates and an Arabic name: about --names names in all) into a temp
folder, imports it into a fresh DuckDB file, then measures in fresh processes:

- ``cold_s``: ``load_gazetteer`` with no cache (reads cities500, every imported name, keys
  them all, writes the cache);
- ``warm_s``: ``load_gazetteer`` from the cache (the issue's target: under 2 s);
- ``matcher_s``: building the toponym matcher's Aho-Corasick automaton over every key, as
  the extractor does once after loading.

Usage: .venv/bin/python scripts/bench_gazetteer.py [--names N] [--keep DIR]
Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.settings import load_settings
from frontwatch.store import Store

SYLLABLES = (
    "kaf", "ra", "bin", "tal", "deir", "hal", "zor", "mar", "ah", "nub", "ul", "sa",
    "qar", "ham", "id", "lib", "sha", "rif", "at", "ba", "yan", "sou", "sin", "kur",
)  # fmt: skip
ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PREFIXES = ("", "", "", "Kafr ", "Tall ", "Deir ", "Ain ", "Khirbet ")

MEASURE = """
import json, sys, time
from frontwatch.settings import load_settings
from frontwatch.geocode.gazetteer import load_gazetteer
settings = load_settings(env={}, db=sys.argv[1])
start = time.perf_counter()
gazetteer = load_gazetteer(settings)
loaded = time.perf_counter() - start
from frontwatch.extract.toponyms import ToponymTagger
from frontwatch.geocode.geocoder import Geocoder
tagger = ToponymTagger(None, "bench")
start = time.perf_counter()
tagger.configure(gazetteer, Geocoder(gazetteer, country_focus="SY"), english=frozenset())
matcher = time.perf_counter() - start
print(json.dumps({"load_s": round(loaded, 3), "matcher_s": round(matcher, 3),
                  "places": len(gazetteer), "keys": len(list(gazetteer.names()))}))
"""


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def write_dump(path: Path, names: int, rng: random.Random) -> int:
    """A GeoNames dump with about ``names`` usable names; returns the number of places."""
    places = names * 10 // 39
    with path.open("w", encoding="utf-8") as fh:
        for i in range(places):
            base = f"{rng.choice(PREFIXES)}{word(rng)}" + (f" {word(rng)}" if i % 3 else "")
            marked = base.replace("a", "ā", 1)
            alternates = [f"{base}{rng.choice(('eh', 'a', 'i'))}", "".join(rng.sample(ARABIC, 5))]
            lat, lon = 32.5 + rng.random() * 4.5, 35.8 + rng.random() * 6.0
            cols = [str(9_000_000 + i), marked, base, ",".join(alternates), f"{lat:.5f}",
                    f"{lon:.5f}", "P", "PPL", "SY", "", f"{rng.randint(1, 14):02d}", "", "", "",
                    str(rng.choice((0, 0, 500, 2000, 15000))), "", "300", "Asia/Damascus",
                    "2024-01-01"]  # fmt: skip
            fh.write("\t".join(cols) + "\n")
    return places


def measure(db: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, str(db)], check=True, capture_output=True, text=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=300_000)
    parser.add_argument("--keep", type=Path, help="Folder to keep the dump and database in.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="frontwatch-bench-gaz-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        dump, db = folder / "SY.txt", folder / "bench.duckdb"
        write_dump(dump, args.names, random.Random(3))
        settings = load_settings(env={}, db=str(db))
        start = time.perf_counter()
        with Store(db) as store:
            source = import_gazetteer(store, ImportRequest(files=(dump,)), settings=settings)
        imported = time.perf_counter() - start
        for old in (folder / "bench.duckdb.cache").glob("*.marshal"):
            old.unlink()
        cold, warm = measure(db), measure(db)
        print(
            json.dumps(
                {
                    "imported_places": source.places,
                    "imported_names": source.names,
                    "import_s": round(imported, 2),
                    "cold_s": cold["load_s"],
                    "warm_s": warm["load_s"],
                    "matcher_s": warm["matcher_s"],
                    "warm_with_matcher_s": round(warm["load_s"] + warm["matcher_s"], 3),
                    "gazetteer_places": warm["places"],
                    "gazetteer_keys": warm["keys"],
                }
            )
        )


if __name__ == "__main__":
    main()
