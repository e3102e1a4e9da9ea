"""Every spaCy component frontwatch adds, registered here and only here, under versioned names.

Each component reads the article text (``doc_text``) and writes one ``Doc`` extension
holding a list of mention records (``frontwatch.records``) with character offsets into the
text (``fw_sentences`` holds sentence bounds). A component is a class ``Cls(nlp, name)``
with ``setup(ctx: ExtractContext)`` (called once by ``build_nlp``: load lexicons, take the
gazetteer) and
``__call__(doc) -> doc``. ``tests/extract/test_registry.py`` pins the set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

EXTENSIONS = (
    "fw_sentences",
    "fw_dates",
    "fw_casualties",
    "fw_actors",
    "fw_toponyms",
    "fw_triggers",
    "fw_claims",
)

# name -> (factory import path, requires, assigns)
COMPONENTS: dict[str, tuple[str, list[str], list[str]]] = {
    "fw_sentences_v1": (
        "frontwatch.extract.sentences:SentenceSplitter",
        [],
        ["doc._.fw_sentences"],
    ),
    "fw_dates_v1": ("frontwatch.extract.dates:DateTagger", [], ["doc._.fw_dates"]),
    "fw_casualties_v1": (
        "frontwatch.extract.casualties:CasualtyTagger",
        [],
        ["doc._.fw_casualties"],
    ),
    "fw_actors_v1": ("frontwatch.extract.actors:ActorTagger", [], ["doc._.fw_actors"]),
    "fw_toponyms_v1": (
        "frontwatch.extract.toponyms:ToponymTagger",
        [],
        ["doc._.fw_toponyms"],
    ),
    "fw_triggers_v1": (
        "frontwatch.extract.triggers:TriggerTagger",
        [],
        ["doc._.fw_triggers"],
    ),
    "fw_claims_v1": ("frontwatch.extract.claims:ClaimTagger", [], ["doc._.fw_claims"]),
}

PIPELINE_ORDER = tuple(COMPONENTS)

TEXT_KEY = "text"


def doc_text(doc: Doc) -> str:
    """The text a component reads: the article text kept in ``user_data`` by the pipeline.

    ``Doc.text`` rebuilds the string from the tokens on every access (about a millisecond
    per article); the pipeline stores the article text once (``Extractor.make_doc``).
    """
    text = doc.user_data.get(TEXT_KEY)
    return text if isinstance(text, str) else doc.text


def _load(path: str) -> Callable[..., Any]:
    module_name, _, attr = path.partition(":")
    module = __import__(module_name, fromlist=[attr])
    factory: Callable[..., Any] = getattr(module, attr)
    return factory


def register() -> None:
    """Register the Doc extensions and component factories (idempotent)."""
    for ext in EXTENSIONS:
        if not Doc.has_extension(ext):
            Doc.set_extension(ext, default=None)
    for name, (path, requires, assigns) in COMPONENTS.items():
        if Language.has_factory(name):
            continue
        cls = _load(path)

        def make(nlp: Language, name: str, _cls: Any = cls) -> Any:
            return _cls(nlp, name)

        Language.factory(name, requires=requires, assigns=assigns, func=make)
