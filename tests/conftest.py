"""Shared fixtures. Tests needing ../shared data skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.extract.pipeline import Extractor
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.settings import Settings, load_settings
from frontwatch.store.db import Store

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


@pytest.fixture(scope="session")
def syrian_gazetteers(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled gazetteer plus OCHA's admin points and sub-districts and the Syrian
    Archive's places, imported as a user would (``frontwatch gazetteer import``)."""
    db = tmp_path_factory.mktemp("syrian-gazetteers") / "gazetteers.duckdb"
    settings = load_settings(None, db=str(db))
    imports = [
        (("gazetteers", "syr_adminpoints.csv"), "ocha-adminpoints"),
        (("gazetteers", "syr_admin3.csv"), "ocha-admin3"),
        (("gazetteers", "syrianarchive-locations.json"), "syrianarchive"),
    ]
    with Store(db) as store:
        for parts, preset in imports:
            request = ImportRequest(files=(shared_file(*parts),), preset=preset)
            import_gazetteer(store, request, settings=settings)
    return settings
