"""The locality graph: the grid index, proximity edges, names, crossings and road import."""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from frontwatch.errors import InputError
from frontwatch.geocode.gazetteer import MemoryGazetteer, Place
from frontwatch.geodesy import great_circle_km
from frontwatch.resources import load_yaml
from frontwatch.settings import Settings
from frontwatch.situation.crossings import Crossing, Crossings
from frontwatch.situation.graph import build_graph, graph_for, proximity_edges
from frontwatch.situation.model import Locality
from frontwatch.situation.roads import road_edges
from frontwatch.situation.spatial import GridIndex
from route_builders import (
    CROSSINGS,
    POINTS,
    localities,
    node,
    region_graph,
    write_osm,
    write_roads,
)


def test_great_circle_km_matches_a_known_distance() -> None:
    # one degree of latitude along a meridian
    assert great_circle_km(36.0, 37.0, 37.0, 37.0) == pytest.approx(111.2, abs=0.1)


def test_grid_index_finds_what_comparing_every_pair_finds() -> None:
    rng = random.Random(7)
    points = [(36 + rng.random(), 37 + rng.random()) for _ in range(1500)]
    index = GridIndex.for_density(points, max_km=8.0)
    for i in rng.sample(range(len(points)), 60):
        lat, lon = points[i]
        brute = sorted((great_circle_km(lat, lon, *p), j) for j, p in enumerate(points) if j != i)
        expected = [j for d, j in brute if d <= 8.0][:6]
        found = [j for _, j in index.nearest(lat, lon, k=6, max_km=8.0, skip=i)]
        assert found == expected


def test_proximity_links_k_nearest_within_max_km() -> None:
    line = [Locality(f"p{i}", f"P{i}", 36.0 + i * 0.045, 37.0) for i in range(5)]  # 5 km apart
    far = Locality("far", "Far", 37.0, 37.0)
    edges = proximity_edges([*line, far], k=2, max_km=12.0, planar=False)
    pairs = {frozenset((a, b)) for a, b, _ in edges}
    assert frozenset(("p0", "p1")) in pairs and frozenset(("p0", "p2")) in pairs
    assert not any("far" in p for p in pairs)
    assert all(4.9 < km < 10.1 for _, _, km in edges)


def test_planar_proximity_does_not_jump_over_a_locality() -> None:
    line = [Locality(f"p{i}", f"P{i}", 36.0 + i * 0.045, 37.0) for i in range(5)]  # 5 km apart
    # q lies 1 km off the p1-p3 segment: inside the circle on p1-p3, outside those on p0-p1
    aside = Locality("q", "Q", 36.09, 37.011)
    edges = proximity_edges([*line, aside], k=4, max_km=12.0)
    pairs = {frozenset((a, b)) for a, b, _ in edges}
    chain = {frozenset((f"p{i}", f"p{i + 1}")) for i in range(4)}
    assert chain <= pairs
    assert frozenset(("p0", "p2")) not in pairs and frozenset(("p1", "p3")) not in pairs
    assert {frozenset(("p1", "q")), frozenset(("q", "p3"))} <= pairs


def _gabriel_brute(
    points: list[tuple[float, float]], pairs: set[frozenset[int]]
) -> set[frozenset[int]]:
    """Pairs with no third point strictly inside their diametral circle (every point checked)."""
    kept: set[frozenset[int]] = set()
    for pair in pairs:
        i, j = sorted(pair)
        (alat, alon), (blat, blon) = points[i], points[j]
        ab = great_circle_km(alat, alon, blat, blon) ** 2
        inside = [
            c
            for c, (lat, lon) in enumerate(points)
            if c not in pair
            and great_circle_km(lat, lon, alat, alon) ** 2
            + great_circle_km(lat, lon, blat, blon) ** 2
            < ab * (1 - 1e-6)
        ]
        if not inside:
            kept.add(pair)
    return kept


def test_planar_proximity_is_the_gabriel_filter_of_the_k_nearest_and_stays_connected() -> None:
    rng = random.Random(11)
    points = [(36 + rng.random() * 0.5, 37 + rng.random() * 0.5) for _ in range(400)]
    nodes = [Locality(f"n{i}", f"N{i}", lat, lon) for i, (lat, lon) in enumerate(points)]
    knn = {frozenset((a, b)) for a, b, _ in proximity_edges(nodes, k=6, max_km=8.0, planar=False)}
    planar = {frozenset((a, b)) for a, b, _ in proximity_edges(nodes, k=6, max_km=8.0)}
    as_ints = {frozenset(int(n[1:]) for n in p) for p in knn}
    gabriel = {frozenset(f"n{i}" for i in p) for p in _gabriel_brute(points, as_ints)}
    assert gabriel <= planar <= knn and len(planar) < len(knn)
    full = nx.Graph(list(map(tuple, knn)))
    thin = nx.Graph(list(map(tuple, planar)))
    assert nx.number_connected_components(thin) == nx.number_connected_components(full)
    # planar: no two kept edges cross (a straight-line drawing in the plane)
    assert not _crossing(points, [tuple(int(n[1:]) for n in p) for p in planar])


