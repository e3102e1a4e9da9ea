"""``frontwatch eval places``: the metric's arithmetic, the file format, the Masdar floor and
the floors on wire sentences written blind (other wars; the Syrian war; Xinhua and APW; hard
sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import shared_file
from frontwatch.cli import main
from frontwatch.errors import InputError
from frontwatch.evaluate.places import (
    Group,
    NameKeys,
    Tally,
    evaluate_places,
    gold_names,
    normalize_place,
    parse_line,
    sentence_article,
    verb_places,
)
from frontwatch.extract.pipeline import Extractor

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "places_small.jsonl"
MASDAR_F1_FLOOR = 0.73
"""Measured 0.758 (verb anchor, strict; 0.754 before "Harasta al-Qantra" was read, 0.749
before the blind wire files were read, 0.7464 before "the village of Nasrallah" was read,
0.7456 before "Rasm" headed names, 0.744 before
dash asides and attack starts were read, 0.740 before people's surnames, the reporter's place
and closing attributions were told apart; 0.702 before lists after a plural locality noun,
facility kind words, the clause saying how a death came about ("killed when a shell hit
X"), a country naming who acted ("US airstrikes") and names keyed as English stop words
were read; 0.677 before a phrase referring back to a place, a
participle after its clause and names opened by a number were read; 0.650 before the scorer
joined token-by-token gold spans and compared names without a kind word such as
"province"). The file's ceiling is low: about 790 of its Masdar_RA sentences (masdar_kill
ids 400 and above) carry no LOCATION label, whatever they say, so a right place predicted
there counts as a false positive."""
WIRE = FIXTURE.with_name("wire_other_wars.jsonl")
WIRE_F1_FLOOR = 0.93
"""160 wire sentences (AP, AFP, Xinhua, Reuters) of 20 other wars, written and annotated by a
session that had not read the code (docs/benchmarks.md). Measured 0.898 strict F1 before any
rule was changed for them, 0.958 after the rules its even-numbered ids showed missing, 0.964
after the rules of the later files."""
WIRE_HELD_OUT_F1_FLOOR = 0.92
"""The odd-numbered ids, whose errors were never looked at: 0.946 before, 0.952 after, 0.964
after the rules of the later files."""
WIRE_SYRIA = FIXTURE.with_name("wire_syria.jsonl")
WIRE_SYRIA_F1_FLOOR = 0.92
"""120 wire sentences (AFP, AP, Xinhua, Reuters) of the Syrian war, written and annotated by
another session that had not read the code; held out whole (no rule was changed for it).
Measured 0.918 at the start of 2026-12-07's last session, 0.922 at its end, 0.947 after the
rules the Xinhua/APW and hard files' dev halves showed missing."""
WIRE_XA = FIXTURE.with_name("wire_xinhua_apw.jsonl")
WIRE_XA_F1_FLOOR = 0.93
"""160 sentences in the style of Xinhua and APW (80 each; half the Syrian war, half other
wars), written and annotated by a third session that had not read the code. Measured 0.912
before any rule was changed for them, 0.949 after the rules its even-numbered ids showed
missing, 0.955 after the later rules."""
WIRE_XA_HELD_OUT_F1_FLOOR = 0.93
"""Its odd-numbered ids, whose errors were never looked at: 0.949 before, 0.949 after (0.960
and back to 0.949 with the next file's rules)."""
WIRE_HARD = FIXTURE.with_name("wire_hard.jsonl")
WIRE_HARD_F1_FLOOR = 0.95
"""160 longer sentences (AFP, APW, Xinhua; half the Syrian war) with two events, appositives,
passive subjects, relative places and distractors, written and annotated by a fourth session
that had not read the code. Measured 0.906 before any rule was changed for them, 0.978
after the rules its even-numbered ids showed missing."""
WIRE_HARD_HELD_OUT_F1_FLOOR = 0.95
"""Its odd-numbered ids, whose errors were never looked at: 0.932 before, 0.975 after."""
MASDAR_ANNOTATED_F1_FLOOR = 0.91
"""Measured 0.940 on the sentences with a gold place (``annotated_f1``; 0.935, 0.929, 0.926, 0.925,
0.923, 0.922, 0.917, 0.870, and 0.836 before that)."""


