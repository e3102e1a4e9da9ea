"""``/control``, ``/changes``, ``/route``, ``/encircled``, ``/alerts`` and ``/sides`` over a
real server and the Halbaran scenario database the pipeline built (api/situation_served.py):
the answers of tests/fixtures/situation/expected.yaml, day by day, through HTTP."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from api.served import TOKEN
from api.situation_served import Scenario, scenario, serve_scenario
from frontwatch.api.server import BackgroundServer
from frontwatch.situation.graph import graph_for
from frontwatch.situation.queries import route_for
from frontwatch.situation.watch import stored_control
from frontwatch.store import Store
from situation import scenario_data as sc

EXPECTED = sc.expected()
CHECKS: list[dict[str, Any]] = EXPECTED["checks"]
PROBLEM = "application/problem+json"
GOVERNMENT_RED = "#d62728"  # data/situation/map_style.yaml


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return scenario(tmp_path_factory)


@pytest.fixture(scope="module")
def server(built: Scenario) -> Iterator[BackgroundServer]:
    with serve_scenario(built, read_only=True) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: BackgroundServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60) as c:
        yield c


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def _problem(response: httpx.Response, status: int, *words: str) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    detail: str = response.json()["detail"]
    for word in words:
        assert word in detail, detail
    return detail


def _names(places: list[dict[str, Any]]) -> set[str]:
    return {p["name"] for p in places}


def _cited(observations: list[dict[str, Any]], names: list[str]) -> list[str]:
    """The names no observation read from a report (an event id and evidence) is about."""
    cited = {o["locality_name"] for o in observations if o["event_id"] and o["evidence"]}
    return [n for n in names if n not in cited]


@pytest.mark.parametrize("check", CHECKS, ids=[str(c["date"]) for c in CHECKS])
def test_control_on_each_date(client: httpx.Client, check: dict[str, Any]) -> None:
    states = {s["name"]: s for s in _ok(client.get("/control", params={"as_of": check["date"]}))}
    for name, want in check.get("control", {}).items():
        state = states.get(name, {"side": None, "besieged_by": None, "conflict": None})
        assert state["side"] == want["side"], (name, state)
        if "besieged_by" in want:
            assert state["besieged_by"] == want["besieged_by"], (name, state)
        if want.get("conflict"):
            assert state["conflict"] and state["conflict"]["rule"], (name, state)
    for state in states.values():
        assert state["since"] <= check["date"].isoformat()
        assert state["observations"], state  # every state cites what decided it
        assert state["latitude"] is not None and state["colour"].startswith("#")


def test_control_carries_evidence_colour_and_conflict(client: httpx.Client) -> None:
    states = {s["name"]: s for s in _ok(client.get("/control", params={"as_of": "2019-03-23"}))}
    deir = states["Deir Khallal"]
    assert deir["side"] == "government" and deir["colour"] == GOVERNMENT_RED
    assert deir["event_ids"] and all(o["evidence"] for o in deir["observations"])
    assert "Deir Khallal" in deir["observations"][0]["evidence"]
    assert deir["conflict"]["chosen_side"] == "government"
    assert {o["side"] for o in deir["conflict"]["losing"]} == {"opposition"}


def test_control_geojson(client: httpx.Client) -> None:
    response = client.get("/control", params={"as_of": "2019-04-04", "format": "geojson"})
    body = _ok(response)
    assert response.headers["content-type"].startswith("application/geo+json")
    listed = _ok(client.get("/control", params={"as_of": "2019-04-04"}))
    assert body["type"] == "FeatureCollection" and len(body["features"]) == len(listed)
    for feature in body["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert 48.2 < lon < 49.0 and 20.7 < lat < 21.6  # the scenario's desert, [lon, lat]
        assert "latitude" not in feature["properties"]
        assert feature["properties"]["colour"].startswith("#")


def test_control_near_and_side_filters(client: httpx.Client) -> None:
    everything = _ok(client.get("/control", params={"as_of": "2019-04-04"}))
    near = _ok(client.get("/control", params={"as_of": "2019-04-04", "near": "Halbaran", "km": 9}))
    assert "Halbaran" in _names(near) and 1 < len(near) < len(everything)
    by_point = _ok(
        client.get("/control", params={"as_of": "2019-04-04", "near": "21.0,48.68672", "km": 9})
    )
    assert by_point == near
    held = _ok(client.get("/control", params={"as_of": "2019-04-04", "side": "government"}))
    assert held and all("government" in (s["side"], s["besieged_by"]) for s in held)
    assert "Halbaran" in _names(held)  # besieged by government forces on that date


@pytest.mark.parametrize("check", CHECKS, ids=[str(c["date"]) for c in CHECKS])
def test_routes_on_each_date(client: httpx.Client, check: dict[str, Any]) -> None:
    for key, want in check.get("routes", {}).items():
        spec = EXPECTED["routes"][key]
        params = {"from": spec["from"], "to": spec["to"], "side": spec["side"]}
        answer = _ok(client.get("/route", params={**params, "as_of": check["date"]}))
        assert answer["open"] is want["open"], (key, answer["notes"])
        assert answer["state"] == ("open" if want["open"] else "cut")
        if "chokepoints" in want:
            assert _names(answer["chokepoints"]) == set(want["chokepoints"]), key
        if "blocked_by" in want:
            assert _names(answer["blocked_by"]) == set(want["blocked_by"]), key
        assert set(want.get("blocked_by_includes", ())) <= _names(answer["blocked_by"]), key
        assert answer["decided_by"], key
        assert not _cited(answer["decided_by"], want.get("cites", [])), key


def test_an_open_route_has_a_drawable_path(client: httpx.Client) -> None:
    params = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}
    answer = _ok(client.get("/route", params={**params, "as_of": "2019-04-18"}))
    path = answer["path"]
    assert path[0]["name"] == "Bab Nuwayra" and path[0]["kind"] == "crossing"
    assert path[-1]["name"] == "Halbaran" and answer["length_km"] > 0
    assert all(p["latitude"] and p["longitude"] for p in path)
    assert all(p["side"] in (None, "opposition") for p in path)
    on_path = {p["locality_id"] for p in path}
    assert {c["locality_id"] for c in answer["chokepoints"]} <= on_path
    tall_mallaha = next(p for p in path if p["name"] == "Tall Mallaha")
    assert tall_mallaha["side"] == "opposition" and tall_mallaha["since"] >= "2019-04-15"


def test_a_cut_route_names_what_blocks_it(client: httpx.Client) -> None:
    params = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}
    answer = _ok(client.get("/route", params={**params, "as_of": "2019-04-04"}))
    assert answer["path"] == [] and answer["length_km"] is None
    (blocked,) = answer["blocked_by"]
    assert blocked["name"] == "Tall Mallaha" and blocked["side"] == "government"
    assert blocked["latitude"] and blocked["longitude"]
    event_ids = {
        o["event_id"] for o in answer["decided_by"] if o["locality_id"] == "xz:tall-mallaha"
    }
    assert len(event_ids) >= 2  # two outlets reported the capture


def test_route_answers_are_the_library_answers(client: httpx.Client, built: Scenario) -> None:
    graph = graph_for(sc.gazetteer(), built.settings)
    day = dt.date(2019, 3, 16)
    with Store(built.db, read_only=True) as store:
        control = stored_control(store, built.settings, graph, day)
    answer = route_for(
        graph, control, ("Bab al-Ruwaq", "Halbaran"), "opposition", settings=built.settings
    )
    params = {"from": "Bab al-Ruwaq", "to": "Halbaran", "side": "opposition", "as_of": day}
    served = _ok(client.get("/route", params=params))
    assert [p["locality_id"] for p in served["path"]] == list(answer.path_ids)
    assert [c["name"] for c in served["chokepoints"]] == list(answer.chokepoints)
    assert [o["event_id"] for o in served["decided_by"]] == [o.event_id for o in answer.decided_by]


@pytest.mark.parametrize("check", CHECKS, ids=[str(c["date"]) for c in CHECKS])
def test_encircled_on_each_date(client: httpx.Client, check: dict[str, Any]) -> None:
    for want in check.get("encircled", []):
        params = {"side": want["side"], "as_of": check["date"]}
        if want.get("outside"):
            params["outside"] = want["outside"]
        body = _ok(client.get("/encircled", params=params))
        got = sorted(sorted(_names(a["localities"])) for a in body["areas"])
        assert got == sorted(sorted(a) for a in want["areas"]), body
        for area in body["areas"]:
            assert area["decided_by"] and not _cited(area["decided_by"], want.get("cites", []))
            assert all(p["latitude"] for p in area["localities"] + area["ring"])


def test_encircled_names_the_ring_and_the_outside(client: httpx.Client) -> None:
    body = _ok(client.get("/encircled", params={"side": "opposition", "as_of": "2019-04-04"}))
    assert body["outside"] == "any border crossing" and body["side"] == "opposition"
    (area,) = body["areas"]
    assert {"Tall Mallaha", "Deir Khallal"} <= _names(area["ring"])
    assert area["reported_besieged_by"] == ["government"]


def test_changes_between_dates(client: httpx.Client) -> None:
    found = _ok(client.get("/changes", params={"since": "2019-03-30", "until": "2019-04-02"}))
    tall = [c for c in found if c["name"] == "Tall Mallaha" and c["what"] == "control"]
    assert tall and tall[0]["before"] == "opposition" and tall[0]["after"] == "government"
    assert all("2019-03-30" <= c["date"] <= "2019-04-02" for c in found)
    assert all(o["evidence"] for c in found for o in c["observations"])
    later = _ok(client.get("/changes", params={"since": "2019-04-10"}))
    assert {"Tall Mallaha", "Halbaran"} <= {c["name"] for c in later}


def test_alerts_of_the_watched_routes(client: httpx.Client) -> None:
    found = _ok(client.get("/alerts"))
    kinds = [(a["watch_id"], a["kind"]) for a in found]
    assert (1, "route_cut") in kinds and (2, "route_cut") in kinds
    assert kinds.index((2, "route_cut")) < kinds.index((2, "route_reopened"))
    north_cut = found[kinds.index((1, "route_cut"))]
    assert north_cut["localities"] == ["Deir Khallal", "Harjalla"]
    assert not _cited(north_cut["observations"], ["Deir Khallal", "Harjalla"])
    west = _ok(client.get("/alerts", params={"watch": 2}))
    assert west and {a["watch_id"] for a in west} == {2}


def test_sides_and_their_colours(client: httpx.Client) -> None:
    body = _ok(client.get("/sides"))
    colours = {s["side"]: s["colour"] for s in body["sides"]}
    assert colours["government"] == GOVERNMENT_RED and "opposition" in colours
    assert {"uncontested", "route", "chokepoint", "blocked"} <= set(body["colours"])


def test_bad_parameters_are_problems(client: httpx.Client) -> None:
    route = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}
    _problem(client.get("/route", params={**route, "from": "Atlantis"}), 404, "Atlantis", "from")
    _problem(client.get("/route", params={**route, "to": "Nowhere"}), 404, "Nowhere", "to")
    _problem(client.get("/route", params={**route, "side": "martians"}), 422, "martians")
    _problem(client.get("/route", params={"from": "Halbaran", "to": "Halbaran"}), 422, "side")
    _problem(client.get("/route", params={**route, "as_of": "yesterday"}), 422, "as_of")
    _problem(client.get("/control", params={"near": "Atlantis"}), 404, "Atlantis")
    _problem(client.get("/control", params={"near": "95,10"}), 422, "near")
    _problem(client.get("/control", params={"format": "kml"}), 422, "format")
    _problem(client.get("/control", params={"km": "-3"}), 422, "km")
    _problem(client.get("/changes"), 422, "since")
    _problem(
        client.get("/changes", params={"since": "2019-04-02", "until": "2019-03-01"}), 422, "until"
    )
    _problem(client.get("/encircled", params={"side": "opposition", "outside": "Mars"}), 404)
    _problem(client.get("/alerts", params={"watch": "first"}), 422, "watch")


def test_read_only_and_the_graph_is_built_once(client: httpx.Client, built: Scenario) -> None:
    assert client.post("/control").status_code == 405
    route = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}
    _ok(client.get("/route", params=route))
    builds = len(built.graphs_built)
    assert builds >= 1
    for day in ("2019-03-01", "2019-04-04", "2019-04-18"):
        _ok(client.get("/route", params={**route, "as_of": day}))
        _ok(client.get("/control", params={"as_of": day}))
        _ok(client.get("/encircled", params={"side": "opposition", "as_of": day}))
    assert len(built.graphs_built) == builds  # the server kept the graph it built
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/control", "/changes", "/route", "/encircled", "/alerts", "/sides"):
        assert paths[path]["get"]["tags"] == ["situation"], path


def test_protected_reads_need_the_token(built: Scenario) -> None:
    with serve_scenario(built, read_only=True, protect_reads=True, token=TOKEN) as server:
        route = {"from": "Bab Nuwayra", "to": "Halbaran", "side": "opposition"}
        for path, params in (("/control", {}), ("/route", route), ("/alerts", {})):
            _problem(httpx.get(f"{server.url}{path}", params=params), 401, "Bearer")
        headers = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(f"{server.url}/route", params=route, headers=headers).json()["open"]
