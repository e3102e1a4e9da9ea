"""Control as of a date: the conflict rule on observations, and the whole path from report
texts through the real pipeline into a DuckDB file and back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from control_builders import MAREA, NUBL, TAL_RIFAAT, obs, write_reports
from frontwatch.errors import ResourceError
from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import ingest
from frontwatch.settings import Settings
from frontwatch.situation.control import (
    ControlRules,
    changes_between,
    control_as_of,
    timeline,
)
from frontwatch.situation.observations import ControlReader
from frontwatch.situation.update import update_control
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore

FEB = dt.date(2016, 2, 1)


def day(n: int) -> dt.date:
    return FEB.replace(day=n)


# ------------------------------------------------------------------ the rule, on observations


def test_rules_file_schema(tmp_path: Path) -> None:
    rules = ControlRules.load()
    assert rules.recency_days >= 1 and 0 <= rules.default_credibility <= 1
    bad = tmp_path / "rules.yaml"
    bad.write_text("version: 1\nrecency_days: 3\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"rules\.yaml"):
        ControlRules.load(bad)


def test_capture_then_held() -> None:
    state = control_as_of([obs("opposition", 1)], day(5))["L1"]
    assert (state.side, state.since, state.conflict) == ("opposition", day(1), None)
    assert state.observations[0].evidence.startswith("reuters")
    assert control_as_of([obs("opposition", 6)], day(5)) == {}


def test_single_weak_report_does_not_flip_a_corroborated_state() -> None:
    claims = [
        obs("opposition", 1, source="reuters"),
        obs("opposition", 2, source="afp"),
        obs("government", 3, source="sputnik", credibility=0.2),
    ]
    state = control_as_of(claims, day(3))["L1"]
    assert state.side == "opposition" and state.since == day(1)
    conflict = state.conflict
    assert conflict is not None and conflict.rule == "corroboration"
    assert conflict.chosen_side == "opposition" and conflict.decided == day(3)
    assert [o.source for o in conflict.losing] == ["sputnik"]


def test_newer_claim_beyond_the_window_wins_by_recency() -> None:
    claims = [obs("opposition", 1), obs("opposition", 2, source="afp"), obs("government", 10)]
    state = control_as_of(claims, day(10))["L1"]
    assert (state.side, state.since) == ("government", day(10))
    assert state.conflict is not None and state.conflict.rule == "recency"
    assert {o.side for o in state.conflict.losing} == {"opposition"}


def test_corroborated_challenger_flips_within_the_window() -> None:
    claims = [
        obs("opposition", 2, source="afp"),
        obs("government", 4, source="reuters"),
        obs("government", 4, source="bbc"),
    ]
    state = control_as_of(claims, day(4))["L1"]
    assert state.side == "government" and state.conflict is not None
    assert state.conflict.rule == "corroboration"
    # the opposition report alone, as of the day before, still decides
    assert control_as_of(claims, day(3))["L1"].side == "opposition"


def test_credibility_breaks_a_tie_and_a_full_tie_keeps_the_state() -> None:
    weak = [obs("opposition", 1, source="a", credibility=0.4), obs("government", 2, source="b")]
    state = control_as_of(weak, day(2))["L1"]
    assert state.side == "government" and state.conflict is not None
    assert state.conflict.rule == "credibility"
    even = [obs("opposition", 1, source="a"), obs("government", 2, source="b")]
    state = control_as_of(even, day(2))["L1"]
    assert state.side == "opposition" and state.conflict is not None
    assert state.conflict.rule == "unchanged"


def test_later_reports_of_a_decided_conflict_do_not_refight_it() -> None:
    claims = [
        obs("opposition", 1, source="a"),
        obs("opposition", 2, source="b"),
        obs("government", 3, source="c"),
        obs("government", 4, source="d", credibility=0.3),
    ]
    lines = timeline(claims, day(4))
    # one conflict, decided on Feb 3 with every report of the window: 2 outlets against 2,
    # the same best credibility, so the state stands; the Feb 4 report does not reopen it
    assert len(lines["L1"].conflicts) == 1 and lines["L1"].holder == "opposition"
    assert lines["L1"].conflicts[0].rule == "unchanged"


def test_siege_is_tracked_until_broken_or_captured() -> None:
    claims = [
        obs("government", 1, kind="held"),
        obs("opposition", 2, kind="besieged"),
        obs("government", 8, kind="siege_broken"),
    ]
    assert control_as_of(claims, day(5))["L1"].besieged_by == "opposition"
    state = control_as_of(claims, day(8))["L1"]
    assert state.besieged_by is None and state.side == "government"
    captured = [*claims[:2], obs("opposition", 9)]
    state = control_as_of(captured, day(9))["L1"]
    assert state.besieged_by is None and state.side == "opposition"


def test_siege_broken_alone_infers_the_holder_and_withdrawal_leaves_nobody() -> None:
    state = control_as_of([obs("government", 3, kind="siege_broken")], day(3))["L1"]
    assert state.side == "government" and state.inferred
    claims = [obs("opposition", 1), obs("opposition", 9, kind="withdrew")]
    state = control_as_of(claims, day(9))["L1"]
    assert state.side is None and state.since == day(9)


def test_allies_count_as_one_side() -> None:
    claims = [obs("jihadist", 1), obs("opposition", 2, source="afp")]
    state = control_as_of(claims, day(2))["L1"]
    assert state.side == "opposition" and state.conflict is None
    assert control_as_of([obs("civilians", 1)], day(2)) == {}


def test_changes_between_dates() -> None:
    claims = [obs("opposition", 1), obs("government", 10), obs("opposition", 20)]
    found = changes_between(claims, day(5), day(15))
    assert [(c.date, c.before, c.after) for c in found] == [(day(10), "opposition", "government")]
    assert found[0].observations[0].side == "government"


# ------------------------------------------------------------------ reports through the pipeline


@pytest.fixture(scope="module")
def scenario_db(
    tmp_path_factory: pytest.TempPathFactory, extractor: Extractor, settings: Settings
) -> Path:
    folder = tmp_path_factory.mktemp("control")
    db = folder / "fw.duckdb"
    with Store(db) as store:
        report = ingest(
            [write_reports(folder)], settings=settings, store=store, extractor=extractor
        )
    assert report.articles_added == 7 and not report.errors
    return db


def _states(db: Path, as_of: dt.date) -> dict[str, object]:
    with Store(db, read_only=True) as store:
        observations = [s.observation for s in SituationStore(store).observations()]
    return dict(control_as_of(observations, as_of))


def test_reports_capture_then_hold(scenario_db: Path) -> None:
    states = _states(scenario_db, day(2))
    tal, marea, nubl = states[TAL_RIFAAT], states[MAREA], states[NUBL]
    assert tal.side == "opposition" and tal.since == day(1)  # type: ignore[attr-defined]
    assert marea.side == "opposition"  # type: ignore[attr-defined]
    # "besieged the government-held town of Nubl": held by one side, besieged by the other
    assert nubl.side == "government" and nubl.besieged_by == "opposition"  # type: ignore[attr-defined]
    # one sentence, two places: each has the sentence as evidence
    assert "Tal Rifaat and Mare'" in marea.observations[0].evidence  # type: ignore[attr-defined]


def test_weak_contradicting_report_is_a_recorded_conflict(scenario_db: Path) -> None:
    tal = _states(scenario_db, day(3))[TAL_RIFAAT]
    assert tal.side == "opposition"  # type: ignore[attr-defined]
    conflict = tal.conflict  # type: ignore[attr-defined]
    assert conflict.rule == "corroboration" and conflict.chosen_side == "opposition"
    assert [o.source for o in conflict.losing] == ["sputnik"]
    assert conflict.losing[0].event_id is not None


def test_corroborated_and_later_recaptures_flip(scenario_db: Path) -> None:
    states = _states(scenario_db, day(10))
    assert states[MAREA].side == "government"  # type: ignore[attr-defined]
    assert states[MAREA].conflict.rule == "corroboration"  # type: ignore[attr-defined]
    tal = states[TAL_RIFAAT]
    assert tal.side == "government" and tal.since == day(10)  # type: ignore[attr-defined]
    assert tal.conflict.rule == "recency"  # type: ignore[attr-defined]
    assert len({o.source for o in tal.observations}) == 2  # type: ignore[attr-defined]
    assert states[NUBL].besieged_by is None  # type: ignore[attr-defined]


def test_conflicts_are_stored_and_reruns_change_nothing(
    scenario_db: Path, extractor: Extractor, settings: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(scenario_db.read_bytes())
    with Store(copy) as store:
        situation = SituationStore(store)
        before = ({s.observation_id for s in situation.observations()}, situation.conflicts())
        assert any(c[4] == "corroboration" for c in before[1])
        ids = situation.articles_with_events()
        update_control(store, ids, ControlReader.from_extractor(extractor))
        report = ingest(
            [write_reports(tmp_path)], settings=settings, store=store, extractor=extractor
        )
        assert report.articles_added == 0
        after = ({s.observation_id for s in situation.observations()}, situation.conflicts())
    assert after == before
