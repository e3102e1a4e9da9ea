"""Gazetteer test helpers: databases whose cache folder already holds the bundled places.

Reading GeoNames' cities500 takes seconds; the real loader does it once per test session
into a temporary folder, and each test database gets a copy of that cache file (what the
loader itself would write there on its first build).
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from frontwatch.geocode.gazetteer import load_gazetteer
from frontwatch.geocode.gazetteer_cache import cache_dir
from frontwatch.settings import Settings, load_settings
from frontwatch.store import Store


@functools.cache
def _bundled_file() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="frontwatch-bundled-"))
    atexit.register(shutil.rmtree, folder, True)
    settings = load_settings(env={}, db=str(folder / "fw.duckdb"))
    Store(settings.db).close()
    load_gazetteer(settings)
    return next(cache_dir(settings).glob("bundled-*.marshal"))


def gazetteer_settings(db: Path) -> Settings:
    """Settings for ``db``, its cache folder seeded with the bundled places."""
    settings = load_settings(env={}, db=str(db))
    folder = cache_dir(settings)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(_bundled_file(), folder)
    return settings
