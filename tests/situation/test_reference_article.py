"""The reference article (../shared/data/aleppo-offensive.txt) through ingest: what the situation
picture reads from a real report, and what it must not read into it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import shared_file
from frontwatch.extract.pipeline import Extractor
from frontwatch.geocode.gazetteer import load_gazetteer
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.jobs import InputOptions, ingest
from frontwatch.settings import Settings, load_settings
from frontwatch.store import Store
from frontwatch.store.situation import SituationStore

PUBLISHED = dt.date(2016, 2, 4)
VILLAGES = Path(__file__).resolve().parent / "corridor2016" / "villages_SY.txt"
GEOCODE = Path(__file__).resolve().parents[1] / "fixtures" / "geocode"


def _facts(
    db: Path, settings: Settings, extractor: Extractor
) -> tuple[set[tuple[str, str, str]], list[str]]:
    article = shared_file("aleppo-offensive.txt")
    with Store(db) as store:
        report = ingest(
            [article],
            settings=settings,
            store=store,
            extractor=extractor,
            options=InputOptions(published=PUBLISHED, source="reference"),
        )
        assert report.articles_added == 1 and not report.errors
        situation = SituationStore(store)
        stored = situation.observations()
        reports = situation.route_reports()
    facts = {(s.observation.locality_name, s.observation.kind, s.observation.side) for s in stored}
    return facts, [r.status for r in reports]


def test_the_reference_article_says_nubl_is_loyal_and_cuts_no_road(
    tmp_path: Path, extractor: Extractor, settings: Settings
) -> None:
    facts, reports = _facts(tmp_path / "fw.duckdb", settings, extractor)
    # "... the Shia majority areas of Al-Zahraa and Nubul. Both are loyal to the government."
    # (the bundled gazetteer has no al-Zahraa, nor Hardatnin)
    assert facts == {("Nubl", "held", "government")}
    # "threatening to cut opposition supply lines", "will besiege Aleppo and cut the supply
    # lines", "supply routes were still intact": threats and a statement of no cut
    assert reports == []


def test_with_the_villages_imported_hardatnin_is_taken_by_the_army(
    tmp_path: Path, settings: Settings
) -> None:
    db = tmp_path / "fw.duckdb"
    local = load_settings(env={}, db=str(db))
    codes = (GEOCODE / "admin1CodesASCII.txt", GEOCODE / "admin2Codes.txt")
    with Store(db) as store:
        import_gazetteer(store, ImportRequest(files=(VILLAGES, *codes)), settings=local)
    extractor = Extractor(local, gazetteer=load_gazetteer(local))
    facts, _ = _facts(db, local, extractor)
    # "the advancing Syrian army had taken control of the Hardatnin village"
    assert ("Hardatnin", "captured", "government") in facts
    assert ("Nubl", "held", "government") in facts


@pytest.fixture(autouse=True)
def _needs_the_article() -> None:
    shared_file("aleppo-offensive.txt")
