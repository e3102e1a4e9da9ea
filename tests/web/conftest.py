"""A real browser (Debian's Chromium, driven by Playwright) on the dashboard, served on a free
loopback port over a database the pipeline built."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from api.served import build_db, demo_inputs, serve
from frontwatch.api.server import BackgroundServer
from frontwatch.extract.pipeline import Extractor
from frontwatch.settings import Settings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VENDOR = Path(__file__).resolve().parents[2] / "src" / "frontwatch" / "web" / "vendor"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's Chromium")
    if not (VENDOR / ".installed").exists():
        pytest.fail(f"{VENDOR} is missing: `make web` installs Leaflet and world-atlas (npm ci)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def web_db(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, settings: Settings
) -> Path:
    return build_db(
        tmp_path_factory.mktemp("web") / "web.duckdb", extractor, settings, demo_inputs()
    )


@pytest.fixture(scope="session")
def web_server(
    web_db: Path, extractor: Extractor, settings: Settings
) -> Iterator[BackgroundServer]:
    with serve(web_db, settings, extractor, read_only=True) as server:
        yield server


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def map_count(server: BackgroundServer, **params: object) -> int:
    """How many markers the API says the map should show for these filters."""
    body = httpx.get(f"{server.url}/events", params={**params, "view": "map"}).json()
    return len(body["events"])


def open_dashboard(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", state="attached")
