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
    from .evaluate.acled import Scored


@click.command(name="acled")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--db",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Database whose imported gazetteer to use (read only; nothing is stored).",
)
@click.option("--misses", is_flag=True, help="Also print each note placed wrongly (stderr).")
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw ACLED's points and ours (PNG): agreements, and a line to each miss.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
@settings_option
def eval_acled(
    csv_file: Path,
    *,
    db: Path | None,
    misses: bool,
    map_file: Path | None,
    as_json: bool,
    settings_file: Path | None,
) -> None:
    """Score event places against an ACLED export's admin1 and points (its notes are read)."""
    from .evaluate.acled import evaluate_acled
    from .extract.pipeline import Extractor

    rows: list[Scored] = []

    def on_row(row: Scored) -> None:
        rows.append(row)
        if misses and not row.hit:
            g, p = row.gold, row.place
            ours = f"{p.name} ({p.admin1}, {p.latitude}, {p.longitude})" if p else "no place"
            click.echo(
                f"miss {g.id}: ACLED {g.admin1} ({g.latitude}, {g.longitude}); "
                f"ours {ours}: {row.article.text[:160]}",
                err=True,
            )

    scores = evaluate_acled(
        csv_file,
        extractor=Extractor(_settings(settings_file, db)),
        on_error=_report_error,
        on_progress=lambda n: click.echo(f"  {n} notes", err=True),
        on_row=on_row,
    )
    if map_file is not None:
        from .evaluate.acled_map import render_misses

        click.echo(f"map: {render_misses(rows, scores, map_file)}", err=True)
    if as_json:
        click.echo(json.dumps(scores))
        return
    for key, value in scores.items():
        if key != "by_geo_precision":
            click.echo(f"{key:18} {value}")
    for precision, part in scores["by_geo_precision"].items():
        click.echo(f"geo_precision {precision}: {json.dumps(part)}")
