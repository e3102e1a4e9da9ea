"""One reader per input format: ``Input`` → Articles and InputErrors, streamed.

- text: one article per file. The whole (normalised) file is the article text. When the file
  has at least two non-empty lines and the first is at most ``TITLE_MAX_CHARS`` long, that
  first line is also the title (a wire report's headline or lede); it stays in the text, so
  evidence offsets and the content hash cover it. Text files carry no date: ``published``
  and ``source`` come from the defaults.
- html: the main text, title, date, canonical URL and site name via trafilatura. The date is
  taken from the page's markup only (meta tags, ``<time>``, URL), never guessed from the text.
- jsonl: one object per line; ``text`` required; ``title``, ``published``, ``source``,
  ``url``, ``id`` optional; other keys ignored; blank lines skipped.
- csv: a header line, then one article per row, through a ``ColumnMap``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..records import Article
from .normalize import make_article, normalize_text
from .presets import FIELDS, ColumnMap
from .sources import (
    LINE_SLACK_BYTES,
    DecodedLines,
    Input,
    byte_limit,
    check_file,
    decode_utf8,
    read_whole,
)

TITLE_MAX_CHARS = 200
"""Longest first line of a text file still taken as its title."""

Result = Article | InputError


@dataclass(frozen=True)
class ReadOptions:
    """How to read: defaults for records that lack them, the text limit, the CSV column map."""

    published: dt.date | None = None
    source: str | None = None
    max_chars: int = 1_000_000
    column_map: ColumnMap | None = None
    detect_presets: tuple[ColumnMap, ...] = ()

    @property
    def max_line_bytes(self) -> int:
        return byte_limit(self.max_chars) + LINE_SLACK_BYTES


def build_article(fields: Mapping[str, Any], origin: str, opts: ReadOptions) -> Result:
    """An article from a record's fields, the defaults filling what the record lacks."""
    text = fields.get("text")
    if text is None:
        return InputError(origin, "no 'text' field")
    if not isinstance(text, str):
        return InputError(origin, f"'text' must be a string, not {type(text).__name__}")
    published = fields.get("published")
    if published is None or (isinstance(published, str) and not published.strip()):
        published = opts.published
    if not isinstance(published, str | dt.date | None):
        return InputError(origin, f"bad published value {published!r}: not a date string")
    try:
        return make_article(
            text,
            title=fields.get("title"),
            source=fields.get("source") or opts.source,
            url=fields.get("url"),
            published=published,
            id=fields.get("id"),
            origin=origin,
            max_chars=opts.max_chars,
        )
    except InputError as err:
        return err


def first_line_title(text: str) -> str | None:
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) >= 2 and len(lines[0]) <= TITLE_MAX_CHARS:
        return lines[0]
    return None


def read_text(inp: Input, opts: ReadOptions) -> Iterator[Result]:
    try:
        data = read_whole(inp, max_chars=opts.max_chars)
        text = decode_utf8(inp.name, data)
    except InputError as err:
        yield err
        return
    fields = {"text": text, "title": first_line_title(normalize_text(text))}
    yield build_article(fields, inp.name, opts)


def read_html(inp: Input, opts: ReadOptions) -> Iterator[Result]:
    try:
        data = read_whole(inp, max_chars=opts.max_chars)
    except InputError as err:
        yield err
        return
    fields = extract_html(data)
    if not fields.get("text"):
        yield InputError(inp.name, "no main text found in the HTML")
        return
    yield build_article(fields, inp.name, opts)


def extract_html(data: bytes) -> dict[str, Any]:
    """Main text and metadata of an HTML page (trafilatura decodes the page's own charset)."""
    import trafilatura
    from trafilatura.settings import set_date_params

    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=set_date_params(False),
    )
    if doc is None or isinstance(doc, dict):
        return {}
    return {
        "text": doc.text,
        "title": doc.title,
        "published": doc.date,
        "url": doc.url,
        "source": doc.sitename or doc.hostname,
    }


def read_jsonl(inp: Input, opts: ReadOptions) -> Iterator[Result]:
    try:
        check_file(inp)
        with inp.open() as fh:
            lines = DecodedLines(fh, inp.name, opts.max_line_bytes)
            yield from _jsonl_records(lines, inp.name, opts)
    except InputError as err:
        yield err


