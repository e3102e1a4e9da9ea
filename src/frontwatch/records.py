"""Typed records that cross stage boundaries (DESIGN.md §3).

Every stage consumes and produces these; none of them grows ad-hoc keys on the way.
Mentions are what extraction components find in the text (character offsets into
``Article.text``); events are what the assembler builds from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Air/drone strike",
        "Shelling/artillery/missile attack",
        "Chemical weapon",
        "Suicide bomb",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
"""ACLED's 6 event types and their 25 sub-event types."""

VIOLENT_EVENT_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)

CAUSES = (
    "airstrike",
    "shelling",
    "explosion",
    "chemical",
    "shooting",
    "execution",
    "siege",
    "detention",
    "other",
    "unknown",
)

FATALITY_CATEGORIES = ("total", "civilians", "children", "women", "combatants")

Cause = Literal[
    "airstrike",
    "shelling",
    "explosion",
    "chemical",
    "shooting",
    "execution",
    "siege",
    "detention",
    "other",
    "unknown",
]
FatalityCategory = Literal["total", "civilians", "children", "women", "combatants"]
TimePrecision = Literal[1, 2, 3]
GeoPrecision = Literal[1, 2, 3]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Article(Record):
    """One report, normalised. ``article_id`` is the hash of the normalised text."""

    article_id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    id: str | None = Field(default=None, description="the input's own id, when it has one")
    origin: str | None = Field(default=None, description="file (and line) it was read from")


class Span(Record):
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


class DateMention(Span):
    date: dt.date
    time_precision: TimePrecision


class CasualtyMention(Span):
    """A figure of people killed (or wounded) in one category."""

    count: int
    category: FatalityCategory
    qualifier: str | None = None
    status: Literal["killed", "injured"] = "killed"


class ActorMention(Span):
    actor_id: str
    name: str
    side: str
    inter: int


class ToponymMention(Span):
    """A place named in the text. ``relation`` keeps a relative phrase ("northwest of")."""

    name: str
    relation: str | None = None
    admin_hint: str | None = None


class TriggerMention(Span):
    """A word that states a happening, with what kind of happening it is."""

    event_type: str
    sub_event_type: str
    cause: Cause | None = None
    negated: bool = False


class ClaimMention(Span):
    claimed_by: str


class Actor(Record):
    name: str
    side: str
    inter: int


class Location(Record):
    name: str
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: GeoPrecision = 3
    gazetteer_id: str | None = None
    score: float | None = None
    """The chosen place's disambiguation score (``data/geo/scoring.yaml``); None when the
    gazetteer gave no place."""
    match: Literal["exact", "fuzzy"] | None = None
    """How the name met the place's: a spelling variant of it, or a near miss."""
    runner_up: str | None = None
    """The best candidate not chosen: "Homs, Lebanon (geonames:276781) 3.10"."""


class Fatalities(Record):
    total: int | None = None
    civilians: int | None = None
    children: int | None = None
    women: int | None = None
    combatants: int | None = None
    qualifier: str | None = None


class Evidence(Record):
    """Where a field of an event came from: ``field`` names the field (dotted)."""

    field: str
    start: int
    end: int
    text: str


class Event(Record):
    event_id: str
    event_date: dt.date | None = None
    time_precision: TimePrecision | None = None
    event_type: str
    sub_event_type: str
    cause: Cause | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    fatalities: Fatalities = Fatalities()
    claimed_by: str | None = None
    confidence: float = 0.5
    evidence: list[Evidence] = []


class AnalyzedArticle(Record):
    """What ``analyze`` prints per article (DESIGN.md §3)."""

    article: Article
    events: list[Event] = []
    main_event: Event | None = None

    def to_json_dict(self) -> dict[str, object]:
        a = self.article
        return {
            "article_id": a.article_id,
            "id": a.id,
            "title": a.title,
            "source": a.source,
            "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "text": a.text,
            "events": [e.model_dump(mode="json") for e in self.events],
            "main_event": self.main_event.model_dump(mode="json") if self.main_event else None,
        }
