"""The locality graph: which localities connect to which, and how far apart they are.

By default a proximity graph: each locality of the focus country is linked to its
``graph_k`` nearest neighbours within ``graph_max_km`` (edge weight: great-circle km), keeping
only the edges that pass the Gabriel test (``graph_planar``) so that no edge jumps over a
locality between its ends. With ``graph_roads`` set, the edges come from a road network
instead (``situation/roads.py``). Border crossings (``situation/crossings.py``) are nodes
linked to the town they are reached through. Routes and encirclement are questions about
this graph under a control state.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import InputError
from ..geocode.gazetteer import Gazetteer, MemoryGazetteer, Place
from ..geocode.names import NameNormalizer
from ..geodesy import KM_PER_DEGREE, great_circle_km
from ..settings import Settings
from .crossings import Crossing, Crossings
from .cuts import Compact
from .model import Locality
from .spatial import GridIndex

Edge = tuple[str, str, float]
Key = Callable[[str], str]


@dataclass(frozen=True)
class Endpoint:
    """Where a route starts or ends: one locality, or a named set (a region's crossings)."""

    label: str
    node_ids: frozenset[str]
    notes: tuple[str, ...] = ()


class LocalityGraph:
    """A networkx graph of localities (node attribute ``locality``) and a name index."""

    def __init__(
        self,
        graph: nx.Graph,
        *,
        key: Key,
        names: Mapping[str, Sequence[str]],
        regions: Mapping[str, tuple[str, frozenset[str]]],
        notes: Sequence[str] = (),
    ) -> None:
        self.graph = graph
        self.key = key
        self._names = names
        self._regions = regions
        self.notes = list(notes)
        self._component: dict[str, int] | None = None
        self.compact = Compact(graph.adj)
        """The adjacency as integer lists, for the flow searches."""

    def locality(self, node: str) -> Locality:
        found: Locality = self.graph.nodes[node]["locality"]
        return found

    def name(self, node: str) -> str:
        return self.locality(node).name

    def crossing_ids(self) -> frozenset[str]:
        return frozenset(n for n in self.graph if self.locality(n).kind != "locality")

    def resolve(self, name: str) -> Endpoint:
        """A node id, a region ("Turkish border"), a crossing or a locality name."""
        if name in self.graph:
            return Endpoint(self.name(name), frozenset({name}))
        key = self.key(name)
        if key in self._regions:
            label, nodes = self._regions[key]
            return Endpoint(label, nodes)
        found = self._names.get(key, ())
        if not found:
            raise InputError(name, "no locality, crossing or region of that name in the graph")
        node = found[0]
        loc = self.locality(node)
        label = loc.name if self.key(loc.name) == key else f"{name} ({loc.name})"
        notes: tuple[str, ...] = ()
        if len(found) > 1:
            notes = (
                f"{name!r} names {len(found)} localities: took {loc.name} "
                f"({loc.latitude:.3f}, {loc.longitude:.3f}), the largest",
            )
        return Endpoint(label, frozenset({node}), notes)

    def outside(self, name: str | None = None) -> Endpoint:
        """The named outside region, or every border crossing when ``name`` is None."""
        if name is not None:
            return self.resolve(name)
        return Endpoint("any border crossing", self.crossing_ids())

    def component(self, node: str) -> int:
        """Index of ``node``'s connected component in the whole graph (control ignored)."""
        if self._component is None:
            self._component = {
                n: i for i, nodes in enumerate(nx.connected_components(self.graph)) for n in nodes
            }
        return self._component[node]


def proximity_edges(
    localities: Sequence[Locality], *, k: int, max_km: float, planar: bool = True
) -> list[Edge]:
    """Each locality linked to its ``k`` nearest within ``max_km`` (great-circle km).

    With ``planar``, only the candidate edges passing the Gabriel test are kept (no other
    locality inside the circle whose diameter is the edge), so no edge jumps over a
    locality lying between its ends: a line of held localities blocks a route, as on an
    analyst's map. Dropped edges that were the only link between two parts are put back.
    """
    points = [(loc.latitude, loc.longitude) for loc in localities]
    index = GridIndex.for_density(points, max_km=max_km)
    pairs: dict[tuple[int, int], None] = {}  # insertion-ordered set
    for i, (lat, lon) in enumerate(points):
        for _, j in index.nearest(lat, lon, k=k, max_km=max_km, skip=i):
            pairs[(i, j) if i < j else (j, i)] = None
    kept = list(pairs)
    if planar:
        kept = _gabriel(points, index, kept)
    edges: list[Edge] = []
    for i, j in kept:
        a, b = localities[i], localities[j]
        km = great_circle_km(a.latitude, a.longitude, b.latitude, b.longitude)
        edges.append((a.locality_id, b.locality_id, km))
    return edges


def _gabriel(
    points: Sequence[tuple[float, float]], index: GridIndex, pairs: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The pairs passing the Gabriel test, plus those needed to keep every part linked."""
    kept: list[tuple[int, int]] = []
    dropped: list[tuple[int, int]] = []
    for i, j in pairs:
        (dropped if _has_witness(points, index, i, j) else kept).append((i, j))
    return kept + _reconnecting(points, kept, dropped)


def _has_witness(points: Sequence[tuple[float, float]], index: GridIndex, i: int, j: int) -> bool:
    """Whether a third point lies strictly inside the circle with diameter i-j.

    Planar (equirectangular about the midpoint) geometry: by Thales, C is inside exactly
    when |CM| < |AB|/2, i.e. |CA|^2 + |CB|^2 < |AB|^2. Points on the circle do not count.
    """
    (alat, alon), (blat, blon) = points[i], points[j]
    mlat, mlon = (alat + blat) / 2, (alon + blon) / 2
    scale = math.cos(math.radians(mlat))
    half_lat, half_lon = (alat - mlat), (alon - mlon) * scale
    limit = (half_lat * half_lat + half_lon * half_lon) * (1 - 1e-9)
    radius_km = math.sqrt(limit) * KM_PER_DEGREE
    for c in index.within(mlat, mlon, radius_km):
        if c in (i, j):
            continue
        clat, clon = points[c]
        dy, dx = clat - mlat, (clon - mlon) * scale
        if dx * dx + dy * dy < limit:
            return True
    return False


def _reconnecting(
    points: Sequence[tuple[float, float]],
    kept: list[tuple[int, int]],
    dropped: list[tuple[int, int]],
) -> list[tuple[int, int]]:
    """Dropped pairs, shortest first, that join parts the kept pairs leave apart (Kruskal),
    so the graph is connected wherever the k-nearest graph was."""
    parent = list(range(len(points)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i, j in kept:
        parent[root(i)] = root(j)
    back = []
    for i, j in sorted(dropped, key=lambda p: great_circle_km(*points[p[0]], *points[p[1]])):
        ri, rj = root(i), root(j)
        if ri != rj:
            parent[ri] = rj
            back.append((i, j))
    return back


def build_graph(
    localities: Iterable[Locality | tuple[Locality, Iterable[str]]],
    *,
    k: int = 6,
    max_km: float = 25.0,
    crossings: Crossings | None = None,
    edges: Callable[[Sequence[Locality]], list[Edge]] | None = None,
    key: Key | None = None,
    rank: Mapping[str, float] | None = None,
    planar: bool = True,
) -> LocalityGraph:
    """A locality graph over ``localities`` (each optionally with other names).

    ``edges`` replaces the proximity edges (a road network); ``rank`` orders localities
    sharing a name (higher first, e.g. population); ``key`` normalises names (the
    gazetteer's normaliser by default); ``planar`` keeps only the proximity edges that
    pass the Gabriel test (see ``proximity_edges``).
    """
    key = key or NameNormalizer.load().normalize
    rank = rank or {}
    nodes: list[Locality] = []
    names: dict[str, list[str]] = defaultdict(list)
    for item in localities:
        loc, other = item if isinstance(item, tuple) else (item, ())
        nodes.append(loc)
        for name_key in {key(n) for n in (loc.name, *other)} - {""}:
            names[name_key].append(loc.locality_id)
    for found in names.values():
        found.sort(key=lambda n: -rank.get(n, 0.0))
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from((loc.locality_id, {"locality": loc}) for loc in nodes)
    for a, b, km in (edges or _proximity(k, max_km, planar))(nodes):
        if not graph.has_edge(a, b) or graph[a][b]["weight"] > km:
            graph.add_edge(a, b, weight=km)
    notes = _add_crossings(graph, crossings or Crossings(""), names, key)
    regions = _regions(graph, crossings or Crossings(""), key)
    return LocalityGraph(graph, key=key, names=names, regions=regions, notes=notes)


def _proximity(k: int, max_km: float, planar: bool) -> Callable[[Sequence[Locality]], list[Edge]]:
    return lambda nodes: proximity_edges(nodes, k=k, max_km=max_km, planar=planar)


def _add_crossings(
    graph: nx.Graph, crossings: Crossings, names: dict[str, list[str]], key: Key
) -> list[str]:
    notes = []
    for crossing in crossings.crossings:
        towns = [n for n in names.get(key(crossing.town), ()) if n in graph]
        if not towns:
            notes.append(f"crossing {crossing.names[0]}: its town {crossing.town!r} is not a node")
            continue
        town = graph.nodes[towns[0]]["locality"]
        node = _crossing_locality(crossing, town)
        graph.add_node(node.locality_id, locality=node)
        km = great_circle_km(node.latitude, node.longitude, town.latitude, town.longitude)
        graph.add_edge(node.locality_id, town.locality_id, weight=km)
        for name_key in {key(n) for n in crossing.names} - {""}:
            names[name_key].append(node.locality_id)
    return notes


def _crossing_locality(crossing: Crossing, town: Locality) -> Locality:
    return Locality(
        locality_id=crossing.node_id,
        name=crossing.names[0],
        latitude=town.latitude if crossing.latitude is None else crossing.latitude,
        longitude=town.longitude if crossing.longitude is None else crossing.longitude,
        admin1=town.admin1,
        kind="crossing",
    )


def _regions(
    graph: nx.Graph, crossings: Crossings, key: Key
) -> dict[str, tuple[str, frozenset[str]]]:
    found = {}
    for region in crossings.regions:
        nodes = frozenset(
            c.node_id
            for c in crossings.crossings
            if c.border in region.borders and c.node_id in graph
        )
        for name in region.names:
            found[key(name)] = (region.names[0], nodes)
    return found


def gazetteer_localities(
    gazetteer: Gazetteer, country: str
) -> tuple[list[tuple[Locality, list[str]]], dict[str, float]]:
    """Populated places (feature class P) of ``country`` with every name they go by."""
    places: dict[str, Place] = {}
    keys: dict[str, list[str]] = defaultdict(list)
    for name_key in gazetteer.names():
        for place in gazetteer.lookup(name_key):
            if place.country == country and place.feature_class == "P":
                places[place.gazetteer_id] = place
                keys[place.gazetteer_id].append(name_key)
    entries = [(_locality(p), keys[p.gazetteer_id]) for p in places.values()]
    return entries, {p.gazetteer_id: float(p.population) for p in places.values()}


def _locality(place: Place) -> Locality:
    return Locality(
        locality_id=place.gazetteer_id,
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        admin1=place.admin1,
    )


def _roads(
    path: Path, settings: Settings, problems: list[str]
) -> Callable[[Sequence[Locality]], list[Edge]]:
    from .roads import road_edges

    def edges(nodes: Sequence[Locality]) -> list[Edge]:
        return road_edges(path, nodes, snap_km=settings.graph_snap_km, on_error=problems.append)

    return edges


def graph_for(gazetteer: Gazetteer, settings: Settings) -> LocalityGraph:
    """The locality graph of the gazetteer's focus-country localities (built once per
    gazetteer and settings: a few seconds for 50,000 localities)."""

    def build() -> LocalityGraph:
        entries, rank = gazetteer_localities(gazetteer, settings.country_focus)
        problems: list[str] = []
        edges = None
        if settings.graph_roads:
            edges = _roads(Path(settings.graph_roads), settings, problems)
        graph = build_graph(
            entries,
            k=settings.graph_k,
            max_km=settings.graph_max_km,
            crossings=Crossings.load(settings.country_focus, settings.graph_crossings),
            edges=edges,
            key=gazetteer.key if isinstance(gazetteer, MemoryGazetteer) else None,
            rank=rank,
            planar=settings.graph_planar,
        )
        graph.notes += problems
        return graph

    if isinstance(gazetteer, MemoryGazetteer):
        memo_key = (
            f"locality-graph:{settings.country_focus}:{settings.graph_k}:"
            f"{settings.graph_max_km}:{settings.graph_roads}:{settings.graph_snap_km}:"
            f"{settings.graph_crossings}:{settings.graph_planar}"
        )
        return gazetteer.memo(memo_key, build)
    return build()
