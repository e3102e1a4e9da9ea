"""The focus country's borders named in text: "near the Turkish border", "along the
Syrian-Turkish border", "the border with Iraq".

Their names are those of ``data/geo/borders.yaml``, where the bundled gazetteer gets its
border points; the geocoder picks the point nearest the article's other places and gives it
geo_precision 2. Gazetteer names are matched as capitalised runs, so a phrase ending in
lowercase "border" is found here instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..errors import ResourceError
from ..resources import load_yaml
from .place_lists import alternatives


@dataclass(frozen=True)
class BorderNames:
    pattern: re.Pattern[str]

    @classmethod
    @cache
    def load(cls) -> BorderNames:
        try:
            data = load_yaml("geo", "borders.yaml")
            names = sorted({str(n) for b in data["borders"] for n in b["names"]}, key=len)
            modifies = alternatives([str(w) for w in data["modifies"]])
        except (KeyError, TypeError) as exc:
            raise ResourceError(f"data/geo/borders.yaml malformed: {exc!r}") from exc
        forms = [r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", n))) for n in names[::-1]]
        return cls(
            re.compile(
                rf"(?<![\w-])(?:{'|'.join(forms)})(?![\w-])(?!\s+(?:{modifies})\b)",
                re.IGNORECASE,
            )
        )

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """The spans of border names in ``text`` with a capitalised word ("Turkish border",
        "border with Turkey"), not when they modify a noun ("Turkish border guards")."""
        for m in self.pattern.finditer(text):
            words = m.group().split()
            if any(w[:1].isupper() for w in words):
                yield m.span()
