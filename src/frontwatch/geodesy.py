"""Distances on the Earth: one haversine for the whole package.

The geocoder (nearest namesake, distance to the article's other places), the situation
picture (locality graph, routes, reported cuts), the evaluations and the API's radius
filter all measure with the same sphere, so a place "within 10 km" means the same thing in
each of them.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0
"""Length of one degree of latitude (and of longitude at the equator)."""


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def point_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points."""
    return great_circle_km(a[0], a[1], b[0], b[1])
