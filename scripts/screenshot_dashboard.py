"""Write a screenshot of the dashboard (``make screenshots``): the demo corpus and the reference
article in a scratch database, served on a loopback port, opened in Debian's Chromium."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

from frontwatch.api import ApiConfig, create_app
from frontwatch.api.server import BackgroundServer
from frontwatch.demo import demo_corpus
from frontwatch.jobs import InputOptions, ingest
from frontwatch.settings import load_settings
from frontwatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "data" / "aleppo-offensive.txt"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def build_db(path: Path) -> None:
    settings = load_settings(db=str(path))
    with Store(path) as store:
        ingest([demo_corpus()], settings=settings, store=store)
        if REFERENCE.exists():
            options = InputOptions(published=dt.date(2016, 2, 2), source="reference article")
            ingest([REFERENCE], settings=settings, store=store, options=options)


def reference_event(url: str) -> str | None:
    """The reference article's Hardatnin event, when the article is there."""
    params = {"source": "reference article", "type": "Government regains territory", "limit": 1}
    events = httpx.get(f"{url}/events", params=params).json()["events"]
    return str(events[0]["event_id"]) if events else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "screenshot.duckdb"
        build_db(db)
        app = create_app(load_settings(db=str(db)), ApiConfig(read_only=True))
        with BackgroundServer(app) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 860})
            event_id = reference_event(server.url)
            view = "lat=36.25&lon=37.05&z=9" + (f"&event={event_id}" if event_id else "")
            page.goto(f"{server.url}/?{view}")
            page.wait_for_selector("body[data-ready=true]", state="attached")
            if not event_id:
                page.locator('.fw-marker[data-type="Battles"]').first.click()
            page.wait_for_selector("mark.evidence")
            page.wait_for_timeout(500)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
    sys.stdout.write(f"wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
