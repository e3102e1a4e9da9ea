"""Typed records of incident resolution (the ``Incident`` of DESIGN.md §2.3)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..records import Record


class Claim(Record):
    """One outlet's value for a field of the incident, and who it says says so."""

    value: str
    outlet: str
    article_id: str
    event_id: str
    claimed_by: str | None = None


class Disagreement(Record):
    """A field on which the independent reports differ, each value with its claimants."""

    field: str
    claims: list[Claim]


class FatalityEstimate(Record):
    """UCDP-style low/best/high and ACLED's conservative (lowest) figure."""

    low: int | None = None
    best: int | None = None
    high: int | None = None
    acled: int | None = None


class IncidentReport(Record):
    event_id: str
    article_id: str
    outlet: str
    duplicate_of: str | None = None

    @property
    def independent(self) -> bool:
        return self.duplicate_of is None


class Incident(Record):
    incident_id: str
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    event_type: str
    sub_event_type: str
    cause: str | None = None
    location: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    date_tolerance: int = 0
    """Days its dates may be off: the widest of its reports' (by time_precision)."""
    n_reports: int
    n_sources: int
    outlets: list[str]
    fatalities: FatalityEstimate
    disagreements: list[Disagreement] = Field(default_factory=list)
    reports: list[IncidentReport] = Field(default_factory=list)
