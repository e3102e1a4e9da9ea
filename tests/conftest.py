"""Shared fixtures. Tests needing ../shared data skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.extract.pipeline import Extractor
from frontwatch.settings import Settings, load_settings

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_file(*parts: str) -> Path:
    """A file under ../shared/data, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data {path} is absent (it ships with CI, not the repository)")
    return path


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Packaged defaults, with a database path that does not exist: tests never read a
    gazetteer imported into some ``frontwatch.duckdb`` of the working directory."""
    db = tmp_path_factory.mktemp("settings") / "absent.duckdb"
    return load_settings(env={}, db=str(db))


@pytest.fixture(scope="session")
def extractor(settings: Settings) -> Extractor:
    """The real pipeline, built once per test session."""
    return Extractor(settings)
