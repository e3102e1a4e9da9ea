"""The command line end to end: real files, a real DuckDB file, the real pipeline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main

REPORT = (
    "Regime helicopters dropped barrel bombs on the town of Douma on Friday, killing at least "
    "nine civilians, activists said."
)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    lines = [
        json.dumps(
            {"id": "r1", "text": "Shelling killed two people in Hama.", "published": "2016-02-03"}
        ),
        "{not json",
        json.dumps({"id": "r2", "text": "Clashes erupted in Daraa.", "published": "2016-02-04"}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("Caf\xe9 bombed".encode("latin-1"))
    return folder


def test_analyze_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    result = CliRunner().invoke(main, ["analyze", str(path), "--json", "--published", "2016-02-06"])
    assert result.exit_code == 0, result.output
    (line,) = result.output.splitlines()
    data = json.loads(line)
    assert {
        "article_id",
        "id",
        "title",
        "source",
        "published",
        "text",
        "events",
        "main_event",
    } <= set(data)
    main_event = data["main_event"]
    assert main_event["sub_event_type"] == "Air/drone strike"
    assert main_event["fatalities"]["civilians"] == 9
    for ev in main_event["evidence"]:
        assert data["text"][ev["start"] : ev["end"]] == ev["text"]


def test_ingest_goes_on_past_bad_inputs(inputs: Path, tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    runner = CliRunner()
    result = runner.invoke(
        main, ["ingest", str(inputs), "--db", str(db), "--published", "2016-02-06"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert any("batch.jsonl:2" in e for e in errors), errors
    assert any("empty.txt" in e for e in errors)
    assert any("binary.txt" in e for e in errors)
    assert any("latin1.txt" in e for e in errors)
    assert "3 articles added" in result.stdout
    again = runner.invoke(main, ["ingest", str(inputs), "--db", str(db)])
    assert "0 articles added, 3 already stored" in again.stdout

    exported = runner.invoke(main, ["events", "--db", str(db), "--format", "csv"])
    assert exported.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert rows and {"event_id_cnty", "sub_event_type", "admin1", "fatalities"} <= set(rows[0])
    table = runner.invoke(main, ["events", "--db", str(db), "--type", "Battles"])
    assert "Armed clash" in table.stdout


def test_missing_database_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "no such database" in result.stderr


def test_demo_is_idempotent(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    runner = CliRunner()
    first = runner.invoke(main, ["demo", "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert (out / "events.csv").exists() and (out / "events.geojson").exists()
    assert "Events by type" in first.stdout
    geo = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    assert geo["features"]
    # the situation picture of the corridor storyline: Nubl held by the government
    control = json.loads((out / "control.geojson").read_text(encoding="utf-8"))
    held = {f["properties"]["name"]: f["properties"]["side"] for f in control["features"]}
    assert held.get("Nubl") == "government"
    assert (out / "situation-map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (out / "situation-map.html").read_text(encoding="utf-8")
    second = runner.invoke(main, ["demo", "--out", str(out)])
    assert second.stdout == first.stdout
