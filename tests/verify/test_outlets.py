"""The outlets file: schema, FA-KES sources and demo outlets all known."""

from __future__ import annotations

import csv
import json
from collections import Counter

from frontwatch.resources import data_path
from frontwatch.verify.outlets import CAMPS, COLUMNS, load_outlets

FAKES_SOURCES = (
    "ahram", "manar", "alalam", "alaraby", "dailysabah", "sana", "sputnik", "etilaf", "trt",
    "jordantimes", "reuters", "arabiya", "nna", "asharqalawsat", "tass",
)  # fmt: skip


def _rows() -> list[dict[str, str]]:
    with data_path("outlets", "outlets.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_schema() -> None:
    rows = _rows()
    assert tuple(rows[0]) == COLUMNS
    assert max(Counter(r["key"] for r in rows).values()) == 1
    for row in rows:
        assert row["camp"] in CAMPS, row
        assert 0.0 <= float(row["reliability_prior"]) <= 1.0, row
        assert row["prior_source"].strip() and row["name"].strip() and row["domain"].strip()


def test_every_fakes_source_is_known() -> None:
    registry = load_outlets()
    assert [s for s in FAKES_SOURCES if registry.find(s) is None] == []


def test_every_demo_and_gold_outlet_is_known() -> None:
    registry = load_outlets()
    sources = set()
    for parts in (("demo", "corpus.jsonl"), ("incidents", "gold_clusters.jsonl")):
        with data_path(*parts).open(encoding="utf-8") as fh:
            sources |= {json.loads(line)["source"] for line in fh}
    assert sorted(s for s in sources if registry.find(s) is None) == []


def test_lookup_by_url_and_unknown_outlets_keep_their_name() -> None:
    registry = load_outlets()
    found = registry.find(None, "https://www.reuters.com/article/x")
    assert found is not None and found.key == "reuters"
    assert registry.key("Some Local Blog", None, "a1") == "some-local-blog"
    assert registry.key(None, None, "a1") == "unknown-a1"