def test_tally_micro_averages_over_sentences() -> None:
    tally = Tally()
    tally.add({"homs", "hama"}, frozenset({"homs"}))  # 1 hit, 1 false positive
    tally.add(set(), frozenset({"idlib", "saraqeb"}))  # 2 misses
    tally.add({"syria"}, frozenset())  # a false positive on a sentence with no place
    tally.add(set(), frozenset())  # clean
    scores = tally.scores()
    assert (scores["predicted"], scores["gold"], scores["true_positives"]) == (3, 3, 1)
    assert scores["location_precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["location_recall"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["location_f1"] == pytest.approx(1 / 3, abs=1e-4)
    assert scores["no_location_clean"] == 0.5
    assert scores["n"] == 4


def test_annotated_figure_counts_only_sentences_with_a_gold_place() -> None:
    group = Group()
    group.add({"homs"}, frozenset({"homs"}))
    group.add({"rumaila"}, frozenset())  # the unlabelled block: strict counts it, annotated not
    scores = group.scores()
    assert scores["location_precision"] == 0.5
    assert (scores["annotated_n"], scores["annotated_precision"]) == (1, 1.0)
    assert scores["annotated_f1"] == 1.0 and scores["n"] == 2


def test_empty_tally_scores_zero() -> None:
    assert Tally().scores()["location_f1"] == 0.0


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tal Al-‘Eiss", "tal al-'eiss"),
        ("  the Homs  Governorate ", "Homs Governorate"),
        ("“Aleppo”", "ALEPPO"),
    ],
)
def test_place_texts_match_after_normalisation(a: str, b: str) -> None:
    assert normalize_place(a) == normalize_place(b)


def test_parse_line_names_file_and_line() -> None:
    with pytest.raises(InputError, match=r"f\.jsonl:7: not a labelled sentence"):
        parse_line('{"text": "x", "spans": []}', 7, "f.jsonl", NameKeys.load())


def test_a_sentence_with_two_event_verbs_pools_their_places(extractor: Extractor) -> None:
    text = "Jets  bombed Saraqeb on Monday, while rebels shelled Hama."
    keys = NameKeys.load()
    raw = {
        "text": text,
        "spans": [
            {"label": "VERB", "start": 6, "end": 12, "text": "bombed"},
            {"label": "VERB", "start": 45, "end": 52, "text": "shelled"},
            {"label": "LOCATION", "start": 13, "end": 20, "text": "Saraqeb"},
            {"label": "LOCATION", "start": 53, "end": 57, "text": "Hama"},
        ],
    }
    sentence = parse_line(json.dumps(raw), 1, "f.jsonl", keys)
    article, verbs = sentence_article(sentence, "f.jsonl")
    assert [v.text for v in verbs] == ["bombed", "shelled"]  # offsets survive normalisation
    (places,) = verb_places(extractor, [(article, verbs)])
    assert places == {"saraqeb", "hama"}


def test_adjacent_gold_spans_are_one_name_and_shifted_spans_keep_their_text() -> None:
    text = "Israel captured the Golan Heights and Mount Hermon."
    spans = [
        {"label": "LOCATION", "start": 20, "end": 25, "text": "Golan"},
        {"label": "LOCATION", "start": 26, "end": 33, "text": "Heights"},
        {"label": "LOCATION", "start": 40, "end": 46, "text": "Hermon"},  # offsets shifted
        {"label": "LOCATION", "start": 44, "end": 50, "text": "Hermon"},
    ]
    assert gold_names(text, spans) == ["Golan Heights", "Hermon", "Hermon"]
    bare = [
        {"label": "LOCATION", "start": 20, "end": 25},
        {"label": "LOCATION", "start": 26, "end": 33},
    ]
    assert gold_names(text, bare) == ["Golan Heights"]  # a span without text: its offsets'


def test_names_match_without_a_kind_word_and_through_alternatives() -> None:
    keys = NameKeys.load()
    assert keys.key("Idlib province") == keys.key("Idlib") == "idlib"
    assert keys.key("Hama airport") != keys.key("Hama")
    assert keys.key("City") == "city"  # a lone word is a name, not a kind
    accepts = dict([keys.gold("Kobane (Ain al-Arab"), keys.gold("Sere Kaniye/Ras al-Ain")])
    got = keys.match({"ain al-arab", "sere kaniye", "homs"}, accepts)
    assert got == {"kobane (ain al-arab", "sere kaniye/ras al-ain", "homs"}


def test_fixture_file(extractor: Extractor) -> None:
    errors: list[InputError] = []
    scores = evaluate_places(FIXTURE, extractor=extractor, on_error=errors.append)
    assert [e.where for e in errors] == [f"{FIXTURE}:5", f"{FIXTURE}:6"]
    assert (scores["n"], scores["gold"], scores["skipped_lines"]) == (4, 4, 2)
    assert scores["location_f1"] == 1.0
    assert scores["by_source"]["other"]["n"] == 1


def test_pipeline_anchor_runs_the_extractor(extractor: Extractor) -> None:
    scores = evaluate_places(FIXTURE, extractor=extractor, anchor="pipeline")
    assert scores["anchor"] == "pipeline"
    assert scores["n"] == 4
    assert scores["true_positives"] >= 2


