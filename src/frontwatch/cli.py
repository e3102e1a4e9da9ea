"""The ``frontwatch`` command: a thin click layer over ``frontwatch.jobs`` and the store.

Every command is documented in docs/usage.md (tests/test_docs.py keeps it so). Errors are
one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import FrontwatchError, InputError
from .jobs import InputOptions
from .settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def _parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def settings_option(func: F) -> F:
    return click.option(
        "--settings",
        "settings_file",
        type=click.Path(dir_okay=False, path_type=Path),
        help="TOML file overriding the packaged settings.",
    )(func)


def db_option(func: F) -> F:
    return click.option(
        "--db",
        type=click.Path(dir_okay=False, path_type=Path),
        help="DuckDB file (default ./frontwatch.duckdb).",
    )(func)


def input_options(func: F) -> F:
    func = click.option("--source", help="Outlet name for inputs that do not give one.")(func)
    func = click.option(
        "--published",
        callback=_parse_date,
        help="Publication date (YYYY-MM-DD) for inputs that do not give one.",
    )(func)
    func = click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "html", "jsonl", "csv", "fakes"]),
        help="Input format (default: by file extension).",
    )(func)
    return click.option(
        "--column",
        "columns",
        multiple=True,
        metavar="FIELD=COLUMN",
        help="CSV column map, e.g. --column text=body (repeatable).",
    )(func)


def _column_map(columns: tuple[str, ...]) -> dict[str, str] | None:
    if not columns:
        return None
    pairs = {}
    for item in columns:
        key, sep, value = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not FIELD=COLUMN", param_hint="--column")
        pairs[key.strip()] = value.strip()
    return pairs


def _settings(settings_file: Path | None, db: Path | None = None) -> Settings:
    return load_settings(settings_file, db=str(db) if db else None)


def _report_error(error: InputError) -> None:
    click.echo(f"error: {error}", err=True)


class Main(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FrontwatchError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=Main)
@click.version_option(__version__, prog_name="frontwatch")
def main() -> None:
    """frontwatch: war reporting into evidence-linked event data."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one object per article.")
@input_options
@settings_option
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Database whose imported gazetteer to use (read only; nothing is stored).",
)
def analyze(
    files: tuple[str, ...],
    as_json: bool,
    fmt: str | None,
    published: dt.date | None,
    source: str | None,
    columns: tuple[str, ...],
    settings_file: Path | None,
    db: Path | None,
) -> None:
    """Extract events from FILES (nothing is stored). '-' reads JSON Lines from stdin."""
    from .jobs import analyze as run
    from .report import describe_article

    settings = _settings(settings_file, db)
    options = InputOptions(
        fmt=fmt, column_map=_column_map(columns), published=published, source=source
    )
    errors: list[InputError] = []

    def on_error(error: InputError) -> None:
        errors.append(error)
        _report_error(error)

    for item in run(files, settings=settings, options=options, on_error=on_error):
        if as_json:
            click.echo(json.dumps(item.to_json_dict(), ensure_ascii=False))
        else:
            click.echo(describe_article(item))
    if errors:
        sys.exit(1)


def _alerts_hint(alerts: int) -> None:
    if alerts:
        click.echo(f"{alerts} new alerts on watched routes: frontwatch alerts", err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@settings_option
def ingest(
    paths: tuple[str, ...],
    db: Path | None,
    fmt: str | None,
    published: dt.date | None,
    source: str | None,
    columns: tuple[str, ...],
    settings_file: Path | None,
) -> None:
    """Analyze PATHS and store articles, events and evidence in the database."""
    from .jobs import ingest as run
    from .store import Store

    settings = _settings(settings_file, db)
    options = InputOptions(
        fmt=fmt, column_map=_column_map(columns), published=published, source=source
    )
    with Store(settings.db) as store:
        report = run(
            paths,
            settings=settings,
            store=store,
            options=options,
            on_error=_report_error,
            on_progress=lambda n: click.echo(f"  {n} articles analysed", err=True),
        )
    click.echo(
        f"{report.articles_added} articles added, {report.articles_skipped} already stored, "
        f"{report.events_added} events, {len(report.errors)} input errors -> {settings.db}"
    )
    _alerts_hint(report.alerts)
    if report.errors:
        sys.exit(1)


@main.command()
@db_option
@settings_option
def reanalyze(db: Path | None, settings_file: Path | None) -> None:
    """Analyze the stored articles again (after a gazetteer import or an upgrade)."""
    from .errors import StoreError
    from .jobs import reanalyze as run
    from .store import Store

    settings = _settings(settings_file, db)
    if not Path(settings.db).exists():
        raise StoreError(f"{settings.db}: no such database (run `frontwatch ingest` first)")
    with Store(settings.db) as store:
        total = len(store.article_ids())
        report = run(
            settings=settings,
            store=store,
            on_error=_report_error,
            on_progress=lambda n: click.echo(f"  {n} of {total} articles read again", err=True),
        )
    click.echo(
        f"{report.articles_read} articles read again, {report.articles_changed} changed "
        f"({report.events_before} -> {report.events_after} events, "
        f"{report.places_changed} placed anew); incidents and control of "
        f"{report.articles_updated} articles updated -> {settings.db}"
    )
    _alerts_hint(report.alerts)


@main.command()
@db_option
@click.option("--since", callback=_parse_date, help="First event date (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Last event date (YYYY-MM-DD).")
@click.option("--type", "event_type", help="ACLED event type or sub-event type.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "geojson"]),
    default="table",
    show_default=True,
)
@settings_option
def events(
    db: Path | None,
    since: dt.date | None,
    until: dt.date | None,
    event_type: str | None,
    fmt: str,
    settings_file: Path | None,
) -> None:
    """List stored events (csv uses ACLED's column names)."""
    from .export import WRITERS
    from .report import events_table
    from .store import EventFilter, Store

    settings = _settings(settings_file, db)
    with Store(settings.db, read_only=True) as store:
        items = store.events(EventFilter(since=since, until=until, event_type=event_type))
        out = sys.stdout
        if fmt == "table":
            click.echo(events_table(items))
        else:
            WRITERS[fmt](items, out)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("frontwatch-output"),
    show_default=True,
    help="Folder for the database and the exports.",
)
@settings_option
def demo(out: Path, settings_file: Path | None) -> None:
    """Ingest the bundled demo corpus, print a summary, write CSV and GeoJSON."""
    from .demo import run_demo

    settings = _settings(settings_file, out / "frontwatch.duckdb")
    result = run_demo(
        settings, out=out, on_progress=lambda n: click.echo(f"  {n} articles", err=True)
    )
    click.echo(result.summary_text)
    # the situation picture of the demo's storyline: the corridor north of Aleppo
    db = str(result.db)
    situation = ["--as-of", DEMO_AS_OF, "--db", db]
    for name in ("situation-map.png", "situation-map.html"):
        main.main(
            ["map", "--out", str(out / name), "--route", *DEMO_ROUTE, *situation],
            standalone_mode=False,
        )
    main.main(
        ["control", "--format", "geojson", "--out", str(out / "control.geojson"), *situation],
        standalone_mode=False,
    )
    click.echo(f"database: {result.db}\nACLED CSV: {result.csv}\nGeoJSON:   {result.geojson}")
    click.echo(
        f"control:   {out / 'control.geojson'}\n"
        f"map:       {out / 'situation-map.png'}, {out / 'situation-map.html'} "
        f"(as of {DEMO_AS_OF}; try: frontwatch route {' '.join(DEMO_ROUTE[:2])} "
        f"--side opposition --as-of {DEMO_AS_OF} --db {db})"
    )


