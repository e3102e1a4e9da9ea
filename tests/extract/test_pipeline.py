"""The whole extraction on texts we wrote, and on the reference article (DESIGN.md §1)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import shared_file
from frontwatch.extract.pipeline import Extractor
from frontwatch.ingest.normalize import make_article
from frontwatch.records import EVENT_TYPES, AnalyzedArticle, Event

WIRE = (
    "Syrian government air strikes killed at least 12 civilians, including three children, "
    "in the town of Saraqib in Idlib province on Saturday, the Syrian Observatory for Human "
    "Rights said.\n"
    "Foreign ministers met in Geneva on Monday to discuss a ceasefire."
)


def _analyze(extractor: Extractor, text: str, published: str = "2016-02-08") -> AnalyzedArticle:
    return extractor.analyze_one(make_article(text, published=published))


def _evidence_matches_text(item: AnalyzedArticle) -> None:
    for event in item.events:
        for ev in event.evidence:
            assert item.article.text[ev.start : ev.end] == ev.text, ev


def test_wire_report(extractor: Extractor) -> None:
    item = _analyze(extractor, WIRE)
    main = item.main_event
    assert main is not None
    assert (main.event_type, main.sub_event_type) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert main.cause == "airstrike"
    assert main.actor1 is not None and main.actor1.side == "government"
    assert main.location is not None and main.location.admin1 == "Idleb"
    assert main.fatalities.civilians == 12 and main.fatalities.qualifier == "at least"
    assert main.fatalities.children == 3
    assert main.event_date == dt.date(2016, 2, 6) and main.time_precision == 1
    assert main.claimed_by and "Observatory" in main.claimed_by
    assert all((e.location is None or e.location.name != "Geneva") for e in item.events)
    _evidence_matches_text(item)


def test_every_event_uses_acled_vocabulary(extractor: Extractor) -> None:
    for event in _analyze(extractor, WIRE).events:
        assert event.sub_event_type in EVENT_TYPES[event.event_type]


def test_no_event_no_invention(extractor: Extractor) -> None:
    item = _analyze(extractor, "The foreign minister said in Moscow that talks would resume.")
    assert item.main_event is None
    assert all(e.event_type == "Strategic developments" for e in item.events)


def test_fields_without_evidence_stay_empty(extractor: Extractor) -> None:
    item = _analyze(extractor, "Shelling was reported overnight.", published="2016-02-08")
    for event in item.events:
        fields = {ev.field.split(".")[0] for ev in event.evidence}
        if event.actor1 is None:
            assert "actor1" not in fields
        if event.location is None:
            assert "location" not in fields
        assert event.fatalities.civilians is None


def _by_sub_type(events: list[Event], sub: str) -> list[Event]:
    return [e for e in events if e.sub_event_type == sub]


def test_reference_article(extractor: Extractor) -> None:
    """Issue 2's acceptance on ../shared/data/aleppo-offensive.txt, published 2016-02-02."""
    text = shared_file("aleppo-offensive.txt").read_text(encoding="utf-8")
    item = _analyze(extractor, text, published="2016-02-02")
    events = item.events
    taken = _by_sub_type(events, "Government regains territory")
    assert taken, [e.sub_event_type for e in events]
    hardatnin = taken[0]
    assert hardatnin.location is not None
    assert (
        hardatnin.location.name in {"Hardatnin", "Aleppo"} or "northwest" in hardatnin.location.name
    )
    assert hardatnin.location.admin1 == "Aleppo"
    assert hardatnin.actor1 is not None and hardatnin.actor1.side == "government"
    assert hardatnin.claimed_by == "a UK-based monitoring body"
    strikes = _by_sub_type(events, "Air/drone strike")
    assert any(e.actor1 is not None and "Russia" in e.actor1.name for e in strikes)
    civilians = [e for e in events if e.fatalities.civilians == 40]
    assert civilians and civilians[0].fatalities.qualifier == "more than"
    assert civilians[0].claimed_by == "opposition sources"
    battles = [e for e in events if e.event_type == "Battles"]
    assert battles and all(e.location is None or e.location.admin1 == "Aleppo" for e in battles)
    violent = [e for e in events if e.event_type != "Strategic developments"]
    assert all(e.location is None or e.location.name not in {"Geneva", "Oman"} for e in violent)
    assert any(e.sub_event_type == "Change to group/activity" for e in events)
    _evidence_matches_text(item)
    for event in events:
        fields = {ev.field.split(".")[0] for ev in event.evidence}
        assert "event_type" in fields
        assert (event.actor1 is None) or "actor1" in fields
        assert (event.location is None) or "location" in fields
        assert (event.claimed_by is None) or "claimed_by" in fields


