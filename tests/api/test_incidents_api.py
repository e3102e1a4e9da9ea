"""``/incidents`` and ``/incidents/{id}`` over a real server and the demo database (ingest
resolves incidents: the Douma market air strike is four reports from three outlets)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from api.test_injection import ATTACKS


def all_incidents(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    """Every incident, following the cursor page by page."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            "/incidents", params={**params, "limit": 5, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        body = page.json()
        found += body["incidents"]
        cursor = body["next_cursor"]
        if cursor is None:
            return found


def douma(client: httpx.Client) -> dict[str, Any]:
    found = [
        i
        for i in all_incidents(client, min_sources=2)
        if i["place"]["name"] == "Duma" and i["sub_event_type"] == "Air/drone strike"
    ]
    assert len(found) == 1, found
    return found[0]


def test_douma_counts_three_independent_sources_among_four_reports(
    client: httpx.Client,
) -> None:
    item = douma(client)
    assert item["first_date"] == "2016-01-23"
    assert item["event_type"] == "Explosions/Remote violence"
    assert item["place"]["admin1"] == "Rural Damascus"
    assert item["place"]["latitude"] == pytest.approx(33.57, abs=0.01)
    assert (item["n_reports"], item["n_sources"]) == (4, 3)
    assert item["outlets"] == ["damascus-state-news", "meridian-wire", "syria-monitor-network"]
    assert item["fatalities"] == {"low": 5, "best": 23, "high": 23, "acled": 5}
    assert item["n_disagreements"] == 2


def test_douma_detail_lists_reports_figures_and_who_claims_what(client: httpx.Client) -> None:
    summary = douma(client)
    response = client.get(f"/incidents/{summary['incident_id']}")
    assert response.status_code == 200, response.text
    body = response.json()
    assert {k: body[k] for k in summary} == summary
    reports = body["reports"]
    assert len(reports) == 4
    assert sum(r["independent"] for r in reports) == 3
    copies = [r for r in reports if not r["independent"]]
    assert copies[0]["duplicate_of"] in {r["article_id"] for r in reports if r["independent"]}
    state = [r for r in reports if r["outlet"] == "damascus-state-news"]
    assert state[0]["claimed_by"] == "a military source"
    assert state[0]["figures"]["total"] == 5
    assert all(r["url"] and r["title"] for r in reports)
    total = next(d for d in body["disagreements"] if d["field"] == "fatalities.total")
    claims = {c["outlet"]: (c["value"], c["claimed_by"]) for c in total["claims"]}
    assert claims == {
        "syria-monitor-network": ("23", "Syrian Observatory for Human Rights"),
        "meridian-wire": ("23", "residents"),
        "damascus-state-news": ("5", "a military source"),
    }


def test_cursor_pages_cover_every_incident_once_in_date_order(client: httpx.Client) -> None:
    items = all_incidents(client)
    assert len(items) > 50
    ids = [i["incident_id"] for i in items]
    assert len(set(ids)) == len(ids)
    dates = [i["first_date"] or "9999" for i in items]
    assert dates == sorted(dates)
    assert len(client.get("/incidents", params={"limit": 1000}).json()["incidents"]) == len(ids)


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"min_sources": 3}, lambda i: i["n_sources"] >= 3),
        (
            {"since": "2016-01-26", "until": "2016-01-27"},
            lambda i: i["last_date"] >= "2016-01-26" and i["first_date"] <= "2016-01-27",
        ),
        (
            {"bbox": "36.0,33.4,36.8,33.8"},
            lambda i: (
                36.0 <= i["place"]["longitude"] <= 36.8 and 33.4 <= i["place"]["latitude"] <= 33.8
            ),
        ),
        ({"near": "Homs", "km": 5}, lambda i: i["place"]["name"] == "Homs"),
        ({"near": "34.72,36.72", "km": 5}, lambda i: i["place"]["name"] == "Homs"),
    ],
)
def test_filters_keep_exactly_the_matching_incidents(
    client: httpx.Client, params: dict[str, Any], keep: Any
) -> None:
    everything = all_incidents(client)
    dated = [i for i in everything if i["first_date"] and i["place"]["latitude"] is not None]
    expected = {i["incident_id"] for i in dated if keep(i)}
    got = {i["incident_id"] for i in all_incidents(client, **params)}
    assert expected
    assert got == expected


def test_multi_source_incidents(client: httpx.Client) -> None:
    """min_sources keeps exactly the incidents told by that many outlets; the demo's
    market strike in Duma, the Homs bombing and an Aleppo strike are among them."""
    multi = all_incidents(client, min_sources=3)
    expected = {i["incident_id"] for i in all_incidents(client) if i["n_sources"] >= 3}
    assert {i["incident_id"] for i in multi} == expected
    assert {"Aleppo", "Duma", "Homs"} <= {i["place"]["name"] for i in multi}


def test_unknown_incident_is_a_404_problem(client: httpx.Client) -> None:
    response = client.get("/incidents/inc-0000000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "no incident 'inc-0000000000000000'"


@pytest.mark.parametrize(
    "params",
    [
        {"since": "yesterday"},
        {"until": "2016-13-01"},
        {"min_sources": "-1"},
        {"min_sources": "1' OR '1'='1"},
        {"km": "0"},
        {"bbox": "1,2,3"},
        {"near": "95,10"},
        {"limit": "0"},
        {"cursor": "not-a-cursor"},
    ],
)
def test_bad_parameters_are_422_problems(client: httpx.Client, params: dict[str, str]) -> None:
    response = client.get("/incidents", params=params)
    assert response.status_code == 422, response.text
    assert response.json()["status"] == 422


BEFORE: dict[str, list[Any]] = {}


@pytest.mark.parametrize("attack", ATTACKS)
def test_injection_strings_match_nothing(client: httpx.Client, attack: str) -> None:
    response = client.get("/incidents", params={"near": attack})
    assert response.status_code == 200, response.text
    assert response.json()["incidents"] == []
    assert client.get(f"/incidents/{attack}").status_code in {404, 405}
    # nothing was dropped or altered by the attempt
    assert len(all_incidents(client)) == len(BEFORE.setdefault("all", all_incidents(client)))
