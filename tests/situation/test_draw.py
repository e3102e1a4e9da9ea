"""The situation picture: colours read back from the PNG at the localities' pixels, the HTML
file's contents, and the HTML opened in the real Chromium (no database: records in)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, expect, sync_playwright

from frontwatch.records import Actor, Event, Location
from frontwatch.resources import load_yaml
from frontwatch.situation.draw import MapStyle, Picture, compose, draw_png
from frontwatch.situation.draw_html import draw_html, render_html
from frontwatch.situation.graph import LocalityGraph
from frontwatch.situation.model import ControlState, RouteAnswer
from frontwatch.situation.routes import route
from situation import scenario_data as sc

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DAY = dt.date(2019, 3, 1)
TOLERANCE = 40
"""Largest difference per channel between a read-back pixel and the side's colour."""


@pytest.fixture(scope="module")
def graph() -> LocalityGraph:
    return sc.graph(sc.gazetteer(), sc.scenario_settings())


@pytest.fixture(scope="module")
def control() -> dict[str, ControlState]:
    states = sc.baseline_control()
    besieged = dataclasses.replace(states["xz:halbaran"], besieged_by="government")
    return {**states, "xz:halbaran": besieged}


def strike(place: str, graph: LocalityGraph) -> Event:
    loc = graph.locality(f"xz:{place}")
    return Event(
        event_id=f"ev-{place}",
        event_date=DAY,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1=Actor(name="Military Forces of Syria (2000-)", side="government", inter=1),
        location=Location(name=loc.name, latitude=loc.latitude, longitude=loc.longitude),
    )


def picture(
    graph: LocalityGraph,
    control: dict[str, ControlState],
    answer: RouteAnswer | None,
    events: list[Event] | None = None,
) -> Picture:
    return compose(
        [graph.locality(n) for n in graph.graph.nodes],
        control,
        events or [],
        answer,
        as_of=DAY,
        links=list(graph.graph.edges),
    )


def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def close(pixel: tuple[int, ...], colour: str) -> bool:
    return all(abs(a - b) <= TOLERANCE for a, b in zip(pixel[:3], rgb(colour), strict=True))


def test_the_style_gives_every_side_of_the_actor_lexicon_its_own_colour() -> None:
    style = MapStyle.load()
    sides = set(load_yaml("lexicons", "actors.yaml")["sides"])
    assert sides <= set(style.sides)
    assert len(set(style.sides.values())) == len(style.sides)
    assert style.colours["uncontested"] not in style.sides.values()


def test_the_picture_knows_sides_chokepoints_and_the_legend(
    graph: LocalityGraph, control: dict[str, ControlState]
) -> None:
    answer = route(graph, control, "Bab al-Ruwaq", "Halbaran", "opposition", as_of=DAY)
    pic = picture(graph, control, answer, [strike("halbaran", graph)])
    assert len(pic.spots) == 32
    assert pic.spot("xz:deir-khallal").role == "chokepoint"
    assert pic.spot("xz:kafr-summan").role == "chokepoint"
    assert pic.spot("xz:azraqin").role == "path"
    assert pic.spot("xz:harjalla").side == "government"
    assert pic.spot("xz:rasm-faydat").side is None
    assert pic.spot("crossing:bab-al-ruwaq").locality.kind == "crossing"
    legend = [item.label for item in pic.legend]
    assert legend[:3] == ["government", "opposition", "uncontested"]
    assert {"besieged", "route", "chokepoint", "border crossing", "event (1)"} <= set(legend)
    assert "2019-03-01" in pic.title and "open" in pic.title
    assert "chokepoints: Kafr Summan, Deir Khallal" in " ".join(pic.route_text)
    tip = pic.spot("xz:deir-khallal").tooltip
    assert "held by opposition since 2019-02-01" in tip and "baseline.csv:7" in tip


