"""The reference article (Aleppo, February 2016), opened as a user would: its events sit around
Aleppo, and every marker leads to the words it came from."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from api.served import build_db, serve
from conftest import shared_file
from frontwatch.api.server import BackgroundServer
from frontwatch.extract.pipeline import Extractor
from frontwatch.settings import Settings
from web.conftest import open_dashboard

ALEPPO = (36.2012, 37.1612)


def km_from_aleppo(lat: float, lon: float) -> float:
    dlat, dlon = math.radians(lat - ALEPPO[0]), math.radians(lon - ALEPPO[1])
    a = (
        math.sin(dlat / 2) ** 2
        + math.cos(math.radians(lat)) * math.cos(math.radians(ALEPPO[0])) * math.sin(dlon / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def reference_server(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, settings: Settings
) -> Iterator[BackgroundServer]:
    article = shared_file("aleppo-offensive.txt")
    db: Path = tmp_path_factory.mktemp("reference") / "aleppo.duckdb"
    build_db(db, extractor, settings, [article], published=dt.date(2016, 2, 2))
    with serve(db, settings, extractor, read_only=True) as server:
        yield server


def test_reference_events_sit_around_aleppo_and_lead_to_their_words(
    page: Page, reference_server: BackgroundServer
) -> None:
    events = httpx.get(f"{reference_server.url}/events", params={"view": "map"}).json()["events"]
    assert len(events) >= 3
    for e in events:
        assert km_from_aleppo(e["latitude"], e["longitude"]) < 60, e
    open_dashboard(page, f"{reference_server.url}/?lat=36.2&lon=37.3&z=11")
    expect(page.locator("#map")).to_have_attribute("data-count", str(len(events)))
    article_text = None
    markers = page.locator(".fw-marker")
    assert markers.count() == len(events)
    for i in range(markers.count()):
        marker = page.locator(".fw-marker").nth(i)
        event_id = marker.get_attribute("data-event-id")
        marker.dispatch_event("click")  # markers at one place overlap; each gets its click
        expect(page).to_have_url(re.compile(f"event={event_id}"))
        marks = page.locator("#article-text mark.evidence")
        expect(marks.first).to_be_visible()
        text = page.locator("#article-text").inner_text()
        article_text = article_text or text
        assert text == article_text  # one article
        assert "Hardatnin" in text
        assert all(m.strip() and m in text for m in marks.all_inner_texts())
