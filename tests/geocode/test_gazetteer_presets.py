"""Custom gazetteers: column maps, presets against the shared samples, coordinate parsing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import shared_file
from frontwatch.errors import InputError
from frontwatch.geocode.custom import ColumnMap, load_presets, parse_coordinate, parse_latlon
from frontwatch.geocode.gazetteer import Place, load_gazetteer, syrian_admin1
from frontwatch.geocode.importer import ImportRequest, PreparedImport, read_import
from frontwatch.geocode.sources import SourceRules
from frontwatch.settings import load_settings
from frontwatch.store import Store
from frontwatch.store.gazetteer import replace_source

SETTINGS = load_settings(env={})
ACLED = set(syrian_admin1().values())


def read(*files: Path, preset: str | None = None, columns: tuple[str, ...] = ()) -> PreparedImport:
    request = ImportRequest(files=files, preset=preset, columns=columns)
    return read_import(request, settings=SETTINGS)


def places(prepared: PreparedImport) -> dict[str, Place]:
    """Stored place rows back as records, by id (the source column dropped)."""
    fields = list(Place.model_fields)
    return {
        row[0]: Place(**dict(zip(fields, (row[0], *row[2:]), strict=True)))
        for row in prepared.places
    }


def names_of(prepared: PreparedImport, gazetteer_id: str) -> set[str]:
    return {n[2] for n in prepared.names if n[0] == gazetteer_id}


def test_presets_file_schema() -> None:
    presets = load_presets()
    assert {"ocha-adminpoints", "ocha-admin3", "opensyria", "syrianarchive"} <= set(presets)
    for preset in presets.values():
        assert preset.format in {"csv", "json"} and preset.id_prefix and preset.credit
        assert "name" in preset.columns.columns
        assert all(len(level) == 2 for level in preset.levels.values())
    rules = SourceRules.load()
    assert set(rules.admin1_spellings.values()) == ACLED
    assert set(rules.ocha_admin1.values()) == ACLED


def test_ocha_admin_points() -> None:
    prepared = read(shared_file("gazetteers", "syr_adminpoints.csv"), preset="ocha-adminpoints")
    found = places(prepared)
    assert len(found) == 349 and prepared.source.source == "ocha-adminpoints"
    codes = {p.feature_code for p in found.values()}
    assert codes == {"PCLI", "ADM1", "ADM2", "ADM3"}
    assert {p.admin1 for p in found.values() if p.feature_code != "PCLI"} == ACLED
    arima = found["ocha:SY020206"]
    assert (arima.name, arima.admin1, arima.admin2, arima.feature_class) == (
        "A'rima", "Aleppo", "Al Bab", "A",
    )  # fmt: skip
    assert "عريمة" in names_of(prepared, "ocha:SY020206")


def test_ocha_sub_districts() -> None:
    prepared = read(shared_file("gazetteers", "syr_admin3.csv"), preset="ocha-admin3")
    found = places(prepared)
    assert len(found) == 272
    assert {p.feature_code for p in found.values()} == {"ADM3"}
    assert {p.admin1 for p in found.values()} == ACLED
    azaz = found["ocha:SY020400"]
    assert azaz.admin1 == "Aleppo" and 36.5 < azaz.latitude < 36.7
    assert {"A'zaz", "Azaz", "مركز اعزاز"} <= names_of(prepared, "ocha:SY020400")


def test_open_syria_three_files_one_source() -> None:
    folder = shared_file("gazetteers", "open-syria")
    files = [folder / f for f in ("governorates.json", "districts.json", "subdistricts.json")]
    prepared = read(*files, preset="opensyria")
    found = places(prepared)
    assert len(found) == 14 + 62 + 272
    by_code: dict[str, int] = {}
    for place in found.values():
        by_code[place.feature_code] = by_code.get(place.feature_code, 0) + 1
    assert by_code == {"ADM1": 14, "ADM2": 62, "ADM3": 272}
    assert {p.admin1 for p in found.values()} == ACLED
    hasakah = found["opensyria:sy-al-hasakah"]
    assert hasakah.admin1 == "Al Hasakeh" and hasakah.population > 1_000_000
    aliases = names_of(prepared, "opensyria:sy-al-hasakah")
    assert {"Hasaka", "Hasakah", "الحسكة"} <= aliases
    assert "nahyt mrkz alhskt" not in names_of(
        prepared, "opensyria:sy-al-hasakah-al-hasakah-al-hasakeh"
    )
    assert found["opensyria:sy-al-hasakah-al-malikiyah"].admin2 == "Al-Malikiyah"


def test_syrian_archive_messy_names_and_regions() -> None:
    path = shared_file("gazetteers", "syrianarchive-locations.json")
    prepared = read(path, preset="syrianarchive")
    found = places(prepared)
    assert len(found) == 819
    assert all(p.name == p.name.strip() for p in found.values())
    assert found["syrianarchive:0"].name == "ALEPPO" and found["syrianarchive:0"].admin1 == "Aleppo"
    raw = json.loads(path.read_text(encoding="utf-8"))
    regions = {str(r["id"]): r["region"].strip() for r in raw}
    for gazetteer_id, place in found.items():
        region = regions[gazetteer_id.split(":", 1)[1]]
        # "DAMASCUS" covers Rural Damascus too: no admin1 rather than a wrong one
        assert place.admin1 == (None if region == "DAMASCUS" else place.admin1)
        assert place.admin1 is None or place.admin1 in ACLED, region
        assert place.feature_code == "PPL"


def test_syrian_archive_latlon_column_agrees_with_its_decimals() -> None:
    """Its ``latlon`` column mixes decimals, degrees-minutes-seconds and stray spaces."""
    raw = json.loads(shared_file("gazetteers", "syrianarchive-locations.json").read_text("utf-8"))
    for record in raw:
        lat, lon = parse_latlon(record["latlon"], lambda what: InputError("test", what))
        assert abs(lat - float(record["latitude"])) < 0.01, record
        assert abs(lon - float(record["longitude"])) < 0.01, record


@pytest.mark.parametrize(
    ("text", "value"),
    [("36.19", 36.19), (" 36.19N ", 36.19), ("36°11'19\"N", 36.18861), ("37°6'8\"W", -37.10222)],
)
def test_coordinates(text: str, value: float) -> None:
    assert parse_coordinate(text, "latitude", lambda w: InputError("t", w)) == pytest.approx(
        value, abs=1e-4
    )


def test_column_map_syntax() -> None:
    cmap = ColumnMap.parse(["name=adm3_name,latitude=lat|y", "country==SY", "separator=;"])
    assert cmap.columns == {"name": ("adm3_name",), "latitude": ("lat", "y")}
    assert cmap.constants == {"country": "SY", "separator": ";"}
    with pytest.raises(InputError, match="unknown field"):
        ColumnMap.parse(["nom=adm3_name"])
    with pytest.raises(InputError, match="is not FIELD=COLUMN"):
        ColumnMap.parse(["name"])


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["code,village,other,lat,lon,gov", *rows]) + "\n", encoding="utf-8")
    return path


COLUMNS = ("id=code,name=village,aliases=other,latitude=lat,longitude=lon,admin1=gov,separator=;",)


def test_custom_csv_with_a_column_map(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "villages.csv",
        [
            "V1,Hardatnin,Herdetnin;حردتنين,36.2906,37.0818,Halab",
            "V2,Bayanoun,,36.30,37.10,ALEPPO ",
        ],
    )
    prepared = read(path, columns=COLUMNS)
    found = places(prepared)
    assert set(found) == {"custom:villages:V1", "custom:villages:V2"}
    hardatnin = found["custom:villages:V1"]
    assert (hardatnin.admin1, hardatnin.feature_code, hardatnin.country) == ("Aleppo", "PPL", "SY")
    assert names_of(prepared, "custom:villages:V1") == {"Hardatnin", "Herdetnin", "حردتنين"}
    db = tmp_path / "fw.duckdb"
    with Store(db) as store:
        replace_source(store, prepared.source, prepared.places, prepared.names)
    gazetteer = load_gazetteer(load_settings(env={}, db=str(db)))
    assert [p.gazetteer_id for p in gazetteer.lookup("Herdetnin")] == ["custom:villages:V1"]


@pytest.mark.parametrize(
    ("rows", "error"),
    [
        (["V1,Hardatnin,,36.29"], r"villages.csv:2: expected 6 columns"),
        (
            ["V1,Hardatnin,,36.29,37.08,Aleppo", "V1,Rityan,,36.31,37.06,Aleppo"],
            r":3: duplicate id",
        ),
        (["V1,Hardatnin,,north,37.08,Aleppo"], r":2: latitude 'north' is not a coordinate"),
        (["V1,,,36.29,37.08,Aleppo"], r":2: no name"),
    ],
)
def test_custom_csv_errors_name_the_line(tmp_path: Path, rows: list[str], error: str) -> None:
    path = write_csv(tmp_path / "villages.csv", rows)
    with pytest.raises(InputError, match=error):
        read(path, columns=COLUMNS)


def test_custom_needs_a_column_map_and_known_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "villages.csv", ["V1,Hardatnin,,36.29,37.08,Aleppo"])
    with pytest.raises(InputError, match="needs --columns or --preset"):
        read(path)
    with pytest.raises(InputError, match=r"no column\(s\) \['latitude'\]"):
        read(path, columns=("name=village,latitude=latitude,longitude=lon",))
    with pytest.raises(InputError, match="unknown preset"):
        read(path, preset="osm")
