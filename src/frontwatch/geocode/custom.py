"""Custom gazetteers: CSV or JSON files read through a column map (or a named preset).

A column map says which column (CSV) or dotted path (JSON: ``centroid.latitude``,
``aliases[].value``) holds each field of a place; ``a|b`` takes the first non-empty of the
two (for ``aliases``: all of them), ``=VALUE`` is a constant. Presets for the gazetteers we
know are data (``data/geo/gazetteer_presets.yaml``), read with the same syntax.
"""

from __future__ import annotations

import csv
import fnmatch
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import InputError, ResourceError
from ..resources import load_yaml
from .gazetteer import Place, Selection, plain_name
from .sources import Entry, SourceRules, name_rows

FIELDS = (
    "id", "name", "aliases", "latitude", "longitude", "latlon", "country", "admin1",
    "admin1_pcode", "admin2", "feature_class", "feature_code", "level", "population",
    "separator",
)  # fmt: skip
ITEM = re.compile(r",(?=\s*[a-z_0-9]+\s*=)")
COORDINATE = re.compile(
    r"([-+]?\d+(?:\.\d+)?)\s*(?:°\s*(?:(\d+(?:\.\d+)?)\s*['′’]\s*)?"
    r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|”)\s*)?)?([NSEW])?",
    re.I,
)
"""A decimal or degrees-minutes-seconds coordinate, with an optional hemisphere letter."""
Getter = Callable[[str], list[str]]


@dataclass(frozen=True)
class ColumnMap:
    """field -> the columns (or JSON paths) that may hold it, and constant fields."""

    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, items: Iterable[str]) -> ColumnMap:
        """``--columns name=adm3_name,latitude=center_lat`` (repeatable)."""
        pairs: dict[str, str] = {}
        for item in items:
            for part in ITEM.split(item):
                key, sep, value = part.partition("=")
                if not sep or not key.strip():
                    raise InputError("--columns", f"{part!r} is not FIELD=COLUMN")
                pairs[key.strip()] = value.strip() if key.strip() != "separator" else value
        return cls.from_mapping(pairs, where="--columns")

    @classmethod
    def from_mapping(cls, pairs: Mapping[str, Any], *, where: str) -> ColumnMap:
        unknown = sorted(set(pairs) - set(FIELDS))
        if unknown:
            raise InputError(where, f"unknown field(s) {unknown}; known: {', '.join(FIELDS)}")
        columns, constants = {}, {}
        for key, value in pairs.items():
            text = str(value)
            if key == "separator" or text.startswith("="):
                constants[key] = text if key == "separator" else text[1:]
            else:
                columns[key] = tuple(c for c in text.split("|") if c)
        return cls(columns, constants)

    def merged(self, other: ColumnMap) -> ColumnMap:
        """This map with ``other``'s fields on top (a field set in ``other`` replaces ours)."""
        keys = set(other.columns) | set(other.constants)
        columns = {k: v for k, v in self.columns.items() if k not in keys} | dict(other.columns)
        constants = {k: v for k, v in self.constants.items() if k not in keys}
        return ColumnMap(columns, constants | dict(other.constants))

    def first(self, name: str, get: Getter) -> str | None:
        if name in self.constants:
            return self.constants[name]
        for column in self.columns.get(name, ()):
            for value in get(column):
                if value.strip():
                    return value.strip()
        return None

    def every(self, name: str, get: Getter) -> list[str]:
        separator = self.constants.get("separator", "")
        found = []
        for column in self.columns.get(name, ()):
            for value in get(column):
                found += value.split(separator) if separator else [value]
        return [v.strip() for v in found if v.strip()]


@dataclass(frozen=True)
class Preset:
    """A named column map for a gazetteer we know (``gazetteer_presets.yaml``)."""

    name: str
    description: str
    format: str
    id_prefix: str
    credit: str
    columns: ColumnMap
    levels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    files: Mapping[str, ColumnMap] = field(default_factory=dict)
    admin1_overrides: Mapping[str, str | None] = field(default_factory=dict)

    def for_file(self, path: Path) -> ColumnMap:
        for pattern, columns in self.files.items():
            if fnmatch.fnmatch(path.name, pattern):
                return self.columns.merged(columns)
        return self.columns


