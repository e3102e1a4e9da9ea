"""``frontwatch eval acled``: do our places agree with ACLED's coding of the same events?

Input: a CSV in the layout of an ACLED data export (acleddata.com): one row per event with
its ``notes`` (ACLED's summary of the event, the text we read), ``admin1``, ``latitude`` and
``longitude`` (ACLED's coding, the gold), and optionally ``event_date`` (the note's
publication date, so that "on Monday" and the background rule read it as ACLED did),
``event_id_cnty`` (the row's id in messages) and ``geo_precision``. Other columns are
ignored. A row that lacks a note or has no valid point is reported (file:line) and skipped.

Each note is analysed by the real pipeline; the predicted place is the location of its main
event, else of its first located event. ACLED codes one event per location, and an export
may give several rows the same note ("shelled A, B and C": a row at each). Such rows (same
note, same date) are one note analysed once, and they are paired one to one with the
distinct places of its located events, nearest pairs first; a row left over (the note gave
fewer places than ACLED rows) takes the predicted place, as a row of its own would. Scores,
over all scored rows (a note we place nowhere counts against both):

- ``admin1_agreement``: the share whose admin1 is ACLED's (our admin1 names are ACLED's for
  Syria, ``data/geo/admin1_syria.yaml``; a governorate's spellings are one name, so an export
  that writes "Al-Hasakeh", "Idlib" or "Deir ez Zor" agrees with ours:
  ``admin1_spellings`` in ``data/geo/gazetteer_sources.yaml``, compared by name key);
- ``within_10km``: the share whose point lies within 10 km (great circle) of ACLED's;
- ``located``: the share with a predicted place; ``median_km`` the median distance of those;
- ``by_geo_precision``: the same per ACLED precision (1 the place itself, 2 near it, 3 a
  region), when the column is present.

The judged ACLED floors of issue #3 are admin1 ≥ 0.95 and within 10 km ≥ 0.75.
"""

from __future__ import annotations

import csv
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..extract.pipeline import Extractor
from ..geocode.sources import SourceRules
from ..geodesy import great_circle_km
from ..ingest.normalize import make_article
from ..records import Article, Event, Location

KM = 10.0
REQUIRED = ("notes", "admin1", "latitude", "longitude")


@dataclass(frozen=True)
class CodedEvent:
    """One ACLED row: where ACLED put the event its note describes."""

    line: int
    id: str
    admin1: str
    latitude: float
    longitude: float
    precision: str | None


@dataclass(frozen=True)
class Scored:
    """A row, its note and our place for it; ``hit``: same admin1 and within 10 km."""

    gold: CodedEvent
    article: Article
    place: Location | None
    hit: bool


def same_admin1(ours: str | None, acled: str, rules: SourceRules) -> bool:
    """Do two admin1 names name one governorate (however each is spelled)?"""
    if not ours:
        return False
    return (rules.admin1(ours) or ours.casefold()) == (rules.admin1(acled) or acled.casefold())


@dataclass
class Tally:
    rules: SourceRules
    n: int = 0
    admin1: int = 0
    near: int = 0
    km: list[float] = field(default_factory=list)

    def add(self, gold: CodedEvent, place: Location | None) -> bool:
        """Count a row; is it a hit (same admin1, within 10 km)?"""
        self.n += 1
        if place is None or place.latitude is None or place.longitude is None:
            return False
        same = same_admin1(place.admin1, gold.admin1, self.rules)
        km = great_circle_km(gold.latitude, gold.longitude, place.latitude, place.longitude)
        self.km.append(km)
        self.admin1 += same
        self.near += km <= KM
        return same and km <= KM

    def as_dict(self) -> dict[str, Any]:
        n = self.n or 1
        return {
            "n": self.n,
            "admin1_agreement": round(self.admin1 / n, 4),
            "within_10km": round(self.near / n, 4),
            "located": round(len(self.km) / n, 4),
            "median_km": round(statistics.median(self.km), 1) if self.km else None,
        }


