from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq

from builders import make_analyzed
from frontwatch.export import ACLED_COLUMNS, write_csv, write_geojson, write_jsonl, write_parquet
from frontwatch.store import Store


def _stored(tmp_path: Path) -> list:
    with Store(tmp_path / "fw.duckdb") as store:
        store.add_batch([make_analyzed("Jets struck Aleppo.", n_events=2)])
        return list(store.events())


def test_csv_has_acled_columns(tmp_path: Path) -> None:
    out = io.StringIO()
    assert write_csv(_stored(tmp_path), out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert rows[0]["sub_event_type"] == "Air/drone strike"
    assert rows[0]["inter1"] == "8" and rows[0]["interaction"] == "80"
    assert rows[0]["fatalities"] == "40"
    assert "claimed by: opposition sources" in rows[0]["tags"]


def test_geojson_points_are_lon_lat(tmp_path: Path) -> None:
    out = io.StringIO()
    write_geojson(_stored(tmp_path), out)
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["geometry"]["coordinates"] == [37.16, 36.2]


def test_jsonl_and_parquet(tmp_path: Path) -> None:
    items = _stored(tmp_path)
    out = io.StringIO()
    write_jsonl(items, out)
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["fatalities"]["qualifier"] == "more than"
    assert write_parquet(items, tmp_path / "e.parquet") == 2
    assert pq.read_table(tmp_path / "e.parquet").column_names == list(ACLED_COLUMNS)
