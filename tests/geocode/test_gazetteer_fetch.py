"""`frontwatch gazetteer fetch`: a GeoNames zip served by a real local HTTP server."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from frontwatch.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "geocode"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder like GeoNames' export/dump/, served over HTTP: SY.zip, a truncated copy,
    a zip that is not one, and the admin code files."""
    folder = tmp_path / "dump"
    folder.mkdir()
    with zipfile.ZipFile(folder / "SY.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(FIXTURES / "SY_fixture.txt", "SY.txt")
        zf.writestr("readme.txt", "fixture dump\n")
    blob = (folder / "SY.zip").read_bytes()
    (folder / "cut").mkdir()
    (folder / "cut" / "SY.zip").write_bytes(blob[: len(blob) // 2])
    (folder / "html").mkdir()
    (folder / "html" / "SY.zip").write_text("<html>moved</html>", encoding="utf-8")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder; under /short/ it announces more bytes than it sends (a transfer
    cut off mid-way)."""

    def do_GET(self) -> None:
        if not self.path.startswith("/short/"):
            super().do_GET()
            return
        blob = Path(self.translate_path(self.path.replace("/short/", "/", 1))).read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(blob)))
        self.end_headers()
        self.wfile.write(blob[: len(blob) // 2])

    def log_message(self, format: str, *args: object) -> None:
        return


def places(db: Path) -> dict[str, int]:
    result = CliRunner().invoke(main, ["gazetteer", "info", "--json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    counts: dict[str, int] = json.loads(result.output)["counts"]
    return counts


def test_fetch_imports_the_country_dump(served: tuple[str, Path]) -> None:
    base, tmp = served
    db = tmp / "fw.duckdb"
    result = CliRunner().invoke(
        main, ["gazetteer", "fetch", "SY", "--url", f"{base}/SY.zip", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert "source geonames-SY" in result.output and "SY.zip" in result.stderr
    found = CliRunner().invoke(
        main, ["gazetteer", "lookup", "Hardatnin", "--json", "--db", str(db)]
    )
    place = json.loads(found.output.splitlines()[0])
    # admin2 proves the admin code files were fetched from beside the zip
    assert (place["gazetteer_id"], place["admin2"]) == ("geonames:9990001", "Jebel Saman")


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("cut/SY.zip", "not a valid zip archive"),
        ("html/SY.zip", "not a valid zip archive"),
        ("missing/SY.zip", "download failed"),
        ("short/SY.zip", "download"),
    ],
)
def test_a_broken_download_leaves_the_gazetteer_intact(
    served: tuple[str, Path], path: str, error: str
) -> None:
    base, tmp = served
    db = tmp / "fw.duckdb"
    good = CliRunner().invoke(
        main, ["gazetteer", "fetch", "SY", "--url", f"{base}/SY.zip", "--db", str(db)]
    )
    assert good.exit_code == 0, good.output
    before = places(db)
    bad = CliRunner().invoke(
        main, ["gazetteer", "fetch", "SY", "--url", f"{base}/{path}", "--db", str(db)]
    )
    assert bad.exit_code == 1
    last = bad.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {base}/{path}: ") and error in last
    assert places(db) == before


def test_fetch_refuses_a_bad_country_code(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["gazetteer", "fetch", "Syria", "--db", str(tmp_path / "fw.duckdb")]
    )
    assert result.exit_code == 1 and "two-letter ISO country code" in result.stderr
    assert not (tmp_path / "fw.duckdb").exists()
