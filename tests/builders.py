"""Record builders shared by tests (no model, no data files)."""

from __future__ import annotations

import datetime as dt
import hashlib

from frontwatch.records import (
    Actor,
    AnalyzedArticle,
    Article,
    Event,
    Evidence,
    Fatalities,
    Location,
)


def make_analyzed(text: str, *, day: int = 2, n_events: int = 1) -> AnalyzedArticle:
    article = Article(
        article_id=f"a-{hashlib.sha256(text.encode()).hexdigest()[:12]}",
        text=text,
        published=dt.date(2016, 2, day),
    )
    events = [
        Event(
            event_id=f"{article.article_id}-{i}",
            event_date=dt.date(2016, 2, day),
            time_precision=1,
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            cause="airstrike",
            actor1=Actor(name="Military Forces of Russia", side="government", inter=8),
            location=Location(
                name="Aleppo",
                admin1="Aleppo",
                country="Syria",
                latitude=36.2,
                longitude=37.16,
                geo_precision=1,
            ),
            fatalities=Fatalities(civilians=40, total=40, qualifier="more than"),
            claimed_by="opposition sources",
            evidence=[Evidence(field="event_type", start=0, end=4, text=text[:4])],
        )
        for i in range(n_events)
    ]
    return AnalyzedArticle(article=article, events=events, main_event=events[0] if events else None)
