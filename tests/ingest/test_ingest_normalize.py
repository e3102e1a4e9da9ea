"""Normalisation, content-hash ids and make_article validation."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import unicodedata

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest import article_id, make_article, normalize_text


def test_unifies_newlines_and_strips_invisible_characters() -> None:
    raw = "\ufeffAleppo\u200b is\r\nunder\rsiege\u00ad.\x07"
    assert normalize_text(raw) == "Aleppo is\nunder\nsiege."


def test_collapses_spaces_and_keeps_paragraph_breaks() -> None:
    raw = "  Fighting\t\tnear  Azaz\u00a0 today. \n\n\n\n  Second   paragraph.  \n"
    assert normalize_text(raw) == "Fighting near Azaz today.\n\nSecond paragraph."


def test_applies_nfc() -> None:
    decomposed = "Ho\u0301ms"  # o + combining acute
    assert normalize_text(decomposed) == "H\u00f3ms"
    assert article_id(decomposed) == article_id("H\u00f3ms")


def test_normalize_is_idempotent() -> None:
    raw = " A\u2028B \r\n\r\n\r\nC\t D "
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_id_ignores_whitespace_and_line_wrapping() -> None:
    one = "Syrian forces took Hardatnin.\nThe monitor said so."
    other = "  Syrian  forces took\tHardatnin. The monitor\r\n\r\nsaid so.\n"
    assert article_id(one) == article_id(other)
    assert len(article_id(one)) == 16
    assert int(article_id(one), 16) >= 0


def test_id_changes_with_the_words() -> None:
    assert article_id("Forty civilians were killed.") != article_id(
        "Fourteen civilians were killed."
    )
    assert article_id("Aleppo") != article_id("aleppo")


def test_make_article_normalises_fields() -> None:
    article = make_article(
        " Shelling in\r\nIdlib. ",
        title="  Shelling\n in Idlib ",
        source=" ",
        id=" 42 ",
        published="2016-02-03",
        origin="x.txt",
    )
    assert article.text == "Shelling in\nIdlib."
    assert article.title == "Shelling in Idlib"
    assert article.source is None
    assert article.id == "42"
    assert article.published == dt.date(2016, 2, 3)
    assert article.article_id == article_id("Shelling in Idlib.")
    assert article.origin == "x.txt"


def test_make_article_accepts_date_objects() -> None:
    stamp = dt.datetime(2016, 2, 3, 12, 0)
    assert make_article("text", published=stamp).published == dt.date(2016, 2, 3)
    assert make_article("text", published=dt.date(2016, 2, 4)).published == dt.date(2016, 2, 4)


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("\u200b \n\t", {}, "empty text"),
        ("fine", {"published": "not a date"}, "bad published value 'not a date'"),
        ("x" * 11, {"max_chars": 10}, "text too long: 11 characters (limit 10)"),
    ],
)
def test_make_article_refuses_bad_input(text: str, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as caught:
        make_article(text, origin="in.jsonl:3", **kwargs)  # type: ignore[arg-type]
    assert caught.value.where == "in.jsonl:3"
    assert message in str(caught.value)


def test_normal_form_properties_on_noisy_strings() -> None:
    alphabet = "ab \t\n\r\u00a0\u200b\u2028\u0301o\x0c\ufeff\u3000."
    rng = random.Random(7)
    for _ in range(500):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
        normal = normalize_text(raw)
        assert normalize_text(normal) == normal
        assert normal == normal.strip()
        assert "  " not in normal and "\n\n\n" not in normal
        assert " \n" not in normal and "\n " not in normal
        assert not set(normal) & set("\t\r\u00a0\u200b\u2028\x0c\ufeff\u3000")
        assert unicodedata.is_normalized("NFC", normal)
        key = " ".join(normal.split())
        assert article_id(raw) == hashlib.sha256(key.encode()).hexdigest()[:16]
