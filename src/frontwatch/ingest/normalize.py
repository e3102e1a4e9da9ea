"""Text normalisation and the content-hash article id.

``normalize_text`` is what every reader applies before an ``Article`` is built, so the text
that extraction offsets index into is always normalised the same way:

- Unicode NFC; CRLF, CR, U+2028/U+2029 and form feeds become ``\\n``;
- control characters (other than newline and tab), zero-width characters, the BOM, the soft
  hyphen and directional marks are removed;
- tabs and the other Unicode spaces (no-break, thin, ideographic...) become a plain space,
  runs of spaces collapse to one, and every line is stripped;
- single line breaks are kept, and two or more blank lines collapse into one blank line (a
  paragraph break).

``article_id`` hashes the normalised text with *every* whitespace run (line breaks included)
folded to one space, so the same report read twice, or re-wrapped, gets the same id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from ..errors import InputError
from ..records import Article
from .dates import parse_published

_REMOVED = (
    (0x00, 0x08), (0x0E, 0x1F), (0x7F, 0x84), (0x86, 0x9F),  # control characters
    (0xAD, 0xAD), (0x061C, 0x061C), (0x180E, 0x180E),  # soft hyphen, Arabic letter mark
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x2069),  # zero-width, bidi
    (0xFEFF, 0xFEFF),  # BOM / zero-width no-break space
)  # fmt: skip
_LINE_BREAKS = (0x0B, 0x0C, 0x85, 0x2028, 0x2029)
_SPACES = (0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)


def _translation() -> Mapping[int, str | None]:
    table: dict[int, str | None] = {c: None for lo, hi in _REMOVED for c in range(lo, hi + 1)}
    table.update(dict.fromkeys(_LINE_BREAKS, "\n"))
    table.update(dict.fromkeys(_SPACES, " "))
    return MappingProxyType(table)


_TRANSLATION = _translation()
"""Character → replacement (None removes it), applied in one ``str.translate`` pass."""

ID_LENGTH = 16
"""Hex characters of the SHA-256 digest kept as ``article_id`` (64 bits)."""


def _collapse(text: str, run: str, into: str) -> str:
    while run in text:
        text = text.replace(run, into)
    return text


def normalize_text(text: str) -> str:
    """The canonical form of an article text (see the module docstring)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text.translate(_TRANSLATION))
    text = _collapse(text, "  ", " ")
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    return _collapse(text, "\n\n\n", "\n\n").strip()


def normalize_line(value: str) -> str:
    """A one-line field (title, source): normalised, with all whitespace folded to one space."""
    return _fold(normalize_text(value))


def _fold(normal: str) -> str:
    """Whitespace folded to single spaces; ``normal`` is normalised, so its only spaces are
    single spaces and its line breaks are one or two ``\\n`` with no space around them."""
    return normal.replace("\n\n", "\n").replace("\n", " ")


def _hash(normal: str) -> str:
    return hashlib.sha256(_fold(normal).encode("utf-8")).hexdigest()[:ID_LENGTH]


def article_id(text: str) -> str:
    """Content hash of a text: SHA-256 of its whitespace-folded normal form, first 16 hex."""
    return _hash(normalize_text(text))


def _optional(value: object) -> str | None:
    """A metadata field as a clean one-line string, or None when absent or blank."""
    if value is None:
        return None
    cleaned = normalize_line(str(value))
    return cleaned or None


def _published(value: dt.date | str | None, where: str) -> dt.date | None:
    try:
        return parse_published(value)
    except ValueError as exc:
        raise InputError(where, f"bad published value {value!r}: {exc}") from exc


def make_article(
    text: str,
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    id: str | None = None,
    origin: str | None = None,
    max_chars: int | None = None,
) -> Article:
    """Normalise, validate and hash one article.

    Raises ``InputError`` (where = ``origin`` or ``"input"``) when the text is empty after
    normalisation, longer than ``max_chars``, or ``published`` is not a date.
    """
    where = origin or "input"
    if max_chars is not None and len(text) > max_chars:
        raise InputError(where, f"text too long: {len(text):,} characters (limit {max_chars:,})")
    normal = normalize_text(text)
    if not normal:
        raise InputError(where, "empty text")
    return Article(
        article_id=_hash(normal),
        text=normal,
        title=_optional(title),
        source=_optional(source),
        url=_optional(url),
        published=_published(published, where),
        id=_optional(id),
        origin=origin,
    )
