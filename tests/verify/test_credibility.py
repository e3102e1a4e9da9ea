"""Credibility with reasons, and reference records, on a real DuckDB file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.records import AnalyzedArticle
from frontwatch.resolve import update_incidents
from frontwatch.settings import Settings
from frontwatch.store import Store
from frontwatch.store.credibility import CredibilityStore
from frontwatch.verify.credibility import assess_article
from frontwatch.verify.lexicon import load_credibility_config
from frontwatch.verify.reference import read_reference_csv

Maker = Callable[..., AnalyzedArticle]


@pytest.fixture
def db(
    tmp_path: Path, make: Maker, douma_texts: dict[str, tuple[str, int]], settings: Settings
) -> Path:
    items = [make(text, source=outlet, killed=n) for outlet, (text, n) in douma_texts.items()]
    path = tmp_path / "fw.duckdb"
    with Store(path) as store:
        store.add_batch(items)
        update_incidents(store, [i.article.article_id for i in items], settings=settings)
    return path


def _article_id(path: Path, source: str) -> str:
    with Store(path, read_only=True) as store:
        row = store.con.execute("SELECT article_id FROM articles WHERE source = ?", [source])
        return str(row.fetchone()[0])  # type: ignore[index]


def test_every_reason_points_at_its_evidence(db: Path) -> None:
    article_id = _article_id(db, "Meridian Wire")
    with Store(db, read_only=True) as store:
        article, claims = assess_article(store, article_id)
    [claim] = claims
    codes = {r.code: r for r in claim.reasons}
    assert {"outlet_prior", "corroborated", "contradicted", "attribution_named"} <= set(codes)
    assert all(r.evidence for r in claim.reasons if r.code != "reference_none")
    # the monitor's 23 agrees with the wire's 20; state media's 5 contradicts it
    assert {e.outlet for e in codes["corroborated"].evidence} == {"syria-monitor-network"}
    assert {e.outlet for e in codes["contradicted"].evidence} == {"damascus-state-news"}
    assert codes["contradicted"].effect < 0 < codes["corroborated"].effect
    assert codes["outlet_prior"].evidence[0].kind == "rating"
    assert 0.0 < claim.score < 1.0 and article.subject == "article"


def test_hedging_and_vague_attribution_lower_the_score(
    tmp_path: Path, make: Maker, settings: Settings
) -> None:
    plain = make(
        "Warplanes struck Douma market, killing 9 people, Reuters said.",
        source="Meridian Wire",
        killed=9,
        claimed_by="Reuters",
    )
    hedged = make(
        "Warplanes reportedly struck Douma in a horrific massacre, allegedly killing "
        "9 people, activists said.",
        source="Meridian Wire",
        killed=9,
        claimed_by="activists",
    )
    scores = []
    for n, item in enumerate((plain, hedged)):
        with Store(tmp_path / f"{n}.duckdb") as store:
            store.add_batch([item])
            update_incidents(store, [item.article.article_id], settings=settings)
            _, [claim] = assess_article(store, item.article.article_id)
            scores.append(claim)
    assert scores[1].score < scores[0].score
    codes = {r.code for r in scores[1].reasons}
    assert {"hedging", "sensational", "attribution_vague"} <= codes
    spans = [e for r in scores[1].reasons if r.code == "hedging" for e in r.evidence]
    assert {e.text for e in spans} == {"reportedly", "allegedly"}


def test_reference_records_mark_claims(db: Path, tmp_path: Path) -> None:
    ref = tmp_path / "vdc.csv"
    ref.write_text(
        "day,province,cause,status,count\n"
        "2016-01-23,Damascus Suburbs,airstrike,civilian,21\n"
        "2016-01-23,Damascus Suburbs,airstrike,civilian,1\n",
        encoding="utf-8",
    )
    records = read_reference_csv(
        ref, load_credibility_config(), column_map={"date": "day", "governorate": "province"}
    )
    assert {r.admin1 for r in records} == {"Rural Damascus"}
    wire_id, state_id = _article_id(db, "Meridian Wire"), _article_id(db, "Damascus State News")
    with Store(db) as store:
        assert CredibilityStore(store).add_references(records) == 2
        assert CredibilityStore(store).add_references(records) == 0
        _, [wire] = assess_article(store, wire_id)
        _, [state] = assess_article(store, state_id)
    assert wire.reference == "consistent" and state.reference == "inconsistent"
    [matched] = [r for r in wire.reasons if r.code == "reference_consistent"]
    assert len(matched.evidence) == 2 and all(e.kind == "record" for e in matched.evidence)


def test_no_record_when_nothing_matches(db: Path) -> None:
    article_id = _article_id(db, "Meridian Wire")
    with Store(db, read_only=True) as store:
        _, [claim] = assess_article(store, article_id)
    assert claim.reference == "no record"


def test_bad_reference_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "date,governorate,status,count\n2016-01-23,Homs,civilian,3\nyesterday,Homs,civilian,2\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=r"bad.csv:3: date 'yesterday'"):
        read_reference_csv(bad, load_credibility_config())
