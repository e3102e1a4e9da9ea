"""Each reader on small fixtures; directories, stdin, format detection, streaming."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest import FORMATS, article_id, detect_format, read_inputs
from frontwatch.records import Article

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"


def articles(results: list[Article | InputError]) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def test_formats_are_the_documented_ones() -> None:
    assert FORMATS == ("text", "html", "jsonl", "csv", "fakes")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.TEXT", "text"), ("a.html", "html"), ("a.htm", "html"),
     ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.csv", "csv")],
)  # fmt: skip
def test_detect_format(name: str, fmt: str) -> None:
    assert detect_format(Path(name)) == fmt


def test_detect_format_refuses_unknown_extension() -> None:
    with pytest.raises(InputError, match=r"report\.pdf: unknown format \(extension '\.pdf'"):
        detect_format(Path("report.pdf"))


def test_text_file_is_one_article_with_headline_title() -> None:
    day = dt.date(2016, 2, 8)
    results = list(read_inputs([FIXTURES / "report.txt"], published=day, source="wire"))
    (article,) = articles(results)
    assert article.title == "Government forces retake village north of Hama"
    assert article.text.startswith(article.title + "\n\nSyrian government forces")
    assert "\n\nA monitoring group" in article.text
    assert article.published == day
    assert article.source == "wire"
    assert article.origin == str(FIXTURES / "report.txt")


def test_single_line_text_file_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("Shelling hit Azaz today.\n", encoding="utf-8")
    (article,) = articles(list(read_inputs([path])))
    assert article.title is None
    assert article.published is None


def test_html_main_text_and_metadata() -> None:
    (article,) = articles(list(read_inputs([FIXTURES / "page.html"])))
    assert article.title == "Shelling kills five in Saraqeb"
    assert article.published == dt.date(2016, 2, 3)
    assert article.url == "https://wire.example.org/2016/02/03/saraqeb-shelling"
    assert article.source == "Example Wire"
    assert "Five civilians were killed on Tuesday" in article.text
    assert "Rescue workers searched the rubble" in article.text
    assert "Sport" not in article.text
    assert "All rights reserved" not in article.text


def test_html_without_date_takes_the_default(tmp_path: Path) -> None:
    page = "<html><body><article><p>{}</p></article></body></html>".format(
        "Government forces shelled the town of Saraqeb on 3 March 2015, rescuers said. " * 3
    )
    path = tmp_path / "nodate.htm"
    path.write_text(page, encoding="utf-8")
    default = dt.date(2016, 1, 1)
    (article,) = articles(list(read_inputs([path], published=default)))
    assert article.published == default  # the date in the text is not a publication date


def test_jsonl_records_and_line_errors() -> None:
    path = FIXTURES / "articles.jsonl"
    results = list(read_inputs([path], source="default outlet"))
    first, second, last = articles(results)
    assert first.id == "101"
    assert first.title == "Air strikes hit Douma"
    assert first.published == dt.date(2016, 2, 1)
    assert first.source == "Example Wire"
    assert first.url == "https://wire.example.org/douma"
    assert first.origin == f"{path}:1"
    assert second.text == "Clashes broke out near Palmyra on Sunday.\n\nBoth sides reported losses."
    assert second.source == "default outlet"
    assert second.id is None
    assert last.id == "r-9"
    assert last.published is None
    assert last.origin == f"{path}:9"
    messages = [str(e) for e in errors(results)]
    assert messages == [
        f"{path}:4: no 'text' field",
        f"{path}:5: bad published value 'yesterday': not a date (expected ISO YYYY-MM-DD, "
        "m/d/yy, d.m.yyyy, '3 Feb 2016' or 3-Feb-16)",
        f"{path}:6: empty text",
        f"{path}:7: malformed JSON: Expecting ',' delimiter (column 61)",
        f"{path}:8: expected a JSON object, got list",
    ]


def test_jsonl_keeps_results_in_input_order() -> None:
    results = list(read_inputs([FIXTURES / "articles.jsonl"]))
    wheres = [r.origin if isinstance(r, Article) else r.where for r in results]
    assert [int(str(w).rsplit(":", 1)[1]) for w in wheres] == [1, 2, 4, 5, 6, 7, 8, 9]


def test_csv_generic_columns() -> None:
    path = FIXTURES / "articles.csv"
    results = list(read_inputs([path], published=dt.date(2016, 1, 1)))
    first, second = articles(results)
    assert (first.id, first.title, first.source) == ("c1", "Barrel bombs on Aleppo", "Example Wire")
    assert first.published == dt.date(2016, 2, 3)  # 2/3/16 is month first
    assert first.url == "https://wire.example.org/c1"
    assert second.text == "Fighting continued around Kuweires air base.\nBoth sides claimed gains."
    assert second.title is None
    assert second.origin == f"{path}:3"
    bad_date, no_text = errors(results)
    assert bad_date.where == f"{path}:5"
    assert "bad published value '13/25/16'" in bad_date.what
    assert "month/day/year" in bad_date.what
    assert str(no_text) == f"{path}:6: empty text"


def test_csv_with_column_map() -> None:
    column_map = {"id": "story_id", "title": "headline", "text": "body", "published": "day"}
    default = dt.date(2016, 1, 1)
    results = list(read_inputs([FIXTURES / "custom.csv"], column_map=column_map, published=default))
    first, second = articles(results)
    assert (first.id, first.title, first.published) == (
        "s1",
        "Mortar fire in Damascus",
        dt.date(2016, 2, 6),
    )
    assert second.published == default  # empty cell: the default applies
    assert not errors(results)


def test_unknown_column_map_field_is_a_usage_error() -> None:
    with pytest.raises(InputError, match="unknown field 'body'"):
        read_inputs([FIXTURES / "custom.csv"], column_map={"body": "body"})


def test_unknown_format_option_is_a_usage_error() -> None:
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        read_inputs([FIXTURES / "custom.csv"], fmt="pdf")


def test_fakes_preset_explicit_and_detected() -> None:
    path = FIXTURES / "fakes-sample.csv"
    for fmt in ("fakes", None):
        first, second = articles(list(read_inputs([path], fmt=fmt)))
        assert (first.id, first.title, first.source) == ("9001", "Test headline one", "examplewire")
        assert first.published == dt.date(2017, 4, 5)
        assert second.published == dt.date(2016, 10, 13)
        assert first.text.startswith("Test headline one\nTest content one")


def test_explicit_csv_format_does_not_guess_a_preset() -> None:
    (error,) = list(read_inputs([FIXTURES / "fakes-sample.csv"], fmt="csv"))
    assert isinstance(error, InputError)
    assert "CSV has no column 'text'" in error.what


def test_directory_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    shutil.copy(FIXTURES / "report.txt", tmp_path / "b" / "z.txt")
    shutil.copy(FIXTURES / "custom.csv", tmp_path / "a.csv")
    (tmp_path / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Clashes in Deraa.", encoding="utf-8")
    results = list(read_inputs([tmp_path], column_map={"text": "body", "id": "story_id"}))
    origins = [r.origin for r in articles(results)]
    assert origins == [f"{tmp_path}/a.csv:2", f"{tmp_path}/a.csv:3", f"{tmp_path}/b/z.txt",
                       f"{tmp_path}/c.txt"]  # fmt: skip
    assert not errors(results)


def test_stdin_is_jsonl() -> None:
    stream = io.BytesIO(b'{"text": "Shelling hit Azaz.", "id": "s"}\n{"oops"\n')
    results = list(read_inputs(["-"], stdin=stream))
    (article,) = articles(results)
    assert (article.id, article.origin) == ("s", "<stdin>:1")
    assert [e.where for e in errors(results)] == ["<stdin>:2"]


def test_same_text_read_twice_has_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling hit Azaz.\nTwo died.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("  Shelling  hit Azaz.\r\n\r\nTwo died.\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(
        '{"text": "Shelling hit Azaz. Two died."}\n', encoding="utf-8"
    )
    found = articles(list(read_inputs([tmp_path, tmp_path / "a.txt"])))
    assert len(found) == 4
    assert {a.article_id for a in found} == {article_id("Shelling hit Azaz. Two died.")}


def test_streams_one_input_at_a_time(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Clashes near Tal Rifaat.", encoding="utf-8")
    later = tmp_path / "later.txt"
    touched: list[str] = []

    def paths() -> Iterator[Path]:
        touched.append("first")
        yield first
        touched.append("later")
        later.write_text("Air strikes on Anadan.", encoding="utf-8")
        yield later

    stream = read_inputs(paths())
    article = next(stream)
    assert isinstance(article, Article)
    assert article.text == "Clashes near Tal Rifaat."
    assert touched == ["first"]
    assert not later.exists()
    assert isinstance(next(stream), Article)
    assert touched == ["first", "later"]


def test_jsonl_is_streamed_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "grow.jsonl"
    path.write_text('{"text": "one"}\n', encoding="utf-8")
    stream = read_inputs([path])
    assert isinstance(next(stream), Article)
    with path.open("a", encoding="utf-8") as fh:  # appended after the first record was read
        fh.write('{"text": "two"}\n')
    assert [a.text for a in articles(list(stream))] == ["two"]


def test_fakes_preset_keeps_a_text_that_opens_with_its_headline(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    path.write_text(
        "unit_id,article_title,article_content,source,date\n"
        '1,Shelling hits Homs,"Sun 10 Jul 2016 Shelling hits Homs. Three people died.",x,7/10/16\n',
        encoding="utf-8",
    )
    (article,) = list(read_inputs([path], fmt="fakes"))
    assert isinstance(article, Article)
    assert article.text.startswith("Sun 10 Jul 2016 Shelling hits Homs.")
