"""``frontwatch control`` (table, json, geojson; import, rebuild) and ``frontwatch changes``
on a DuckDB file ingested from report texts by the real pipeline."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from control_builders import MAREA, NUBL, TAL_RIFAAT, write_reports
from frontwatch.cli import main
from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import ingest
from frontwatch.settings import Settings
from frontwatch.store import Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, settings: Settings) -> Path:
    folder = tmp_path_factory.mktemp("control-cli")
    path = folder / "fw.duckdb"
    with Store(path) as store:
        ingest([write_reports(folder)], settings=settings, store=store, extractor=extractor)
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_control_geojson_is_valid(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "control.geojson"
    code, _, err = _run(
        "control",
        "--db",
        str(db),
        "--as-of",
        "2016-02-03",
        "--format",
        "geojson",
        "--out",
        str(out),
    )
    assert code == 0, err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    by_id = {f["properties"]["locality_id"]: f for f in data["features"]}
    assert set(by_id) == {TAL_RIFAAT, MAREA, NUBL}
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert 35.5 < lon < 42.5 and 32 < lat < 37.5  # Syria, [longitude, latitude]
    tal = by_id[TAL_RIFAAT]["properties"]
    assert tal["side"] == "opposition" and tal["since"] == "2016-02-01"
    assert tal["conflict"]["rule"] == "corroboration"
    assert [c["source"] for c in tal["conflict"]["losing"]] == ["sputnik"]
    assert tal["event_ids"] and tal["observations"][0]["evidence"]
    assert by_id[NUBL]["properties"]["besieged_by"] == "opposition"


def test_control_table_filters_and_is_read_only(db: Path) -> None:
    before = _digest(db)
    code, out, err = _run(
        "control", "--db", str(db), "--as-of", "2016-02-10", "--side", "government"
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["locality", "side", "since", "besieged_by", "conflict"]
    assert {line.split()[0] for line in lines[1:]} == {"Mari'", "Nubl", "Tall"}
    code, out, _ = _run(
        "control", "--db", str(db), "--near", "Tal Rifaat", "--km", "5", "--format", "json"
    )
    assert code == 0 and [s["name"] for s in json.loads(out)] == ["Tall Rif'at"]
    code, _, err = _run("control", "--db", str(db), "--side", "nobody")
    assert code == 1 and err.startswith("error: --side: 'nobody' is not a side")
    _run("changes", "--db", str(db), "--since", "2016-02-01")
    assert _digest(db) == before


def test_changes_lists_control_changes_with_evidence(db: Path) -> None:
    code, out, err = _run("changes", "--db", str(db), "--since", "2016-02-04", "--json")
    assert code == 0, err
    found = [json.loads(line) for line in out.splitlines()]
    summary = [(c["date"], c["name"], c["what"], c["before"], c["after"]) for c in found]
    assert summary == [
        ("2016-02-04", "Mari'", "control", "opposition", "government"),
        ("2016-02-10", "Nubl", "siege", "opposition", None),
        ("2016-02-10", "Tall Rif'at", "control", "opposition", "government"),
    ]
    assert all(c["observations"][0]["evidence"] for c in found)
    code, out, _ = _run(
        "changes", "--db", str(db), "--since", "2016-02-04", "--until", "2016-02-05"
    )
    assert code == 0 and out.count("\n") == 1 and "Mari'" in out


def test_baseline_import(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    csv_file = tmp_path / "baseline.csv"
    csv_file.write_text(
        "place,side,date,note\n"
        "Azaz,opposition,2016-01-15,rebel-held since 2012\n"
        "Atlantis,government,2016-01-15,\n"
        "Nubl,government,2016-01-15,\n"
        "Aleppo,government,15/01/2016,\n",
        encoding="utf-8",
    )
    code, out, err = _run("control", "import", str(csv_file), "--db", str(copy))
    assert code == 1
    assert err.splitlines() == [
        f"error: {csv_file}:3: place 'Atlantis' is not a locality of the gazetteer",
        f"error: {csv_file}:5: date '15/01/2016' is not an ISO date (YYYY-MM-DD)",
    ]
    assert out.strip() == "2 baseline row(s) read, 2 new, 2 error(s)"
    code, out, _ = _run("control", "import", str(csv_file), "--db", str(copy))
    assert out.strip() == "2 baseline row(s) read, 0 new, 2 error(s)"
    code, out, _ = _run("control", "--db", str(copy), "--as-of", "2016-01-20", "--format", "json")
    states = {s["name"]: s for s in json.loads(out)}
    assert set(states) == {"I'zaz", "Nubl"}
    assert states["I'zaz"]["side"] == "opposition"
    assert states["I'zaz"]["observations"][0]["kind"] == "baseline"
    assert "rebel-held since 2012" in states["I'zaz"]["observations"][0]["evidence"]


def test_rebuild_changes_nothing(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    code, before, _ = _run("control", "--db", str(copy), "--format", "json")
    code, out, err = _run("control", "rebuild", "--all", "--db", str(copy))
    assert code == 0, err
    assert out.strip() == "7 article(s) read, 11 observation(s)"
    code, after, _ = _run("control", "--db", str(copy), "--format", "json")
    assert after == before
    code, out, _ = _run("control", "rebuild", "--db", str(copy))
    assert out.strip() == "0 article(s) read, 0 observation(s)"