def load_presets() -> dict[str, Preset]:
    data = load_yaml("geo", "gazetteer_presets.yaml")
    try:
        return {name: _preset(name, row) for name, row in data["presets"].items()}
    except (KeyError, TypeError, ValueError, AttributeError, InputError) as exc:
        raise ResourceError(f"data/geo/gazetteer_presets.yaml is malformed: {exc}") from exc


def _preset(name: str, row: Mapping[str, Any]) -> Preset:
    where = f"preset {name}"
    levels = {str(k): tuple(str(v).split(".", 1)) for k, v in (row.get("levels") or {}).items()}
    return Preset(
        name=name,
        description=str(row["description"]),
        format=str(row["format"]),
        id_prefix=str(row["id_prefix"]),
        credit=str(row["credit"]),
        columns=ColumnMap.from_mapping(row["columns"], where=where),
        levels={k: (v[0], v[1]) for k, v in levels.items()},
        files={
            str(glob): ColumnMap.from_mapping(cols, where=where)
            for glob, cols in (row.get("files") or {}).items()
        },
        admin1_overrides=dict(row.get("admin1_overrides") or {}),
    )


def custom_preset(source: str, fmt: str, columns: ColumnMap) -> Preset:
    """The preset of a gazetteer imported with --columns only: ids ``custom:<source>:<id>``."""
    return Preset(
        name=source,
        description="custom gazetteer",
        format=fmt,
        id_prefix=f"custom:{source}",
        credit="",
        columns=columns,
    )


def with_columns(preset: Preset, columns: ColumnMap) -> Preset:
    """A preset whose columns are overridden by --columns."""
    return replace(preset, columns=preset.columns.merged(columns))


@dataclass(frozen=True)
class CustomReader:
    """Reads a CSV or JSON gazetteer through a preset's column map."""

    preset: Preset
    selection: Selection
    rules: SourceRules

    def read(self, path: Path) -> Iterator[Entry]:
        columns = self.preset.for_file(path)
        missing = [f for f in ("name",) if f not in columns.columns and f not in columns.constants]
        has_point = {"latitude", "longitude"} <= set(columns.columns) or "latlon" in columns.columns
        if missing or not has_point:
            raise InputError(
                str(path), "the column map needs name and latitude+longitude (or latlon)"
            )
        records = self._csv(path) if self.preset.format == "csv" else self._json(path)
        seen: dict[str, str] = {}
        for where, number, get in records:
            place, names = self._entry(columns, get, where, number)
            if place.gazetteer_id in seen:
                raise InputError(
                    where, f"duplicate id {place.gazetteer_id} (first: {seen[place.gazetteer_id]})"
                )
            seen[place.gazetteer_id] = where
            yield place, names

    def _csv(self, path: Path) -> Iterator[tuple[str, int, Getter]]:
        delimiter = "\t" if path.suffix.lower() in {".tsv", ".tab"} else ","
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh, delimiter=delimiter)
                header = reader.fieldnames or []
                wanted = {c for cols in self.preset.for_file(path).columns.values() for c in cols}
                absent = sorted(wanted - set(header))
                if absent:
                    raise InputError(f"{path}:1", f"no column(s) {absent} in the header")
                for index, row in enumerate(reader, 1):
                    where = f"{path}:{reader.line_num}"
                    if None in row or None in row.values():
                        raise InputError(
                            where, f"expected {len(header)} columns (truncated or malformed row)"
                        )
                    yield where, index, partial(_csv_value, row)
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not UTF-8 text: {exc.reason}") from None
        except csv.Error as exc:
            raise InputError(str(path), f"malformed CSV: {exc}") from None

    def _json(self, path: Path) -> Iterator[tuple[str, int, Getter]]:
        try:
            data = json.loads(path.read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}", f"not JSON: {exc.msg}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read: {exc}") from None
        if isinstance(data, dict):
            lists = [v for v in data.values() if isinstance(v, list)]
            data = lists[0] if len(lists) == 1 else None
        if not isinstance(data, list):
            raise InputError(str(path), "expected a JSON list of places (or an object with one)")
        for index, record in enumerate(data):
            if not isinstance(record, dict):
                raise InputError(f"{path}[{index}]", "expected a JSON object")
            yield f"{path}[{index}]", index, partial(json_values, record)

    def _entry(self, columns: ColumnMap, get: Getter, where: str, number: int) -> Entry:
        bad = partial(InputError, where)
        name = columns.first("name", get)
        if name is None:
            raise bad("no name")
        latitude, longitude = self._point(columns, get, bad)
        country = columns.first("country", get) or self.selection.focus
        feature_class, feature_code = self._feature(columns, get)
        population = columns.first("population", get)
        place = Place(
            gazetteer_id=f"{self.preset.id_prefix}:{columns.first('id', get) or number}",
            name=plain_name(name),
            country=country,
            admin1=self._admin1(columns, get, country),
            admin2=columns.first("admin2", get),
            latitude=latitude,
            longitude=longitude,
            feature_class=feature_class,
            feature_code=feature_code,
            population=_population(population, bad) if population else 0,
        )
        names = [(name, "name"), *((a, "alias") for a in columns.every("aliases", get))]
        return place, name_rows(names, country, self.selection)

    def _point(
        self, columns: ColumnMap, get: Getter, bad: Callable[[str], InputError]
    ) -> tuple[float, float]:
        lat, lon = columns.first("latitude", get), columns.first("longitude", get)
        if lat is not None and lon is not None:
            return parse_coordinate(lat, "latitude", bad), parse_coordinate(lon, "longitude", bad)
        pair = columns.first("latlon", get)
        if pair is None:
            raise bad("no latitude/longitude")
        return parse_latlon(pair, bad)

    def _feature(self, columns: ColumnMap, get: Getter) -> tuple[str, str]:
        level = columns.first("level", get)
        if level is not None and level in self.preset.levels:
            return self.preset.levels[level]
        return (
            columns.first("feature_class", get) or "P",
            columns.first("feature_code", get) or "PPL",
        )

    def _admin1(self, columns: ColumnMap, get: Getter, country: str) -> str | None:
        raw = columns.first("admin1", get)
        if country != self.selection.focus:
            return raw
        pcode = columns.first("admin1_pcode", get)
        if pcode is not None and self.rules.admin1_of_pcode(pcode):
            return self.rules.admin1_of_pcode(pcode)
        if raw is None:
            return None
        if raw in self.preset.admin1_overrides:
            return self.preset.admin1_overrides[raw]
        return self.rules.admin1(raw) or raw


