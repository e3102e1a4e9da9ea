"""``frontwatch gazetteer import`` and ``fetch``: read a dump whole, then store it at once.

Every file of an import is read and checked before the database is touched; the rows then
replace the source's previous rows in one transaction. A malformed or truncated file thus
leaves the stored gazetteer as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import re
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..settings import Settings
from ..store.db import Store
from ..store.gazetteer import GazetteerSource, PlaceRow, replace_source
from .custom import ColumnMap, CustomReader, Preset, custom_preset, load_presets, with_columns
from .gazetteer import Selection, place_row
from .sources import Entry, GeoNamesReader, SourceRules, read_admin_codes

SOURCE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
ADMIN1_FILE = re.compile(r"admin1Codes(ASCII)?.*\.txt", re.I)
ADMIN2_FILE = re.compile(r"admin2Codes.*\.txt", re.I)
CHUNK = 1 << 16
FORMATS = ("geonames", "csv", "json")


@dataclass(frozen=True)
class ImportRequest:
    """What ``frontwatch gazetteer import`` was asked to do."""

    files: tuple[Path, ...]
    fmt: str | None = None
    preset: str | None = None
    columns: tuple[str, ...] = ()
    admin1: Path | None = None
    admin2: Path | None = None
    source: str | None = None


@dataclass(frozen=True)
class PreparedImport:
    """A gazetteer read and checked whole, ready to replace its source's rows."""

    source: GazetteerSource
    places: list[PlaceRow]
    names: list[tuple[str, str, str, str, str | None]]


def read_import(request: ImportRequest, *, settings: Settings) -> PreparedImport:
    """Read and check every file of the request; nothing is stored yet."""
    data_files, admin1, admin2 = _split_admin_files(request)
    if not data_files:
        raise InputError("gazetteer import", "no gazetteer file given (only admin code files)")
    for path in (*data_files, admin1, admin2):
        if path is not None and not path.is_file():
            raise InputError(str(path), "no such file")
    fmt, preset = _format(request, data_files[0])
    source = request.source or _default_source(fmt, preset, data_files[0])
    if not SOURCE_NAME.fullmatch(source):
        raise InputError("--source", f"{source!r}: use letters, digits, '.', '_' and '-'")
    reader = _reader(
        request, settings, fmt=fmt, preset=preset, source=source, admin=(admin1, admin2)
    )
    groups = [list(reader.read(p)) for p in data_files]
    found = [e for group in groups for e in group]
    if not found:
        raise InputError(str(data_files[0]), "no places found")
    _no_duplicates(data_files, groups)
    all_files = [p for p in (*data_files, admin1, admin2) if p is not None]
    record = GazetteerSource(
        source=source,
        format=preset.name if preset else fmt,
        files=", ".join(p.name for p in all_files),
        imported_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        places=len(found),
        names=sum(len(names) for _, names in found),
        sha256=_sha256(all_files),
    )
    places: list[PlaceRow] = [
        (row[0], source, *row[1:]) for row in (place_row(p) for p, _ in found)
    ]
    names = [(p.gazetteer_id, source, *n) for p, place_names in found for n in place_names]
    return PreparedImport(record, places, names)


def store_import(store: Store, prepared: PreparedImport) -> GazetteerSource:
    """Replace the source's rows, in one transaction."""
    replace_source(store, prepared.source, prepared.places, prepared.names)
    return prepared.source


def import_gazetteer(
    store: Store, request: ImportRequest, *, settings: Settings
) -> GazetteerSource:
    """``read_import`` then ``store_import``."""
    return store_import(store, read_import(request, settings=settings))


def _reader(
    request: ImportRequest,
    settings: Settings,
    *,
    fmt: str,
    preset: Preset | None,
    source: str,
    admin: tuple[Path | None, Path | None],
) -> GeoNamesReader | CustomReader:
    selection = Selection.load(settings.country_focus)
    rules = SourceRules.load()
    if fmt == "geonames":
        codes = [read_admin_codes(p) if p else {} for p in admin]
        return GeoNamesReader(selection, rules, codes[0], codes[1])
    columns = ColumnMap.parse(request.columns)
    chosen = with_columns(preset, columns) if preset else custom_preset(source, fmt, columns)
    return CustomReader(chosen, selection, rules)


