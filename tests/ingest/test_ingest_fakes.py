"""The FA-KES preset on the shared dev file (skipped when the shared data is absent)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from frontwatch.ingest import read_inputs
from frontwatch.records import Article

FAKES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fakes-dev.csv"


@pytest.fixture(scope="module")
def fakes_path() -> Path:
    if not FAKES.exists():
        pytest.skip(f"shared data {FAKES} is absent (it ships with CI, not the repository)")
    return FAKES


@pytest.mark.parametrize("fmt", ["fakes", None])
def test_fakes_dev_file(fakes_path: Path, fmt: str | None) -> None:
    results = list(read_inputs([fakes_path], fmt=fmt))
    assert all(isinstance(r, Article) for r in results), [
        r for r in results if not isinstance(r, Article)
    ][:3]
    with fakes_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(results) == len(rows) == 563
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.id for a in articles] == [row["unit_id"] for row in rows]
    assert [a.source for a in articles] == [row["source"] for row in rows]
    assert all(isinstance(a.published, dt.date) for a in articles)
    assert all(
        dt.date(2011, 1, 1) <= a.published <= dt.date(2019, 1, 1) for a in articles if a.published
    )
    assert all(a.title for a in articles)
    assert articles[0].origin == f"{fakes_path}:2"


def test_repeated_fakes_texts_share_an_article_id(fakes_path: Path) -> None:
    articles = [r for r in read_inputs([fakes_path], fmt="fakes") if isinstance(r, Article)]
    by_text: dict[str, set[str]] = {}
    for article in articles:
        by_text.setdefault(" ".join(article.text.split()), set()).add(article.article_id)
    assert all(len(ids) == 1 for ids in by_text.values())
    assert len({a.article_id for a in articles}) == len(by_text)
