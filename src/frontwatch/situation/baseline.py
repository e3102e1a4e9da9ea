"""Baseline control states a user knows: a CSV of ``place, side, date`` rows.

Optional columns: ``latitude``, ``longitude`` (pick the nearest gazetteer place of that
name), ``gazetteer_id`` (pick exactly that place), ``note`` (kept in the evidence). Each row
becomes an observation of kind ``baseline`` (credibility ``baseline_credibility``). A row
whose place is not a gazetteer locality, whose side is unknown or whose date is not ISO is
one error naming ``FILE:LINE``; the other rows go on.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from ..errors import InputError
from ..geocode.gazetteer import Gazetteer, Place
from ..geodesy import point_km
from ..store.situation import StoredObservation, observation_id
from .control import ControlRules
from .model import Observation
from .sides import Sides

REQUIRED = ("place", "side", "date")
NEAREST_KM = 25.0
"""With coordinates given, the gazetteer place of that name must lie this close."""


def _place(row: dict[str, str], gazetteer: Gazetteer, focus: str, where: str) -> Place:
    name = row["place"].strip()
    found = [p for p in gazetteer.lookup(name) if p.feature_class == "P"]
    wanted = (row.get("gazetteer_id") or "").strip()
    if wanted:
        found = [p for p in found if p.gazetteer_id == wanted]
        if not found:
            raise InputError(where, f"no locality {name!r} with gazetteer_id {wanted!r}")
        return found[0]
    if not found:
        raise InputError(where, f"place {name!r} is not a locality of the gazetteer")
    lat, lon = (row.get("latitude") or "").strip(), (row.get("longitude") or "").strip()
    if lat and lon:
        try:
            point = (float(lat), float(lon))
        except ValueError:
            raise InputError(
                where, f"latitude/longitude {lat!r}, {lon!r} are not numbers"
            ) from None
        best = min(found, key=lambda p: point_km(point, (p.latitude, p.longitude)))
        if point_km(point, (best.latitude, best.longitude)) > NEAREST_KM:
            raise InputError(where, f"no locality {name!r} within {NEAREST_KM:g} km of {lat},{lon}")
        return best
    return max(found, key=lambda p: (p.country == focus, p.population))


def _row(
    row: dict[str, str],
    gazetteer: Gazetteer,
    *,
    sides: Sides,
    rules: ControlRules,
    where: str,
    focus: str,
) -> StoredObservation:
    missing = [c for c in REQUIRED if not (row.get(c) or "").strip()]
    if missing:
        raise InputError(where, f"empty {', '.join(missing)}")
    side = row["side"].strip().lower().replace("-", "_").replace(" ", "_")
    if side not in sides.known:
        raise InputError(where, f"side {row['side']!r} is not a side of actors.yaml")
    try:
        date = dt.date.fromisoformat(row["date"].strip())
    except ValueError:
        raise InputError(where, f"date {row['date']!r} is not an ISO date (YYYY-MM-DD)") from None
    place = _place(row, gazetteer, focus, where)
    note = (row.get("note") or "").strip()
    evidence = f"baseline {where}: {row['place'].strip()}, {side}, {date}" + (
        f" ({note})" if note else ""
    )
    o = Observation(
        locality_id=place.gazetteer_id,
        locality_name=place.name,
        side=side,
        kind="baseline",
        observed=date,
        evidence=evidence,
        credibility=rules.baseline_credibility,
        source="baseline",
    )
    origin = f"baseline {where}"
    return StoredObservation(
        observation_id(o, "baseline"), o, place.latitude, place.longitude, None, None, origin
    )


def read_baseline(
    path: str | Path,
    gazetteer: Gazetteer,
    *,
    sides: Sides,
    rules: ControlRules,
    on_error: Callable[[InputError], None],
    focus: str = "SY",
) -> Iterator[StoredObservation]:
    """The baseline observations of a CSV file; each bad row goes to ``on_error``."""
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from exc
    with fh:
        reader = csv.DictReader(fh)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        if missing := [c for c in REQUIRED if c not in header]:
            raise InputError(f"{path}:1", f"missing column(s) {', '.join(missing)}")
        reader.fieldnames = header
        for line, row in enumerate(reader, start=2):
            try:
                yield _row(
                    row, gazetteer, sides=sides, rules=rules, where=f"{path}:{line}", focus=focus
                )
            except InputError as error:
                on_error(error)
