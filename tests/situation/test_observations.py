"""Control observations read from report texts by the real pipeline (and the data files)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from control_builders import MAREA, NUBL, TAL_RIFAAT
from frontwatch.errors import InputError, ResourceError
from frontwatch.extract.actors import ActorLexicon
from frontwatch.extract.pipeline import Extractor
from frontwatch.jobs import ingest
from frontwatch.records import Article
from frontwatch.resources import data_path
from frontwatch.settings import Settings
from frontwatch.situation.control import control_as_of
from frontwatch.situation.control_lexicon import KINDS, ControlLexicon
from frontwatch.situation.model import Observation
from frontwatch.situation.observations import ControlReader, packaged_anaphors
from frontwatch.situation.sides import lexicon_sides, load_sides
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore

# ------------------------------------------------------------------ data files


def test_control_lexicon_schema() -> None:
    lexicon = ControlLexicon.load()
    assert {rule.kind for rule, _ in lexicon.rules} == set(KINDS)
    held = [r for r, _ in lexicon.rules if r.kind == "held"]
    assert all(r.side in lexicon_sides() if r.side else r.actor != "none" for r in held)
    found = lexicon.triggers("Rebels broke on Wednesday the siege of Nubl.")
    assert [(t.text, t.rule.kind) for t in found] == [
        ("broke on Wednesday the siege of", "siege_broken")
    ]
    # capitals-only words match case-sensitively: "is held" is no "IS-held"
    assert not [
        t for t in lexicon.triggers("the town is held by") if t.rule.side == "islamic_state"
    ]
    assert [t.rule.side for t in lexicon.triggers("the IS-held town")] == ["islamic_state"]
    # anaphors name no actor of their own ("the army", "the rebels" are actors)
    anaphors = packaged_anaphors()
    assert {"they", "the units"} <= set(anaphors)
    actors = ActorLexicon.load()
    assert [a for a in anaphors if actors.mentions(f"{a.capitalize()} captured it.")] == []


def test_sides_file_schema(tmp_path: Path) -> None:
    sides = load_sides()
    assert sides.control_side("jihadist") == "opposition"
    assert sides.control_side("civilians") is None
    assert sides.control_side("government") == "government"
    assert sides.resolve("Opposition") == "opposition" and sides.resolve("jihadist") == "opposition"
    with pytest.raises(InputError, match="--side"):
        sides.resolve("nobody")
    own = tmp_path / "sides.yaml"
    own.write_text("version: 1\ncoalitions:\n  rebels: [opposition]\n", encoding="utf-8")
    assert load_sides(own).control_side("jihadist") == "jihadist"
    own.write_text("version: 1\ncoalitions:\n  rebels: [rebels]\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"sides\.yaml.*'rebels'"):
        load_sides(own)


# ------------------------------------------------------------------ texts


@pytest.fixture(scope="module")
def reader(extractor: Extractor) -> ControlReader:
    return ControlReader.from_extractor(extractor)


def _read(extractor: Extractor, reader: ControlReader, text: str) -> list[Observation]:
    article = Article(article_id="t", text=text, published=dt.date(2016, 2, 5), source="AFP")
    analyzed = extractor.analyze_one(article)
    found = reader.read(article, analyzed.events, credibility=0.8, source="afp")
    for f in found:
        assert text[f.start : f.end] == f.observation.evidence
    return [f.observation for f in found]


def _facts(found: list[Observation]) -> set[tuple[str, str, str]]:
    return {(o.locality_name, o.kind, o.side) for o in found}


def test_each_listed_place_gets_an_observation(extractor: Extractor, reader: ControlReader) -> None:
    found = _read(
        extractor,
        reader,
        "Syrian government forces captured the towns of Tal Rifaat and Mare' on Thursday.",
    )
    assert _facts(found) == {
        ("Tall Rif'at", "captured", "government"),
        ("Mari'", "captured", "government"),
    }
    assert {o.locality_id for o in found} == {TAL_RIFAAT, MAREA}
    assert all(o.event_id and o.observed == dt.date(2016, 2, 4) for o in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tal Rifaat fell to Kurdish fighters on Sunday.",
            {("Tall Rif'at", "captured", "kurdish")},
        ),
        (
            "Kurdish fighters captured the rebel-held town of Tal Rifaat on Monday.",
            {("Tall Rif'at", "captured", "kurdish")},
        ),
        (
            "The towns of Nubl and Zahraa, loyal to the government, were shelled on Monday.",
            {("Nubl", "held", "government")},
        ),
        (
            "Rebels besieged the government-held town of Nubl.",
            {("Nubl", "held", "government"), ("Nubl", "besieged", "opposition")},
        ),
        (
            "Army units broke the siege of Nubl on Wednesday.",
            {("Nubl", "siege_broken", "government")},
        ),
        ("Syrian rebels withdrew from Mare' on Sunday.", {("Mari'", "withdrew", "opposition")}),
        (  # a held phrase that names no side: its holder stands after it
            "Tal Rifaat is now under the control of Kurdish forces, the monitor said.",
            {("Tall Rif'at", "held", "kurdish")},
        ),
        (  # a participle whose places stand before it
            "Government forces reached the town of Nubl on Wednesday, breaking a siege that "
            "had lasted three years.",
            {("Nubl", "siege_broken", "government")},
        ),
        (  # a long qualifier before "siege of"; a region qualifying the towns named after it
            "Regime forces on Wednesday broke a more than three-year rebel siege of two Shiite "
            "towns in northern Aleppo province, Nubol and Tal Rifaat, a monitor said.",
            {("Nubl", "siege_broken", "government"), ("Tall Rif'at", "siege_broken", "government")},
        ),
        (  # the taker stands after the places
            "Insurgents also lost the town of Tal Rifaat to advancing Kurdish fighters.",
            {("Tall Rif'at", "captured", "kurdish")},
        ),
        (
            "Tal Rifaat is now held by the Kurdish YPG militia.",
            {("Tall Rif'at", "held", "kurdish")},
        ),
        (
            "The army captured two villages in Aleppo province, Tal Rifaat and Azaz.",
            {("Tall Rif'at", "captured", "government"), ("I'zaz", "captured", "government")},
        ),
    ],
)
def test_phrases(
    extractor: Extractor, reader: ControlReader, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _facts(_read(extractor, reader, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Government forces failed to capture Tal Rifaat on Monday.",  # not done
        "Shells fell on the besieged town of Nubl on Monday.",  # an adjective names no besieger
        "Government forces captured a hill near Nubl on Monday.",  # Nubl is a reference point
        "Government forces captured Hardatnin, northwest of Aleppo, on Monday.",  # not a locality
        "Rebels said the army captured the area on Monday.",  # no place
        "The town of Tal Rifaat was captured on Monday.",  # no side
        "Rebels lost control of Azaz on Monday.",  # who took it is not said
        "Azaz is almost encircled by government forces.",  # not yet
        "Government forces are close to encircling Azaz.",  # not yet
        "There is a risk that the army will besiege Azaz.",  # a risk, the future
    ],
)
def test_no_observation_without_a_place_a_side_and_a_deed(
    extractor: Extractor, reader: ControlReader, text: str
) -> None:
    assert _read(extractor, reader, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the actor is named in the previous sentence only
            "Army units backed by Russian air strikes advanced north of Aleppo on Wednesday. "
            "The units then ended the siege of Nubl and al-Zahraa.",
            {("Nubl", "siege_broken", "government")},
        ),
        (  # its first actor, the subject (not the rebels it pushed out)
            "Kurdish fighters pushed rebels out of Deir Jamal on Sunday. "
            "They then captured Tal Rifaat.",
            {("Tall Rif'at", "captured", "kurdish")},
        ),
        (  # a sentence that names its own actor uses it
            "Army units advanced north of Aleppo on Wednesday. "
            "Kurdish fighters captured Tal Rifaat on Thursday.",
            {("Tall Rif'at", "captured", "kurdish")},
        ),
        ("The units then ended the siege of Nubl on Wednesday.", set()),  # no previous actor
        (  # the previous sentence is in another paragraph
            "Army units advanced north of Aleppo on Wednesday.\n\n"
            "The units then ended the siege of Nubl.",
            set(),
        ),
    ],
)
def test_an_anaphoric_subject_takes_the_previous_sentences_actor(
    extractor: Extractor, reader: ControlReader, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _facts(_read(extractor, reader, text)) == expected


# ------------------------------------------------------------------ the demo corpus


def test_demo_corridor_storyline(tmp_path: Path, extractor: Extractor, settings: Settings) -> None:
    """demo-01..06 (the aleppo-north-corridor storyline): the bundled gazetteer knows Nubl,
    Azaz, Tal Rifaat and Aleppo of its places; the villages it lacks give no observation."""
    corpus = data_path("demo", "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in corpus if line.strip()]
    story = [r for r in rows if r["id"] in {f"demo-0{i}" for i in range(1, 7)}]
    path = tmp_path / "story.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in story), encoding="utf-8")
    with Store(tmp_path / "fw.duckdb") as store:
        ingest([path], settings=settings, store=store, extractor=extractor)
        stored = SituationStore(store).observations()
        texts = {a: store.article(a) for a in {s.observation.article_id for s in stored}}
    facts = {(s.observation.locality_name, s.observation.kind, s.observation.side) for s in stored}
    assert ("Nubl", "held", "government") in facts  # demo-01 "the government-held ... Nubl"
    assert ("Nubl", "siege_broken", "government") in facts  # demo-03 "broke ... the siege"
    assert all(locality != "Aleppo" for locality, _, _ in facts)  # "rebel-held eastern half"
    for s in stored:
        article = texts[s.observation.article_id]
        assert article is not None and s.evidence_start is not None
        assert article.text[s.evidence_start : s.evidence_end] == s.observation.evidence
    nubl = control_as_of([s.observation for s in stored], dt.date(2016, 2, 4))[NUBL]
    assert nubl.side == "government" and nubl.besieged_by is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the reference article's wording
            "The area lies between regime controlled West Aleppo and the Shia majority areas of "
            "Al-Zahraa and Nubul. Both are loyal to the government.",
            {("Nubl", "held", "government")},
        ),
        (
            "Rebels hold the towns of Azaz and Tal Rifaat. The two towns fell to Kurdish fighters "
            "on Monday.",
            {("I'zaz", "captured", "kurdish"), ("Tall Rif'at", "captured", "kurdish")},
        ),
        ("Fighting raged near Nubl. Both sides are loyal to the government.", set()),
        (  # the previous sentence does not end with its place
            "Nubl was shelled on Monday by rebels. Both are loyal to the government.",
            set(),
        ),
        (  # another paragraph
            "Rebels shelled Nubl.\n\nBoth are loyal to the government.",
            set(),
        ),
    ],
)
def test_a_place_anaphor_takes_the_places_the_previous_sentence_ends_with(
    extractor: Extractor, reader: ControlReader, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _facts(_read(extractor, reader, text)) == expected
