"""Typed records of verification: reference records and credibility with its reasons."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from ..records import Record


class ReferenceRecord(Record):
    """A row of a casualty documentation database (imported by ``reference import``)."""

    record_id: str
    dataset: str
    record_date: dt.date
    admin1: str | None = None
    place: str | None = None
    cause: str | None = None
    status: Literal["civilian", "combatant", "unknown"]
    count: int
    origin: str


class EvidenceRef(Record):
    """What a reason points at: a report, a span of an article, a reference record, a rating."""

    kind: Literal["report", "span", "record", "rating"]
    article_id: str | None = None
    event_id: str | None = None
    outlet: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    record_id: str | None = None


class Reason(Record):
    code: str
    text: str
    effect: float = Field(description="change of the log-odds")
    evidence: list[EvidenceRef] = Field(default_factory=list)


class Assessment(Record):
    """A credibility score in [0, 1] and every reason that moved it."""

    subject: Literal["claim", "article"]
    subject_id: str
    score: float
    prior: float
    reasons: list[Reason]
    reference: Literal["consistent", "inconsistent", "no record", "not checked"] = "not checked"
