"""Load benchmark of ``/events`` map queries (bbox + date window) on synthetic events.

Builds (once, cached) a database of N synthetic events, starts ``frontwatch serve`` on a free
loopback port in its own process, and runs a closed loop of C concurrent keep-alive clients
for S seconds, each asking the dashboard's query (``view=map``, a 1°×1° box around a city,
a 30-day window) or the full view. Prints throughput, p50/p95/p99 latency and errors as JSON.
Only 127.0.0.1 is contacted; the run is bounded in time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from frontwatch.api.server import free_port
from frontwatch.store import Store
from frontwatch.store.synthetic import fill_synthetic

CITIES = [
    (36.20, 37.16),
    (33.51, 36.29),
    (34.73, 36.71),
    (35.13, 36.75),
    (35.93, 36.63),
    (35.95, 39.01),
    (35.34, 40.14),
    (32.62, 36.10),
    (36.65, 37.06),
    (33.57, 36.40),
]


def build(db: Path, events: int) -> None:
    if db.exists():
        with Store(db, read_only=True) as store:
            if store.count("events") == events:
                return
        db.unlink()
    with Store(db) as store:
        fill_synthetic(store.con, events=events)


def query(rnd: random.Random, view: str) -> str:
    lat, lon = rnd.choice(CITIES)
    since = dt.date(2011, 1, 1) + dt.timedelta(days=rnd.randrange(3600))
    params = {
        "bbox": f"{lon - 0.5:.3f},{lat - 0.5:.3f},{lon + 0.5:.3f},{lat + 0.5:.3f}",
        "since": since.isoformat(),
        "until": (since + dt.timedelta(days=30)).isoformat(),
    }
    if view == "map":
        params.update(view="map", limit="5000")
    else:
        params["limit"] = "100"
    return f"/events?{urlencode(params)}"


def client(port: int, view: str, stop: float, seed: int, out: list[tuple[float, int]]) -> None:
    rnd = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        start = time.perf_counter()
        try:
            conn.request("GET", query(rnd, view))
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append((time.perf_counter() - start, status))
    conn.close()


def wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("frontwatch serve exited before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("frontwatch serve did not answer in 120 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else 0.0


def run(db: Path, *, view: str, seconds: float, concurrency: int) -> dict[str, object]:
    port = free_port()
    exe = Path(sys.executable).parent / "frontwatch"
    proc = subprocess.Popen(
        [str(exe), "serve", "--db", str(db), "--read-only", "--port", str(port)],
        env={k: v for k, v in os.environ.items() if k != "FRONTWATCH_API_TOKEN"},
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(port, proc)
        client(port, view, time.monotonic() + 3, 0, [])  # warm-up, not counted
        results: list[tuple[float, int]] = []
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=client, args=(port, view, stop, i + 1, results))
            for i in range(concurrency)
        ]
        started = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.monotonic() - started
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    latencies = [1000 * s for s, status in results if status == 200]
    return {
        "view": view,
        "seconds": round(elapsed, 1),
        "concurrency": concurrency,
        "requests": len(results),
        "errors": sum(1 for _, status in results if status != 200),
        "requests_per_second": round(len(results) / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "p99_ms": round(percentile(latencies, 99), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--view", choices=["map", "full", "both"], default="both")
    parser.add_argument("--db", type=Path, help="database to build or reuse (default: /tmp)")
    args = parser.parse_args()
    db = args.db or Path("/tmp") / f"frontwatch-bench-{args.events}.duckdb"
    build(db, args.events)
    views = ["map", "full"] if args.view == "both" else [args.view]
    for view in views:
        result = run(db, view=view, seconds=args.seconds, concurrency=args.concurrency)
        result["events"] = args.events
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
