"""Read endpoints over a real server and a real DuckDB file built by the pipeline."""

from __future__ import annotations

from typing import Any

import httpx
import pytest


def all_events(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    """Every event, following the cursor page by page."""
    events: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            "/events", params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})}
        )
        assert page.status_code == 200, page.text
        body = page.json()
        events += body["events"]
        cursor = body["next_cursor"]
        if cursor is None:
            return events


def test_health_counts_what_the_database_holds(client: httpx.Client) -> None:
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == 30
    assert body["events"] > 50
    assert body["read_only"] is True


def test_cursor_pages_cover_every_event_once_in_date_order(client: httpx.Client) -> None:
    events = all_events(client)
    assert len(events) == client.get("/health").json()["events"]
    ids = [e["event_id"] for e in events]
    assert len(set(ids)) == len(ids)
    dates = [e["event_date"] or "9999" for e in events]
    assert dates == sorted(dates)


def test_events_carry_the_data_contract_and_their_evidence(client: httpx.Client) -> None:
    event = client.get("/events", params={"limit": 1}).json()["events"][0]
    for key in (
        "event_id",
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "location",
        "fatalities",
        "claimed_by",
        "evidence",
        "article_id",
        "source",
    ):
        assert key in event
    article = client.get(f"/articles/{event['article_id']}").json()
    for span in event["evidence"]:
        assert article["text"][span["start"] : span["end"]] == span["text"]


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        (
            {"bbox": "36.5,35.8,37.5,36.6"},
            lambda e: (
                e["location"]
                and 36.5 <= e["location"]["longitude"] <= 37.5
                and 35.8 <= e["location"]["latitude"] <= 36.6
            ),
        ),
        (
            {"since": "2016-02-01", "until": "2016-02-10"},
            lambda e: e["event_date"] and "2016-02-01" <= e["event_date"] <= "2016-02-10",
        ),
        ({"type": "Battles"}, lambda e: e["event_type"] == "Battles"),
        ({"type": "Air/drone strike"}, lambda e: e["sub_event_type"] == "Air/drone strike"),
        (
            {"side": "government"},
            lambda e: (
                "government" in {(e["actor1"] or {}).get("side"), (e["actor2"] or {}).get("side")}
            ),
        ),
        ({"min_fatalities": 10}, lambda e: (e["fatalities"]["total"] or 0) >= 10),
        ({"claimed_by": "observatory"}, lambda e: "observatory" in (e["claimed_by"] or "").lower()),
        (
            {"actor": "russia"},
            lambda e: any(
                "russia" in (a or {}).get("name", "").lower() for a in (e["actor1"], e["actor2"])
            ),
        ),
        ({"source": "Fixture Wire"}, lambda e: e["source"] == "Fixture Wire"),
    ],
)
def test_filters_keep_exactly_the_matching_events(
    client: httpx.Client, params: dict[str, Any], keep: Any
) -> None:
    everything = all_events(client)
    expected = {e["event_id"] for e in everything if keep(e)}
    got = {e["event_id"] for e in all_events(client, **params)}
    assert expected, f"the fixture has no event for {params}"
    assert got == expected
    assert len(expected) < len(everything)


def test_near_a_place_by_name_and_by_point(client: httpx.Client) -> None:
    by_name = {e["event_id"] for e in all_events(client, near="Aleppo", km=30)}
    by_point = {e["event_id"] for e in all_events(client, near="36.2012,37.1612", km=30)}
    assert by_name and by_name == by_point
    assert all_events(client, near="Atlantis") == []


def test_text_search_finds_the_articles_events(client: httpx.Client) -> None:
    events = all_events(client, q="(fixture wire)")
    assert events and {e["source"] for e in events} == {"Fixture Wire"}


def test_map_view_is_compact_and_agrees_with_the_full_view(client: httpx.Client) -> None:
    params = {"bbox": "35,32,42,37.5", "since": "2016-01-01", "until": "2016-12-31"}
    compact = client.get("/events", params={**params, "view": "map"}).json()
    full = [e for e in all_events(client, **params) if e["location"] and e["location"]["latitude"]]
    assert {e["event_id"] for e in compact["events"]} == {e["event_id"] for e in full}
    assert "evidence" not in compact["events"][0]


def test_event_detail_has_the_article_text(client: httpx.Client) -> None:
    event = client.get("/events", params={"limit": 1, "q": "Saraqib"}).json()["events"][0]
    detail = client.get(f"/events/{event['event_id']}").json()
    assert detail["event"]["event_id"] == event["event_id"]
    assert "Saraqib" in detail["article"]["text"]
    assert any(e["event_id"] == event["event_id"] for e in detail["article"]["events"])


def test_articles_list_and_pages(client: httpx.Client) -> None:
    first = client.get("/articles", params={"limit": 20}).json()
    second = client.get("/articles", params={"limit": 20, "cursor": first["next_cursor"]}).json()
    ids = [a["article_id"] for a in first["articles"] + second["articles"]]
    assert len(ids) == len(set(ids)) == 30
    assert second["next_cursor"] is None
    assert "text" not in first["articles"][0]
    fixture = client.get("/articles", params={"source": "Fixture Wire"}).json()["articles"]
    assert {a["input_id"] for a in fixture} == {"fixture-1", "fixture-2"}


def test_exports_use_acled_columns(client: httpx.Client) -> None:
    csv_text = client.get("/events.csv", params={"source": "Fixture Wire"}).text
    header, *rows = csv_text.strip().splitlines()
    assert header.startswith("event_id_cnty,event_date,year,time_precision,event_type")
    assert rows and all("Fixture Wire" in r for r in rows)
    geo = client.get("/events.geojson", params={"source": "Fixture Wire"}).json()
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == len(rows)


def test_timeline_and_facets(client: httpx.Client) -> None:
    days = client.get("/timeline").json()
    assert sum(d["events"] for d in days) == sum(1 for e in all_events(client) if e["event_date"])
    facets = client.get("/facets").json()
    assert {"Battles", "Explosions/Remote violence"} <= {f["value"] for f in facets["event_types"]}
    assert "Fixture Wire" in {f["value"] for f in facets["sources"]}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/events/nope", 404),
        ("/articles/nope", 404),
        ("/events?bbox=1,2,3", 422),
        ("/events?since=2016-13-01", 422),
        ("/events?cursor=garbage", 422),
        ("/events?limit=0", 422),
        ("/nowhere", 404),
    ],
)
def test_errors_are_problem_details(client: httpx.Client, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]


def test_openapi_documents_the_endpoints(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in (
        "/health",
        "/events",
        "/events/{event_id}",
        "/events.csv",
        "/events.geojson",
        "/articles",
        "/articles/{article_id}",
        "/ingest",
        "/timeline",
        "/facets",
    ):
        assert path in spec["paths"], path
    assert client.get("/docs").status_code == 200
