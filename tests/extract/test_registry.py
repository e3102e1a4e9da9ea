"""Snapshot of the registered components: a change here is a deliberate, versioned change."""

from __future__ import annotations

from spacy.language import Language

from frontwatch.extract.registry import COMPONENTS, EXTENSIONS, register


def test_component_set_is_pinned() -> None:
    assert list(COMPONENTS) == [
        "fw_sentences_v1",
        "fw_dates_v1",
        "fw_casualties_v1",
        "fw_actors_v1",
        "fw_toponyms_v1",
        "fw_triggers_v1",
        "fw_claims_v1",
    ]


def test_every_component_declares_what_it_writes() -> None:
    register()
    for name, (_, requires, assigns) in COMPONENTS.items():
        meta = Language.get_factory_meta(name)
        assert list(meta.requires) == requires and list(meta.assigns) == assigns
        (ext,) = assigns
        assert ext.removeprefix("doc._.") in EXTENSIONS
