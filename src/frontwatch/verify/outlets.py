"""The outlets file (``data/outlets/outlets.csv``): who published a report, which camp.

An article's outlet is found by its ``source`` (key, name or alias, case-insensitive) or by
its URL's domain; unknown outlets keep their own normalised name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..errors import ResourceError
from ..resources import load_csv

CAMPS = ("government-aligned", "opposition-aligned", "international", "independent")
COLUMNS = (
    "key",
    "name",
    "domain",
    "aliases",
    "country",
    "camp",
    "reliability_prior",
    "prior_source",
)


@dataclass(frozen=True)
class Outlet:
    key: str
    name: str
    domain: str
    country: str
    camp: str
    reliability_prior: float
    prior_source: str


def _norm(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", value.lower()).strip()


def _outlet(row: dict[str, str], line: int) -> Outlet:
    where = f"data/outlets/outlets.csv:{line}"
    if row.get("camp") not in CAMPS:
        raise ResourceError(f"{where}: camp {row.get('camp')!r} is not one of {CAMPS}")
    try:
        prior = float(row["reliability_prior"])
    except (KeyError, ValueError) as exc:
        raise ResourceError(f"{where}: reliability_prior is not a number") from exc
    if not 0.0 <= prior <= 1.0:
        raise ResourceError(f"{where}: reliability_prior {prior} outside [0, 1]")
    return Outlet(
        key=row["key"],
        name=row["name"],
        domain=row["domain"],
        country=row["country"],
        camp=row["camp"],
        reliability_prior=prior,
        prior_source=row["prior_source"],
    )


class OutletRegistry:
    """Lookup of outlets by source name, alias or URL domain."""

    def __init__(self, outlets: list[Outlet], aliases: dict[str, str]) -> None:
        self.outlets = {o.key: o for o in outlets}
        self._names = aliases
        self._domains = {o.domain.lower(): o.key for o in outlets}

    def find(self, source: str | None, url: str | None = None) -> Outlet | None:
        if source and (key := self._names.get(_norm(source))):
            return self.outlets[key]
        if url:
            parts = urlsplit(url)
            host = parts.netloc.lower().removeprefix("www.")
            first = parts.path.strip("/").split("/", 1)[0]
            for candidate in (f"{host}/{first}", host):
                if key := self._domains.get(candidate):
                    return self.outlets[key]
        return None

    def key(self, source: str | None, url: str | None, article_id: str) -> str:
        """A stable outlet key: the known outlet, else the source's own name, else the host."""
        outlet = self.find(source, url)
        if outlet:
            return outlet.key
        if source and _norm(source):
            return _norm(source).replace(" ", "-")
        if url and urlsplit(url).netloc:
            return urlsplit(url).netloc.lower().removeprefix("www.")
        return f"unknown-{article_id}"


@lru_cache(maxsize=1)
def load_outlets() -> OutletRegistry:
    rows = load_csv("outlets", "outlets.csv")
    outlets: list[Outlet] = []
    aliases: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        outlet = _outlet(row, line)
        outlets.append(outlet)
        names = [outlet.key, outlet.name, *row.get("aliases", "").split("|")]
        for name in names:
            if _norm(name):
                aliases.setdefault(_norm(name), outlet.key)
    return OutletRegistry(outlets, aliases)
