"""Packaged data files (lexicons, mappings, defaults): located and parsed, never built in code."""

from __future__ import annotations

import csv
import json
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ResourceError


def data_path(*parts: str) -> Path:
    """Path of a file shipped in ``frontwatch/data``."""
    return Path(str(resources.files("frontwatch").joinpath("data", *parts)))


def load_yaml(*parts: str) -> Any:
    path = data_path(*parts)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise ResourceError(f"cannot read packaged data file {path}: {exc}") from exc


def load_jsonl(*parts: str) -> list[dict[str, Any]]:
    path = data_path(*parts)
    try:
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        raise ResourceError(f"cannot read packaged data file {path}: {exc}") from exc


def load_csv(*parts: str) -> list[dict[str, str]]:
    path = data_path(*parts)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except OSError as exc:
        raise ResourceError(f"cannot read packaged data file {path}: {exc}") from exc
