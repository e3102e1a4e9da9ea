"""A road network from GeoJSON LineStrings or an OpenStreetMap extract, snapped to localities.

Roads give the locality graph its edges when ``graph_roads`` names a file: a GeoJSON file
of LineStrings, or an OpenStreetMap extract (``.osm``, ``.osm.pbf``, ``.osm.bz2``...) read
with pyosmium, whose ways tagged ``highway`` with a value of ``data/situation/osm_roads.yaml``
are the roads.
Each line is walked in steps of at most half the snap distance, every step is snapped to
the nearest locality within ``graph_snap_km``, and consecutive snapped localities are
linked, the edge weight being the length along the line between the two snap points.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..errors import InputError, ResourceError
from ..geodesy import great_circle_km
from ..resources import load_yaml
from .model import Locality
from .spatial import GridIndex

Edge = tuple[str, str, float]
Line = list[tuple[float, float]]
"""(latitude, longitude) vertices."""


def road_edges(
    path: Path,
    localities: Sequence[Locality],
    *,
    snap_km: float,
    on_error: Callable[[str], None] | None = None,
) -> list[Edge]:
    """Edges between localities along the roads of ``path``; bad features go to
    ``on_error`` (one line each, naming the file and feature) and the rest are used."""
    if is_osm(path):
        lines = read_osm_lines(path, on_error=on_error)
    else:
        lines = read_lines(path, on_error=on_error)
    return snap_lines(lines, localities, snap_km=snap_km)


OSM_SUFFIXES = (".osm", ".pbf", ".o5m", ".osc")


@lru_cache(maxsize=1)
def osm_highways() -> frozenset[str]:
    """The ``highway`` values that are roads between localities (``osm_roads.yaml``)."""
    data = load_yaml("situation", "osm_roads.yaml")
    if not isinstance(data, dict) or data.get("version") != 1 or not data.get("highways"):
        raise ResourceError("data/situation/osm_roads.yaml: expected version: 1 and highways")
    return frozenset(str(h) for h in data["highways"])


def is_osm(path: Path) -> bool:
    """An OpenStreetMap file by its name: ``x.osm``, ``x.osm.pbf``, ``x.osm.bz2``, ``x.pbf``."""
    suffixes = [s.lower() for s in path.suffixes]
    return any(s in OSM_SUFFIXES for s in suffixes)


def read_osm_lines(path: Path, *, on_error: Callable[[str], None] | None = None) -> list[Line]:
    """The roads of an OpenStreetMap extract: its ways tagged with a ``highway`` of
    ``osm_highways()``, as (latitude, longitude) lines (pyosmium, node locations resolved).
    A way with a node the file lacks is reported (file, way id) and skipped."""
    import osmium

    if not path.is_file():
        raise InputError(str(path), "cannot read the road network: no such file")
    highways = osm_highways()
    lines: list[Line] = []
    try:
        entities = osmium.osm.NODE | osmium.osm.WAY
        processor = osmium.FileProcessor(str(path), entities).with_locations()
        for way in processor:
            if not isinstance(way, osmium.osm.Way) or way.tags.get("highway") not in highways:
                continue
            try:
                line = [(node.lat, node.lon) for node in way.nodes]
            except osmium.InvalidLocationError:
                if on_error:
                    on_error(f"{path}: way {way.id}: a node has no location in the file")
                continue
            if len(line) >= 2:
                lines.append(line)
    except RuntimeError as exc:
        raise InputError(str(path), f"cannot read the OpenStreetMap extract: {exc}") from exc
    return lines


def read_lines(path: Path, *, on_error: Callable[[str], None] | None = None) -> list[Line]:
    """The LineStrings (and MultiLineStrings' parts) of a GeoJSON file; other geometries
    are skipped."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"cannot read the road network: {exc}") from exc
    lines: list[Line] = []
    for number, geometry in enumerate(_geometries(data), start=1):
        try:
            lines += _lines(geometry)
        except (KeyError, TypeError, ValueError) as exc:
            if on_error:
                on_error(f"{path}: feature {number}: not a usable line ({exc})")
    return lines


def _geometries(data: Any) -> Iterator[Any]:
    if not isinstance(data, dict):
        return
    kind = data.get("type")
    if kind == "FeatureCollection":
        for feature in data.get("features") or ():
            yield feature.get("geometry") if isinstance(feature, dict) else feature
    elif kind == "Feature":
        yield data.get("geometry")
    else:
        yield data


def _lines(geometry: Any) -> list[Line]:
    if geometry is None:
        return []
    kind = geometry["type"]
    if kind == "LineString":
        return [_line(geometry["coordinates"])]
    if kind == "MultiLineString":
        return [_line(part) for part in geometry["coordinates"]]
    return []


def _line(coordinates: Any) -> Line:
    line = []
    for point in coordinates:
        lon, lat = float(point[0]), float(point[1])
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise ValueError(f"coordinate {point!r} is not [longitude, latitude]")
        line.append((lat, lon))
    if len(line) < 2:
        raise ValueError("a line needs two points")
    return line


def snap_lines(
    lines: Sequence[Line], localities: Sequence[Locality], *, snap_km: float
) -> list[Edge]:
    """Link the localities each line passes within ``snap_km`` of, in order along it."""
    points = [(loc.latitude, loc.longitude) for loc in localities]
    index = GridIndex(points, cell_km=snap_km)
    edges: dict[tuple[str, str], float] = {}
    for line in lines:
        for a, b, km in _walk(line, index, localities, snap_km):
            pair = (a, b) if a < b else (b, a)
            edges[pair] = min(km, edges.get(pair, math.inf))
    return [(a, b, km) for (a, b), km in edges.items()]


def _walk(
    line: Line, index: GridIndex, localities: Sequence[Locality], snap_km: float
) -> Iterator[Edge]:
    """(locality, next locality, km along the line between their snap points) for one line.

    A locality's snap point is the sample of its run nearest to it."""
    runs: list[list[float]] = []  # [locality index, distance to it, position]
    for position, lat, lon in _samples(line, snap_km / 2):
        near = index.nearest(lat, lon, k=1, max_km=snap_km)
        if not near:
            continue
        dist, i = near[0]
        if runs and runs[-1][0] == i:
            if dist < runs[-1][1]:
                runs[-1][1:] = [dist, position]
            continue
        runs.append([i, dist, position])
    for (a, _, pa), (b, _, pb) in pairwise(runs):
        yield localities[int(a)].locality_id, localities[int(b)].locality_id, abs(pb - pa)


def _samples(line: Line, step_km: float) -> Iterator[tuple[float, float, float]]:
    """(km from the start, latitude, longitude) every ``step_km`` at most, vertices included."""
    position = 0.0
    yield position, line[0][0], line[0][1]
    for (lat1, lon1), (lat2, lon2) in pairwise(line):
        length = great_circle_km(lat1, lon1, lat2, lon2)
        steps = max(1, math.ceil(length / step_km)) if step_km > 0 else 1
        for s in range(1, steps + 1):
            f = s / steps
            yield position + f * length, lat1 + f * (lat2 - lat1), lon1 + f * (lon2 - lon1)
        position += length
