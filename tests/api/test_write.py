"""POST /ingest: token, size limit, validation; nothing stored when a request is refused."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from api.served import TOKEN
from frontwatch.api.server import BackgroundServer

ARTICLE = {
    "id": "w-1",
    "source": "Write Test Wire",
    "published": "2016-02-10",
    "title": "Air strikes on Anadan",
    "text": "Russian air strikes killed seven civilians in the town of Anadan north of Aleppo "
    "on Tuesday, the Syrian Observatory for Human Rights said.",
}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def post(
    server: BackgroundServer, body: Any, headers: dict[str, str] | None = None
) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    return httpx.post(
        f"{server.url}/ingest",
        content=content,
        headers={"Content-Type": "application/json", **(headers or {})},
        timeout=60,
    )


def stored(server: BackgroundServer) -> tuple[int, int]:
    health = httpx.get(f"{server.url}/health").json()
    return health["articles"], health["events"]


def test_ingest_stores_articles_and_is_idempotent(write_server: BackgroundServer) -> None:
    first = post(write_server, [ARTICLE], AUTH)
    assert first.status_code == 200, first.text
    body = first.json()
    assert body["articles_added"] == 1 and body["events_added"] >= 1
    events = httpx.get(f"{write_server.url}/events", params={"source": "Write Test Wire"}).json()
    assert events["events"] and events["events"][0]["location"]["name"] == "Anadan"
    again = post(write_server, {"articles": [ARTICLE]}, AUTH).json()
    assert again["articles_added"] == 0 and again["articles_skipped"] == 1
    assert stored(write_server) == (1, body["events_added"])


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": "Basic x"}],
)
def test_ingest_without_the_token_is_401(
    write_server: BackgroundServer, headers: dict[str, str]
) -> None:
    response = post(write_server, [ARTICLE], headers)
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"] == "Bearer"
    assert stored(write_server) == (0, 0)


def test_oversized_bodies_are_413(write_server: BackgroundServer) -> None:
    big = [{**ARTICLE, "text": ARTICLE["text"] + " filler" * 5000}]
    response = post(write_server, big, AUTH)
    assert response.status_code == 413
    assert response.json()["status"] == 413

    def chunks() -> Any:  # no Content-Length: the limit holds while reading
        yield b"["
        for _ in range(100):
            yield json.dumps(ARTICLE).encode() + b","
        yield json.dumps(ARTICLE).encode() + b"]"

    streamed = httpx.post(
        f"{write_server.url}/ingest", content=chunks(), headers={**AUTH}, timeout=60
    )
    assert streamed.status_code == 413
    assert stored(write_server) == (0, 0)


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[]",
        b'{"text": "an object, not a list"}',
        [{"title": "no text"}],
        [{"text": ""}],
        [{"text": "   \n  "}],
        [{"text": "ok", "published": "last tuesday"}],
        [{"text": "ok", "unknown_field": 1}],
        [ARTICLE, {"text": 42}],
    ],
)
def test_malformed_bodies_are_422_and_store_nothing(
    write_server: BackgroundServer, body: Any
) -> None:
    response = post(write_server, body, AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["detail"]
    assert stored(write_server) == (0, 0)


def test_read_only_server_refuses_ingest(client: httpx.Client) -> None:
    response = client.post("/ingest", json=[ARTICLE], headers=AUTH)
    assert response.status_code == 405
