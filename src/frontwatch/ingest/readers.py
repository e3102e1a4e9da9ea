"""Read articles from files, directories and standard input, streaming.

``read_inputs`` yields each ``Article`` as soon as it is read, and an ``InputError`` for each
bad input (a file, or one line of a JSONL/CSV file) instead of raising, then goes on.

- A file's format comes from ``fmt`` or else from its extension (``detect_format``).
- A directory is read recursively, in sorted order; hidden entries are skipped, and so are
  files whose extension names no format (unless ``fmt`` is given: then every file is read
  with it).
- ``"-"`` reads standard input: JSONL unless ``fmt`` says otherwise.
- A ``.csv`` file read without ``fmt`` and without ``column_map`` uses the generic map
  (columns named ``text``, ``title``, ``published``, ``source``, ``url``, ``id``); when it
  has no ``text`` column but matches a preset marked ``detect`` (FA-KES), that preset is used.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO

from ..errors import InputError
from .formats import ReadOptions, Result, read_csv, read_html, read_jsonl, read_text
from .presets import check_column_map, load_presets
from .sources import Input

FORMATS = ("text", "html", "jsonl", "csv", "fakes")

EXTENSIONS: Mapping[str, str] = MappingProxyType(
    {
        ".txt": "text",
        ".text": "text",
        ".html": "html",
        ".htm": "html",
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".csv": "csv",
    }
)
"""File extension → format, for files read without an explicit format."""

STDIN = "-"


def detect_format(path: Path) -> str:
    """The format a file's extension names; ``InputError`` for an unknown extension."""
    suffix = Path(path).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        known = ", ".join(EXTENSIONS)
        what = f"extension {suffix!r}" if suffix else "no extension"
        raise InputError(
            str(path), f"unknown format ({what}; known: {known}; or choose one with --format)"
        )
    return fmt


def read_inputs(
    paths: Iterable[str | Path],
    *,
    fmt: str | None = None,
    column_map: Mapping[str, str] | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    max_chars: int = 1_000_000,
    stdin: BinaryIO | None = None,
) -> Iterator[Result]:
    """Articles and input errors from ``paths``, one at a time (see the module docstring).

    An unknown ``fmt`` or an invalid ``column_map`` raises ``InputError`` at once: they are
    usage errors, not bad inputs. ``stdin`` replaces ``sys.stdin.buffer`` for ``"-"``.
    """
    if fmt is not None and fmt not in FORMATS:
        raise InputError("format", f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
    if column_map:
        check_column_map(column_map)
    options = _options_by_format(fmt, column_map, published, source, max_chars)
    return _stream(paths, fmt, options, stdin)


def _options_by_format(
    fmt: str | None,
    column_map: Mapping[str, str] | None,
    published: dt.date | None,
    source: str | None,
    max_chars: int,
) -> dict[str, ReadOptions]:
    presets = load_presets()
    base = ReadOptions(published=published, source=source, max_chars=max_chars)
    options = dict.fromkeys(FORMATS, base)
    for name in ("csv", "fakes"):
        column = presets[name].with_overrides(column_map) if column_map else presets[name]
        options[name] = ReadOptions(published, source, max_chars, column_map=column)
    if fmt is None and not column_map:
        detect = tuple(p for p in presets.values() if p.detect)
        options["csv"] = ReadOptions(
            published, source, max_chars, column_map=presets["csv"], detect_presets=detect
        )
    return options


def _stream(
    paths: Iterable[str | Path],
    fmt: str | None,
    options: Mapping[str, ReadOptions],
    stdin: BinaryIO | None,
) -> Iterator[Result]:
    for path in paths:
        for found in _expand(path, fmt, stdin):
            if isinstance(found, InputError):
                yield found
            else:
                inp, file_fmt = found
                yield from read_one(inp, file_fmt, options[file_fmt])


def read_one(inp: Input, fmt: str, opts: ReadOptions) -> Iterator[Result]:
    """Articles and errors of one input in one format."""
    if fmt == "text":
        return read_text(inp, opts)
    if fmt == "html":
        return read_html(inp, opts)
    if fmt == "jsonl":
        return read_jsonl(inp, opts)
    return read_csv(inp, opts)


def _expand(
    path: str | Path, fmt: str | None, stdin: BinaryIO | None
) -> Iterator[tuple[Input, str] | InputError]:
    """The (input, format) pairs a command-line path stands for."""
    if str(path) == STDIN:
        yield Input("<stdin>", stream=stdin or sys.stdin.buffer), fmt or "jsonl"
        return
    where = Path(path)
    if where.is_dir():
        yield from _walk(where, fmt)
    elif not where.exists():
        yield InputError(str(path), "no such file or directory")
    else:
        yield _with_format(where, fmt)


def _with_format(path: Path, fmt: str | None) -> tuple[Input, str] | InputError:
    try:
        return Input(str(path), path), fmt or detect_format(path)
    except InputError as err:
        return err


def _walk(directory: Path, fmt: str | None) -> Iterator[tuple[Input, str] | InputError]:
    """Files under ``directory`` that have a format, sorted, recursively, lazily."""
    try:
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except OSError as exc:
        yield InputError(str(directory), f"cannot list directory: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path, fmt)
        elif entry.is_file() and (fmt or path.suffix.lower() in EXTENSIONS):
            yield _with_format(path, fmt)