def test_background_history_is_not_coded(extractor: Extractor) -> None:
    text = (
        "Government air strikes hit Saraqib on Monday. The town was first bombed by "
        "government jets on 3 March 2013."
    )
    item = _analyze(extractor, text, published="2016-02-10")
    assert item.events
    assert all(e.event_date and e.event_date.year == 2016 for e in item.events)


def test_a_capture_in_a_relative_clause_keeps_its_own_place_and_date(extractor: Extractor) -> None:
    item = _analyze(
        extractor,
        "Turkey said on Tuesday it would not allow the opposition-held town of Azaz to fall "
        "to the Kurdish YPG, which seized Tal Rifaat from rebels on Monday.",
        published="2016-02-16",
    )
    _evidence_matches_text(item)
    (taken,) = _by_sub_type(item.events, "Non-state actor overtakes territory")
    assert taken.location is not None and taken.location.name == "Tall Rif'at"
    assert taken.event_date == dt.date(2016, 2, 15)  # "on Monday", not the day Turkey spoke
    assert item.main_event is not None and item.main_event.location == taken.location


def test_a_capture_in_the_lede_is_not_moved_to_another_events_toll(extractor: Extractor) -> None:
    """The capture is the main event and carries the article's toll, but Azaz, where the
    strike that killed the five happened, is the strike's place, not the capture's."""
    item = _analyze(
        extractor,
        "Syrian government forces captured the town of Tal Rifaat on Tuesday, a monitoring "
        "group said. Russian jets struck Azaz on Wednesday, killing five civilians.",
        published="2016-02-03",
    )
    _evidence_matches_text(item)
    (taken,) = _by_sub_type(item.events, "Government regains territory")
    (strike,) = _by_sub_type(item.events, "Air/drone strike")
    assert item.main_event == taken and taken.fatalities.civilians == 5
    assert taken.location is not None and taken.location.name == "Tall Rif'at"
    assert strike.location is not None and strike.location.name == "I'zaz"


def test_a_resolve_that_a_town_shall_not_fall_is_no_event(extractor: Extractor) -> None:
    item = _analyze(
        extractor,
        "Turkey said it would not allow the town of Azaz to be captured by the YPG.",
        published="2016-02-16",
    )
    assert item.events == [] and item.main_event is None


def test_the_main_incident_is_placed_at_the_village_its_governorate_locates(
    extractor: Extractor,
) -> None:
    """An ACLED-style note: the figure's nearest place is the governorate that only locates
    the village ("Madaya in Rural Damascus"); the event is at the village, as ACLED codes it."""
    item = _analyze(
        extractor,
        "On 3 March 2018, Russian warplanes struck Madaya in Rural Damascus, killing 2 civilians.",
        published="2018-03-03",
    )
    _evidence_matches_text(item)
    main = item.main_event
    assert main is not None and main.location is not None
    assert (main.location.name, main.location.geo_precision) == ("Madaya", 1)
    assert main.location.admin1 == "Rural Damascus"
    (where,) = [ev.text for ev in main.evidence if ev.field == "location"]
    assert where == "Madaya"


@pytest.mark.parametrize(
    ("text", "name", "precision"),
    [
        # ACLED writes a village's district and governorate in brackets after it
        ("On 9 February 2016, Russian warplanes struck Tall Rifaat (Azaz, Aleppo), killing 4 "
         "civilians.", "Tall Rif'at", 1),
        ("On 9 February 2016, Russian warplanes struck Tall Rifaat (Azaz), killing 4 "
         "civilians.", "Tall Rif'at", 1),
        # where fire came from is not the main incident's place, even as the article's first
        ("On 2 December 2017, Israeli missiles fired from the occupied Golan struck a position "
         "near Kiswah (Rural Damascus). No fatalities reported.", "near Kiswah", 2),
        # a point near a village stays near it, whatever town the brackets name
        ("On 2 May 2017, gunmen attacked a checkpoint on the outskirts of Tall Rifaat (Azaz, "
         "Aleppo), killing 1 soldier.", "outskirts of Tall Rifaat", 2),
    ],
)  # fmt: skip
def test_a_bracket_locates_the_place_before_it(
    extractor: Extractor, text: str, name: str, precision: int
) -> None:
    main = _analyze(extractor, text, published="2016-02-09").main_event
    assert main is not None and main.location is not None
    assert (main.location.name, main.location.geo_precision) == (name, precision)


def test_a_list_keeps_the_place_nearest_the_figure(extractor: Extractor) -> None:
    """Two towns joined by a comma are a list, not a town and what locates it."""
    item = _analyze(
        extractor,
        "On 3 March 2018, warplanes struck Madaya, Zabadani, killing 2 civilians.",
        published="2018-03-03",
    )
    main = item.main_event
    assert main is not None and main.location is not None
    assert main.location.name == "Az Zabadani"


