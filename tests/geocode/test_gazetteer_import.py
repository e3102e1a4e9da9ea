"""Importing GeoNames dumps into the DuckDB store, and loading them back (issue 3)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_file
from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.geocode.gazetteer import load_gazetteer
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.settings import Settings
from frontwatch.store import Store
from frontwatch.store.gazetteer import read_connection, sources, table_counts
from gazetteer_builders import gazetteer_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geocode"
DUMP = FIXTURES / "SY_fixture.txt"
ADMIN = (FIXTURES / "admin1CodesASCII.txt", FIXTURES / "admin2Codes.txt")


def settings_for(db: Path) -> Settings:
    return gazetteer_settings(db)


def import_fixture(db: Path, *files: Path) -> None:
    settings = settings_for(db)
    with Store(db) as store:
        import_gazetteer(store, ImportRequest(files=files or (DUMP, *ADMIN)), settings=settings)


def counts(db: Path) -> dict[str, int]:
    with read_connection(db) as con:
        assert con is not None
        return table_counts(con)


def test_dump_with_admin_codes_is_stored(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    with Store(db, read_only=True) as store:
        row = store.con.execute(
            "SELECT name, admin1, admin2, latitude, longitude, feature_code, source "
            "FROM gazetteer_places WHERE gazetteer_id = 'geonames:9990001'"
        ).fetchone()
        names = store.con.execute(
            "SELECT name, kind, language FROM gazetteer_names "
            "WHERE gazetteer_id = 'geonames:9990001' ORDER BY name"
        ).fetchall()
        classes = store.con.execute(
            "SELECT DISTINCT feature_class FROM gazetteer_places ORDER BY 1"
        ).fetchall()
        turkish = store.con.execute(
            "SELECT admin1 FROM gazetteer_places WHERE country = 'TR'"
        ).fetchall()
    # the focus country's admin1 is ACLED's governorate name; admin2 without "District"
    assert row == (
        "Hardatnin",
        "Aleppo",
        "Jebel Saman",
        36.29061,
        37.08175,
        "PPL",
        "geonames-SY_fixture",
    )
    assert ("حردتنين", "alternate", "ar") in names and ("Herdetnin", "alternate", None) in names
    assert classes == [("P",)]  # the river (class H) is not kept
    assert turkish == [("Izmir",)]  # elsewhere admin1 comes from admin1CodesASCII.txt


def test_imported_places_resolve_by_every_spelling(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    gazetteer = load_gazetteer(settings_for(db))
    for name in ("Hardatnin", "Ḩardatnīn", "Herdetnin", "حردتنين"):
        assert [p.gazetteer_id for p in gazetteer.lookup(name)] == ["geonames:9990001"], name
    for name in ("Nubl", "Nubul", "Noubbol", "Noubbel", "نبل"):
        found = [p for p in gazetteer.lookup(name) if p.country == "SY"]
        assert [p.gazetteer_id for p in found] == ["geonames:166331"], name
    assert {p.gazetteer_id for p in gazetteer.lookup("Kfar Hamra")} == {"geonames:9990006"}


def test_an_imported_place_replaces_the_bundled_one_with_its_id(
    tmp_path: Path, settings: Settings
) -> None:
    bundled = [
        p for p in load_gazetteer(settings).lookup("Nubl") if p.gazetteer_id.endswith("166331")
    ]
    assert len(bundled) == 1 and bundled[0].admin2 is None
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    nubl = [p for p in load_gazetteer(settings_for(db)).lookup("Nubl") if p.country == "SY"]
    assert len(nubl) == 1
    assert (nubl[0].population, nubl[0].admin2) == (31000, "Jebel Saman")


def test_truncated_dump_is_refused_and_the_stored_gazetteer_stays(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    before = counts(db)
    text = DUMP.read_text(encoding="utf-8")
    truncated = tmp_path / "SY_fixture.txt"
    truncated.write_text(text[: len(text) - 200], encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_fixture(db, truncated, *ADMIN)
    message = str(caught.value)
    assert message.startswith(f"{truncated}:") and "expected 19 tab-separated" in message
    assert "\n" not in message
    assert counts(db) == before
    lines = text.splitlines(keepends=True)
    assert len(lines) > 3
    malformed = tmp_path / "SY_fixture.txt"
    bad = lines[2].split("\t")
    bad[4] = "north"
    malformed.write_text("".join([*lines[:2], "\t".join(bad), *lines[3:]]), encoding="utf-8")
    with pytest.raises(InputError, match=r"SY_fixture.txt:3: latitude 'north' is not a number"):
        import_fixture(db, malformed, *ADMIN)
    assert counts(db) == before


def test_reimporting_a_source_replaces_it(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    first = counts(db)
    import_fixture(db)
    assert counts(db) == first
    with read_connection(db) as con:
        assert con is not None
        assert [s.source for s in sources(con)] == ["geonames-SY_fixture"]


def test_cli_import_info_lookup_and_errors(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    settings_for(db)
    runner = CliRunner()
    files = [str(DUMP), *map(str, ADMIN)]
    result = runner.invoke(main, ["gazetteer", "import", *files, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "8 places" in result.output
    info = runner.invoke(main, ["gazetteer", "info", "--json", "--db", str(db)])
    assert json.loads(info.output)["counts"]["gazetteer_places"] == 8
    found = runner.invoke(main, ["gazetteer", "lookup", "Hardetnin", "--json", "--db", str(db)])
    assert json.loads(found.output.splitlines()[0])["gazetteer_id"] == "geonames:9990001"

    broken = tmp_path / "broken.txt"
    broken.write_text("166331\tNubl\tNubl\n", encoding="utf-8")
    failed = runner.invoke(main, ["gazetteer", "import", str(broken), "--db", str(db)])
    assert failed.exit_code == 1
    assert failed.stderr.strip().startswith(f"error: {broken}:1: expected 19")
    assert len(failed.stderr.strip().splitlines()) == 1
    again = runner.invoke(main, ["gazetteer", "info", "--json", "--db", str(db)])
    assert json.loads(again.output)["counts"] == json.loads(info.output)["counts"]

    fresh = tmp_path / "never.duckdb"
    refused = runner.invoke(main, ["gazetteer", "import", str(broken), "--db", str(fresh)])
    assert refused.exit_code == 1 and not fresh.exists()  # nothing half-written
    usage = runner.invoke(main, ["gazetteer", "import", str(DUMP), "--format", "xml"])
    assert usage.exit_code == 2


def test_shared_geonames_sample_imports(tmp_path: Path) -> None:
    dump = shared_file("gazetteers", "SY_cities15000_2012.tsv")
    admin1 = shared_file("gazetteers", "admin1CodesASCII.txt")
    copy = tmp_path / "SY.txt"
    shutil.copy(dump, copy)
    db = tmp_path / "fw.duckdb"
    import_fixture(db, copy, admin1)
    gazetteer = load_gazetteer(settings_for(db))
    rifaat = [p for p in gazetteer.lookup("Tall Rif'at") if p.gazetteer_id == "geonames:163476"]
    assert rifaat and rifaat[0].admin1 == "Aleppo"
    assert {p.gazetteer_id for p in gazetteer.lookup("Noubbol")} == {"geonames:166331"}
    with read_connection(db) as con:
        assert con is not None
        assert sources(con)[0].source == "geonames-SY"


def test_analyze_resolves_an_imported_village(tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    import_fixture(db)
    text = tmp_path / "article.txt"
    text.write_text(
        "Syrian government forces took control of the village of Hardatnin north of Aleppo "
        "on Monday, a monitoring group said.",
        encoding="utf-8",
    )
    settings_for(db)
    user = tmp_path / "settings.toml"
    user.write_text(f'db = "{db}"\n', encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["analyze", str(text), "--json", "--published", "2016-02-04", "--settings", str(user)],
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)["events"]
    locations = [e["location"] for e in events if e["location"]["name"] == "Hardatnin"]
    assert locations, events
    assert locations[0]["gazetteer_id"] == "geonames:9990001"
    assert locations[0]["geo_precision"] == 1
    assert locations[0]["admin1"] == "Aleppo"
