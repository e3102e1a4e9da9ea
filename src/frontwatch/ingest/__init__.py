"""Ingest: read reports (text, HTML, JSONL, CSV, FA-KES) into normalised, hashed ``Article``s."""

from .dates import parse_published
from .normalize import article_id, make_article, normalize_text
from .readers import FORMATS, detect_format, read_inputs

__all__ = [
    "FORMATS",
    "article_id",
    "detect_format",
    "make_article",
    "normalize_text",
    "parse_published",
    "read_inputs",
]
