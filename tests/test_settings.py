from __future__ import annotations

from pathlib import Path

import pytest

from frontwatch.errors import SettingsError
from frontwatch.settings import Settings, load_settings


def test_layers_override_in_order(tmp_path: Path) -> None:
    user = tmp_path / "fw.toml"
    user.write_text('db = "user.duckdb"\nbatch_size = 8\n')
    s = load_settings(user, env={"FRONTWATCH_BATCH_SIZE": "16"})
    assert (s.db, s.batch_size) == ("user.duckdb", 16)
    assert load_settings(user, env={}, db="cli.duckdb").db == "cli.duckdb"


def test_packaged_defaults_match_the_model() -> None:
    assert load_settings(env={}) == Settings()


def test_bad_values_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="batch_size"):
        load_settings(env={"FRONTWATCH_BATCH_SIZE": "many"})
    bad = tmp_path / "bad.toml"
    bad.write_text("db = \n")
    with pytest.raises(SettingsError, match=r"bad\.toml"):
        load_settings(bad, env={})
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("colour = 'red'\n")
    with pytest.raises(SettingsError, match="colour"):
        load_settings(unknown, env={})
