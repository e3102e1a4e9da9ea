"""The northern Aleppo corridor, February 2016, through the real pipeline and a real DuckDB file.

Real geography, invented wording: reports.jsonl holds 12 wire-style reports (2016-01-31 to
2016-02-16) of the government offensive that broke the siege of Nubl and al-Zahraa on 3 February
and cut the rebels' road from Azaz to eastern Aleppo, and of the Kurdish-led capture of Tal
Rifaat on 15 February; baseline.csv says who held the key localities of the bundled gazetteer on
2016-01-31. The baseline is imported, the reports ingested (the real extractor, the bundled
gazetteer), and control, routes and encircled areas are read back as the CLI reads them (with
the reports about the route itself: "cutting the main supply route between ... Aleppo and
Turkey"). The same run again with the villages of the offensive imported first
(``village_run``, villages_SY.txt) shows what a village-level gazetteer adds: the Azaz road
cut on the graph itself, by the held line, from 3 February.

Checks that hold today are plain asserts; those that fail are strict xfails naming the cause, so
the suite stays green and a fix turns them into XPASS (then drop the mark).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.extract.pipeline import Extractor
from frontwatch.geocode.gazetteer import load_gazetteer
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.jobs import ingest
from frontwatch.settings import Settings, load_settings
from frontwatch.situation.baseline import read_baseline
from frontwatch.situation.control import ControlRules
from frontwatch.situation.encircle import encircled
from frontwatch.situation.graph import LocalityGraph, graph_for
from frontwatch.situation.model import ControlState, Observation, RouteReport
from frontwatch.situation.routes import route
from frontwatch.situation.sides import load_sides
from frontwatch.situation.watch import stored_control
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore
from situation.scenario_data import Day

DIR = Path(__file__).resolve().parent
REPORTS = DIR / "reports.jsonl"
BASELINE = DIR / "baseline.csv"
VILLAGES = DIR / "villages_SY.txt"
GEOCODE = DIR.parents[1] / "fixtures" / "geocode"

D01, D03, D04, D10, D16 = (dt.date(2016, 2, d) for d in (1, 3, 4, 10, 16))
DATES = (D01, D03, D04, D10, D16)
AFTER_BREAK = (D03, D04, D10, D16)

ROUTES = {
    "azaz-aleppo": ("Azaz", "Aleppo"),
    "azaz-east-aleppo": ("Azaz", "Masaken Hanano"),  # a rebel-held district of eastern Aleppo
    "border-aleppo": ("Turkish border", "Aleppo"),
    "salama-aleppo": ("Bab al-Salama", "Aleppo"),  # the crossing by Azaz
}

# Why the failing checks fail. (Fixed: the relief of Nubl used to be inferred along the
# graph's shortest path to the nearest government place, 20 km away through Aleppo, flipping
# rebel-held Huraytan and Kurdish Sheikh Maqsoud; now the way must cross the besieger's ground
# only and be at most relief_max_km long, so nothing is inferred here.)
GAZETTEER = (
    "bundled gazetteer: no al-Zahraa, Mayer, Hardatnin between Nubl and Aleppo, so their "
    "capture is not observed (the village_run tests: it is once they are imported)"
)


@dataclass
class Run:
    settings: Settings
    graph: LocalityGraph
    observations: list[Observation]
    days: dict[dt.date, Day]
    reports: list[RouteReport]

    def node(self, name: str) -> str:
        (node,) = self.graph.resolve(name).node_ids
        return node

    def state(self, day: dt.date, name: str) -> ControlState | None:
        return self.days[day].control.get(self.node(name))


def _baseline(store: Store, settings: Settings) -> None:
    errors: list[InputError] = []
    rows = list(
        read_baseline(
            BASELINE,
            load_gazetteer(settings),
            sides=load_sides(),
            rules=ControlRules.load(),
            on_error=errors.append,
            focus=settings.country_focus,
        )
    )
    assert not errors and len(rows) == 20
    SituationStore(store).add_observations(rows)


def _run(db: Path, settings: Settings, extractor: Extractor) -> Run:
    """Baseline and every report in one DuckDB file, then the answers on each date (the
    observations carry their own dates: nothing dated after a date is used for it)."""
    graph = graph_for(load_gazetteer(settings), settings)
    with Store(db) as store:
        _baseline(store, settings)
        report = ingest([REPORTS], settings=settings, store=store, extractor=extractor)
        assert report.articles_added == 12 and not report.errors
        observations = [row.observation for row in SituationStore(store).observations()]
        reports = SituationStore(store).route_reports()
        days = {}
        for day in DATES:
            answers = Day(stored_control(store, settings, graph, day))
            for key, (origin, destination) in ROUTES.items():
                answers.routes[key] = route(
                    graph,
                    answers.control,
                    origin,
                    destination,
                    "opposition",
                    as_of=day,
                    max_cut=settings.route_max_cut,
                    reports=reports,
                )
            for side in ("government", "opposition"):
                answers.areas[side] = encircled(graph, answers.control, side, None)
            days[day] = answers
    return Run(settings, graph, observations, days, reports)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> Run:
    """The bundled gazetteer."""
    db = tmp_path_factory.mktemp("corridor2016") / "corridor.duckdb"
    return _run(db, load_settings(env={}, db=str(db)), extractor)


@pytest.fixture(scope="module")
def village_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The villages of the offensive imported first (villages_SY.txt, GeoNames format), and an
    extractor that knows them."""
    db = tmp_path_factory.mktemp("corridor2016-villages") / "corridor.duckdb"
    settings = load_settings(env={}, db=str(db))
    codes = (GEOCODE / "admin1CodesASCII.txt", GEOCODE / "admin2Codes.txt")
    with Store(db) as store:
        import_gazetteer(store, ImportRequest(files=(VILLAGES, *codes)), settings=settings)
    extractor = Extractor(settings, gazetteer=load_gazetteer(settings))
    return _run(db, settings, extractor)