def test_masdar_floor(extractor: Extractor) -> None:
    path = shared_file("event-location", "labeled_text_syria_masdar.jsonl")
    scores = evaluate_places(path, extractor=extractor)
    assert scores["n"] == 2205
    assert scores["location_f1"] >= MASDAR_F1_FLOOR, scores
    assert scores["annotated_f1"] >= MASDAR_ANNOTATED_F1_FLOOR, scores
    assert scores["annotated_n"] < scores["n"]
    assert "annotated_f1" in scores["by_source"]["Unknown_Andy"]


def test_wire_sentences_of_other_wars_floor(extractor: Extractor) -> None:
    scores = evaluate_places(WIRE, extractor=extractor)
    assert (scores["n"], scores["skipped_lines"]) == (160, 0)
    assert scores["location_f1"] >= WIRE_F1_FLOOR, scores
    assert set(scores["by_source"]) == {"AP", "AFP", "Xinhua", "Reuters"}
    first = WIRE.read_text(encoding="utf-8").splitlines()[0]
    assert json.loads(first)["_id"] == "wire_001"
    held_out = evaluate_places(WIRE, extractor=extractor, lines=lambda n: n % 2 == 1)
    assert held_out["location_f1"] >= WIRE_HELD_OUT_F1_FLOOR


def test_wire_sentences_of_syria_floor(extractor: Extractor) -> None:
    scores = evaluate_places(WIRE_SYRIA, extractor=extractor)
    assert (scores["n"], scores["skipped_lines"]) == (120, 0)
    assert scores["location_f1"] >= WIRE_SYRIA_F1_FLOOR, scores


def test_wire_sentences_of_xinhua_and_apw_floor(extractor: Extractor) -> None:
    scores = evaluate_places(WIRE_XA, extractor=extractor)
    assert (scores["n"], scores["skipped_lines"]) == (160, 0)
    assert set(scores["by_source"]) == {"Xinhua", "APW"}
    assert scores["location_f1"] >= WIRE_XA_F1_FLOOR, scores
    held_out = evaluate_places(WIRE_XA, extractor=extractor, lines=lambda n: n % 2 == 1)
    assert held_out["location_f1"] >= WIRE_XA_HELD_OUT_F1_FLOOR, held_out


def test_wire_sentences_hard_floor(extractor: Extractor) -> None:
    scores = evaluate_places(WIRE_HARD, extractor=extractor)
    assert (scores["n"], scores["skipped_lines"]) == (160, 0)
    assert set(scores["by_source"]) == {"AFP", "APW", "Xinhua"}
    assert scores["location_f1"] >= WIRE_HARD_F1_FLOOR, scores
    held_out = evaluate_places(WIRE_HARD, extractor=extractor, lines=lambda n: n % 2 == 1)
    assert held_out["location_f1"] >= WIRE_HARD_HELD_OUT_F1_FLOOR, held_out


def test_cli_lists_misses_and_scores_half_the_lines(tmp_path: Path) -> None:
    text = "At least 12 civilians were killed in the town of Saraqeb in Idlib on Sunday."
    wrong = {  # gold Idlib only, where the village locates the event
        "_id": 1,
        "source": "fixture",
        "text": text,
        "spans": [
            {"label": "VERB", "start": 27, "end": 33, "text": "killed"},
            {"label": "LOCATION", "start": 60, "end": 65, "text": "Idlib"},
        ],
    }
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()[1:4]
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join([json.dumps(wrong), *lines]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "places", str(path), "--misses", "--json"])
    assert result.exit_code == 0, result.output
    misses = [m for m in result.stderr.splitlines() if m.startswith("miss ")]
    assert misses == [f"miss {path}:1 [fixture] wrong: saraqeb; missed: idlib: {text}"]
    assert json.loads(result.stdout)["true_positives"] == 3
    even = CliRunner().invoke(main, ["eval", "places", str(path), "--lines", "even", "--json"])
    scores = json.loads(even.stdout)
    assert (scores["n"], scores["location_f1"]) == (2, 1.0)


def test_a_bom_crlf_and_a_line_not_in_utf8(tmp_path: Path) -> None:
    """A file saved on Windows reads; a line in another encoding is one error, and the run
    goes on with the others."""
    good = json.dumps(
        {
            "text": "Rebels shelled Aleppo on Monday.",
            "spans": [
                {"label": "VERB", "start": 7, "end": 14},
                {"label": "LOCATION", "start": 15, "end": 21},
            ],
        }
    ).encode()
    latin1 = '{"text": "Rebels shelled Saréqib.", "spans": []}'.encode("latin-1")
    path = tmp_path / "windows.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good + b"\r\n" + latin1 + b"\r\n\r\n" + good + b"\r\n")
    result = CliRunner().invoke(main, ["eval", "places", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert (scores["n"], scores["true_positives"], scores["skipped_lines"]) == (2, 2, 1)
    assert f"{path}:2: not UTF-8: 'utf-8' codec can't decode byte 0xe9" in result.stderr