def _jsonl_records(lines: DecodedLines, name: str, opts: ReadOptions) -> Iterator[Result]:
    seen = 0
    for number, line in enumerate(lines, 1):
        where = f"{name}:{number}"
        problem = lines.take_problem(number)
        if problem is not None:
            seen += 1
            yield InputError(where, problem)
        elif line.strip():
            seen += 1
            yield _jsonl_record(line, where, opts)
    if seen == 0:
        yield InputError(name, "no records (empty or blank lines only)")


def _jsonl_record(line: str, where: str, opts: ReadOptions) -> Result:
    try:
        record = json.loads(line.rstrip("\r\n"))
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(record, dict):
        return InputError(where, f"expected a JSON object, got {type(record).__name__}")
    return build_article({f: record.get(f) for f in FIELDS}, where, opts)


def read_csv(inp: Input, opts: ReadOptions) -> Iterator[Result]:
    try:
        check_file(inp)
        with inp.open() as fh:
            lines = DecodedLines(fh, inp.name, opts.max_line_bytes)
            yield from _csv_rows(lines, inp.name, opts)
    except InputError as err:
        yield err


def _raise_field_limit(limit: int) -> None:
    """Let csv read fields as long as an allowed text (the module's limit is process-wide)."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _csv_rows(lines: DecodedLines, name: str, opts: ReadOptions) -> Iterator[Result]:
    _raise_field_limit(opts.max_line_bytes)
    reader = csv.reader(lines)
    header = next(reader, None)
    if header is None or not any(h.strip() for h in header):
        raise InputError(name, "empty file (no CSV header)")
    columns = choose_columns([h.strip() for h in header], name, opts)
    yield from _csv_records(reader, lines, columns, name, opts)


def choose_columns(header: list[str], name: str, opts: ReadOptions) -> Columns:
    """Field → column index for this header; the whole file fails on a missing column."""
    column_map = opts.column_map
    if column_map is None:
        raise InputError(name, "no CSV column map")
    missing = column_map.missing(header)
    detected = [p for p in opts.detect_presets if not p.missing(header)]
    if missing and detected:
        column_map, missing = detected[0], []
    if missing:
        raise InputError(name, f"CSV has no column {missing[0]!r} (header: {', '.join(header)})")
    index = {column: i for i, column in enumerate(header)}
    fields = {f: index[c] for f, c in column_map.columns.items() if c in index}
    return Columns(fields, headline_first=column_map.headline_first)


def _numbered_rows(reader: Any) -> Iterator[tuple[int, int, list[str] | str]]:
    """(first line, last line, row or the CSV syntax problem) for each record."""
    first = reader.line_num + 1
    while True:
        try:
            row: list[str] | str = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row = f"malformed CSV: {exc}"
        yield first, reader.line_num, row
        first = reader.line_num + 1


def _csv_records(
    reader: Any, lines: DecodedLines, columns: Columns, name: str, opts: ReadOptions
) -> Iterator[Result]:
    seen = 0
    for first, last, row in _numbered_rows(reader):
        where = f"{name}:{first}"
        problem = lines.take_problem(first, last) or (row if isinstance(row, str) else None)
        if problem is not None or isinstance(row, str):
            seen += 1
            yield InputError(where, problem or "malformed CSV")
        elif any(cell.strip() for cell in row):
            seen += 1
            yield build_article(_row_fields(row, columns), where, opts)
    if seen == 0:
        yield InputError(name, "no records (a header line only)")


@dataclass(frozen=True)
class Columns:
    """Where each field sits in a CSV row, and whether the headline goes before the text."""

    index: Mapping[str, int]
    headline_first: bool = False


HEADLINE_WINDOW = 300
"""How far into the text the title may start and still count as the text's own headline."""


def _row_fields(row: list[str], columns: Columns) -> dict[str, str | None]:
    fields = {f: (row[i] if i < len(row) else None) for f, i in columns.index.items()}
    title, text = fields.get("title"), fields.get("text")
    if columns.headline_first and title and text and not _opens_with(text, title):
        fields["text"] = f"{title.strip()}\n{text}"
    return fields


def _opens_with(text: str, title: str) -> bool:
    head = " ".join(text[: HEADLINE_WINDOW + len(title)].split()).lower()
    return " ".join(title.split()).lower()[:60] in head
