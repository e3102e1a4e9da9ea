"""Where input bytes come from, and the checks made before any of them is parsed.

An ``Input`` is a file or standard input. Readers open it as bytes and decode it themselves,
so that a bad input is reported precisely (which file, which line, which byte) and never read
whole into memory when it is too big to be an article.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

BOM = b"\xef\xbb\xbf"
SNIFF_BYTES = 8192
"""Bytes read from the start of a file to tell a binary file (NUL bytes) from a text."""
BYTES_PER_CHAR = 4
"""UTF-8 needs at most 4 bytes a character: a file over 4 × max_chars bytes is too long."""
LINE_SLACK_BYTES = 65_536
"""Room for a record's other fields on a JSONL/CSV line, on top of the text's byte limit."""


def byte_limit(max_chars: int) -> int:
    """Most bytes an input holding one text of ``max_chars`` characters can need."""
    return BYTES_PER_CHAR * max_chars


@dataclass(frozen=True)
class Input:
    """A file, or standard input (``path`` None, ``stream`` set)."""

    name: str
    path: Path | None = None
    stream: BinaryIO | None = field(default=None, compare=False)

    @contextlib.contextmanager
    def open(self) -> Iterator[BinaryIO]:
        if self.stream is not None:
            yield self.stream
            return
        if self.path is None:
            raise InputError(self.name, "nothing to read")
        try:
            with self.path.open("rb") as fh:
                yield fh
        except OSError as exc:
            raise InputError(self.name, f"cannot read: {exc.strerror or exc}") from exc


def check_file(inp: Input, *, max_chars: int | None = None) -> None:
    """Refuse a file that is missing, empty, binary or too big for ``max_chars`` characters.

    Only the file's size and first bytes are looked at.
    """
    if inp.path is None:
        return
    try:
        size = inp.path.stat().st_size
    except OSError as exc:
        raise InputError(inp.name, f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(inp.name, "empty file")
    if max_chars is not None and size > byte_limit(max_chars):
        raise InputError(inp.name, _too_long(f"{size:,} bytes", max_chars))
    with inp.open() as fh:
        check_not_binary(inp.name, fh.read(SNIFF_BYTES))


def check_not_binary(where: str, data: bytes) -> None:
    offset = data.find(b"\x00")
    if offset >= 0:
        raise InputError(where, f"binary file (NUL byte at byte offset {offset})")


def decode_utf8(where: str, data: bytes, *, base_offset: int = 0) -> str:
    """Decode UTF-8 (a leading BOM dropped), naming the byte offset of the first bad byte."""
    if data.startswith(BOM):
        data, base_offset = data[len(BOM) :], base_offset + len(BOM)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        offset = base_offset + exc.start
        raise InputError(where, f"invalid UTF-8 at byte offset {offset} (byte 0x{bad})") from exc


def _too_long(size: str, max_chars: int) -> str:
    return (
        f"too long: {size}, over the {byte_limit(max_chars):,} bytes that "
        f"{max_chars:,} characters (max_chars) can take"
    )


def read_whole(inp: Input, *, max_chars: int) -> bytes:
    """All bytes of a one-article input; refuses a too big one without reading it all."""
    check_file(inp, max_chars=max_chars)
    max_bytes = byte_limit(max_chars)
    with inp.open() as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(inp.name, _too_long(f"more than {max_bytes:,} bytes", max_chars))
    if not data.strip():
        raise InputError(inp.name, "empty file" if not data else "no text (only whitespace)")
    check_not_binary(inp.name, data)
    return data


def read_whole_text(inp: Input, *, max_chars: int) -> str:
    data = read_whole(inp, max_chars=max_chars)
    return decode_utf8(inp.name, data)


@dataclass
class DecodedLines:
    """Iterate the lines of a binary stream as text, never failing mid-stream.

    A line that is not UTF-8, holds a NUL byte or is longer than ``max_line_bytes`` is
    yielded decoded with replacement characters (or empty when too long) and its problem is
    kept in ``problems`` under its 1-based line number, for the reader to report.
    """

    fh: BinaryIO
    where: str
    max_line_bytes: int
    problems: dict[int, str] = field(default_factory=dict)
    offset: int = 0

    def __iter__(self) -> Iterator[str]:
        number = 0
        while raw := self.fh.readline(self.max_line_bytes + 1):
            number += 1
            start, self.offset = self.offset, self.offset + len(raw)
            if len(raw) > self.max_line_bytes and not raw.endswith(b"\n"):
                self._skip_rest_of_line()
                self.problems[number] = f"line too long (more than {self.max_line_bytes:,} bytes)"
                yield "\n"
                continue
            yield self._decode(raw, number, start)

    def take_problem(self, first: int, last: int | None = None) -> str | None:
        """The first problem on lines ``first``..``last`` (inclusive); all of them are dropped."""
        found = [
            self.problems.pop(n) for n in range(first, (last or first) + 1) if n in self.problems
        ]
        return found[0] if found else None

    def _decode(self, raw: bytes, number: int, start: int) -> str:
        nul = raw.find(b"\x00")
        if nul >= 0:
            self.problems[number] = f"NUL byte at byte offset {start + nul} (binary data)"
            raw = raw.replace(b"\x00", b"")
        try:
            return decode_utf8(self.where, raw, base_offset=start)
        except InputError as err:
            self.problems.setdefault(number, err.what)
            return raw.decode("utf-8", errors="replace")

    def _skip_rest_of_line(self) -> None:
        while chunk := self.fh.readline(self.max_line_bytes):
            self.offset += len(chunk)
            if chunk.endswith(b"\n"):
                return
