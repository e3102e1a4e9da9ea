"""The gold points of ``tests/fixtures/spelling_variants.tsv``, read from ../shared.

The fixture names each spelling's place by its id in OCHA's lists or the Syrian Archive's
(``ocha:NAME``, ``ocha3:PCODE``, ``sa:ID``); their points stay in ../shared. ``write_gold``
writes the fixture with ``lat``, ``lon`` and ``radius_km`` columns, the input of
``frontwatch eval spellings``. Run as a script for the benchmark::

    PYTHONPATH=tests .venv/bin/python tests/geocode/spelling_gold.py /tmp/spellings.tsv
"""

from __future__ import annotations

import sys
from pathlib import Path

from shared_points import SHARED, gold_points

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "spelling_variants.tsv"


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