def _crossing(points: list[tuple[float, float]], edges: list[tuple[int, ...]]) -> bool:
    def orient(a: int, b: int, c: int) -> float:
        (ay, ax), (by, bx), (cy, cx) = points[a], points[b], points[c]
        return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)

    for n, (a, b) in enumerate(edges):
        for c, d in edges[n + 1 :]:
            if len({a, b, c, d}) < 4:
                continue
            if orient(a, b, c) * orient(a, b, d) < 0 and orient(c, d, a) * orient(c, d, b) < 0:
                return True
    return False


def test_names_regions_and_crossings_resolve() -> None:
    graph = build_graph(localities(), k=3, max_km=10.0, crossings=CROSSINGS)
    assert graph.resolve("NORTHGATE").node_ids == {node("Northgate")}
    assert graph.resolve("Turkish border").node_ids == {"crossing:gate"}
    assert graph.resolve("any border").node_ids == {"crossing:gate", "crossing:southgate"}
    assert graph.outside().node_ids == {"crossing:gate", "crossing:southgate"}
    assert graph.resolve("Gate").label == "Gate (Gate crossing)"
    gate = graph.graph["crossing:gate"]
    assert list(gate) == [node("Northgate")]  # reached only through its town
    with pytest.raises(InputError, match="Nowhere"):
        graph.resolve("Nowhere")


def test_crossing_whose_town_is_missing_is_noted_not_invented() -> None:
    lost = Crossings("XX", (Crossing("lost", ("Lost crossing",), "TR", "Atlantis"),))
    graph = build_graph(localities(), crossings=lost)
    assert "crossing:lost" not in graph.graph
    assert any("Atlantis" in n for n in graph.notes)


def test_ambiguous_name_takes_the_highest_ranked_and_says_so() -> None:
    twins = [Locality("a", "Twin", 36.0, 37.0), Locality("b", "Twin", 36.2, 37.0)]
    graph = build_graph(twins, rank={"b": 5000.0, "a": 10.0})
    found = graph.resolve("Twin")
    assert found.node_ids == {"b"} and "2 localities" in found.notes[0]


def test_road_network_links_localities_along_the_roads(tmp_path: Path) -> None:
    graph = region_graph(tmp_path)
    named = {frozenset((graph.name(a), graph.name(b))) for a, b in graph.graph.edges}
    expected = {
        frozenset(p)
        for p in [
            ("Northgate", "Westbury"),
            ("Westbury", "Millfield"),
            ("Millfield", "Southport"),
            ("Northgate", "Eastbury"),
            ("Eastbury", "Southport"),
            ("Eastbury", "Hillcrest"),
            ("Eastbury", "Redhill"),
            ("Redhill", "Shrine"),
            ("Shrine", "Mayfield"),
            ("Mayfield", "Fort"),
            ("Gate crossing", "Northgate"),
            ("Southgate crossing", "Fort"),
        ]
    }
    assert named == expected
    km = graph.graph[node("Northgate")][node("Westbury")]["weight"]
    assert km == pytest.approx(great_circle_km(*POINTS["Northgate"], *POINTS["Westbury"]), 0.01)


def test_road_lines_passing_a_locality_snap_to_it(tmp_path: Path) -> None:
    # one straight road from Northgate to Millfield's latitude passes 0.4 km from a village
    places = [
        Locality("n", "N", 36.60, 37.00),
        Locality("v", "Village", 36.55, 37.005),
        Locality("s", "S", 36.50, 37.00),
    ]
    road = {"type": "LineString", "coordinates": [[37.0, 36.60], [37.0, 36.50]]}
    path = tmp_path / "road.geojson"
    path.write_text(json.dumps(road))
    edges = {frozenset((a, b)): km for a, b, km in road_edges(path, places, snap_km=1.0)}
    assert set(edges) == {frozenset(("n", "v")), frozenset(("v", "s"))}
    assert edges[frozenset(("n", "v"))] == pytest.approx(5.56, abs=0.3)