def _found(run: Run, name: str, kind: str, side: str) -> list[Observation]:
    node = run.node(name)
    return [
        o
        for o in run.observations
        if o.locality_id == node and o.kind == kind and o.side == side and o.article_id
    ]


# -- observations read from the reports ---------------------------------------------------------


def test_the_reports_say_nubl_was_besieged_then_relieved(run: Run) -> None:
    (besieged,) = _found(run, "Nubl", "besieged", "opposition")
    assert besieged.observed == dt.date(2016, 1, 31) and besieged.source == "reuters"
    relieved = _found(run, "Nubl", "siege_broken", "government")
    assert min(o.observed for o in relieved) == D03  # same-day rows are ordered by id hash
    assert (D03, "reuters") in {(o.observed, o.source) for o in relieved}
    assert all(o.event_id for o in relieved)


def test_tal_rifaat_falls_to_the_kurds_on_15_february(run: Run) -> None:
    captured = sorted(_found(run, "Tal Rifaat", "captured", "kurdish"), key=lambda o: o.observed)
    assert captured and all(o.observed == dt.date(2016, 2, 15) and o.event_id for o in captured)
    # Al Jazeera's report of the next day dates it by its own clause ("which seized Tal
    # Rifaat from rebels on Monday"), not by the day Turkey spoke
    assert {o.source for o in captured} == {"afp", "aljazeera"}


def test_hreitan_is_reported_rebel_held(run: Run) -> None:
    assert {o.source for o in _found(run, "Hreitan", "held", "opposition")} == {"sohr", "afp"}


def test_tal_rifaat_is_reported_rebel_held_before_it_falls(run: Run) -> None:
    sources = {o.source for o in _found(run, "Tal Rifaat", "held", "opposition")}
    assert {"reuters", "aljazeera"} <= sources


def test_the_state_agency_report_of_the_relief_is_read(run: Run) -> None:
    assert "sana" in {o.source for o in _found(run, "Nubl", "siege_broken", "government")}


@pytest.mark.xfail(strict=True, reason=GAZETTEER)
def test_the_villages_of_the_offensive_are_observed(run: Run) -> None:
    names = {o.locality_name for o in run.observations if o.article_id}
    assert {"al-Zahraa", "Mayer", "Hardatnin"} <= names


# -- control on each date -----------------------------------------------------------------------


@pytest.mark.parametrize("day", DATES, ids=str)
def test_nubl_stays_government_and_its_siege_ends_on_3_february(run: Run, day: dt.date) -> None:
    state = run.state(day, "Nubl")
    assert state is not None and state.side == "government" and state.observations
    assert state.besieged_by == ("opposition" if day < D03 else None)


