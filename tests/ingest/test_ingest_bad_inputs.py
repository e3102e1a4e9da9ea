"""Each kind of bad input gives one InputError naming the file (and line); the rest goes on."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from frontwatch.errors import InputError
from frontwatch.ingest import read_inputs
from frontwatch.records import Article

GOOD_TEXT = "Government forces shelled Saraqeb on Tuesday."


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD_TEXT, encoding="utf-8")
    return path


def read_with_good(bad: Path | str, good: Path, **kwargs: object) -> InputError:
    """Read a bad input between two good ones: exactly one error, both good articles."""
    results = list(read_inputs([good, bad, good], **kwargs))  # type: ignore[arg-type]
    found = [r for r in results if isinstance(r, Article)]
    problems = [r for r in results if isinstance(r, InputError)]
    assert [a.text for a in found] == [GOOD_TEXT, GOOD_TEXT]
    assert len(problems) == 1, problems
    assert "\n" not in str(problems[0])
    return problems[0]


def test_missing_path(tmp_path: Path, good: Path) -> None:
    error = read_with_good(tmp_path / "nope.txt", good)
    assert str(error) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_unknown_format(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4")
    error = read_with_good(path, good)
    assert error.where == str(path)
    assert "unknown format (extension '.pdf'" in error.what


@pytest.mark.parametrize("name", ["empty.txt", "empty.html", "empty.jsonl", "empty.csv"])
def test_empty_file(tmp_path: Path, good: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert str(read_with_good(path, good)) == f"{path}: empty file"


def test_whitespace_only_text_file(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t\n", encoding="utf-8")
    assert read_with_good(path, good).where == str(path)


@pytest.mark.parametrize("name", ["photo.txt", "photo.html", "photo.jsonl", "photo.csv"])
def test_binary_file(tmp_path: Path, good: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    error = read_with_good(path, good)
    assert str(error) == f"{path}: binary file (NUL byte at byte offset 8)"


def test_invalid_utf8_text_names_the_byte_offset(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Clashes in Homs, caf\u00e9 hit.".encode("latin-1"))
    error = read_with_good(path, good)
    assert str(error) == f"{path}: invalid UTF-8 at byte offset 20 (byte 0xe9)"


def test_invalid_utf8_jsonl_line_is_one_error(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "ok one"}\n{"text": "caf\xe9"}\n{"text": "ok two"}\n')
    results = list(read_inputs([path]))
    assert [r.text for r in results if isinstance(r, Article)] == ["ok one", "ok two"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert str(error) == f"{path}:2: invalid UTF-8 at byte offset 32 (byte 0xe9)"


def test_invalid_utf8_csv_row_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b'id,text\n1,"ok one"\n2,"caf\xe9\nstill row 2"\n3,ok two\n')
    results = list(read_inputs([path]))
    assert [r.id for r in results if isinstance(r, Article)] == ["1", "3"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert str(error) == f"{path}:3: invalid UTF-8 at byte offset 25 (byte 0xe9)"


def test_malformed_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text('{"text": "ok"}\n{"text": "cut\n{"text": "ok again"}\n', encoding="utf-8")
    results = list(read_inputs([path]))
    assert len([r for r in results if isinstance(r, Article)]) == 2
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert error.where == f"{path}:2"
    assert error.what.startswith("malformed JSON: Unterminated string")


def test_csv_missing_mapped_column_fails_the_whole_file(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "stories.csv"
    path.write_text("headline,content\nA,shelling\nB,clashes\n", encoding="utf-8")
    error = read_with_good(path, good, column_map={"title": "headline", "text": "body"})
    assert str(error) == f"{path}: CSV has no column 'body' (header: headline, content)"


def test_csv_missing_optional_mapped_column_named_by_user(tmp_path: Path) -> None:
    path = tmp_path / "stories.csv"
    path.write_text("text\nshelling\n", encoding="utf-8")
    (error,) = list(read_inputs([path], column_map={"published": "date"}))
    assert isinstance(error, InputError)
    assert "CSV has no column 'date'" in error.what


def test_header_only_csv(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "header.csv"
    path.write_text("id,text\n", encoding="utf-8")
    assert "no records" in read_with_good(path, good).what


def test_text_longer_than_max_chars(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 30, encoding="utf-8")
    error = read_with_good(path, good, max_chars=100)
    assert str(error) == f"{path}: text too long: 150 characters (limit 100)"


def test_jsonl_record_longer_than_max_chars(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "%s"}\n{"text": "short"}\n' % ("x" * 200), encoding="utf-8")
    results = list(read_inputs([path], max_chars=100))
    assert [r.text for r in results if isinstance(r, Article)] == ["short"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert str(error) == f"{path}:1: text too long: 200 characters (limit 100)"


def test_jsonl_line_too_long_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge-line.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "' + b"y" * 500_000 + b'"}\n{"text": "after"}\n')
    results = list(read_inputs([path], max_chars=1_000))
    assert [r.text for r in results if isinstance(r, Article)] == ["after"]
    (error,) = [r for r in results if isinstance(r, InputError)]
    assert error.where == f"{path}:1"
    assert error.what.startswith("line too long")


def test_50_mb_text_is_refused_by_its_size(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "huge.txt"
    size = 50 * 1024 * 1024
    with path.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.write(b"A headline\n")
        fh.truncate(size)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    error = read_with_good(path, good)
    assert error.where == str(path)
    assert error.what.startswith(f"too long: {size:,} bytes")
    assert "1,000,000 characters" in error.what
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown_kib < 20 * 1024  # the file was not read into memory


def test_bad_inputs_in_a_directory_do_not_stop_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Shelling hit Azaz.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"text": "ok"}\nnot json\n', encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "e.txt").write_text("Clashes in Deraa.", encoding="utf-8")
    results = list(read_inputs([tmp_path]))
    assert [r.text for r in results if isinstance(r, Article)] == [
        "Shelling hit Azaz.", "ok", "Clashes in Deraa."
    ]  # fmt: skip
    wheres = [r.where for r in results if isinstance(r, InputError)]
    assert wheres == [str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:2", str(tmp_path / "d.txt")]


def test_byte_order_mark_is_dropped_and_offsets_still_count_it(tmp_path: Path) -> None:
    table = tmp_path / "bom.csv"
    table.write_bytes(b"\xef\xbb\xbfid,text\n1,Shelling hit Azaz.\n")
    (article,) = list(read_inputs([table]))
    assert isinstance(article, Article)
    assert (article.id, article.text) == ("1", "Shelling hit Azaz.")
    text = tmp_path / "bom.txt"
    text.write_bytes(b"\xef\xbb\xbfcaf\xe9")
    (error,) = list(read_inputs([text]))
    assert str(error) == f"{text}: invalid UTF-8 at byte offset 6 (byte 0xe9)"
