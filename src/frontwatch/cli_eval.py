"""``frontwatch eval acled``: our places against ACLED's coding of the same events (issue 3).

Registered on ``frontwatch.cli.eval_group`` by one line at the end of cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli import _report_error, _settings, settings_option

if TYPE_CHECKING:
    from .evaluate.acled import CodedEvent
    from .records import Article, Location


@click.command(name="acled")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--db",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Database whose imported gazetteer to use (read only; nothing is stored).",
)
@click.option("--misses", is_flag=True, help="Also print each note placed wrongly.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
@settings_option
def eval_acled(
    csv_file: Path, db: Path | None, misses: bool, as_json: bool, settings_file: Path | None
) -> None:
    """Score event places against an ACLED export's admin1 and points (its notes are read)."""
    from .evaluate.acled import evaluate_acled
    from .extract.pipeline import Extractor

    def show(gold: CodedEvent, article: Article, place: Location | None) -> None:
        got = (
            f"{place.name} ({place.admin1}, {place.latitude}, {place.longitude})"
            if place
            else "no place"
        )
        click.echo(
            f"miss {gold.id}: ACLED {gold.admin1} ({gold.latitude}, {gold.longitude}); "
            f"ours {got}: {article.text[:160]}",
            err=True,
        )

    scores = evaluate_acled(
        csv_file,
        extractor=Extractor(_settings(settings_file, db)),
        on_error=_report_error,
        on_progress=lambda n: click.echo(f"  {n} notes", err=True),
        misses=show if misses else None,
    )
    if as_json:
        click.echo(json.dumps(scores))
        return
    for key, value in scores.items():
        if key != "by_geo_precision":
            click.echo(f"{key:18} {value}")
    for precision, part in scores["by_geo_precision"].items():
        click.echo(f"geo_precision {precision}: {json.dumps(part)}")
