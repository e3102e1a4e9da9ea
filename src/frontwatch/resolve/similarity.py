"""How alike a report and an earlier report are: blocking rules, then a weighted score."""

from __future__ import annotations

import math

from .config import ResolveConfig
from .report import Report
from .text import name_similarity, term_similarity

_EARTH_KM = 6371.0


def distance_km(a: Report, b: Report) -> float | None:
    """Equirectangular distance: exact enough within the ~100 km blocking cares about."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    mean_lat = math.radians((a.latitude + b.latitude) / 2)
    dx = math.radians(b.longitude - a.longitude) * math.cos(mean_lat)
    dy = math.radians(b.latitude - a.latitude)
    return _EARTH_KM * math.hypot(dx, dy)


def dates_compatible(a: Report, b: Report) -> bool:
    if a.day is None or b.day is None:
        return True
    return abs(a.day - b.day) <= max(a.tolerance, b.tolerance)


def blocked(a: Report, b: Report, config: ResolveConfig) -> bool:
    """True when the two can never be the same happening."""
    if a.article_id == b.article_id or a.family != b.family:
        return True
    if not dates_compatible(a, b):
        return True
    if (
        config.blocking.same_admin1
        and a.admin1
        and b.admin1
        and config.admin1_key(a.admin1) != config.admin1_key(b.admin1)
    ):
        return True
    km = distance_km(a, b)
    if km is None:
        return False
    if a.geo_precision == 1 and b.geo_precision == 1:
        return km > config.blocking.max_km_precise
    return km > config.blocking.max_km


def _place(a: Report, b: Report, config: ResolveConfig) -> float:
    same = (a.gazetteer_id and a.gazetteer_id == b.gazetteer_id) or (
        a.location and b.location and a.location.lower() == b.location.lower()
    )
    if same:
        # the same province or district says less than the same village
        coarsest = max(a.geo_precision or 3, b.geo_precision or 3)
        return config.place_precision[str(coarsest)]
    km = distance_km(a, b)
    # a province or region has no meaningful point: only its admin1 can be compared
    coarse = 3 in (a.geo_precision, b.geo_precision)
    if km is not None and not coarse:
        return math.exp(-km / config.place_scale_km)
    return config.place_admin1_only if a.admin1 and a.admin1 == b.admin1 else 0.0


def _figures(a: Report, b: Report) -> float:
    x = a.figure("total") if a.figure("total") is not None else a.figure("civilians")
    y = b.figure("total") if b.figure("total") is not None else b.figure("civilians")
    if x is None or y is None:
        return 0.5
    if max(x, y) == 0:
        return 1.0
    return min(x, y) / max(x, y)


def _same(x: object, y: object) -> float:
    if x is None or y is None:
        return 0.5
    return 1.0 if x == y else 0.0


def _date(a: Report, b: Report) -> float:
    if a.event_date is None or b.event_date is None:
        return 0.5
    return 1.0 / (1 + abs((a.event_date - b.event_date).days))


def _kind(a: Report, b: Report) -> float:
    if a.sub_event_type == b.sub_event_type:
        return 1.0
    return 0.5 if a.event_type == b.event_type else 0.0


def components(a: Report, b: Report, config: ResolveConfig) -> dict[str, float]:
    sides = len(a.sides & b.sides) / len(a.sides | b.sides) if a.sides and b.sides else 0.5
    return {
        "text": term_similarity(a.words, b.words),
        "names": name_similarity(a.names, b.names, config.name_min_ratio),
        "place": _place(a, b, config),
        "date": _date(a, b),
        "cause": _same(a.cause, b.cause),
        "sides": sides,
        "fatalities": _figures(a, b),
        "sub_event": _kind(a, b),
    }


def _has_names(*reports: Report) -> bool:
    return all(r.names for r in reports)


def pair_score(a: Report, b: Report, config: ResolveConfig) -> float:
    """Similarity in [0, 1]; 0 when blocked. A strong text match counts on its own."""
    if blocked(a, b, config):
        return 0.0
    parts = components(a, b, config)
    if a.outlet == b.outlet and (
        parts["place"] < config.same_outlet_min_place or parts["sub_event"] < 1.0
    ):
        return 0.0
    # one outlet's house style (its name, its boilerplate) says nothing about the happening
    skip = {"text", "names"} if a.outlet == b.outlet else set()
    weights = {k: w for k, w in config.weights.items() if k not in skip}
    score = sum(w * parts[k] for k, w in weights.items()) / sum(weights.values())
    if not skip and parts["names"] == 0.0 and parts["place"] < 1.0 and _has_names(a, b):
        score *= config.no_shared_names
    if a.event_type != b.event_type:
        score *= config.other_event_type
    if parts["text"] >= config.text_strong:
        score = max(score, config.threshold)
    return score