DEMO_AS_OF = "2016-02-05"
DEMO_ROUTE = ("Azaz", "Aleppo", "--side", "opposition")


@main.group(name="eval")
def eval_group() -> None:
    """Score frontwatch against annotated data."""


@eval_group.command(name="fakes")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
@settings_option
def eval_fakes(csv_file: Path, as_json: bool, settings_file: Path | None) -> None:
    """Score each article's main_event against FA-KES annotations."""
    from .evaluate.fakes import evaluate_fakes

    scores = evaluate_fakes(csv_file, settings=_settings(settings_file))
    if as_json:
        click.echo(json.dumps(scores))
    else:
        for key, value in scores.items():
            click.echo(f"{key:22} {value}")


@eval_group.command(name="gold")
@click.argument(
    "corpus", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.argument(
    "gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
@settings_option
def eval_gold(
    corpus: Path | None, gold: Path | None, as_json: bool, settings_file: Path | None
) -> None:
    """Score against hand-coded events (default: the bundled demo corpus and its gold)."""
    from .evaluate.gold import evaluate_gold
    from .extract.pipeline import Extractor
    from .resources import data_path

    settings = _settings(settings_file)
    scores = evaluate_gold(
        corpus or data_path("demo", "corpus.jsonl"),
        gold or data_path("demo", "gold.jsonl"),
        extractor=Extractor(settings),
    )
    if as_json:
        click.echo(json.dumps(scores))
    else:
        for key, value in scores.items():
            click.echo(f"{key:24} {value}")


@main.command()
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Use only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the timings.")
@settings_option
def bench(csv_file: Path, limit: int | None, as_json: bool, settings_file: Path | None) -> None:
    """Time analyze vs a bare spaCy small pass over the same FA-KES texts, in one run."""
    from .bench import run_bench

    result = run_bench(csv_file, settings=_settings(settings_file), limit=limit)
    if as_json:
        click.echo(json.dumps(result))
    else:
        for key, value in result.items():
            click.echo(f"{key:28} {value}")


from .cli_serve import serve  # noqa: E402  (issue 6: the API and dashboard server)

main.add_command(serve)


from .cli_incidents import claims, credibility, incidents, reference, resolve  # noqa: E402

main.add_command(incidents)
main.add_command(resolve)
main.add_command(claims)
main.add_command(credibility)
main.add_command(reference)


from .cli_gazetteer import gazetteer  # noqa: E402  (issue 3: gazetteer import, fetch, lookup)

main.add_command(gazetteer)


from .cli_routes import COMMANDS as ROUTE_COMMANDS  # noqa: E402  (issue 5: route, encircled, watches)

for _command in ROUTE_COMMANDS:
    main.add_command(_command)


from .cli_situation import changes, control  # noqa: E402  (issue 5: control timeline)

main.add_command(control)
main.add_command(changes)


from .cli_map import map_command  # noqa: E402  (issue 5: the situation picture)

main.add_command(map_command)


from .cli_eval import (  # noqa: E402  (issue 3: the event's place)
    eval_acled,
    eval_places,
    eval_spellings,
)

eval_group.add_command(eval_places)
eval_group.add_command(eval_acled)
eval_group.add_command(eval_spellings)
