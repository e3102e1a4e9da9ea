"""Docs that are checked: every CLI command and every setting is documented."""

from __future__ import annotations

from pathlib import Path

import click

from frontwatch.cli import main
from frontwatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: str = "frontwatch") -> list[str]:
    names = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        names.append(full)
        if isinstance(command, click.Group):
            names += _commands(command, full)
    return names


def test_commands_are_documented() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    missing = [c for c in _commands(main) if f"`{c}" not in usage]
    assert not missing, f"document these commands in docs/usage.md: {missing}"


def test_settings_are_documented() -> None:
    usage = (ROOT / "docs" / "usage.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"`{name}`" not in usage]
    assert not missing, f"document these settings in docs/usage.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:1500]
    assert "make demo" in head and "make test" in head
