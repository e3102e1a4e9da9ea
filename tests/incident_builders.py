"""Builders of analysed articles with one event, for incident and credibility tests (no model)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from frontwatch.records import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    Evidence,
    Fatalities,
    Location,
)

PLACES = {
    "Douma": ("Rural Damascus", 33.5711, 36.4022),
    "Saraqib": ("Idleb", 35.8624, 36.8006),
    "Binnish": ("Idleb", 35.9583, 36.7139),
    "Azaz": ("Aleppo", 36.5866, 37.0463),
}

Maker = Callable[..., AnalyzedArticle]


def _make(
    text: str,
    *,
    source: str,
    place: str = "Douma",
    day: dt.date = dt.date(2016, 1, 23),
    killed: int | None = 20,
    claimed_by: str | None = "the Syrian Observatory for Human Rights",
    **kwargs: Any,
) -> AnalyzedArticle:
    admin1, lat, lon = PLACES[place]
    article_id = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(
        article_id=article_id,
        text=text,
        source=source,
        published=day,
        title=kwargs.get("title"),
        url=kwargs.get("url"),
    )
    at = text.find(place)
    evidence = [Evidence(field="location", start=at, end=at + len(place), text=place)]
    if claimed_by and claimed_by in text:
        start = text.index(claimed_by)
        evidence.append(
            Evidence(field="claimed_by", start=start, end=start + len(claimed_by), text=claimed_by)
        )
    figure = str(killed) if killed is not None else None
    if figure and figure in text:
        start = text.index(figure)
        evidence.append(
            Evidence(
                field="fatalities.civilians", start=start, end=start + len(figure), text=figure
            )
        )
    event = Event(
        event_id=f"{article_id}-0",
        event_date=day,
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        cause="airstrike",
        actor1=Actor(name="Military Forces of Syria", side="government", inter=1),
        location=Location(
            name=place,
            admin1=admin1,
            country="Syria",
            latitude=lat,
            longitude=lon,
            geo_precision=1,
            gazetteer_id=f"g-{place}",
        ),
        fatalities=Fatalities(total=killed, civilians=killed),
        claimed_by=claimed_by,
        evidence=evidence,
    )
    return AnalyzedArticle(article=article, events=[event], main_event=event)


@pytest.fixture
def make() -> Maker:
    return _make


DOUMA_TEXTS = {
    "Meridian Wire": (
        "BEIRUT (Meridian Wire) - Government air strikes on a crowded market in Douma killed at "
        "least 20 civilians on Saturday, according to the Syrian Observatory for Human Rights. "
        "The strikes hit shortly before noon, when the market was full of shoppers buying "
        "vegetables brought in from the farms of Eastern Ghouta, residents said. A rescue "
        "worker said his team had pulled at least 14 bodies from two buildings that collapsed "
        "onto the street, and that the toll was likely to rise. Douma, the largest town in the "
        "rebel-held enclave east of the capital, has been besieged by government forces since "
        "2013. Rescue workers pulled bodies from collapsed buildings near the market square.",
        20,
    ),
    "Syria Monitor Network": (
        "The Syrian Observatory for Human Rights documented the death of 23 civilians, among "
        "them 6 children, when regime warplanes struck the vegetable market of Douma in "
        "Eastern Ghouta today.",
        23,
    ),
    "Damascus State News": (
        "Damascus, SANA - Air force sorties destroyed hideouts of Jaish al-Islam terrorists in "
        "Douma, killing 5 terrorists, a military source said. Douma market was not targeted.",
        5,
    ),
}


@pytest.fixture
def douma_texts() -> dict[str, tuple[str, int]]:
    """Three outlets' reports of one market strike (text, figure)."""
    return DOUMA_TEXTS
