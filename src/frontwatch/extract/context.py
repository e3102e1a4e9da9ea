"""What extraction components share: settings, the gazetteer, the optional statistical model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from ..geocode.gazetteer import Gazetteer
    from ..geocode.geocoder import Geocoder
    from ..settings import Settings


@dataclass(frozen=True)
class ExtractContext:
    settings: Settings
    gazetteer: Gazetteer
    geocoder: Geocoder
    ner: Language | None = None
    """spaCy pipeline with only the statistical NER, for the cascade (``ner_fallback``)."""
