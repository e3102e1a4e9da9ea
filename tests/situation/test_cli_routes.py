"""The route, encircled, watch-route and alerts commands on a real store and the bundled
gazetteer (no observations stored: every locality is uncontested)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.cli_routes import describe_route
from frontwatch.situation.model import RouteAnswer
from frontwatch.store import Store


def _db(tmp_path: Path) -> str:
    path = tmp_path / "fw.duckdb"
    Store(path).close()
    return str(path)


def test_route_with_nothing_known_is_open(tmp_path: Path) -> None:
    found = CliRunner().invoke(
        main,
        [
            "route",
            "Aleppo",
            "Turkish border",
            "--side",
            "opposition",
            "--json",
            "--db",
            _db(tmp_path),
        ],
    )
    assert found.exit_code == 0, found.output
    answer = json.loads(found.output)
    assert answer["open"] and answer["path"][0] == "Aleppo" and answer["length_km"] > 0
    assert answer["destination"] == "Turkish border" and answer["decided_by"] == []
    text = describe_route(RouteAnswer(**{**answer, "as_of": None}))
    assert "OPEN" in text and "path: Aleppo - " in text


def test_unknown_place_and_side_fail_in_one_line(tmp_path: Path) -> None:
    db = _db(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        main, ["route", "Atlantis", "Aleppo", "--side", "opposition", "--db", db]
    )
    assert result.exit_code == 1 and "Atlantis" in result.output
    result = runner.invoke(main, ["route", "Azaz", "Aleppo", "--side", "martians", "--db", db])
    assert result.exit_code == 1 and "martians" in result.output


def test_encircled_with_nothing_known_lists_none(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["encircled", "--side", "opposition", "--outside", "Turkish border", "--db", _db(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("0 encircled area(s) of opposition")


def test_watch_route_list_remove_and_alerts(tmp_path: Path) -> None:
    db = _db(tmp_path)
    runner = CliRunner()
    added = runner.invoke(
        main, ["watch-route", "Azaz", "Aleppo", "--side", "opposition", "--db", db]
    )
    assert added.exit_code == 0, added.output
    assert "watching route 1" in added.output and "now open" in added.output
    listed = runner.invoke(main, ["watch-route", "--list", "--db", db])
    assert listed.output.startswith("1  Azaz -> Aleppo  (opposition)  open")
    assert runner.invoke(main, ["alerts", "--json", "--db", db]).output == ""
    missing = runner.invoke(main, ["watch-route", "--remove", "7", "--db", db])
    assert missing.exit_code == 1 and "no watched route 7" in missing.output
    removed = runner.invoke(main, ["watch-route", "--remove", "1", "--db", db])
    assert removed.exit_code == 0 and removed.output == ""
    typo = runner.invoke(
        main, ["watch-route", "Xyzzy", "Aleppo", "--side", "opposition", "--db", db]
    )
    assert typo.exit_code == 1 and "Xyzzy" in typo.output
    assert runner.invoke(main, ["watch-route", "--list", "--db", db]).output == ""