@pytest.mark.parametrize("day", DATES, ids=str)
def test_tal_rifaat_is_rebel_held_until_the_kurds_take_it(run: Run, day: dt.date) -> None:
    state = run.state(day, "Tal Rifaat")
    assert state is not None
    assert state.side == ("kurdish" if day >= D16 else "opposition")
    if day >= D16:
        assert state.conflict is not None and state.conflict.rule == "recency"
        assert state.conflict.chosen_side == "kurdish"


@pytest.mark.parametrize("day", DATES, ids=str)
def test_the_relief_flips_no_place_another_side_holds(run: Run, day: dt.date) -> None:
    names = ("Hreitan", "Kallaseh", "Sukkari", "Sheikh Maqsoud", "Aleppo")
    states = {name: run.state(day, name) for name in names}
    flipped = [name for name, state in states.items() if state and state.side == "government"]
    assert not flipped, flipped


# -- routes -------------------------------------------------------------------------------------


def test_azaz_to_aleppo_is_open_on_1_february_and_cites_reports(run: Run) -> None:
    answer = run.days[D01].routes["azaz-aleppo"]
    assert answer.open and "Tall Rif'at" in answer.path
    assert any(o.event_id or o.article_id for o in answer.decided_by)


def test_the_cut_of_the_supply_route_is_read_as_a_route_report(run: Run) -> None:
    (cut,) = [r for r in run.reports if r.source == "reuters" and r.status == "cut"]
    assert cut.observed == D03 and (cut.owner, cut.agent) == ("opposition", "government")
    assert cut.event_id is not None  # the relief stated in the same sentence
    assert {e.name for e in cut.ends} == {"Aleppo", "Turkey"}
    assert [p.name for p in cut.places] == ["Nubl"]


# With the bundled gazetteer no held line closes the Azaz road on the graph (its villages are
# missing); the Reuters report that the road itself was cut at Nubl decides instead.


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_azaz_to_aleppo_is_cut_after_the_relief_citing_it(run: Run, day: dt.date) -> None:
    answer = run.days[day].routes["azaz-aleppo"]
    assert not answer.open and answer.basis == "report"
    assert any(r.source == "reuters" and r.observed == D03 for r in answer.reported)
    assert any(o.kind == "siege_broken" and o.event_id for o in answer.decided_by)


def test_the_cli_says_the_cut_is_reported_and_quotes_it(run: Run) -> None:
    args = ["route", "Azaz", "Aleppo", "--side", "opposition", "--as-of", "2016-02-04"]
    args += ["--db", str(run.settings.db)]
    text = CliRunner().invoke(main, args)
    assert text.exit_code == 0, text.output
    assert "CUT (reported)" in text.output and "blocked by: Nubl" in text.output
    assert "reports about the route itself:" in text.output and "(reuters)" in text.output
    as_json = CliRunner().invoke(main, [*args, "--json"])
    answer = json.loads(as_json.output)
    assert answer["basis"] == "report" and answer["reported"][0]["event_id"]


def test_a_watched_azaz_road_alerts_when_the_reports_cut_it(tmp_path: Path) -> None:
    """watch-route before the ingest; the ingest's reports cut the road: one alert, citing
    the relief of Nubl (the bundled gazetteer: the report of the cut decides)."""
    db = str(tmp_path / "watch.duckdb")
    runner = CliRunner()
    steps = [
        ["control", "import", str(BASELINE), "--db", db],
        ["watch-route", "Azaz", "Aleppo", "--side", "opposition", "--db", db],
        ["ingest", str(REPORTS), "--db", db],
    ]
    for args in steps:
        done = runner.invoke(main, args)
        assert done.exit_code == 0, done.output
    alerts = [
        json.loads(line)
        for line in runner.invoke(main, ["alerts", "--json", "--db", db]).output.splitlines()
    ]
    (cut,) = [a for a in alerts if a["kind"] == "route_cut"]
    assert "Nubl" in cut["localities"]
    assert any(o["kind"] == "siege_broken" for o in cut["observations"])


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_azaz_to_aleppo_is_blocked_at_nubl_not_in_aleppo(run: Run, day: dt.date) -> None:
    answer = run.days[day].routes["azaz-aleppo"]
    assert not answer.open and "Aleppo" not in answer.blocked_by
    assert set(answer.blocked_by) & {"Nubl", "al-Zahraa", "Mayer", "Muarasat al-Khan"}


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_the_azaz_crossing_to_aleppo_is_cut_after_the_relief(run: Run, day: dt.date) -> None:
    """A question from one crossing is about that crossing's road (not any road to Turkey)."""
    answer = run.days[day].routes["salama-aleppo"]
    assert not answer.open and "Nubl" in answer.blocked_by and "I'zaz" not in answer.blocked_by


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_azaz_to_rebel_held_eastern_aleppo_is_cut_after_the_relief(run: Run, day: dt.date) -> None:
    assert not run.days[day].routes["azaz-east-aleppo"].open


