"""``frontwatch eval spellings``: do the ways the press spells a place lead to that place?

Input: a tab-separated file (``#`` lines are comments) whose header names at least
``spelling``, ``gold``, ``lat``, ``lon``; optional ``style`` (who writes it that way: "SANA",
"Kurdish", ...) and ``radius_km``. Each row is one spelling of one place: ``gold`` is the
place's id in the gold gazetteer (any text; rows with one gold are one place) and
``lat``/``lon`` its point; ``gold`` ``none`` marks a name no gazetteer we have lists, where
the right answer is to resolve nothing (or the name itself, a place the bundled gazetteer
knows by that very name: no other place).

Each spelling is read in a sentence of its own, ``Regime forces shelled {spelling} on
Monday, killing two civilians.``, by the real pipeline: the toponym must be found in running
text, not only looked up. The place is the main event's. A row is right when that place lies
within ``radius_km`` of the gold point (default 10 km; a gold point that is the centre of an
area, such as an OCHA sub-district, needs the area's radius added).

Scores: ``n`` (rows with a gold place), ``right`` (their share placed within the radius),
``by_style``, ``none_n`` and ``false_matches`` (``none`` rows resolved to a point of another
name). ``places`` keeps the rows of the places whose number in file order it accepts
(even or odd: a dev/held-out split that keeps a place's spellings together).

The fixture ``tests/fixtures/spelling_variants.tsv`` (388 spellings of 150 Syrian places,
written blind; ids only, the points are read from ../shared by
``tests/geocode/spelling_gold.py``) is scored by ``tests/geocode/test_spelling_variants.py``.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extract.pipeline import Extractor
from ..geocode.names import NameNormalizer
from ..geodesy import great_circle_km
from ..ingest.normalize import make_article
from ..records import Location
from .acled import predicted_place

SENTENCE = "Regime forces shelled {spelling} on Monday, killing two civilians."
PUBLISHED = "2016-02-01"
RADIUS_KM = 10.0
REQUIRED = ("spelling", "gold", "lat", "lon")
NONE = "none"


@dataclass(frozen=True)
class Spelling:
    """One row: a spelling, its style, and where its place is."""

    line: int
    spelling: str
    style: str
    gold: str
    point: tuple[float, float] | None
    radius_km: float


@dataclass(frozen=True)
class Resolved:
    """A row and the place the pipeline gave it; ``right`` as scored."""

    row: Spelling
    place: Location | None
    km: float | None
    right: bool


def read_spellings(path: Path, on_error: Callable[[InputError], None]) -> list[Spelling]:
    """The rows of ``path``; a bad row is reported (file:line) and skipped, a file that is
    not UTF-8 is one error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not a UTF-8 file: {exc}") from None
    lines = [
        (n, line)
        for n, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]
    if not lines:
        raise InputError(str(path), "no header row")
    reader = csv.DictReader((line for _, line in lines), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(f"{path}:{lines[0][0]}", f"no column {', '.join(missing)}")
    rows = []
    for (number, _), row in zip(lines[1:], reader, strict=True):
        try:
            rows.append(_row(row, number))
        except (TypeError, ValueError) as exc:
            on_error(InputError(f"{path}:{number}", str(exc)))
    return rows


def _row(row: dict[str, str], line: int) -> Spelling:
    spelling, gold = (row.get("spelling") or "").strip(), (row.get("gold") or "").strip()
    if not spelling or not gold:
        raise ValueError("empty spelling or gold")
    point = None
    if gold != NONE:
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"point out of range: {lat}, {lon}")
        point = (lat, lon)
    radius = float(row.get("radius_km") or RADIUS_KM)
    return Spelling(line, spelling, (row.get("style") or "").strip(), gold, point, radius)


def _chosen(rows: list[Spelling], places: Callable[[int], bool]) -> Iterator[Spelling]:
    """The rows of the places ``places`` keeps, by the place's number in file order."""
    index = {gold: i for i, gold in enumerate(dict.fromkeys(r.gold for r in rows))}
    return (r for r in rows if places(index[r.gold]))


def _point(place: Location | None) -> tuple[float, float] | None:
    if place is None or place.latitude is None or place.longitude is None:
        return None
    return place.latitude, place.longitude


def evaluate_spellings(
    path: Path,
    *,
    extractor: Extractor,
    places: Callable[[int], bool] = lambda _: True,
    on_error: Callable[[InputError], None] = lambda _: None,
    on_row: Callable[[Resolved], None] = lambda _: None,
) -> dict[str, Any]:
    """Scores of the spellings of ``path`` (see the module docstring)."""
    rows = list(_chosen(read_spellings(path, on_error), places))
    articles = (
        make_article(
            SENTENCE.format(spelling=r.spelling), published=PUBLISHED, origin=f"{path}:{r.line}"
        )
        for r in rows
    )
    normalizer = NameNormalizer.load()
    right, styles, style_right = 0, Counter[str](), Counter[str]()
    false_matches = none_n = 0
    for row, item in zip(rows, extractor.analyze(articles), strict=True):
        place = predicted_place(item.events, item.main_event)
        at = _point(place)
        if row.point is None:
            none_n += 1
            named = normalizer.normalize(place.name) if place is not None else ""
            other = at is not None and named != normalizer.normalize(row.spelling)
            false_matches += other
            on_row(Resolved(row, place, None, not other))
            continue
        km = great_circle_km(*row.point, *at) if at is not None else None
        hit = km is not None and km <= row.radius_km
        right += hit
        styles[row.style] += 1
        style_right[row.style] += hit
        on_row(Resolved(row, place, km, hit))
    n = sum(styles.values())
    return {
        "n": n,
        "right": round(right / n, 4) if n else 0.0,
        "none_n": none_n,
        "false_matches": false_matches,
        "by_style": {s: round(style_right[s] / k, 4) for s, k in sorted(styles.items())},
    }