def test_the_png_has_the_side_colours_at_the_localities(
    tmp_path: Path, graph: LocalityGraph, control: dict[str, ControlState]
) -> None:
    answer = route(graph, control, "Bab al-Ruwaq", "Halbaran", "opposition", as_of=DAY)
    # an event in Halbaran: its diamond must not hide the colour of the city
    pic = picture(graph, control, answer, [strike("halbaran", graph)])
    out = draw_png(pic, tmp_path / "map.png")
    image = Image.open(out).convert("RGB")
    assert image.size == (pic.style.width, pic.style.height)
    style = pic.style
    expected = {
        "xz:halbaran": style.sides["opposition"],
        "xz:tall-shanin": style.sides["government"],
        "xz:zuhrat-nahil": style.sides["government"],
        "xz:deir-khallal": style.sides["opposition"],
        "xz:rasm-faydat": style.colours["uncontested"],
    }
    for node, colour in expected.items():
        spot = pic.spot(node)
        pixel = image.getpixel((round(spot.x), round(spot.y)))
        assert isinstance(pixel, tuple) and close(pixel, colour), (node, pixel, colour)
    # the chokepoint ring, the route between two path localities, the event's diamond
    choke = pic.spot("xz:deir-khallal")
    ring = image.getpixel((round(choke.x + choke.size / 2 + 4), round(choke.y)))
    assert isinstance(ring, tuple) and close(ring, style.colours["chokepoint"]), ring
    a, b = pic.spot("xz:marat-shuwayk"), pic.spot("xz:azraqin")
    middle = image.getpixel((round((a.x + b.x) / 2), round((a.y + b.y) / 2)))
    assert isinstance(middle, tuple) and close(middle, style.colours["route"]), middle
    mark = pic.events[0]
    diamond = image.getpixel((round(mark.x), round(mark.y)))
    assert isinstance(diamond, tuple) and close(diamond, style.colours["event"]), diamond


def test_a_cut_route_rings_the_localities_that_close_it(
    tmp_path: Path, graph: LocalityGraph, control: dict[str, ControlState]
) -> None:
    taken = dataclasses.replace(control["xz:deir-khallal"], side="government")
    cut = {**control, "xz:deir-khallal": taken}
    answer = route(graph, cut, "Bab al-Ruwaq", "Halbaran", "opposition", as_of=DAY)
    assert not answer.open
    pic = picture(graph, cut, answer)
    assert {s.locality.name for s in pic.spots if s.role == "blocked"} == {
        "Deir Khallal",
        "Harjalla",
    }
    assert pic.route_line == ()
    assert "CUT" in pic.title
    image = Image.open(draw_png(pic, tmp_path / "cut.png")).convert("RGB")
    spot = pic.spot("xz:deir-khallal")
    centre = image.getpixel((round(spot.x), round(spot.y)))
    assert isinstance(centre, tuple) and close(centre, pic.style.sides["government"]), centre
    html = render_html(pic)
    assert "Deir Khallal (closes the route)" in html
    assert "blocked by: Deir Khallal, Harjalla" in html


def test_the_html_holds_localities_legend_route_and_nothing_from_elsewhere(
    graph: LocalityGraph, control: dict[str, ControlState]
) -> None:
    answer = route(graph, control, "Bab Nuwayra", "Halbaran", "opposition", as_of=DAY)
    html = render_html(picture(graph, control, answer, [strike("tall-mallaha", graph)]))
    for name in ("Halbaran", "Tall Mallaha (chokepoint)", "Umm Ruman", "Bab Nuwayra"):
        assert name in html
    assert html.count('class="locality"') == 32
    assert 'id="route-line"' in html
    for label in ("government", "opposition", "uncontested", "besieged", "chokepoint"):
        assert f'data-legend="{label}"' in html
    assert "chokepoints: Hawsh Saqran, Tall Mallaha" in html
    assert "besieged by government" in html
    # self-contained: the only URL is the SVG namespace
    assert html.count("http") == 1 and 'xmlns="http://www.w3.org/2000/svg"' in html
    assert "<script src" not in html and "<link" not in html


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make chromium` installs Debian's Chromium")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def test_the_html_renders_in_chromium_with_tooltips_and_no_errors(
    tmp_path: Path, browser: Browser, graph: LocalityGraph, control: dict[str, ControlState]
) -> None:
    answer = route(graph, control, "Bab al-Ruwaq", "Halbaran", "opposition", as_of=DAY)
    out = draw_html(
        picture(graph, control, answer, [strike("halbaran", graph)]), tmp_path / "m.html"
    )
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    try:
        page.goto(out.as_uri())
        page.wait_for_selector("body[data-ready=true]", state="attached")
        expect(page.locator("g.locality")).to_have_count(32)
        expect(page.locator("#legend li")).to_have_count(8)
        page.locator("g.locality[data-name='Deir Khallal'] circle").first.hover()
        tip = page.locator("#tip")
        expect(tip).to_be_visible()
        expect(tip).to_contain_text("Deir Khallal")
        expect(tip).to_contain_text("held by opposition since 2019-02-01")
        expect(tip).to_contain_text("route: chokepoint")
        page.locator("path.event").first.hover()
        expect(tip).to_contain_text("Shelling/artillery/missile attack")
        box = page.locator("#map").bounding_box()
        assert box is not None and box["width"] > 800
    finally:
        context.close()
    assert not errors, errors
    assert requests == [out.as_uri()]