@pytest.mark.parametrize("day", DATES, ids=str)
def test_eastern_aleppo_keeps_its_road_to_the_turkish_border(run: Run, day: dt.date) -> None:
    """The Castello road west towards Bab al-Hawa stayed open all month."""
    answer = run.days[day].routes["border-aleppo"]
    assert answer.open and answer.path[0] == "Bab al-Hawa" and answer.decided_by
    # the report of the cut at Nubl names "Turkey", but this road runs far from Nubl
    assert answer.basis == "graph"


# -- encirclement -------------------------------------------------------------------------------


def test_nubl_is_encircled_on_1_february_citing_the_siege_report(run: Run) -> None:
    (area,) = run.days[D01].areas["government"]
    assert list(area.localities) == ["Nubl"]
    assert {"Tall Rif'at", "Huraytan"} <= set(area.ring)
    assert any(o.kind == "besieged" and o.event_id for o in area.decided_by)


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_no_government_area_is_encircled_after_the_relief(run: Run, day: dt.date) -> None:
    assert run.days[day].areas["government"] == []


@pytest.mark.parametrize("day", DATES, ids=str)
def test_no_opposition_area_is_encircled(run: Run, day: dt.date) -> None:
    """Azaz keeps Bab al-Salama, eastern Aleppo keeps the Castello road: nothing closed."""
    assert run.days[day].areas["opposition"] == []


# -- with the villages of the offensive in the gazetteer ----------------------------------------
# villages_SY.txt: 15 villages between Azaz and Aleppo in GeoNames' dump format (ids 9991xxx,
# coordinates approximate, placed for this test; not GeoNames data), as a user would import
# a GeoNames SY dump. The same reports then name them, and the held line between Nubl and the
# government's villages north of Aleppo cuts the Azaz road.


def test_the_villages_of_the_offensive_are_observed_once_imported(village_run: Run) -> None:
    taken = {
        o.locality_name
        for o in village_run.observations
        if o.article_id and o.side == "government" and o.kind == "captured"
    }
    assert {"Ma'yir", "Ma'arrasat al Khan", "Hardatnin", "Rityan", "Tall Jabin"} <= taken


def test_with_villages_azaz_to_aleppo_is_open_on_1_february(village_run: Run) -> None:
    assert village_run.days[D01].routes["azaz-aleppo"].open


@pytest.mark.parametrize("day", AFTER_BREAK, ids=str)
def test_with_villages_azaz_to_aleppo_is_cut_at_the_relief_line(
    village_run: Run, day: dt.date
) -> None:
    answer = village_run.days[day].routes["azaz-aleppo"]
    assert not answer.open and answer.basis == "graph"  # the held line, not only the report
    assert {"Nubl", "Ma'yir"} & set(answer.blocked_by)
    kinds = {(o.kind, o.locality_name) for o in answer.decided_by if o.event_id}
    assert ("captured", "Ma'yir") in kinds or ("siege_broken", "Nubl") in kinds


@pytest.mark.parametrize("day", DATES, ids=str)
def test_with_villages_eastern_aleppo_keeps_its_road_to_the_turkish_border(
    village_run: Run, day: dt.date
) -> None:
    answer = village_run.days[day].routes["border-aleppo"]
    assert answer.open and answer.path[0] == "Bab al-Hawa"


def test_with_villages_nubl_is_encircled_until_3_february(village_run: Run) -> None:
    encircled_before = [a.localities for a in village_run.days[D01].areas["government"]]
    assert any("Nubl" in names for names in encircled_before)
    assert all(village_run.days[d].areas["government"] == [] for d in AFTER_BREAK)
