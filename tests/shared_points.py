"""Gold points of our fixtures, read from the Syrian gazetteers of ../shared.

Fixtures name places by id only (``sa:ID`` in the Syrian Archive list, ``ocha:NAME`` in
OCHA's admin points, ``ocha3:PCODE`` in OCHA's sub-districts); their points stay in
../shared and are read here at test time (``tests/geocode/spelling_gold.py``,
``tests/evaluate/test_acled_eval.py``).
"""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gazetteers"
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
