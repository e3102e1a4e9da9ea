"""The gold points of ``tests/fixtures/spelling_variants.tsv``, read from ../shared.

The fixture names each spelling's place by its id in OCHA's lists or the Syrian Archive's
(``ocha:NAME``, ``ocha3:PCODE``, ``sa:ID``); their points stay in ../shared. ``write_gold``
writes the fixture with ``lat``, ``lon`` and ``radius_km`` columns, the input of
``frontwatch eval spellings``. Run as a script for the benchmark::

    .venv/bin/python tests/geocode/spelling_gold.py /tmp/spellings.tsv
"""

from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "spelling_variants.tsv"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "gazetteers"
VILLAGE_KM = 10.0
"""A Syrian Archive point is a village or quarter: right within 10 km."""


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def gold_points(shared: Path = SHARED) -> dict[str, tuple[float, float, float]]:
    """Gold id -> (lat, lon, radius_km). An OCHA point is the centre of a sub-district (of a
    district when the name is a district's only): its radius is that area's, as a circle,
    plus 10 km."""
    admin3 = _csv(shared / "syr_admin3.csv")
    area3 = {r["adm3_pcode"]: float(r["area_sqkm"]) for r in admin3}
    area2: dict[str, float] = {}
    for r in admin3:
        area2[r["adm2_name"]] = area2.get(r["adm2_name"], 0.0) + float(r["area_sqkm"])

    def radius(area: float) -> float:
        return round(math.sqrt(area / math.pi) + VILLAGE_KM, 1)

    points = {
        f"ocha3:{r['adm3_pcode']}": (
            float(r["center_lat"]), float(r["center_lon"]), radius(area3[r["adm3_pcode"]])
        )
        for r in admin3
    }  # fmt: skip
    for r in _csv(shared / "syr_adminpoints.csv"):
        area = area3.get(r["adm3_pcode"]) if r["admin_leve"] == "3" else area2.get(r["name"])
        if area is not None:
            points[f"ocha:{r['name']}"] = (float(r["y_coord"]), float(r["x_coord"]), radius(area))
    for r in json.loads((shared / "syrianarchive-locations.json").read_text(encoding="utf-8")):
        try:
            points[f"sa:{r['id']}"] = (float(r["latitude"]), float(r["longitude"]), VILLAGE_KM)
        except ValueError:
            continue
    return points


def write_gold(out: Path, shared: Path = SHARED) -> Path:
    """The fixture with the gold points and radii, as ``eval spellings`` reads it."""
    points = gold_points(shared)
    rows = [
        line.split("\t")
        for line in FIXTURE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    lines = ["\t".join([*rows[0], "lat", "lon", "radius_km"])]
    for row in rows[1:]:
        gold = row[2]
        lat, lon, km = ("", "", "") if gold == "none" else map(str, points[gold])
        lines.append("\t".join([*row, lat, lon, km]))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    print(write_gold(Path(sys.argv[1])))
