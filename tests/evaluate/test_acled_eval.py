"""``frontwatch eval acled``: the scorer's arithmetic and file handling, and ACLED-style notes
placed against the Syrian gazetteers of ../shared (issue #3's ACLED floors)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import matplotlib.image as mpimg
import pytest
from click.testing import CliRunner

from conftest import shared_file
from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.evaluate.acled import evaluate_acled, great_circle_km, same_admin1
from frontwatch.extract.pipeline import Extractor
from frontwatch.geocode.sources import SourceRules
from frontwatch.settings import Settings
from shared_points import gold_points

NOTES = Path(__file__).resolve().parents[1] / "fixtures" / "acled_style_notes.tsv"
BLIND = NOTES.with_name("acled_notes_blind.tsv")
BLIND_WITHIN_10KM_FLOOR = 0.85
"""120 notes written blind in ACLED's house style (a village's district and governorate in
brackets, "near"/"outskirts of", a second place that is not the event's): 0.842 before any
rule was read, 0.950 after the brackets and "fired from" (held-out odd rows 0.850 -> 0.917)."""
BLIND_BUNDLED_FLOOR = 0.75
"""The same notes with the bundled gazetteer only: 0.717 before, 0.808 after (the issue's
0.75 holds here because most of these notes are about towns)."""
COLUMNS = ["event_id_cnty", "event_date", "admin1", "latitude", "longitude", "geo_precision"]
ADMIN1_FLOOR = 0.95
"""The issue's floor for real ACLED events; measured 1.0 on the 99 notes."""
WITHIN_10KM_FLOOR = 0.85
"""The issue asks 0.75 on real ACLED events; measured 0.939 on the 99 notes (0.747 before
an address's governorate, "Tell Rifaat, Aleppo", and a governorate that only locates the
village, "Madaya in Rural Damascus", stopped taking the event from the village)."""


def write_export(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*COLUMNS, "notes"])
        writer.writerows(rows)
    return path


def test_scores_count_unplaced_and_far_notes_against_us(
    extractor: Extractor, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["A1", "3 March 2018", "Rural Damascus", 33.69032, 36.10354, 1,
         "On 3 March 2018, Russian warplanes struck Madaya in Rural Damascus, killing 2 "
         "civilians."],
        ["A2", "2019-12-02", "Aleppo", 36.47229, 37.09471, 1,
         "On 2 December 2019, Turkish forces shelled Tell Rifaat, Aleppo, killing 10 people."],
        ["A3", "5 May 2018", "Idleb", 35.86447, 36.80591, 1,
         "On 5 May 2018, an IED exploded in Saraqib (Idleb), wounding 3 people."],
        # ACLED's point is 40 km from Manbij: the admin1 agrees, the point does not
        ["A4", "6 May 2018", "Aleppo", 36.2, 37.7, 2,
         "On 6 May 2018, regime forces shelled Manbij, Aleppo. No fatalities reported."],
        # no place in the note: counted against both scores
        ["A5", "7 May 2018", "Idleb", 35.9, 36.6, 1,
         "On 7 May 2018, unidentified gunmen killed a man."],
        ["A6", "8 May 2018", "Idleb", "x", 36.6, 1, "On 8 May 2018, shelling hit Saraqib."],
    ]  # fmt: skip
    errors: list[InputError] = []
    wrong: list[str] = []
    scores = evaluate_acled(
        write_export(tmp_path / "acled.csv", rows),
        extractor=extractor,
        on_error=errors.append,
        on_row=lambda row: None if row.hit else wrong.append(row.gold.id),
    )
    assert {k: scores[k] for k in ("n", "admin1_agreement", "within_10km", "located")} == {
        "n": 5, "admin1_agreement": 0.8, "within_10km": 0.6, "located": 0.8,
    }  # fmt: skip
    assert scores["skipped"] == 1 and wrong == ["A4", "A5"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'acled.csv'}:7: latitude/longitude not numbers: 'x', '36.6'"
    ]
    assert scores["by_geo_precision"]["2"] == {
        "n": 1, "admin1_agreement": 1.0, "within_10km": 0.0, "located": 1.0,
        "median_km": scores["by_geo_precision"]["2"]["median_km"],
    }  # fmt: skip
    assert 30 < scores["by_geo_precision"]["2"]["median_km"] < 50