def read_rows(
    path: Path, on_error: Callable[[InputError], None]
) -> Iterator[tuple[CodedEvent, Article]]:
    """The rows of ``path`` with their notes as articles; a bad row is reported and skipped,
    a file that is not a UTF-8 CSV with the required columns is one error."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(str(path), f"not an ACLED export: no column {', '.join(missing)}")
            for row in reader:
                where = f"{path}:{reader.line_num}"
                try:
                    yield _row(row, reader.line_num, where)
                except InputError as exc:
                    on_error(exc)
        except (UnicodeDecodeError, csv.Error) as exc:
            where = f"{path}:{reader.line_num}" if reader.line_num else str(path)
            raise InputError(where, f"not a UTF-8 CSV file: {exc}") from None


def _row(row: dict[str, str], line: int, where: str) -> tuple[CodedEvent, Article]:
    try:
        lat, lon = float(row["latitude"]), float(row["longitude"])
    except (TypeError, ValueError):
        raise InputError(
            where, f"latitude/longitude not numbers: {row['latitude']!r}, {row['longitude']!r}"
        ) from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InputError(where, f"point out of range: {lat}, {lon}")
    if not (row.get("admin1") or "").strip():
        raise InputError(where, "no admin1")
    gold = CodedEvent(
        line=line,
        id=(row.get("event_id_cnty") or "").strip() or f"line {line}",
        admin1=row["admin1"].strip(),
        latitude=lat,
        longitude=lon,
        precision=(row.get("geo_precision") or "").strip() or None,
    )
    article = make_article(
        row.get("notes") or "",
        published=(row.get("event_date") or "").strip() or None,
        id=gold.id,
        origin=where,
    )
    return gold, article


def predicted_place(events: list[Event], main: Event | None) -> Location | None:
    """The main event's location, else the first located event's."""
    for event in [main, *events]:
        if event is not None and event.location is not None:
            return event.location
    return None


def note_places(
    golds: list[CodedEvent], events: list[Event], main: Event | None
) -> list[Location | None]:
    """Our place for each of ``golds``, the rows ACLED gave one note (see the module
    docstring): ``predicted_place`` for a single row; for several, the note's distinct
    located places paired with the rows one to one, nearest pairs first."""
    fallback = predicted_place(events, main)
    if len(golds) == 1:
        return [fallback]
    places: list[Location] = []
    for event in [main, *events]:
        loc = event.location if event is not None else None
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        if all((loc.latitude, loc.longitude) != (p.latitude, p.longitude) for p in places):
            places.append(loc)
    pairs = sorted(
        (great_circle_km(g.latitude, g.longitude, p.latitude, p.longitude), i, j)
        for i, g in enumerate(golds)
        for j, p in enumerate(places)
        if p.latitude is not None and p.longitude is not None
    )
    found: list[Location | None] = [None] * len(golds)
    used: set[int] = set()
    for _, i, j in pairs:
        if found[i] is None and j not in used:
            found[i] = places[j]
            used.add(j)
    return [place or fallback for place in found]


def evaluate_acled(
    path: Path,
    *,
    extractor: Extractor,
    on_error: Callable[[InputError], None] = lambda _: None,
    on_progress: Callable[[int], None] = lambda _: None,
    on_row: Callable[[Scored], None] = lambda _: None,
) -> dict[str, Any]:
    """Scores of the notes of ``path`` against ACLED's places (see the module docstring);
    ``on_row`` sees each scored row."""
    skipped = 0

    def skip(exc: InputError) -> None:
        nonlocal skipped
        skipped += 1
        on_error(exc)

    notes: dict[tuple[str, object], list[tuple[CodedEvent, Article]]] = {}
    for gold, article in read_rows(path, skip):
        notes.setdefault((article.text, article.published), []).append((gold, article))
    rules = SourceRules.load()
    total, by_precision = Tally(rules), dict[str, Tally]()
    placed: list[tuple[CodedEvent, Article, Location | None]] = []
    analyzed = extractor.analyze(rows[0][1] for rows in notes.values())
    for rows, item in zip(notes.values(), analyzed, strict=True):
        golds = [gold for gold, _ in rows]
        places = note_places(golds, item.events, item.main_event)
        placed += [(g, a, p) for (g, a), p in zip(rows, places, strict=True)]
        if len(placed) // 100 > (len(placed) - len(rows)) // 100:
            on_progress(len(placed))
    for gold, article, place in sorted(placed, key=lambda r: r[0].line):
        hit = total.add(gold, place)
        if gold.precision:
            by_precision.setdefault(gold.precision, Tally(rules)).add(gold, place)
        on_row(Scored(gold, article, place, hit))
    return {
        **total.as_dict(),
        "skipped": skipped,
        "by_geo_precision": {k: t.as_dict() for k, t in sorted(by_precision.items())},
    }
