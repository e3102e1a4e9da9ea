"""The Halbaran corridor scenario (tests/fixtures/situation/): its files, read into records.

A fictional region (country code XZ, placed in an empty stretch of desert) whose names exist
in no gazetteer frontwatch ships; see tests/fixtures/situation/README.md for the map and
the story. No model is loaded here: the gazetteer, the road graph and the files only.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from frontwatch.errors import InputError
from frontwatch.geocode.gazetteer import MemoryGazetteer, Place
from frontwatch.settings import Settings, load_settings
from frontwatch.situation.crossings import Crossings
from frontwatch.situation.encircle import EncircledArea
from frontwatch.situation.graph import LocalityGraph, build_graph, gazetteer_localities
from frontwatch.situation.model import ControlState, Locality, Observation, RouteAnswer
from frontwatch.situation.roads import road_edges
from frontwatch.store.situation import StoredObservation

DIR = Path(__file__).resolve().parents[1] / "fixtures" / "situation"


@dataclass
class Day:
    """What the store answers on one date of a scenario (this one or another)."""

    control: dict[str, ControlState]
    routes: dict[str, RouteAnswer] = field(default_factory=dict)
    areas: dict[str, list[EncircledArea]] = field(default_factory=dict)


GAZETTEER = DIR / "gazetteer.csv"
ROADS = DIR / "roads.geojson"
CROSSINGS = DIR / "crossings.yaml"
BASELINE = DIR / "baseline.csv"
REPORTS = DIR / "reports.jsonl"
EXPECTED = DIR / "expected.yaml"
COUNTRY = "XZ"


def places() -> list[tuple[Place, list[str]]]:
    """The gazetteer CSV: id, name, alternate_names (|-separated), latitude, longitude, ..."""
    entries = []
    with GAZETTEER.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            place = Place(
                gazetteer_id=row["id"],
                name=row["name"],
                country=row["country"],
                admin1=row["admin1"] or None,
                latitude=float(row["latitude"]),
                longitude=float(row["longitude"]),
                feature_class=row["feature_class"],
                feature_code=row["feature_code"],
                population=int(row["population"] or 0),
            )
            entries.append((place, [row["name"], *row["alternate_names"].split("|")]))
    return entries


def gazetteer() -> MemoryGazetteer:
    return MemoryGazetteer(places())


def scenario_settings(db: Path | None = None) -> Settings:
    """Packaged settings with the scenario's country in focus and its roads as the graph."""
    return load_settings(
        env={},
        country_focus=COUNTRY,
        graph_roads=str(ROADS),
        graph_crossings=str(CROSSINGS),
        db=str(db) if db else None,
    )


def crossings() -> Crossings:
    return Crossings.from_dict(yaml.safe_load(CROSSINGS.read_text(encoding="utf-8")))


def graph(gaz: MemoryGazetteer, settings: Settings) -> LocalityGraph:
    """The road graph of the scenario, its two crossings linked to their towns."""
    entries, rank = gazetteer_localities(gaz, COUNTRY)
    return build_graph(
        entries,
        crossings=crossings(),
        edges=lambda nodes: road_edges(ROADS, nodes, snap_km=settings.graph_snap_km),
        key=gaz.key,
        rank=rank,
    )


def localities() -> dict[str, Locality]:
    """locality id -> locality, the crossings included (as the graph has them)."""
    g = graph(gazetteer(), scenario_settings())
    return {n: g.locality(n) for n in g.graph.nodes}


def baseline_control(day: dt.date | None = None) -> dict[str, ControlState]:
    """The baseline CSV as control states (no database): who holds what on 2019-02-01."""
    ids = {p.name: p.gazetteer_id for p, _ in places()}
    states = {}
    with BASELINE.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            since = dt.date.fromisoformat(row["date"])
            obs = Observation(
                locality_id=ids[row["place"]],
                locality_name=row["place"],
                side=row["side"],
                kind="baseline",
                observed=since,
                evidence=f"baseline.csv:{line}",
                credibility=1.0,
                source="baseline",
            )
            states[obs.locality_id] = ControlState(
                locality_id=obs.locality_id,
                name=row["place"],
                side=row["side"],
                since=since,
                observations=(obs,),
            )
    return states


def reports() -> list[dict[str, Any]]:
    with REPORTS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def expected() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return data


def baseline_observations(focus: str) -> list[StoredObservation]:
    """The scenario's baseline CSV read as the importer reads it; a bad row fails loudly."""
    from frontwatch.situation.baseline import read_baseline
    from frontwatch.situation.control import ControlRules
    from frontwatch.situation.sides import load_sides

    errors: list[InputError] = []
    rows = list(
        read_baseline(
            BASELINE,
            gazetteer(),
            sides=load_sides(),
            rules=ControlRules.load(),
            on_error=errors.append,
            focus=focus,
        )
    )
    if errors:
        raise ValueError(f"baseline: {errors[0]}")
    return rows