def _split_admin_files(request: ImportRequest) -> tuple[list[Path], Path | None, Path | None]:
    """Admin code files among FILEs are recognised by their GeoNames names."""
    data, admin1, admin2 = [], request.admin1, request.admin2
    for path in request.files:
        if ADMIN1_FILE.fullmatch(path.name) and admin1 is None:
            admin1 = path
        elif ADMIN2_FILE.fullmatch(path.name) and admin2 is None:
            admin2 = path
        else:
            data.append(path)
    return data, admin1, admin2


def _format(request: ImportRequest, first: Path) -> tuple[str, Preset | None]:
    preset = None
    if request.preset is not None:
        presets = load_presets()
        if request.preset not in presets:
            raise InputError(
                "--preset", f"unknown preset {request.preset!r}; known: {sorted(presets)}"
            )
        preset = presets[request.preset]
    fmt = request.fmt or (preset.format if preset else _format_of(first))
    if fmt not in FORMATS:
        raise InputError("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    if fmt != "geonames" and preset is None and not request.columns:
        raise InputError(str(first), f"a {fmt} gazetteer needs --columns or --preset")
    return fmt, preset


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".csv": "csv", ".json": "json"}.get(suffix, "geonames")


def _default_source(fmt: str, preset: Preset | None, first: Path) -> str:
    if preset is not None:
        return preset.name
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", first.stem).strip("-.") or "gazetteer"
    return f"geonames-{stem}" if fmt == "geonames" else stem


def _no_duplicates(files: list[Path], groups: list[list[Entry]]) -> None:
    """A place id once per import (readers check within a file, this across files)."""
    owner: dict[str, Path] = {}
    for path, group in zip(files, groups, strict=True):
        for place, _ in group:
            first = owner.setdefault(place.gazetteer_id, path)
            if first != path:
                raise InputError(str(path), f"id {place.gazetteer_id} is also in {first}")


def _sha256(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
    return h.hexdigest()


def download(url: str, target: Path, *, on_progress: Callable[[int, int | None], None]) -> None:
    """Fetch ``url`` into ``target``; a short read (the server cut the transfer) is an error."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response, target.open("wb") as out:
            total = response.headers.get("Content-Length")
            expected = int(total) if total and total.isdigit() else None
            done = 0
            while chunk := response.read(CHUNK):
                out.write(chunk)
                done += len(chunk)
                on_progress(done, expected)
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        raise InputError(url, f"download failed: {getattr(exc, 'reason', exc)}") from None
    if expected is None:
        on_progress(done, done)
    elif done != expected:
        raise InputError(url, f"download truncated: {done} of {expected} bytes")


def fetch_country(
    country: str,
    *,
    settings: Settings,
    url: str | None = None,
    admin_codes: bool = True,
    on_progress: Callable[[str, int, int | None], None] = lambda name, done, total: None,
) -> PreparedImport:
    """Download a GeoNames country dump (and the admin code files beside it), check the zip,
    read it as source ``geonames-CC`` (``store_import`` stores it)."""
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise InputError(country, "expected a two-letter ISO country code such as SY")
    url = url or f"{SourceRules.load().download_base}{country}.zip"
    base = url.rsplit("/", 1)[0] + "/"
    with tempfile.TemporaryDirectory(prefix="frontwatch-geonames-") as tmp:
        files = [_fetch(url, Path(tmp) / f"{country}.zip", on_progress)]
        _check_zip(files[0], url)
        if admin_codes:
            for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
                files.append(_fetch(base + name, Path(tmp) / name, on_progress))
        request = ImportRequest(files=tuple(files), fmt="geonames", source=f"geonames-{country}")
        return read_import(request, settings=settings)


def _fetch(url: str, target: Path, on_progress: Callable[[str, int, int | None], None]) -> Path:
    download(url, target, on_progress=lambda done, total: on_progress(target.name, done, total))
    return target


def _check_zip(path: Path, url: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            broken = zf.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InputError(url, f"not a valid zip archive (truncated download?): {exc}") from None
    if broken is not None:
        raise InputError(url, f"zip member {broken} is corrupt (truncated download?)")


def progress_text(name: str, done: int, total: int | None) -> str:
    """One progress line of a download, for stderr."""
    if total:
        return f"{name}: {done * 100 // total}% of {total / 1e6:.1f} MB"
    return f"{name}: {done / 1e6:.1f} MB"