def json_values(record: Mapping[str, Any], path: str) -> list[str]:
    """The values at a dotted path; ``key[]`` walks every item of a list."""
    current: list[Any] = [record]
    for step in path.split("."):
        many = step.endswith("[]")
        key = step[:-2] if many else step
        found = [c.get(key) for c in current if isinstance(c, dict)]
        if many:
            found = [item for f in found if isinstance(f, list) for item in f]
        current = [f for f in found if f is not None]
    return [str(v) for v in current if not isinstance(v, (dict, list))]


def _csv_value(row: Mapping[str, str], column: str) -> list[str]:
    return [row[column]]


def _population(value: str, bad: Callable[[str], InputError]) -> int:
    try:
        return int(float(value))
    except ValueError:
        raise bad(f"population {value!r} is not a number") from None


def _coordinates(text: str) -> list[tuple[float, str]]:
    found = []
    for m in COORDINATE.finditer(text):
        degrees, minutes, seconds, hemisphere = m.groups()
        value = float(degrees) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
        found.append((value, (hemisphere or "").upper()))
    return found


def _signed(value: float, hemisphere: str) -> float:
    return -abs(value) if hemisphere in {"S", "W"} else value


def parse_coordinate(text: str, what: str, bad: Callable[[str], InputError]) -> float:
    """``36.19``, ``36.19N`` or ``36°11'19"N``; messy spacing is fine."""
    found = _coordinates(text)
    limit = 90.0 if what == "latitude" else 180.0
    if len(found) != 1 or not -limit <= _signed(*found[0]) <= limit:
        raise bad(f"{what} {text.strip()!r} is not a coordinate")
    return _signed(*found[0])


def parse_latlon(text: str, bad: Callable[[str], InputError]) -> tuple[float, float]:
    """``36.19, 37.16`` or ``36°11'19"N 37°6'8"E`` (latitude first unless the letters say)."""
    found = _coordinates(text)
    if len(found) != 2:
        raise bad(f"latlon {text.strip()!r} is not a latitude and longitude")
    (a, ha), (b, hb) = found
    if ha in {"E", "W"} and hb in {"N", "S"}:
        (a, ha), (b, hb) = (b, hb), (a, ha)
    lat, lon = _signed(a, ha), _signed(b, hb)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise bad(f"latlon {text.strip()!r} is out of range")
    return lat, lon
