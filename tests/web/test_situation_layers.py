"""The situation picture in the dashboard, on the Halbaran scenario database: the Control
layer colours localities by side as of the timeline's end date, and the route panel draws a
route with its chokepoints, or the localities that cut it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from api.situation_served import scenario, serve_scenario
from frontwatch.api.server import BackgroundServer
from web.conftest import open_dashboard

VIEW = "lat=21.2&lon=48.6&z=9"
GOVERNMENT_RED = "#d62728"  # data/situation/map_style.yaml
WEST = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}


@pytest.fixture(scope="module")
def situation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    with serve_scenario(scenario(tmp_path_factory), read_only=True) as server:
        yield server


def _control(server: BackgroundServer, as_of: str) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = httpx.get(
        f"{server.url}/control", params={"as_of": as_of}, timeout=60
    ).json()
    return body


def _expect_control(page: Page, server: BackgroundServer, as_of: str) -> list[dict[str, Any]]:
    states = _control(server, as_of)
    located = [s for s in states if s["latitude"] is not None]
    expect(page.locator("#map")).to_have_attribute("data-control-as-of", as_of)
    expect(page.locator("#map")).to_have_attribute("data-control", "ready")
    expect(page.locator("path.fw-control")).to_have_count(len(located))
    held = [s for s in located if s["side"] == "government"]
    expect(page.locator("path.fw-control.fw-side-government")).to_have_count(len(held))
    return states


def test_the_control_layer_colours_localities_by_side(
    page: Page, situation_server: BackgroundServer
) -> None:
    open_dashboard(page, f"{situation_server.url}/?until=2019-04-04&{VIEW}")
    states = _expect_control(page, situation_server, "2019-04-04")
    by_name = {s["name"]: s for s in states}
    assert by_name["Tall Mallaha"]["side"] == "government"
    for fill in page.locator("path.fw-control.fw-side-government").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    ):
        assert fill == GOVERNMENT_RED
    opposition = page.locator("path.fw-control.fw-side-opposition")
    assert opposition.count() > 0 and opposition.first.get_attribute("fill") != GOVERNMENT_RED
    legend = page.locator("#control-legend")
    expect(legend).to_contain_text("Control as of 2019-04-04")
    expect(legend).to_contain_text("government")
    expect(legend).to_contain_text("besieged")  # Halbaran, by government forces

    page.locator("path.fw-control.fw-side-government").first.hover(force=True)
    tip = page.locator(".leaflet-tooltip .fw-tip")
    expect(tip).to_be_visible()
    name = tip.locator("b").first.inner_text()
    state = by_name[name]
    expect(tip).to_contain_text(f"held by government since {state['since']}")
    words = " ".join(state["observations"][0]["evidence"].split())[:40]
    expect(tip).to_contain_text(words)

    # the layer follows the timeline's end date
    page.locator("#until").fill("2019-04-18")
    page.locator("#until").dispatch_event("change")
    later = {s["name"]: s for s in _expect_control(page, situation_server, "2019-04-18")}
    assert later["Tall Mallaha"]["side"] == "opposition"
    expect(legend).to_contain_text("Control as of 2019-04-18")


def _ask_route(page: Page, route: dict[str, str]) -> None:
    page.locator("#route-from").fill(route["from"])
    page.locator("#route-to").fill(route["to"])
    page.locator("#route-side").select_option(route["side"])
    page.locator("#route-go").click()


def test_the_route_panel_draws_a_cut_then_an_open_route(
    page: Page, situation_server: BackgroundServer
) -> None:
    open_dashboard(page, f"{situation_server.url}/?until=2019-04-04&{VIEW}")
    _ask_route(page, WEST)
    expect(page.locator("#map")).to_have_attribute("data-route", "cut")
    expect(page.locator("path.fw-blocked")).to_have_count(1)
    expect(page.locator("path.fw-route")).to_have_count(0)
    result = page.locator("#route-result")
    expect(result).to_contain_text("CUT as of 2019-04-04: blocked by Tall Mallaha")
    expect(page).to_have_url(re.compile(r"from=Bab\+Nuwayra.*to=Halbaran.*rside=opposition"))

    # the evidence of the answer leads to the event and its words
    result.locator("summary").click()
    result.locator("a[data-event-id]").first.click()
    expect(page.locator("#panel")).to_be_visible()
    expect(page.locator("#article-text")).to_contain_text("Tall Mallaha")

    page.locator("#until").fill("2019-04-18")
    page.locator("#until").dispatch_event("change")
    expect(page.locator("#map")).to_have_attribute("data-route", "open")
    answer = httpx.get(
        f"{situation_server.url}/route", params={**WEST, "as_of": "2019-04-18"}, timeout=60
    ).json()
    expect(page.locator("path.fw-route")).to_have_count(1)
    expect(page.locator("path.fw-chokepoint")).to_have_count(len(answer["chokepoints"]))
    expect(page.locator("path.fw-blocked")).to_have_count(0)
    names = ", ".join(p["name"] for p in answer["chokepoints"])
    expect(result).to_contain_text(f"OPEN as of 2019-04-18: {answer['length_km']} km")
    expect(result).to_contain_text(f"chokepoints: {names}")

    # a copied link draws the same route
    shared = page.url
    page.goto("about:blank")
    open_dashboard(page, shared)
    expect(page.locator("#map")).to_have_attribute("data-route", "open")
    expect(page.locator("#route-from")).to_have_value("Bab Nuwayra")
    expect(page.locator("path.fw-chokepoint")).to_have_count(len(answer["chokepoints"]))


def test_an_unknown_place_is_said_in_the_panel(
    page: Page, situation_server: BackgroundServer
) -> None:
    open_dashboard(page, f"{situation_server.url}/?{VIEW}")
    _ask_route(page, {**WEST, "from": "Atlantis"})
    expect(page.locator("#map")).to_have_attribute("data-route", "error")
    expect(page.locator("#route-result")).to_contain_text("'Atlantis'")
    expect(page.locator("path.fw-route")).to_have_count(0)
