"""Readers of gazetteer dumps: each yields ``(Place, names)`` entries for an import.

GeoNames country dumps (``SY.txt`` or ``SY.zip``, 19 tab-separated columns) live here, with
``admin1CodesASCII.txt`` / ``admin2Codes.txt``; custom CSV/JSON gazetteers in
``geocode/custom.py``. A reader never skips a malformed line: a dump that does not parse is a
broken download, and importing half of it would silently drop places. It raises an
``InputError`` naming the file and line instead, before anything is stored.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import NamedTuple

from ..errors import InputError, ResourceError
from ..resources import load_yaml
from .gazetteer import Place, Selection, focus_admin1, plain_name
from .names import NameNormalizer

GEONAMES_COLUMNS = 19
ARABIC = re.compile("[\u0600-\u06ff]")


class NameRow(NamedTuple):
    """One name of a place as stored: the name, where it came from, its script's language."""

    name: str
    kind: str
    """name (the main one), ascii, alternate (GeoNames) or alias (custom gazetteers)."""
    language: str | None


Entry = tuple[Place, list[NameRow]]


@dataclass(frozen=True)
class SourceRules:
    """``data/geo/gazetteer_sources.yaml``: what a GeoNames import keeps, admin1 spellings."""

    feature_classes: frozenset[str]
    admin2_suffixes: tuple[str, ...]
    download_base: str
    admin1_spellings: Mapping[str, str]
    """Name key of a spelling -> ACLED admin1 name."""
    pcode_length: int
    ocha_admin1: Mapping[str, str]
    normalizer: NameNormalizer

    @classmethod
    def load(cls, normalizer: NameNormalizer | None = None) -> SourceRules:
        data = load_yaml("geo", "gazetteer_sources.yaml")
        norm = normalizer or NameNormalizer.load()
        try:
            spellings = {
                norm.normalize(str(spelling)): str(acled)
                for acled, names in data["admin1_spellings"].items()
                for spelling in names
            }
            return cls(
                feature_classes=frozenset(data["geonames"]["feature_classes"]),
                admin2_suffixes=tuple(data["geonames"]["admin2_suffixes"]),
                download_base=str(data["geonames"]["download_base"]),
                admin1_spellings=spellings,
                pcode_length=int(data["ocha"]["pcode_length"]),
                ocha_admin1={str(k): str(v) for k, v in data["ocha"]["admin1"].items()},
                normalizer=norm,
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(f"data/geo/gazetteer_sources.yaml is malformed: {exc!r}") from exc

    def admin1(self, raw: str) -> str | None:
        """ACLED's admin1 name for a spelling of a focus-country governorate, if known."""
        return self.admin1_spellings.get(self.normalizer.normalize(raw))

    def admin1_of_pcode(self, pcode: str) -> str | None:
        return self.ocha_admin1.get(pcode.strip()[: self.pcode_length])

    def admin2(self, raw: str) -> str:
        for suffix in self.admin2_suffixes:
            if raw.endswith(suffix):
                return raw[: -len(suffix)]
        return raw


def language_of(name: str) -> str | None:
    """The language a name's script tells: "ar" for Arabic script, else unknown."""
    return "ar" if ARABIC.search(name) else None


def name_rows(names: list[tuple[str, str]], country: str, selection: Selection) -> list[NameRow]:
    """Usable names (``Selection.is_name``), each once, in the order given."""
    seen: set[str] = set()
    rows = []
    for raw, kind in names:
        name = raw.strip()
        if name and name not in seen and selection.is_name(name, country):
            seen.add(name)
            rows.append(NameRow(name, kind, language_of(name)))
    return rows


@contextmanager
def open_lines(path: Path) -> Iterator[Iterator[str]]:
    """The text lines of a file, or of the dump inside a GeoNames zip (``SY.zip``: SY.txt)."""
    try:
        if path.suffix.lower() != ".zip":
            with path.open(encoding="utf-8", newline="") as fh:
                yield _decoded(path, fh)
            return
        with zipfile.ZipFile(path) as zf:
            member = _dump_member(path, zf)
            with zf.open(member) as raw:
                yield _decoded(path, io.TextIOWrapper(raw, encoding="utf-8", newline=""))
    except zipfile.BadZipFile as exc:
        raise InputError(
            str(path), f"not a valid zip archive (truncated download?): {exc}"
        ) from None
    except (OSError, EOFError) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from None


def _decoded(path: Path, lines: Iterator[str]) -> Iterator[str]:
    number = 1
    try:
        for line in lines:
            yield line
            number += 1
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}:{number}", f"not UTF-8 text: {exc.reason}") from None


