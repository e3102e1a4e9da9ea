"""Reports about a route itself: read from text (the real extractor), and how they bear on a
route answer (the fictional region of route_builders: no model there)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Collection
from pathlib import Path

import pytest

from frontwatch.extract.pipeline import Extractor
from frontwatch.records import Article
from frontwatch.situation.model import ControlState, RouteAnswer, RouteEnd, RouteReport
from frontwatch.situation.observations import ControlReader
from frontwatch.situation.reported_cuts import RouteQuestion, apply_reports, path_km
from frontwatch.situation.route_reports import RouteLexicon, RouteReportReader
from frontwatch.situation.routes import route
from route_builders import DAY, POINTS, control, held, observation, region_graph

PUBLISHED = dt.date(2016, 2, 4)


@pytest.fixture(scope="module")
def reader(extractor: Extractor) -> RouteReportReader:
    return RouteReportReader(ControlReader.from_extractor(extractor))


def _read(reader: RouteReportReader, text: str) -> list[RouteReport]:
    article = Article(article_id="a1", text=text, source="afp", published=PUBLISHED)
    return [f.report for f in reader.read(article, [], credibility=0.7, source="afp")]


# -- reading ------------------------------------------------------------------------------------


def test_a_cut_named_in_a_participle_clause_keeps_its_ends_owner_agent_and_place(
    reader: RouteReportReader,
) -> None:
    (r,) = _read(
        reader,
        "Syrian government forces broke the siege of Nubl on Wednesday, cutting the main "
        "supply route between rebel-held parts of Aleppo and Turkey.",
    )
    assert r.status == "cut" and [e.name for e in r.ends] == ["Aleppo", "Turkey"]
    assert r.ends[1].latitude is None  # a region: matched through the graph's crossings
    assert (r.owner, r.agent) == ("opposition", "government")
    assert [p.name for p in r.places] == ["Nubl"]
    assert r.observed == PUBLISHED and r.source == "afp" and "cutting" in r.evidence


def test_a_passive_cut_takes_its_agent_after_by(reader: RouteReportReader) -> None:
    (r,) = _read(reader, "The road between Azaz and Aleppo was cut by government forces.")
    assert [e.name for e in r.ends] == ["I'zaz", "Aleppo"] and r.agent == "government"


def test_a_region_named_in_words_is_an_end(reader: RouteReportReader) -> None:
    (r,) = _read(
        reader,
        "The army has cut off the insurgents' supply line from the Turkish border to Aleppo.",
    )
    assert [e.name for e in r.ends] == ["the Turkish border", "Aleppo"]
    assert (r.owner, r.agent) == ("opposition", "government")


def test_a_place_cut_off_from_another(reader: RouteReportReader) -> None:
    (r,) = _read(reader, "The offensive has cut off Azaz from Aleppo, the monitor said.")
    assert [e.name for e in r.ends] == ["I'zaz", "Aleppo"] and r.status == "cut"
    (r,) = _read(
        reader,
        "Tal Rifaat and Mare' remain in rebel hands, but fighters there are now cut off from "
        "Aleppo.",
    )
    assert [e.name for e in r.ends] == ["Mari'", "Aleppo"] and r.places[0].name == "Tall Rif'at"


def test_an_infinitive_is_not_done_but_a_preposition_before_a_place_is_no_infinitive(
    reader: RouteReportReader,
) -> None:
    assert _read(reader, "Government forces moved to cut the road between Azaz and Aleppo.") == []
    (r,) = _read(
        reader,
        "Syrian troops broke through to Nubl and Zahraa, severing the rebels' main supply "
        "corridor between Aleppo and Turkey.",
    )
    assert r.agent == "government" and [p.name for p in r.places] == ["Nubl"]


def test_a_reopened_road(reader: RouteReportReader) -> None:
    (r,) = _read(reader, "Rebels reopened the road linking Azaz to Aleppo on Friday.")
    assert r.status == "reopened" and r.agent == "opposition"


@pytest.mark.parametrize(
    "text",
    [
        "The offensive is threatening to cut opposition supply lines into Aleppo from Turkey.",
        "Government forces were close to cutting the road between Azaz and Aleppo.",
        "The army failed to cut the highway from Azaz to Aleppo.",
        "The road to Aleppo was busy on Monday.",
    ],
)
def test_no_statement_no_report(reader: RouteReportReader, text: str) -> None:
    assert _read(reader, text) == []


def test_a_cut_with_no_place_named_is_no_report(reader: RouteReportReader) -> None:
    assert _read(reader, "The army cut the supply line to the city.") == []


def test_the_packaged_lexicon_loads() -> None:
    lexicon = RouteLexicon.load()
    assert lexicon.end_km > lexicon.cut_km > 0
    assert [
        s.status for s in lexicon.statements("the road has been cut; they reopened the road")
    ] == [
        "cut",
        "reopened",
    ]


def test_path_km_is_the_distance_to_the_nearest_segment() -> None:
    line = [(36.0, 37.0), (36.0, 37.2)]
    assert path_km((36.1, 37.1), line) == pytest.approx(11.1, abs=0.2)
    assert path_km((36.0, 37.0), line) == pytest.approx(0.0, abs=1e-6)


# -- bearing on a route answer ------------------------------------------------------------------


def _end(name: str) -> RouteEnd:
    lat, lon = POINTS[name]
    return RouteEnd(name, lat, lon)


def _report(
    day: int, *, status: str = "cut", owner: str | None = "opposition", **kw: object
) -> RouteReport:
    fields: dict[str, object] = {
        "status": status,
        "ends": (_end("Southport"), _end("Northgate")),
        "places": (_end("Millfield"),),
        "observed": DAY + dt.timedelta(days=day - 1),
        "owner": owner,
        "agent": "government",
        "article_id": f"art-{day}",
        "evidence": f"government forces cut the road from Southport to Northgate (day {day})",
        "source": "afp",
    }
    fields.update(kw)
    return RouteReport(**fields)  # type: ignore[arg-type]


def _ask(
    tmp_path: Path,
    reports: list[RouteReport],
    *,
    as_of: int = 10,
    states: dict[str, ControlState] | None = None,
    ends: tuple[str, str] = ("Southport", "Northgate"),
) -> RouteAnswer:
    graph = region_graph(tmp_path)
    states = states or control(held("Millfield", "government", 1))
    return route(
        graph,
        states,
        ends[0],
        ends[1],
        "opposition",
        as_of=DAY + dt.timedelta(days=as_of - 1),
        reports=reports,
    )


def test_the_graph_alone_finds_the_east_road_open(tmp_path: Path) -> None:
    answer = _ask(tmp_path, [])
    assert answer.open and answer.basis == "graph" and "Eastbury" in answer.path


def test_a_report_of_the_cut_closes_a_road_the_graph_finds_open(tmp_path: Path) -> None:
    answer = _ask(tmp_path, [_report(3)])
    assert not answer.open and answer.basis == "report"
    assert answer.blocked_by == ("Millfield",) and answer.reported[0].observed.day == 3
    assert any(o.locality_name == "Millfield" for o in answer.decided_by)
    assert any("reported cut by afp" in n for n in answer.notes)


def test_a_report_after_the_date_asked_or_about_another_side_is_ignored(tmp_path: Path) -> None:
    assert _ask(tmp_path, [_report(3)], as_of=2).open
    assert _ask(tmp_path, [_report(3, owner="government")]).open
    # no owner named: the side that cut it is the enemy of the route's side
    assert not _ask(tmp_path, [_report(3, owner=None)]).open
    assert _ask(tmp_path, [_report(3, owner=None, agent="opposition")]).open


def test_a_later_reopened_report_or_recapture_supersedes_the_cut(tmp_path: Path) -> None:
    assert _ask(tmp_path, [_report(3), _report(5, status="reopened", agent="opposition")]).open
    retaken = control(
        dataclasses.replace(
            held("Millfield", "government", 1),
            side="opposition",
            observations=(observation("Millfield", "opposition", 6),),
        )
    )
    assert _ask(tmp_path, [_report(3)], states=retaken).open


def test_ends_far_from_the_question_do_not_concern_it(tmp_path: Path) -> None:
    far = _report(3, ends=(_end("Fort"), _end("Northgate")))
    assert _ask(tmp_path, [far]).open


def test_a_region_question_is_decided_only_near_the_path(tmp_path: Path) -> None:
    turkey = RouteEnd("Turkey")
    near = _report(3, ends=(_end("Southport"), turkey))
    far = _report(3, ends=(_end("Southport"), turkey), places=(_end("Fort"),))
    # "any border" is a region: another road may answer it, so only a cut near the path
    # decides (and every road here passes within cut_km of Millfield)
    assert not _ask(tmp_path, [near], ends=("any border", "Southport")).open
    answer = _ask(tmp_path, [far], ends=("any border", "Southport"))
    assert answer.open and any("not near the path" in n for n in answer.notes)
    # asked from the crossing itself or between localities, "Turkey" stands for the crossing
    # by Northgate: the report is about this very road
    assert not _ask(tmp_path, [far], ends=("Gate", "Southport")).open
    assert not _ask(tmp_path, [far]).open


def test_a_region_question_takes_another_road_around_the_cut(tmp_path: Path) -> None:
    graph = region_graph(tmp_path)
    day = DAY + dt.timedelta(days=9)
    lexicon = copy.copy(RouteLexicon.load())
    lexicon.cut_km = 3.0  # the region is small
    cut = _report(3, ends=(_end("Southport"), RouteEnd("Turkey")), places=(_end("Eastbury"),))

    def ask(states: dict[str, ControlState]) -> RouteAnswer:
        answer = route(graph, states, "any border", "Southport", "opposition", as_of=day)

        def rerun(more: Collection[str]) -> RouteAnswer:
            return route(
                graph, states, "any border", "Southport", "opposition", as_of=day, avoid=more
            )

        question = RouteQuestion(
            graph,
            states,
            graph.resolve("any border"),
            graph.resolve("Southport"),
            frozenset({"opposition"}),
            day,
            rerun,
        )
        return apply_reports(answer, [cut], question, lexicon=lexicon)

    west_shut = control(held("Millfield", "government", 1))
    assert "Eastbury" in route(graph, west_shut, "any border", "Southport", "opposition").path
    assert not ask(west_shut).open  # the east road is cut and the west road held shut
    detour = ask({})
    assert detour.open and detour.basis == "graph" and "Eastbury" not in detour.path
    assert "Westbury" in detour.path and detour.reported == (cut,)
    assert any("this path avoids it" in n for n in detour.notes)


def test_a_report_never_opens_a_road_held_shut(tmp_path: Path) -> None:
    shut = control(
        held("Westbury", "government", 1),
        held("Eastbury", "government", 1),
    )
    answer = _ask(tmp_path, [_report(5, status="reopened", agent="opposition")], states=shut)
    assert not answer.open and answer.basis == "graph"
    assert any("reported reopened" in n for n in answer.notes)
