"""Resolution settings read from ``data/incidents/resolve.yaml`` (thresholds are data)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import ResourceError
from ..resources import load_yaml


class MinHashConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    shingle_words: int
    permutations: int
    bands: int
    threshold: float
    seed: int
    window_days: int


class BlockingConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    date_tolerance_days: dict[str, int]
    max_km: float
    max_km_precise: float
    same_admin1: bool

    def tolerance(self, precision: int | None) -> int:
        return self.date_tolerance_days.get(
            str(precision) if precision else "unknown", self.date_tolerance_days["unknown"]
        )


class ResolveConfig(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int
    minhash: MinHashConfig
    blocking: BlockingConfig
    families: dict[str, list[str]]
    weights: dict[str, float]
    threshold: float
    text_strong: float
    no_shared_names: float
    other_event_type: float
    name_min_ratio: float
    same_outlet_min_place: float
    place_scale_km: float
    place_admin1_only: float
    max_members: int
    max_undated_candidates: int
    lede_chars: int
    min_term_chars: int
    stopwords: frozenset[str]
    common_names: frozenset[str]
    admin1_groups: list[list[str]]
    place_precision: dict[str, float]

    def admin1_key(self, admin1: str | None) -> str:
        """The admin1 block a report belongs to ("" when unknown)."""
        if not admin1:
            return ""
        for group in self.admin1_groups:
            if admin1 in group:
                return group[0]
        return admin1

    def family(self, event_type: str) -> str:
        for name, types in self.families.items():
            if event_type in types:
                return name
        return event_type


@lru_cache(maxsize=1)
def load_resolve_config() -> ResolveConfig:
    """The packaged resolution settings (parsed once)."""
    raw = load_yaml("incidents", "resolve.yaml")
    try:
        config = ResolveConfig(**raw)
    except (TypeError, ValidationError) as exc:
        raise ResourceError(f"data/incidents/resolve.yaml: {exc}") from exc
    if config.minhash.permutations % config.minhash.bands:
        raise ResourceError("data/incidents/resolve.yaml: bands must divide permutations")
    return config
