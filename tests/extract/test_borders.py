"""The focus country's borders as places (data/geo/borders.yaml, extract/borders.py)."""

from __future__ import annotations

from extract.test_locate import names
from frontwatch.extract.pipeline import Extractor
from frontwatch.ingest.normalize import make_article
from frontwatch.records import AnalyzedArticle, Location


def _analyze(extractor: Extractor, text: str) -> AnalyzedArticle:
    return extractor.analyze_one(make_article(text, published="2016-02-08"))


def _place(item: AnalyzedArticle) -> tuple[Location, list[str]]:
    (event,) = item.events
    assert event.location is not None
    return event.location, [ev.text for ev in event.evidence if ev.field == "location"]


def test_near_the_border_is_a_point_near_it(extractor: Extractor) -> None:
    """The issue's "near the Turkish border": geo_precision 2, the phrase as evidence."""
    item = _analyze(
        extractor, "Rebels clashed with government forces near the Turkish border on Monday."
    )
    location, evidence = _place(item)
    assert evidence == ["near the Turkish border"] and location.name == evidence[0]
    assert (location.geo_precision, location.country) == (2, "Syria")
    assert location.gazetteer_id == "frontwatch:turkish-border-i-zaz"  # the first listed


def test_the_border_point_is_the_one_near_the_articles_other_places(
    extractor: Extractor,
) -> None:
    item = _analyze(
        extractor,
        "Jets struck Harim on Sunday.\n"
        "On Monday, rebels clashed with government forces along the Syrian-Turkish border.",
    )
    borders = [e.location for e in item.events if e.location and e.location.geo_precision == 2]
    assert borders and borders[0].admin1 == "Idleb"
    assert borders[0].gazetteer_id == "frontwatch:turkish-border-harim"


def test_the_border_with_a_country_is_the_border_not_the_country(extractor: Extractor) -> None:
    item = _analyze(extractor, "Coalition jets hit ISIS positions on the border with Iraq.")
    location, evidence = _place(item)
    assert evidence == ["the border with Iraq"] and location.name == "Iraqi border"
    assert location.admin1 in {"Deir-ez-Zor", "Al Hasakeh"} and location.geo_precision == 2


def test_border_guards_are_no_place_and_a_town_beats_the_border(extractor: Extractor) -> None:
    guards = _analyze(extractor, "Turkish border guards shot dead two Syrians near Azaz.")
    location, evidence = _place(guards)
    assert evidence == ["near Azaz"] and location.admin1 == "Aleppo"
    item = _analyze(
        extractor, "Clashes near the Turkish border in Idlib province killed five fighters."
    )
    location, _ = _place(item)
    assert location.admin1 == "Idleb"
    assert location.gazetteer_id != "frontwatch:turkish-border-i-zaz"


def test_a_town_near_the_border_is_the_events_place(extractor: Extractor) -> None:
    """ "on the border near the town of X": the town is where it happened; the border only
    says where the town lies."""
    text = "Two fighters were killed in clashes on the Syrian-Turkish border near Tal Abyad."
    assert names(extractor, text, "killed") == ["Tal Abyad"]
    shelled = "Troops shelled positions along the border with Iraq near the town of Al-Bukamal."
    assert names(extractor, shelled, "shelled") == ["Al-Bukamal"]
    assert names(extractor, "Jets struck rebels near the Turkish border.", "struck") == [
        "Turkish border"
    ]
