"""The packaged CSV presets file: schema, and the FA-KES column map."""

from __future__ import annotations

import pytest

from frontwatch.errors import InputError, ResourceError
from frontwatch.ingest.presets import FIELDS, ColumnMap, _preset, load_presets
from frontwatch.resources import load_yaml


def test_presets_file_schema() -> None:
    raw = load_yaml("ingest", "presets.yaml")
    assert raw["version"] == 1
    for name, body in raw["presets"].items():
        assert set(body) <= {"description", "columns", "required", "detect", "headline_first"}, name
        assert isinstance(body["description"], str) and body["description"], name
        assert set(body["columns"]) <= set(FIELDS), name
        assert "text" in body["required"], name
        assert set(body["required"]) <= set(body["columns"]), name
        assert all(isinstance(c, str) and c for c in body["columns"].values()), name


def test_generic_and_fakes_presets() -> None:
    presets = load_presets()
    assert presets["csv"].columns == {f: f for f in FIELDS}
    assert presets["csv"].required == {"text"}
    assert not presets["csv"].detect
    assert presets["fakes"].columns == {
        "id": "unit_id",
        "title": "article_title",
        "text": "article_content",
        "source": "source",
        "published": "date",
    }
    assert presets["fakes"].detect


def test_missing_lists_required_columns_only() -> None:
    column_map = ColumnMap("t", {"text": "body", "title": "headline"}, frozenset({"text"}))
    assert column_map.missing(["headline"]) == ["body"]
    assert column_map.missing(["body"]) == []


def test_overrides_become_required() -> None:
    merged = load_presets()["csv"].with_overrides({"text": "body", "url": "link"})
    assert merged.columns["text"] == "body"
    assert merged.columns["title"] == "title"
    assert merged.required == {"text", "url"}
    with pytest.raises(InputError, match="unknown field 'body'"):
        merged.with_overrides({"body": "x"})


@pytest.mark.parametrize(
    "body",
    [
        {"columns": {"title": "t"}, "required": []},
        {"columns": {"text": "t", "colour": "c"}, "required": ["text"]},
        {"columns": {"text": "t"}, "required": []},
        {"columns": {"text": "t"}, "required": ["text", "id"]},
        {"required": ["text"]},
    ],
)
def test_invalid_preset_is_a_resource_error(body: dict[str, object]) -> None:
    with pytest.raises(ResourceError):
        _preset("broken", body)