def test_a_clause_listing_localities_gives_one_event_at_each(extractor: Extractor) -> None:
    """ACLED's unit is one event per location: "shelled A, B and C" is three shellings, the
    same doer and date, each with its own place's words as evidence; the toll, stated once,
    stays with the first (the main event), and the others carry no figure."""
    item = _analyze(
        extractor,
        "On 3 March 2016, regime forces shelled Maarat al-Numan, Kafr Nabl and Saraqib in "
        "Idleb, killing 2 civilians.",
        published="2016-03-03",
    )
    _evidence_matches_text(item)
    shelling = _by_sub_type(item.events, "Shelling/artillery/missile attack")
    assert [e.location.name for e in shelling if e.location] == [
        "Ma'arrat an Nu'man",
        "Kafranbel",
        "Saraqib",
    ]
    assert [next(ev.text for ev in e.evidence if ev.field == "location") for e in shelling] == [
        "Maarat al-Numan",
        "Kafr Nabl",
        "Saraqib",
    ]
    assert len({e.event_id for e in shelling}) == 3
    assert {(e.event_date, e.actor1.name if e.actor1 else None) for e in shelling} == {
        (dt.date(2016, 3, 3), "Military Forces of Syria (2000-)")
    }
    assert item.main_event is not None and item.main_event.event_id == shelling[0].event_id
    assert [e.fatalities.civilians for e in shelling] == [2, None, None]
    assert not any(ev.field.startswith("fatalities.") for e in shelling[1:] for ev in e.evidence)
    again = _analyze(extractor, item.article.text, published="2016-03-03")
    assert [e.event_id for e in again.events] == [e.event_id for e in item.events]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a plural kind word names both members' kind: two governorates, two events
        ("Clashes erupted in Aleppo and Idlib provinces.", ["Aleppo province", "Idlib province"]),
        ("Jets hit the Hama and Homs countrysides.", ["Hama countryside", "Homs countryside"]),
        # the region holds the village before it: one event, at the village
        ("Regime forces shelled Kafr Nabl and the Idlib countryside.", ["Kafranbel"]),
        ("Regime forces shelled Kafr Nabl and the countryside of Hama.",
         ["Kafranbel", "Hama countryside"]),
        # outside the focus country, the towns listed with the first in its country
        ("Iraqi forces retook Tal Afar and Mosul from Islamic State.", ["Tal Afar", "Mosul"]),
        # not a list: the town and the governorate that locates it
        ("Russian warplanes struck Madaya in Rural Damascus.", ["Madaya"]),
    ],
)  # fmt: skip
def test_a_listed_region_is_an_event_of_its_own_only_outside_the_places_kept(
    extractor: Extractor, text: str, places: list[str]
) -> None:
    item = _analyze(extractor, text)
    assert [e.location.name for e in item.events if e.location] == places


def test_a_listed_locality_another_sentence_states_is_one_event(extractor: Extractor) -> None:
    """The shelling of Saraqib that a later sentence states with its toll is the event
    there; the list adds none beside it."""
    item = _analyze(
        extractor,
        "Regime forces shelled Kafr Nabl and Saraqib on Monday. Regime forces also shelled "
        "Saraqib on Monday, killing 3 civilians.",
    )
    shelling = _by_sub_type(item.events, "Shelling/artillery/missile attack")
    assert [
        (e.location.name if e.location else None, e.fatalities.civilians) for e in shelling
    ] == [
        ("Kafranbel", None),
        ("Saraqib", 3),
    ]


@pytest.mark.parametrize(
    ("text", "name", "point"),
    [
        # the toll's nearest place is where the rockets came from, or the victim's home
        ("On 16 April 2019, HTS fighters fired rockets at Mhardeh (Hama) from positions in "
         "Kafr Zeita, killing 2 civilians.", "Maharda", (35.2479, 36.5725)),
        ("On 7 March 2020, unidentified gunmen shot dead a man from Jasim in Sheikh Maskin "
         "(Izraa, Dar'a).", "Shaykh Miskin", (32.82666, 36.16052)),
        # the countryside of a town that is not its governorate's capital is around the town
        ("On 15 March 2018, ISIS fighters attacked NDF positions in the eastern countryside "
         "of Salamiyah (Hama), killing 4.", "Salamiyah countryside", (35.01127, 37.05324)),
        ("On 15 March 2018, jets struck the Idlib countryside, killing 4.", "Idlib countryside",
         (35.93062, 36.63393)),
    ],
)  # fmt: skip
def test_the_main_incident_is_not_placed_at_an_origin_or_a_capital_for_a_town(
    extractor: Extractor, text: str, name: str, point: tuple[float, float]
) -> None:
    main = _analyze(extractor, text).main_event
    assert main is not None and main.location is not None
    assert (main.location.name, (main.location.latitude, main.location.longitude)) == (name, point)