@pytest.mark.parametrize(
    ("ours", "acled", "same"),
    [
        ("Al Hasakeh", "Al-Hasakeh", True),  # OCHA's spelling, which exports may carry
        ("Idleb", "Idlib", True),
        ("Deir-ez-Zor", "Deir ez Zor", True),
        ("Rural Damascus", "Rif Dimashq", True),
        ("Dar'a", "Daraa", True),
        ("Damascus", "Rural Damascus", False),
        ("Idleb", "Hama", False),
        (None, "Hama", False),
        ("Nineveh", "nineveh", True),  # outside the focus country: case-folded
    ],
)
def test_a_governorate_agrees_however_the_export_spells_it(
    ours: str | None, acled: str, same: bool
) -> None:
    assert same_admin1(ours, acled, SourceRules.load()) is same


def test_rows_acled_gave_one_note_are_paired_with_its_places_one_to_one(
    extractor: Extractor, tmp_path: Path
) -> None:
    """ACLED codes "shelled A, B and C" as a row at each place with the same note: each row
    is scored against one of the note's places (nearest pairs first), not all against the
    main event's. A row the note gives no place of its own takes the main event's place;
    a note with another date is another note."""
    note = (
        "On 3 March 2016, regime forces shelled Maarat al-Numan, Kafr Nabl and Saraqib in "
        "Idleb, killing 2 civilians."
    )
    rows: list[list[object]] = [
        ["M1", "3 March 2016", "Idleb", 35.86447, 36.80591, 1, note],  # Saraqib
        ["M2", "3 March 2016", "Idleb", 35.6483, 36.67693, 1, note],  # Maarat al-Numan
        ["M3", "3 March 2016", "Idleb", 35.61376, 36.56449, 1, note],  # Kafr Nabl
        ["M4", "3 March 2016", "Idleb", 35.93, 36.63, 1, note],  # Idlib: none of ours left
        ["M5", "4 March 2016", "Idleb", 35.61376, 36.56449, 1, note],  # alone: the main's
    ]  # fmt: skip
    places: dict[str, str | None] = {}
    scores = evaluate_acled(
        write_export(tmp_path / "acled.csv", rows),
        extractor=extractor,
        on_row=lambda row: places.update({row.gold.id: row.place and row.place.name}),
    )
    assert places == {
        "M1": "Saraqib",
        "M2": "Ma'arrat an Nu'man",
        "M3": "Kafranbel",
        "M4": "Ma'arrat an Nu'man",
        "M5": "Ma'arrat an Nu'man",
    }
    assert (scores["n"], scores["within_10km"]) == (5, 0.6)


def test_an_export_saved_from_a_spreadsheet_is_read(extractor: Extractor, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["C1", "5-May-18", "Idlib", 35.86447, 36.80591, 1,
         "On 5 May 2018, an IED exploded in Saraqib (Idleb), wounding 3 people."],
    ]  # fmt: skip
    errors: list[InputError] = []
    scores = evaluate_acled(
        write_export(tmp_path / "acled.csv", rows), extractor=extractor, on_error=errors.append
    )
    assert errors == [] and (scores["n"], scores["admin1_agreement"]) == (1, 1.0)