def _dump_member(path: Path, zf: zipfile.ZipFile) -> str:
    names = zf.namelist()
    wanted = f"{path.stem}.txt"
    if wanted in names:
        return wanted
    dumps = [n for n in names if n.endswith(".txt") and not n.lower().startswith("readme")]
    if len(dumps) != 1:
        raise InputError(str(path), f"expected one GeoNames dump in the zip, found {names}")
    return dumps[0]


def read_admin_codes(path: Path) -> dict[str, str]:
    """``admin1CodesASCII.txt`` / ``admin2Codes.txt``: code ("SY.09") -> name ("Aleppo")."""
    codes = {}
    with open_lines(path) as lines:
        for number, line in enumerate(lines, 1):
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 2 or not cols[0] or not cols[1]:
                raise InputError(f"{path}:{number}", "expected CODE<TAB>NAME<TAB>... (admin codes)")
            codes[cols[0]] = cols[1]
    if not codes:
        raise InputError(str(path), "no admin codes found")
    return codes


@dataclass(frozen=True)
class GeoNamesReader:
    """Reads a GeoNames country dump; admin names from the admin code files when given."""

    selection: Selection
    rules: SourceRules
    admin1_codes: Mapping[str, str]
    admin2_codes: Mapping[str, str]

    def read(self, path: Path) -> Iterator[Entry]:
        focus_names = focus_admin1(self.selection.focus)
        with open_lines(path) as lines:
            for number, line in enumerate(lines, 1):
                cols = line.rstrip("\r\n").split("\t")
                if len(cols) != GEONAMES_COLUMNS:
                    raise InputError(
                        f"{path}:{number}",
                        f"expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, found "
                        f"{len(cols)} (truncated file, or not a GeoNames dump?)",
                    )
                if cols[6] in self.rules.feature_classes:
                    yield self._entry(cols, focus_names, partial(InputError, f"{path}:{number}"))

    def _entry(
        self, cols: list[str], focus_names: Mapping[str, str], bad: Callable[[str], InputError]
    ) -> Entry:
        """``focus_names``: the focus country's admin1 names by code (ACLED's for Syria),
        which win over the admin code file's."""
        country, a1, a2 = cols[8], cols[10], cols[11]
        admin1 = focus_names.get(a1) if country == self.selection.focus else None
        admin1 = admin1 or self.admin1_codes.get(f"{country}.{a1}")
        admin2 = self.admin2_codes.get(f"{country}.{a1}.{a2}")
        place = Place(
            gazetteer_id=f"geonames:{_int(cols[0], 'geonameid', bad)}",
            name=plain_name(cols[1]),
            country=country,
            admin1=admin1,
            admin2=self.rules.admin2(admin2) if admin2 else None,
            latitude=coordinate(cols[4], 90.0, "latitude", bad),
            longitude=coordinate(cols[5], 180.0, "longitude", bad),
            feature_class=cols[6],
            feature_code=cols[7] or cols[6],
            population=_int(cols[14], "population", bad) if cols[14] else 0,
        )
        names = [(cols[1], "name"), (cols[2], "ascii")]
        names += [(a, "alternate") for a in cols[3].split(",") if a]
        return place, name_rows(names, country, self.selection)


def _int(value: str, what: str, bad: Callable[[str], InputError]) -> int:
    try:
        return int(value)
    except ValueError:
        raise bad(f"{what} {value!r} is not a whole number") from None


def coordinate(value: str, limit: float, what: str, bad: Callable[[str], InputError]) -> float:
    """A decimal latitude or longitude within +-limit."""
    try:
        number = float(value)
    except ValueError:
        raise bad(f"{what} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise bad(f"{what} {number} is out of range")
    return number
