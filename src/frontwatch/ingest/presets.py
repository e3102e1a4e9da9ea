"""CSV column maps: the packaged presets (``data/ingest/presets.yaml``) and user maps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError, ResourceError
from ..resources import load_yaml

FIELDS = ("text", "title", "published", "source", "url", "id")
"""Article fields a CSV column can be mapped to."""

PRESETS_FILE = ("ingest", "presets.yaml")


@dataclass(frozen=True)
class ColumnMap:
    """Which column holds each field, and which columns the file must have."""

    name: str
    columns: Mapping[str, str]
    required: frozenset[str]
    detect: bool = False
    headline_first: bool = False
    """Put the title before the text when the text does not open with it."""

    def missing(self, header: list[str]) -> list[str]:
        """Required columns absent from ``header``, in field order."""
        present = set(header)
        return [
            self.columns[f] for f in FIELDS if f in self.required and self.columns[f] not in present
        ]

    def with_overrides(self, column_map: Mapping[str, str]) -> ColumnMap:
        """This map with the user's columns on top; the user's fields become required."""
        check_column_map(column_map)
        columns = {**self.columns, **column_map}
        return ColumnMap(
            self.name,
            columns,
            self.required | set(column_map),
            self.detect,
            self.headline_first,
        )


def check_column_map(column_map: Mapping[str, str]) -> None:
    unknown = sorted(set(column_map) - set(FIELDS))
    if unknown:
        raise InputError(
            "column map", f"unknown field {unknown[0]!r} (fields: {', '.join(FIELDS)})"
        )
    if not all(isinstance(c, str) and c for c in column_map.values()):
        raise InputError("column map", "every column name must be a non-empty string")


def _preset(name: str, raw: Any) -> ColumnMap:
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise ResourceError(f"CSV preset {name!r}: needs a 'columns' mapping")
    columns = {str(k): str(v) for k, v in raw["columns"].items()}
    required = frozenset(str(f) for f in raw.get("required", []))
    if set(columns) - set(FIELDS) or "text" not in columns or required - set(columns):
        raise ResourceError(f"CSV preset {name!r}: fields must be among {FIELDS}, with text")
    if "text" not in required:
        raise ResourceError(f"CSV preset {name!r}: the text column must be required")
    return ColumnMap(
        name,
        columns,
        required,
        bool(raw.get("detect", False)),
        bool(raw.get("headline_first", False)),
    )


def load_presets() -> dict[str, ColumnMap]:
    """The packaged CSV presets, by name (validated)."""
    raw = load_yaml(*PRESETS_FILE)
    if not isinstance(raw, dict) or not isinstance(raw.get("presets"), dict):
        raise ResourceError("ingest/presets.yaml: needs a top-level 'presets' mapping")
    return {str(name): _preset(str(name), body) for name, body in raw["presets"].items()}
