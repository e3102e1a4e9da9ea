"""What ``frontwatch serve`` needs beyond ``Settings``: address, token, limits, tiles."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TOKEN_ENV = "FRONTWATCH_API_TOKEN"


@dataclass(frozen=True)
class ApiConfig:
    """Options of the API server; the bearer token comes from ``FRONTWATCH_API_TOKEN``."""

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    """Bearer token for ``POST /ingest`` (and reads when ``protect_reads``); None: no ingest."""
    protect_reads: bool = False
    """Require the token on read endpoints too (the dashboard page and /health stay open)."""
    read_only: bool = False
    """Open the database read-only: no migrations, ``POST /ingest`` answers 405."""
    max_body_bytes: int = 1_000_000
    """Larger request bodies are refused with 413."""
    max_ingest_articles: int = 500
    page_limit: int = 100
    max_page_limit: int = 1000
    max_map_limit: int = 10_000
    tile_url: str | None = None
    """Optional raster tile URL template for the dashboard (offline outlines are always drawn)."""
    vendor_dir: Path | None = None
    """Folder of the npm assets (Leaflet, world-atlas); default: the packaged ``web/vendor``."""


def token_from_env(env: Mapping[str, str] | None = None) -> str | None:
    value = (os.environ if env is None else env).get(TOKEN_ENV, "").strip()
    return value or None
