"""Credibility settings and lexicons read from ``data/outlets/credibility.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ResourceError
from ..records import Span
from ..resources import load_yaml


class CredibilityConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int
    weights: dict[str, float]
    figure_tolerance: float
    figure_slack: int
    vague_sources: frozenset[str]
    hedges: list[str]
    sensational: list[str]
    reference_days: dict[str, int]
    governorates: dict[str, list[str]]

    def agree(self, a: int, b: int) -> bool:
        return abs(a - b) <= max(self.figure_slack, self.figure_tolerance * max(a, b))

    def days(self, precision: int | None) -> int:
        key = str(precision) if precision else "unknown"
        return self.reference_days.get(key, self.reference_days["unknown"])


@lru_cache(maxsize=1)
def load_credibility_config() -> CredibilityConfig:
    try:
        return CredibilityConfig(**load_yaml("outlets", "credibility.yaml"))
    except (TypeError, ValidationError) as exc:
        raise ResourceError(f"data/outlets/credibility.yaml: {exc}") from exc


def find_terms(text: str, terms: list[str]) -> list[Span]:
    """Whole-word, case-insensitive occurrences of the terms, as spans of ``text``."""
    if not terms:
        return []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")\b",
        re.IGNORECASE,
    )
    return [Span(start=m.start(), end=m.end(), text=m.group(0)) for m in pattern.finditer(text)]
