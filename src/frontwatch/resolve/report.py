"""What resolution knows about one event: a ``Report`` of a happening by one outlet."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

FATALITY_FIELDS = ("total", "civilians", "children", "women", "combatants")


@dataclass(frozen=True)
class Report:
    """One event of one article, with the features incident resolution compares."""

    event_id: str
    article_id: str
    outlet: str
    event_date: dt.date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    family: str
    cause: str | None
    sides: frozenset[str]
    actor1: str | None
    location: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    gazetteer_id: str | None
    geo_precision: int | None
    fatalities: tuple[int | None, ...]
    qualifier: str | None
    claimed_by: str | None
    terms: frozenset[str]
    duplicate_of: str | None = None
    is_main: bool = True
    day: int | None = None
    """``event_date.toordinal()``, precomputed for blocking."""
    tolerance: int = 3
    """Days the event date may be off, by its time_precision (resolve.yaml)."""
    words: frozenset[str] = field(init=False)
    names: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = frozenset(t for t in self.terms if t.startswith("@"))
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "words", self.terms - names)

    @property
    def precise_point(self) -> tuple[float, float] | None:
        """Coordinates of a town-level location (geo_precision 1), else None."""
        if self.geo_precision != 1 or self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)

    @property
    def independent(self) -> bool:
        return self.duplicate_of is None

    def figure(self, category: str) -> int | None:
        return self.fatalities[FATALITY_FIELDS.index(category)]