def test_a_file_that_is_not_an_export_says_which_columns_lack(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("notes,admin1\nShelling hit Saraqib.,Idleb\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "acled", str(path)])
    assert result.exit_code != 0
    assert "not an ACLED export: no column latitude, longitude" in result.output


def test_a_file_that_is_not_utf8_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"notes,admin1,latitude,longitude\nShelling hit Sar\xe9qib.,Idleb,35.8,36.8\n")
    result = CliRunner().invoke(main, ["eval", "acled", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {path}: not a UTF-8 CSV file: 'utf-8' codec")
    assert len(result.output.strip().splitlines()) == 1


def test_the_cli_prints_the_misses_and_draws_them(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["B1", "2019-12-02", "Aleppo", 36.47229, 37.09471, 1,
         "On 2 December 2019, Turkish forces shelled Tell Rifaat, Aleppo, killing 10 people."],
        ["B2", "2018-05-06", "Aleppo", 36.2, 37.7, 1,
         "On 6 May 2018, regime forces shelled Manbij, Aleppo. No fatalities reported."],
    ]  # fmt: skip
    picture = tmp_path / "out" / "misses.png"
    result = CliRunner().invoke(
        main,
        ["eval", "acled", str(write_export(tmp_path / "a.csv", rows)), "--misses", "--json",
         "--map", str(picture), "--db", str(tmp_path / "none.duckdb")],
    )  # fmt: skip
    assert result.exit_code != 0 and "does not exist" in result.output  # --db must exist
    result = CliRunner().invoke(
        main,
        ["eval", "acled", str(tmp_path / "a.csv"), "--misses", "--json", "--map", str(picture)],
        env={"FRONTWATCH_DB": str(tmp_path / "absent.duckdb")},  # the bundled gazetteer only
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout.strip().splitlines()[-1])
    assert (scores["n"], scores["within_10km"]) == (2, 0.5)
    assert "miss B2: ACLED Aleppo (36.2, 37.7); ours Manbij" in result.stderr
    assert f"note: no gazetteer imported in {tmp_path / 'absent.duckdb'}: places" in result.stderr
    assert "B1" not in result.stderr.replace(str(tmp_path), "")
    image = mpimg.imread(picture)
    red = (image[..., 0] > 0.75) & (image[..., 1] < 0.3) & (image[..., 2] < 0.3)
    green = (image[..., 1] > 0.5) & (image[..., 0] < 0.3) & (image[..., 2] < 0.3)
    assert red.sum() > 20 and green.sum() > 20  # the miss's line and cross; the agreement
    assert not list(picture.parent.glob(".*partial"))


def test_great_circle_km() -> None:
    assert great_circle_km(36.0, 37.0, 36.0, 37.0) == 0.0
    assert 110.5 < great_circle_km(36.0, 37.0, 37.0, 37.0) < 111.5


def blind_export(path: Path) -> Path:
    """``acled_notes_blind.tsv`` as an ACLED export, its gold points read from ../shared."""
    points = gold_points(shared_file("gazetteers", "syr_admin3.csv").parent)
    lines = [
        line.split("\t")
        for line in BLIND.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    rows: list[list[object]] = []
    for note_id, date, admin1, gold, precision, note in lines[1:]:
        lat, lon, _ = points[gold]
        rows.append([note_id, date, admin1, lat, lon, precision, note])
    return write_export(path, rows)


def test_blind_acled_notes_meet_the_issue_floors(
    syrian_gazetteers: Settings, extractor: Extractor, tmp_path: Path
) -> None:
    path = blind_export(tmp_path / "blind.csv")
    scores = evaluate_acled(path, extractor=Extractor(syrian_gazetteers))
    assert scores["n"] == 120 and scores["skipped"] == 0
    assert scores["admin1_agreement"] >= ADMIN1_FLOOR
    assert scores["within_10km"] >= BLIND_WITHIN_10KM_FLOOR
    bundled = evaluate_acled(path, extractor=extractor)
    assert bundled["admin1_agreement"] >= ADMIN1_FLOOR
    assert bundled["within_10km"] >= BLIND_BUNDLED_FLOOR


def test_acled_style_notes_meet_the_issue_floors(
    syrian_gazetteers: Settings, tmp_path: Path
) -> None:
    """99 notes written in ACLED's style about Syrian villages and towns; the gold point is
    the place's point in the Syrian Archive list (also imported: this measures which place
    of the note is taken and how it is resolved, not the gazetteer's coverage)."""
    points = gold_points(shared_file("gazetteers", "syr_admin3.csv").parent)
    rows: list[list[object]] = []
    for i, line in enumerate(NOTES.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        note, where, admin1 = line.split("\t")
        lat, lon = points[where][:2] if where.startswith("sa:") else where.split(",")
        date = " ".join(note.split(",")[0].split()[1:4])
        rows.append([f"N{i}", date, admin1, lat, lon, 1, note])
    scores = evaluate_acled(
        write_export(tmp_path / "notes.csv", rows), extractor=Extractor(syrian_gazetteers)
    )
    assert scores["n"] == 99 and scores["skipped"] == 0
    assert scores["admin1_agreement"] >= ADMIN1_FLOOR
    assert scores["within_10km"] >= WITHIN_10KM_FLOOR
