"""``frontwatch demo``: the bundled corpus into a database, a summary and two exports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import FrontwatchError
from .export import write_csv, write_geojson
from .jobs import IngestReport, OnProgress, ingest
from .report import summary_text
from .resources import data_path
from .settings import Settings
from .store import Store
from .store.summary import summarize


@dataclass(frozen=True)
class DemoResult:
    db: Path
    csv: Path
    geojson: Path
    report: IngestReport
    summary_text: str


def demo_corpus() -> Path:
    return data_path("demo", "corpus.jsonl")


def run_demo(settings: Settings, *, out: Path, on_progress: OnProgress | None = None) -> DemoResult:
    out.mkdir(parents=True, exist_ok=True)
    db = Path(settings.db)
    with Store(db) as store:
        report = ingest([demo_corpus()], settings=settings, store=store, on_progress=on_progress)
        if report.errors:
            raise FrontwatchError(f"demo corpus: {report.errors[0]}")
        csv_path, geojson_path = out / "events.csv", out / "events.geojson"
        with csv_path.open("w", encoding="utf-8", newline="") as fh:
            write_csv(store.events(), fh)
        with geojson_path.open("w", encoding="utf-8") as fh:
            write_geojson(store.events(), fh)
        text = summary_text(summarize(store.con))
    return DemoResult(db=db, csv=csv_path, geojson=geojson_path, report=report, summary_text=text)
