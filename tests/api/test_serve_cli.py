"""`frontwatch serve` as an operator runs it: a process on a loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from frontwatch.api.server import free_port


def test_serve_command_answers_and_protects_reads(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes(demo_db.read_bytes())
    port = free_port()
    env = {**os.environ, "FRONTWATCH_API_TOKEN": "cli-token"}
    cmd = [
        str(Path(sys.executable).parent / "frontwatch"),
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--protect-reads",
        "--read-only",
    ]
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{url}/health", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.2)
        assert health.status_code == 200  # liveness stays open
        assert httpx.get(f"{url}/events").status_code == 401
        ok = httpx.get(f"{url}/events", headers={"Authorization": "Bearer cli-token"})
        assert ok.status_code == 200 and ok.json()["events"]
        assert httpx.get(f"{url}/").status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=20)
