"""``frontwatch eval places``, ``eval acled`` and ``eval spellings``: the event's place against
labelled sentences, against ACLED's coding of the same events, and the press's spellings of
places against the places they name (issue 3).

Registered on ``frontwatch.cli.eval_group`` by one line at the end of cli.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .cli import _report_error, _settings, settings_option

if TYPE_CHECKING:
    from .evaluate.acled import Scored
    from .evaluate.places import PlaceSentence
    from .evaluate.spellings import Resolved
    from .records import Location

F = TypeVar("F", bound=Callable[..., Any])
LINES = {"all": lambda _: True, "even": lambda n: n % 2 == 0, "odd": lambda n: n % 2 == 1}
"""``--lines``: which lines of the file to score (a dev/test split that needs no copy)."""
JSON_OPTION = click.option(
    "--json", "as_json", is_flag=True, help="One JSON object with the scores."
)
DB_OPTION = click.option(
    "--db",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Database whose imported gazetteer to use (read only; nothing is stored).",
)


def split_option(flag: str, dest: str, what: str) -> Callable[[F], F]:
    """``--lines`` / ``--places``: score only the even- or odd-numbered ``what``."""
    return click.option(
        flag,
        dest,
        type=click.Choice(sorted(LINES)),
        default="all",
        show_default=True,
        help=f"Score only the even- or odd-numbered {what} (a dev/test split).",
    )


def _bundled_only_note(db: str) -> None:
    """Say so when no gazetteer is imported: the bundled one lacks most villages."""
    from .store.gazetteer import read_connection, sources

    with read_connection(Path(db)) as con:
        imported = con is not None and bool(sources(con))
    if not imported:
        click.echo(
            f"note: no gazetteer imported in {db}: places resolve against the bundled one "
            "(GeoNames towns of 500 people or more), which lacks most villages; import one "
            "(`frontwatch gazetteer import` or `fetch SY`, docs/gazetteer.md) and pass --db",
            err=True,
        )


def _print_scores(
    scores: dict[str, Any], as_json: bool, *, width: int, nested: str | None = None
) -> None:
    """The scores as one JSON object, or one line per figure (``nested``, the per-group
    figures, only in JSON)."""
    if as_json:
        click.echo(json.dumps(scores))
        return
    for key, value in scores.items():
        if key != nested:
            click.echo(f"{key:{width}} {value}")


def _ours(place: Location | None) -> str:
    """Our place in a miss line: its name, admin1 and point."""
    if place is None:
        return "no place"
    return f"{place.name} ({place.admin1}, {place.latitude}, {place.longitude})"


@click.command(name="places")
@click.argument("jsonl_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--anchor",
    type=click.Choice(["verb", "pipeline"]),
    default="verb",
    show_default=True,
    help="verb: the gold VERB span anchors the event; pipeline: the extractor's own events.",
)
@split_option("--lines", "which", "lines of the file")
@click.option("--misses", is_flag=True, help="Also print each sentence scored wrongly (stderr).")
@JSON_OPTION
@settings_option
def eval_places(
    jsonl_file: Path,
    *,
    anchor: str,
    which: str,
    misses: bool,
    as_json: bool,
    settings_file: Path | None,
) -> None:
    """Score the event's location against sentences with gold LOCATION spans."""
    from .evaluate.places import evaluate_places
    from .extract.pipeline import Extractor

    def on_sentence(s: PlaceSentence, predicted: set[str]) -> None:
        if misses and predicted != s.gold:
            wrong = ", ".join(sorted(predicted - s.gold)) or "-"
            missed = ", ".join(sorted(s.gold - predicted)) or "-"
            click.echo(
                f"miss {jsonl_file}:{s.line} [{s.source}] wrong: {wrong}; missed: {missed}: "
                f"{' '.join(s.text.split())[:160]}",
                err=True,
            )

    scores = evaluate_places(
        jsonl_file,
        extractor=Extractor(_settings(settings_file)),
        anchor="pipeline" if anchor == "pipeline" else "verb",
        lines=LINES[which],
        on_error=lambda exc: click.echo(f"skipped: {exc}", err=True),
        on_progress=lambda n: click.echo(f"  {n} sentences", err=True),
        on_sentence=on_sentence,
    )
    _print_scores(scores, as_json, width=22, nested="by_source")


@click.command(name="acled")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
@click.option("--misses", is_flag=True, help="Also print each note placed wrongly (stderr).")
@click.option(
    "--map",
    "map_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw ACLED's points and ours (PNG): agreements, and a line to each miss.",
)
@JSON_OPTION
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
            g = row.gold
            click.echo(
                f"miss {g.id}: ACLED {g.admin1} ({g.latitude}, {g.longitude}); "
                f"ours {_ours(row.place)}: {row.article.text[:160]}",
                err=True,
            )

    settings = _settings(settings_file, db)
    scores = evaluate_acled(
        csv_file,
        extractor=Extractor(settings),
        on_error=_report_error,
        on_progress=lambda n: click.echo(f"  {n} notes", err=True),
        on_row=on_row,
    )
    if map_file is not None:
        from .evaluate.acled_map import render_misses

        click.echo(f"map: {render_misses(rows, scores, map_file)}", err=True)
    _bundled_only_note(settings.db)
    _print_scores(scores, as_json, width=18, nested="by_geo_precision")
    if not as_json:
        for precision, part in scores["by_geo_precision"].items():
            click.echo(f"geo_precision {precision}: {json.dumps(part)}")


@click.command(name="spellings")
@click.argument("tsv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@DB_OPTION
@split_option("--places", "places", "places of the file, in file order")
@click.option("--misses", is_flag=True, help="Also print each spelling resolved wrongly (stderr).")
@JSON_OPTION
@settings_option
def eval_spellings(
    tsv_file: Path,
    *,
    db: Path | None,
    places: str,
    misses: bool,
    as_json: bool,
    settings_file: Path | None,
) -> None:
    """Score how spellings of places resolve: each in a sentence, against the place's point."""
    from .evaluate.spellings import evaluate_spellings
    from .extract.pipeline import Extractor

    def on_row(r: Resolved) -> None:
        if misses and not r.right:
            far = f", {r.km:.0f} km" if r.km is not None else ""
            click.echo(
                f"miss {tsv_file}:{r.row.line} {r.row.spelling!r} [{r.row.style}] "
                f"gold {r.row.gold}; ours {_ours(r.place)}{far}",
                err=True,
            )

    settings = _settings(settings_file, db)
    scores = evaluate_spellings(
        tsv_file,
        extractor=Extractor(settings),
        places=LINES[places],
        on_error=_report_error,
        on_row=on_row,
    )
    _bundled_only_note(settings.db)
    _print_scores(scores, as_json, width=14)
