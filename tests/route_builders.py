"""A small fictional region for route and encirclement tests (no model, no shared data).

Two roads run from Southport north to Northgate, the town before the Gate crossing into
Turkey: the west road through Westbury and Millfield, the east road through Eastbury.
Further east the government town of Shrine is linked to the government base of Fort (and
its Southgate crossing into Jordan) through the village of Mayfield; Redhill lies between
Shrine and Eastbury. Hillcrest is a village beside Eastbury.

    Gate                          Southgate
     |                               |
  Northgate ---------- Eastbury    Fort
     |                 /  |  \\        |
  Westbury      Hillcrest |  Redhill - Shrine - Mayfield - Fort
     |                    |
  Millfield ---------- Southport
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from frontwatch.situation.crossings import Crossing, Crossings, OutsideRegion
from frontwatch.situation.graph import LocalityGraph, build_graph
from frontwatch.situation.model import ControlState, Locality, Observation, ObservationKind
from frontwatch.situation.roads import road_edges

DAY = dt.date(2016, 2, 1)
POINTS = {
    "Northgate": (36.60, 37.00),
    "Westbury": (36.55, 36.95),
    "Millfield": (36.50, 36.95),
    "Eastbury": (36.55, 37.05),
    "Southport": (36.45, 37.00),
    "Hillcrest": (36.58, 37.09),
    "Redhill": (36.52, 37.12),
    "Shrine": (36.50, 37.20),
    "Mayfield": (36.50, 37.25),
    "Fort": (36.50, 37.30),
}
ROADS = [
    ["Northgate", "Westbury", "Millfield", "Southport"],
    ["Northgate", "Eastbury", "Southport"],
    ["Eastbury", "Hillcrest"],
    ["Eastbury", "Redhill", "Shrine", "Mayfield", "Fort"],
]
CROSSINGS = Crossings(
    country="XX",
    crossings=(
        Crossing("gate", ("Gate crossing", "Gate"), "TR", "Northgate"),
        Crossing("southgate", ("Southgate crossing",), "JO", "Fort"),
    ),
    regions=(
        OutsideRegion("turkish-border", ("Turkish border", "Turkey"), frozenset({"TR"})),
        OutsideRegion("any-border", ("any border",), frozenset({"TR", "JO"})),
    ),
)


def node(name: str) -> str:
    return f"xx:{name.lower()}"


def localities() -> list[Locality]:
    return [Locality(node(name), name, lat, lon) for name, (lat, lon) in POINTS.items()]


def write_roads(path: Path) -> Path:
    """The roads as a GeoJSON FeatureCollection of LineStrings ([longitude, latitude])."""
    features = [
        {
            "type": "Feature",
            "properties": {"ref": f"road-{i}"},
            "geometry": {
                "type": "LineString",
                "coordinates": [[POINTS[n][1], POINTS[n][0]] for n in road],
            },
        }
        for i, road in enumerate(ROADS)
    ]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


def write_osm(path: Path, *, extra: str = "") -> Path:
    """The roads as an OpenStreetMap XML extract: a node per locality (ids 1..), a way per
    road tagged highway=primary; ``extra`` is more XML put before the closing tag."""
    ids = {name: i for i, name in enumerate(POINTS, start=1)}
    nodes = "".join(
        f'<node id="{ids[n]}" version="1" lat="{lat}" lon="{lon}"/>\n'
        for n, (lat, lon) in POINTS.items()
    )
    ways = "".join(
        f'<way id="{100 + i}" version="1">'
        + "".join(f'<nd ref="{ids[n]}"/>' for n in road)
        + '<tag k="highway" v="primary"/></way>\n'
        for i, road in enumerate(ROADS)
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<osm version="0.6" generator="frontwatch-tests">\n{nodes}{ways}{extra}</osm>\n',
        encoding="utf-8",
    )
    return path


def region_graph(tmp_path: Path) -> LocalityGraph:
    roads = write_roads(tmp_path / "roads.geojson")
    return build_graph(
        localities(),
        crossings=CROSSINGS,
        edges=lambda nodes: road_edges(roads, nodes, snap_km=1.0),
    )


def observation(
    name: str, side: str, day: int, kind: ObservationKind = "captured", event: str | None = None
) -> Observation:
    return Observation(
        locality_id=node(name),
        locality_name=name,
        side=side,
        kind=kind,
        observed=DAY + dt.timedelta(days=day - 1),
        event_id=event or f"ev-{name.lower()}-{day}",
        evidence=f"{side} {kind} {name}",
    )


def held(name: str, side: str, day: int, *, besieged_by: str | None = None) -> ControlState:
    """``name`` held by ``side`` since ``day``, as one observation says."""
    obs = [observation(name, side, day)]
    if besieged_by:
        obs.insert(0, observation(name, besieged_by, day, "besieged"))
    return ControlState(
        locality_id=node(name),
        name=name,
        side=side,
        since=DAY + dt.timedelta(days=day - 1),
        besieged_by=besieged_by,
        observations=tuple(obs),
    )


def control(*states: ControlState) -> dict[str, ControlState]:
    return {s.locality_id: s for s in states}
