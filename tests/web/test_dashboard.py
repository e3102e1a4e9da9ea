"""The dashboard as a user sees it: markers, the panel with the evidence, brushing, filters."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Page, expect

from frontwatch.api.server import BackgroundServer
from web.conftest import map_count, open_dashboard

ALEPPO_VIEW = "lat=36.2&lon=37.2&z=12"


def test_the_map_shows_every_located_event(page: Page, web_server: BackgroundServer) -> None:
    expected = map_count(web_server)
    assert expected > 50
    open_dashboard(page, web_server.url)
    expect(page.locator("#map")).to_have_attribute("data-count", str(expected))
    expect(page.locator("#status")).to_have_text(f"{expected} events on the map")
    # clusters and single markers together account for every event
    page.wait_for_selector(".marker-cluster, .fw-marker")
    singles = page.locator(".fw-marker").count()
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
    assert singles + clustered == expected
    expect(page.locator("#map")).to_have_attribute("data-outlines", re.compile(r"^\d{3}$"))


def test_a_click_opens_the_panel_with_the_evidence(
    page: Page, web_server: BackgroundServer
) -> None:
    open_dashboard(page, f"{web_server.url}/?{ALEPPO_VIEW}")
    page.wait_for_selector(".fw-marker")
    area = page.locator("#map").bounding_box()
    assert area is not None
    for marker in page.locator(".fw-marker").all():
        box = marker.bounding_box()
        if (
            box
            and area["x"] < box["x"] < area["x"] + area["width"] - 40
            and (area["y"] < box["y"] < area["y"] + area["height"] - 40)
        ):
            break
    else:
        raise AssertionError("no marker in view at Aleppo")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page.locator("#panel")).to_be_visible()
    expect(page).to_have_url(re.compile(r"event=\w+"))
    event_id = re.search(r"event=(\w+)", page.url).group(1)  # type: ignore[union-attr]
    marks = page.locator("#article-text mark.evidence")
    expect(marks.first).to_be_visible()
    event = httpx.get(f"{web_server.url}/events/{event_id}").json()["event"]
    assert event["evidence"]
    text = page.locator("#article-text").inner_text()
    marked = " ".join(marks.all_inner_texts())
    for span in event["evidence"]:
        assert span["text"] in text
        assert all(word in marked for word in span["text"].split()), span
    expect(page.locator(f".fw-marker.selected[data-event-id='{event_id}']")).to_be_attached()


def test_brushing_the_timeline_filters_the_markers(
    page: Page, web_server: BackgroundServer
) -> None:
    open_dashboard(page, web_server.url)
    total = map_count(web_server)
    box = page.locator("#timeline").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 40, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, y, steps=5)
    page.mouse.up()
    expect(page).to_have_url(re.compile(r"since=2016-\d\d-\d\d.*until=2016-\d\d-\d\d"))
    since = re.search(r"since=([\d-]+)", page.url).group(1)  # type: ignore[union-attr]
    until = re.search(r"until=([\d-]+)", page.url).group(1)  # type: ignore[union-attr]
    expected = map_count(web_server, since=since, until=until)
    assert 0 < expected < total
    expect(page.locator("#map")).to_have_attribute("data-count", str(expected))
    expect(page.locator("#timeline rect.bar.in").first).to_be_attached()
    page.locator("#clear-dates").click()
    expect(page.locator("#map")).to_have_attribute("data-count", str(total))


def test_filters_change_the_markers_and_the_url_restores_them(
    page: Page, web_server: BackgroundServer
) -> None:
    open_dashboard(page, web_server.url)
    page.locator("#types input[value='Battles']").check()
    battles = map_count(web_server, type="Battles")
    expect(page.locator("#map")).to_have_attribute("data-count", str(battles))
    page.locator("#side").select_option("government")
    both = map_count(web_server, type="Battles", side="government")
    expect(page.locator("#map")).to_have_attribute("data-count", str(both))
    assert 0 < both < battles
    shared = page.url
    page.goto("about:blank")
    open_dashboard(page, shared)
    expect(page.locator("#types input[value='Battles']")).to_be_checked()
    expect(page.locator("#map")).to_have_attribute("data-count", str(both))


def test_a_shared_link_reopens_the_selected_event(page: Page, web_server: BackgroundServer) -> None:
    event = httpx.get(f"{web_server.url}/events", params={"limit": 1, "min_fatalities": 5}).json()
    event_id = event["events"][0]["event_id"]
    open_dashboard(page, f"{web_server.url}/?event={event_id}&{ALEPPO_VIEW}")
    expect(page.locator("#panel")).to_be_visible()
    expect(page.locator("#article-text mark.evidence").first).to_be_visible()
