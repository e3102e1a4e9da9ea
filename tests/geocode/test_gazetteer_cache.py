"""The gazetteer's disk cache: same gazetteer as a fresh build, rebuilt when stale or corrupt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from frontwatch.errors import StoreError
from frontwatch.geocode.gazetteer import MemoryGazetteer, load_gazetteer
from frontwatch.geocode.gazetteer_cache import build_index, cache_dir, read_cache
from frontwatch.geocode.importer import ImportRequest, import_gazetteer
from frontwatch.geocode.names import NameNormalizer
from frontwatch.settings import Settings, load_settings
from frontwatch.store import Store
from frontwatch.store.gazetteer import read_connection
from gazetteer_builders import gazetteer_settings

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geocode"
FILES = tuple(FIXTURES / n for n in ("SY_fixture.txt", "admin1CodesASCII.txt", "admin2Codes.txt"))
NAMES = ("Hardatnin", "Noubbol", "Aleppo", "Damascus", "Geneva", "Eastern Ghouta", "نبل")


@pytest.fixture
def imported(tmp_path: Path) -> Settings:
    settings = gazetteer_settings(tmp_path / "fw.duckdb")
    with Store(settings.db) as store:
        import_gazetteer(store, ImportRequest(files=FILES), settings=settings)
    return settings


def cache_files(settings: Settings) -> list[Path]:
    return sorted(cache_dir(settings).glob("gazetteer-*.marshal"))


def same(a: MemoryGazetteer, b: MemoryGazetteer) -> None:
    assert a.index() == b.index()
    for name in NAMES:
        assert a.lookup(name) == b.lookup(name), name


def test_cache_reload_equals_a_fresh_build(imported: Settings) -> None:
    first = load_gazetteer(imported)
    [path] = cache_files(imported)
    with read_connection(Path(imported.db)) as con:
        fresh = build_index(imported, con, NameNormalizer.load())
    assert read_cache(path) == fresh == first.index()
    second = load_gazetteer(imported)
    same(first, second)
    assert [p.gazetteer_id for p in second.lookup("Hardatnin")] == ["geonames:9990001"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped"])
def test_a_corrupt_cache_is_ignored_and_rebuilt(imported: Settings, damage: str) -> None:
    first = load_gazetteer(imported)
    [path] = cache_files(imported)
    blob = path.read_bytes()
    broken = {
        "garbage": b"not a cache",
        "truncated": blob[: len(blob) // 2],
        "flipped": blob[:-10] + bytes(b ^ 0xFF for b in blob[-10:]),
    }[damage]
    path.write_bytes(broken)
    assert read_cache(path) is None
    same(first, load_gazetteer(imported))
    assert read_cache(path) is not None  # written again


def test_a_new_import_makes_the_cache_stale(imported: Settings, tmp_path: Path) -> None:
    load_gazetteer(imported)
    [old] = cache_files(imported)
    extra = tmp_path / "extra.csv"
    extra.write_text("id,name,lat,lon\n1,Tal Sousin,36.25,37.12\n", encoding="utf-8")
    columns = ("id=id,name=name,latitude=lat,longitude=lon",)
    with Store(imported.db) as store:
        import_gazetteer(store, ImportRequest(files=(extra,), columns=columns), settings=imported)
    gazetteer = load_gazetteer(imported)
    assert [p.gazetteer_id for p in gazetteer.lookup("Tal Sousin")] == ["custom:extra:1"]
    assert cache_files(imported) != [old] and len(cache_files(imported)) == 1


def test_no_database_no_file_written(tmp_path: Path) -> None:
    settings = load_settings(env={}, db=str(tmp_path / "absent.duckdb"))
    gazetteer = load_gazetteer(settings)
    assert gazetteer.lookup("Aleppo")
    assert list(tmp_path.iterdir()) == []


def test_loads_while_this_process_writes_the_database(imported: Settings) -> None:
    with Store(imported.db) as store:
        gazetteer = load_gazetteer(imported)
        assert store.con.execute("SELECT count(*) FROM gazetteer_places").fetchone() == (8,)
    assert [p.gazetteer_id for p in gazetteer.lookup("Hardatnin")] == ["geonames:9990001"]


def test_a_database_locked_by_another_process_falls_back_to_the_cache(
    imported: Settings,
) -> None:
    cached = load_gazetteer(imported)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, imported.db],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        same(cached, load_gazetteer(imported))
        for path in cache_files(imported):
            path.unlink()
        with pytest.raises(StoreError, match="cannot read the imported gazetteer"):
            load_gazetteer(imported)
    finally:
        holder.communicate("")


HOLD_LOCK = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("locked", flush=True)
sys.stdin.read()
"""
