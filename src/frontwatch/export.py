"""Exports of stored events: CSV with ACLED's column names, JSONL, GeoJSON, Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .store import StoredEvent

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "tags",
)
"""ACLED's names for the columns we fill (their order, a subset of their export)."""


def _interaction(i1: int | None, i2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, smaller first (10*a+b), or 10*a alone."""
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10
    low, high = sorted((i1, i2))
    return low * 10 + high


def _notes(item: StoredEvent) -> str:
    spans = sorted({(ev.start, ev.end, ev.text) for ev in item.event.evidence})
    return " … ".join(text for _, _, text in spans)


def _tags(item: StoredEvent) -> str:
    e = item.event
    tags = []
    if e.fatalities.qualifier:
        tags.append(f"fatalities: {e.fatalities.qualifier}")
    if e.claimed_by:
        tags.append(f"claimed by: {e.claimed_by}")
    if e.cause:
        tags.append(f"cause: {e.cause}")
    return "; ".join(tags)


def acled_row(item: StoredEvent) -> dict[str, Any]:
    e = item.event
    loc = e.location
    i1 = e.actor1.inter if e.actor1 else None
    i2 = e.actor2.inter if e.actor2 else None
    return {
        "event_id_cnty": e.event_id,
        "event_date": e.event_date.isoformat() if e.event_date else "",
        "year": e.event_date.year if e.event_date else "",
        "time_precision": e.time_precision or "",
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1.name if e.actor1 else "",
        "inter1": i1 or "",
        "actor2": e.actor2.name if e.actor2 else "",
        "inter2": i2 or "",
        "interaction": _interaction(i1, i2) or "",
        "country": (loc.country if loc else None) or "",
        "admin1": (loc.admin1 if loc else None) or "",
        "admin2": (loc.admin2 if loc else None) or "",
        "location": loc.name if loc else "",
        "latitude": loc.latitude if loc and loc.latitude is not None else "",
        "longitude": loc.longitude if loc and loc.longitude is not None else "",
        "geo_precision": loc.geo_precision if loc else "",
        "source": item.source or "",
        "notes": _notes(item),
        "fatalities": e.fatalities.total if e.fatalities.total is not None else 0,
        "tags": _tags(item),
    }


def write_csv(items: Iterable[StoredEvent], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(acled_row(item))
        n += 1
    return n


def event_json(item: StoredEvent) -> dict[str, Any]:
    data = item.event.model_dump(mode="json")
    data.update(article_id=item.article_id, source=item.source, url=item.url)
    return data


def write_jsonl(items: Iterable[StoredEvent], out: IO[str]) -> int:
    n = 0
    for item in items:
        out.write(json.dumps(event_json(item), ensure_ascii=False) + "\n")
        n += 1
    return n


def geojson_features(items: Iterable[StoredEvent]) -> Iterator[dict[str, Any]]:
    """Point features for events with coordinates; properties are the ACLED columns."""
    for item in items:
        loc = item.event.location
        if loc is None or loc.latitude is None or loc.longitude is None:
            continue
        props = acled_row(item)
        props["article_id"] = item.article_id
        yield {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [loc.longitude, loc.latitude]},
            "properties": props,
        }


def write_geojson(items: Iterable[StoredEvent], out: IO[str]) -> int:
    """A FeatureCollection, written feature by feature (events stream from the store)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for feature in geojson_features(items):
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(items: Iterable[StoredEvent], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [acled_row(item) for item in items]
    columns = {c: [str(r[c]) if r[c] != "" else None for r in rows] for c in ACLED_COLUMNS}
    pq.write_table(pa.table(columns), path)
    return len(rows)


WRITERS: dict[str, Callable[[Iterable[StoredEvent], IO[str]], int]] = {
    "csv": write_csv,
    "jsonl": write_jsonl,
    "geojson": write_geojson,
}
