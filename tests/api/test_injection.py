"""SQL-injection strings in every filter: normal empty or filtered results, nothing leaks."""

from __future__ import annotations

import httpx
import pytest

ATTACKS = [
    "' OR '1'='1",
    "Battles' OR 1=1 --",
    "x'); DROP TABLE events; --",
    '" OR ""="',
    "%' UNION SELECT article_id, text FROM articles --",
    "%",
    "_",
    "\\",
]

TEXT_FILTERS = ["type", "side", "source", "actor", "claimed_by", "q", "article_id", "near"]


@pytest.mark.parametrize("name", TEXT_FILTERS)
@pytest.mark.parametrize("attack", ATTACKS)
def test_text_filters_take_injection_strings_literally(
    client: httpx.Client, name: str, attack: str
) -> None:
    for path in ("/events", "/events.csv"):
        response = client.get(path, params={name: attack})
        assert response.status_code == 200, response.text
    assert client.get("/events", params={name: attack}).json()["events"] == []
    assert client.get("/events", params={name: attack, "view": "map"}).json()["events"] == []


@pytest.mark.parametrize(
    "name", ["since", "until", "bbox", "min_fatalities", "km", "limit", "cursor", "view"]
)
def test_typed_filters_refuse_injection_strings(client: httpx.Client, name: str) -> None:
    response = client.get("/events", params={name: "1' OR '1'='1"})
    assert response.status_code == 422
    assert response.json()["status"] == 422


def test_the_tables_are_still_there(client: httpx.Client) -> None:
    for attack in ATTACKS:
        client.get("/events", params={"type": attack})
        client.get("/articles", params={"q": attack, "source": attack})
    assert client.get("/health").json()["events"] > 50
    assert client.get("/articles", params={"q": "' OR '1'='1"}).json()["articles"] == []
