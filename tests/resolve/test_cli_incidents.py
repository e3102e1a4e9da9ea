"""The issue-4 commands end to end on the demo corpus (real DuckDB file, real CLI)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.resources import data_path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "fw.duckdb"
    runner = CliRunner()
    corpus = str(data_path("demo", "corpus.jsonl"))
    assert runner.invoke(main, ["ingest", corpus, "--db", str(path)]).exit_code == 0
    result = runner.invoke(main, ["resolve", "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def _incidents(db: Path, *args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["incidents", "--db", str(db), "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_douma_incident_counts_the_copy_once(db: Path) -> None:
    [douma] = [i for i in _incidents(db, "--near", "Douma", "--km", "5") if i["n_reports"] == 4]
    assert douma["n_sources"] == 3
    assert sum(1 for r in douma["reports"] if r["duplicate_of"]) == 1  # type: ignore[union-attr]


def test_resolve_again_and_full_rebuild_change_nothing(db: Path) -> None:
    before = _incidents(db)
    runner = CliRunner()
    assert "0 reports placed" in runner.invoke(main, ["resolve", "--db", str(db)]).output
    assert runner.invoke(main, ["resolve", "--db", str(db), "--full"]).exit_code == 0
    after = _incidents(db)
    strip = [{k: v for k, v in i.items() if k != "incident_id"} for i in before]
    assert strip == [{k: v for k, v in i.items() if k != "incident_id"} for i in after]


def test_claims_and_credibility(db: Path) -> None:
    runner = CliRunner()
    incident = next(i for i in _incidents(db, "--min-sources", "3"))
    result = runner.invoke(main, ["claims", str(incident["incident_id"]), "--db", str(db)])
    assert result.exit_code == 0 and "report" in result.output
    article = incident["reports"][0]["article_id"]  # type: ignore[index]
    result = runner.invoke(main, ["credibility", article, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["article"]["reasons"] and payload["claims"]
    assert all("text" in r and "evidence" in r for r in payload["claims"][0]["reasons"])


def test_unknown_ids_are_one_line_errors(db: Path) -> None:
    result = CliRunner().invoke(main, ["claims", "inc-nope", "--db", str(db)])
    assert result.exit_code == 1 and result.output.count("\n") == 1


def test_reference_import_is_idempotent(db: Path, tmp_path: Path) -> None:
    ref = tmp_path / "ref.csv"
    ref.write_text(
        "date,governorate,cause,status,count\n2016-01-26,Homs,explosion,civilian,28\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    first = runner.invoke(main, ["reference", "import", str(ref), "--db", str(db)])
    again = runner.invoke(main, ["reference", "import", str(ref), "--db", str(db)])
    assert "1 reference records added" in first.output
    assert "0 reference records added" in again.output
