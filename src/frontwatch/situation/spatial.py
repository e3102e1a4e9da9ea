"""Great-circle distances and a grid index over points, for the locality graph.

The index buckets points into cells a few kilometres wide and searches rings of cells
outwards, so the k nearest neighbours of each of 50,000 localities are found without
comparing every pair (and without scipy).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..geodesy import KM_PER_DEGREE

MAX_INDEX_LATITUDE = 80.0
POINTS_PER_CELL = 4.0
"""Cells are sized so that about this many points fall in one on average."""


class GridIndex:
    """Points (latitude, longitude) in square-ish cells of at least ``cell_km`` a side."""

    def __init__(self, points: Sequence[tuple[float, float]], *, cell_km: float) -> None:
        self.points = points
        self.cell_km = max(cell_km, 0.01)
        top = max((abs(lat) for lat, _ in points), default=0.0)
        self._dlat = self.cell_km / KM_PER_DEGREE
        # a degree of longitude is shortest at the highest latitude: size cells for it there
        self._dlon = self._dlat / math.cos(math.radians(min(top, MAX_INDEX_LATITUDE)))
        self._cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, (lat, lon) in enumerate(points):
            self._cells[self._cell(lat, lon)].append(i)

    @classmethod
    def for_density(cls, points: Sequence[tuple[float, float]], *, max_km: float) -> GridIndex:
        """An index whose cells hold a few points each (cell side at most ``max_km``)."""
        if not points:
            return cls(points, cell_km=max_km)
        lats = [p[0] for p in points]
        lons = [p[1] for p in points]
        mid = math.cos(math.radians((max(lats) + min(lats)) / 2))
        area = max(
            (max(lats) - min(lats)) * KM_PER_DEGREE * (max(lons) - min(lons)) * KM_PER_DEGREE * mid,
            1.0,
        )
        side = math.sqrt(POINTS_PER_CELL * area / len(points))
        return cls(points, cell_km=min(max(side, 0.5), max_km))

    def _cell(self, lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / self._dlat), math.floor(lon / self._dlon)

    def _ring(self, center: tuple[int, int], r: int) -> Iterator[int]:
        ci, cj = center
        cells = self._cells
        if r == 0:
            yield from cells.get(center, ())
            return
        for dj in range(-r, r + 1):
            yield from cells.get((ci - r, cj + dj), ())
            yield from cells.get((ci + r, cj + dj), ())
        for di in range(-r + 1, r):
            yield from cells.get((ci + di, cj - r), ())
            yield from cells.get((ci + di, cj + r), ())

    def within(self, lat: float, lon: float, radius_km: float) -> Iterator[int]:
        """Indices of every point in the cells that a circle of ``radius_km`` around
        (lat, lon) can reach: a superset of the points inside it; callers filter by distance."""
        ci, cj = self._cell(lat, lon)
        reach = math.ceil(radius_km / self.cell_km)
        cells = self._cells
        for di in range(-reach, reach + 1):
            for dj in range(-reach, reach + 1):
                yield from cells.get((ci + di, cj + dj), ())

    def nearest(
        self, lat: float, lon: float, *, k: int, max_km: float, skip: int = -1
    ) -> list[tuple[float, int]]:
        """Up to ``k`` (approximate km, index) pairs within ``max_km``, nearest first.

        Distances are equirectangular (exact to well under 1% at these ranges); callers
        that store a distance recompute it with ``great_circle_km``.
        """
        center = self._cell(lat, lon)
        scale = math.cos(math.radians(lat))
        found: list[tuple[float, int]] = []
        limit2 = max_km * max_km
        r = 0
        while True:
            for j in self._ring(center, r):
                if j == skip:
                    continue
                plat, plon = self.points[j]
                dy = plat - lat
                dx = (plon - lon) * scale
                d2 = (dx * dx + dy * dy) * KM_PER_DEGREE * KM_PER_DEGREE
                if d2 <= limit2:
                    found.append((d2, j))
            # every point not yet seen lies at least r cells (r * cell_km) away
            reach = r * self.cell_km
            if len(found) >= k:
                found.sort()
                del found[k:]
                if found[-1][0] <= reach * reach:
                    break
            if reach >= max_km:
                break
            r += 1
        found.sort()
        return [(math.sqrt(d2), j) for d2, j in found[:k]]
