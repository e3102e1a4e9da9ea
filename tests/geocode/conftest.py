"""The bundled gazetteer, built once per test session (it reads GeoNames' cities500)."""

from __future__ import annotations

import pytest

from frontwatch.geocode.gazetteer import MemoryGazetteer, load_gazetteer
from frontwatch.geocode.geocoder import Geocoder
from frontwatch.settings import load_settings


@pytest.fixture(scope="session")
def gazetteer() -> MemoryGazetteer:
    return load_gazetteer(load_settings())


@pytest.fixture(scope="session")
def geocoder(gazetteer: MemoryGazetteer) -> Geocoder:
    return Geocoder(gazetteer)