def test_bad_road_features_are_reported_and_the_rest_used(tmp_path: Path) -> None:
    path = write_roads(tmp_path / "roads.geojson")
    data = json.loads(path.read_text())
    data["features"].insert(1, {"type": "Feature", "geometry": {"type": "LineString"}})
    data["features"].append(
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[500, 1], [2, 3]]}}
    )
    point = {"type": "Point", "coordinates": [1, 2]}
    data["features"].append({"type": "Feature", "geometry": point})
    path.write_text(json.dumps(data))
    errors: list[str] = []
    edges = road_edges(path, localities(), snap_km=1.0, on_error=errors.append)
    assert len(edges) == 10
    assert len(errors) == 2
    assert errors[0].startswith(f"{path}: feature 2:") and "feature 6" in errors[1]


def test_unreadable_road_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "roads.geojson"
    path.write_text("{not json")
    with pytest.raises(InputError, match=r"roads\.geojson"):
        road_edges(path, localities(), snap_km=1.0)


def test_an_openstreetmap_extract_gives_the_same_roads_as_its_geojson(tmp_path: Path) -> None:
    """pyosmium reads the extract: highway ways are roads, a footpath is not, and a way whose
    node the file lacks is reported and skipped."""
    extra = (
        '<node id="50" version="1" lat="36.58" lon="36.97"/>\n'
        '<way id="900" version="1"><nd ref="1"/><nd ref="50"/><nd ref="5"/>'
        '<tag k="highway" v="footway"/></way>\n'
        '<way id="901" version="1"><nd ref="1"/><nd ref="999"/>'
        '<tag k="highway" v="track"/></way>\n'
    )
    osm = write_osm(tmp_path / "roads.osm", extra=extra)
    geojson = write_roads(tmp_path / "roads.geojson")
    errors: list[str] = []
    from_osm = road_edges(osm, localities(), snap_km=1.0, on_error=errors.append)
    from_geojson = road_edges(geojson, localities(), snap_km=1.0)

    def pairs(edges: list[tuple[str, str, float]]) -> dict[frozenset[str], float]:
        return {frozenset((a, b)): round(km, 3) for a, b, km in edges}

    assert pairs(from_osm) == pairs(from_geojson) and len(from_osm) == 10
    assert errors == [f"{osm}: way 901: a node has no location in the file"]


def test_a_broken_openstreetmap_extract_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "roads.osm.pbf"
    path.write_bytes(b"\x00\x00\x00\x0fnot a pbf at all")
    with pytest.raises(InputError, match=r"roads\.osm\.pbf: cannot read the OpenStreetMap"):
        road_edges(path, localities(), snap_km=1.0)


def test_graph_for_a_gazetteer_is_built_once(settings: Settings) -> None:
    places = [
        Place(
            gazetteer_id=f"g{i}",
            name=name,
            country="SY",
            latitude=lat,
            longitude=lon,
            feature_class="P",
            feature_code="PPL",
        )
        for i, (name, (lat, lon)) in enumerate(POINTS.items())
    ]
    other = Place(
        gazetteer_id="tr",
        name="Elsewhere",
        country="TR",
        latitude=36.6,
        longitude=37.0,
        feature_class="P",
        feature_code="PPL",
    )
    gazetteer = MemoryGazetteer([(p, [p.name]) for p in [*places, other]])
    graph = graph_for(gazetteer, settings)
    assert graph is graph_for(gazetteer, settings)
    assert "tr" not in graph.graph and len(graph.graph) == len(POINTS)
    assert nx.is_connected(graph.graph)


def test_packaged_crossings_are_well_formed() -> None:
    data = load_yaml("situation", "crossings.yaml")
    crossings = Crossings.from_dict(data)
    assert crossings.country == "SY" and len(crossings.crossings) >= 6
    ids = [c.crossing_id for c in crossings.crossings]
    assert len(ids) == len(set(ids))
    borders = {c.border for c in crossings.crossings}
    for region in crossings.regions:
        assert region.borders <= borders, region.region_id


def test_packaged_crossings_reach_their_towns_in_the_bundled_gazetteer(
    settings: Settings,
) -> None:
    from frontwatch.geocode.gazetteer import load_gazetteer

    graph = graph_for(load_gazetteer(settings), settings)
    assert graph.notes == []
    assert graph.resolve("Bab al-Salama").node_ids == {"crossing:bab-al-salameh"}
    azaz = graph.resolve("Azaz").node_ids
    assert set(graph.graph["crossing:bab-al-salameh"]) == azaz
    assert len(graph.resolve("Turkish border").node_ids) == 8
