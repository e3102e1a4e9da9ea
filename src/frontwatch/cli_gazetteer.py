"""``frontwatch gazetteer``: import, fetch and inspect gazetteers (issue 3; docs/gazetteer.md).

Registered on ``frontwatch.cli.main`` by one line at the end of cli.py. A file is read and
checked whole before the database is opened, so a bad dump leaves no trace in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from .cli import _settings, db_option, settings_option
from .errors import StoreError


@click.group(name="gazetteer")
def gazetteer() -> None:
    """Import, fetch and inspect the gazetteers places are resolved against."""


@gazetteer.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["geonames", "csv", "json"]), help="Default: by extension."
)
@click.option("--preset", help="Column map of a known gazetteer (see docs/gazetteer.md).")
@click.option(
    "--columns",
    multiple=True,
    metavar="FIELD=COLUMN[,...]",
    help="Column map of a CSV/JSON gazetteer, e.g. name=adm3_name,latitude=center_lat.",
)
@click.option(
    "--admin1", type=click.Path(dir_okay=False, path_type=Path), help="admin1CodesASCII.txt"
)
@click.option("--admin2", type=click.Path(dir_okay=False, path_type=Path), help="admin2Codes.txt")
@click.option("--source", help="Source name (re-importing it replaces its places).")
@db_option
@settings_option
def import_command(  # noqa: PLR0917 (click passes options as parameters)
    files: tuple[Path, ...],
    fmt: str | None,
    preset: str | None,
    columns: tuple[str, ...],
    admin1: Path | None,
    admin2: Path | None,
    source: str | None,
    db: Path | None,
    settings_file: Path | None,
) -> None:
    """Import gazetteer FILES (GeoNames dumps with their admin code files, CSV, JSON)."""
    from .geocode.importer import ImportRequest, read_import, store_import
    from .store import Store

    settings = _settings(settings_file, db)
    request = ImportRequest(files, fmt, preset, columns, admin1, admin2, source)
    prepared = read_import(request, settings=settings)
    with Store(settings.db) as store:
        done = store_import(store, prepared)
        stored = store.count("articles")
    click.echo(f"{done.places} places, {done.names} names -> source {done.source} in {settings.db}")
    _reanalyze_hint(stored, settings.db)


def _reanalyze_hint(stored: int, db: str) -> None:
    """Events already stored were placed without the new gazetteer: say how to place them."""
    if stored:
        were = "article was" if stored == 1 else "articles were"
        click.echo(
            f"{stored} stored {were} placed before this import: "
            f"`frontwatch reanalyze --db {db}` places their events again",
            err=True,
        )


@gazetteer.command()
@click.argument("country")
@click.option("--url", help="Zip to download (default: GeoNames' CC.zip).")
@click.option(
    "--admin-codes/--no-admin-codes",
    default=True,
    show_default=True,
    help="Also download admin1CodesASCII.txt and admin2Codes.txt from beside the zip.",
)
@db_option
@settings_option
def fetch(
    country: str, url: str | None, admin_codes: bool, db: Path | None, settings_file: Path | None
) -> None:
    """Download a GeoNames country dump (e.g. SY) and import it as source geonames-CC."""
    from .geocode.importer import fetch_country, progress_text, store_import
    from .store import Store

    settings = _settings(settings_file, db)

    line_open = False

    def progress(name: str, done: int, total: int | None) -> None:
        nonlocal line_open
        line_open = done != total
        click.echo(f"\r  {progress_text(name, done, total)}", err=True, nl=not line_open)

    try:
        prepared = fetch_country(
            country.upper(),
            settings=settings,
            url=url,
            admin_codes=admin_codes,
            on_progress=progress,
        )
    finally:
        if line_open:
            click.echo("", err=True)  # the error, if any, on a line of its own
    with Store(settings.db) as store:
        done = store_import(store, prepared)
        stored = store.count("articles")
    click.echo(f"{done.places} places, {done.names} names -> source {done.source} in {settings.db}")
    _reanalyze_hint(stored, settings.db)


@gazetteer.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@db_option
@settings_option
def info(as_json: bool, db: Path | None, settings_file: Path | None) -> None:
    """Imported gazetteer sources and their counts."""
    from .store.gazetteer import read_connection, sources, table_counts

    settings = _settings(settings_file, db)
    with read_connection(Path(settings.db)) as con:
        if con is None:
            raise StoreError(f"{settings.db}: no such database (import a gazetteer first)")
        found, counts = sources(con), table_counts(con)
    rows = [{**vars(s), "imported_at": s.imported_at.isoformat(timespec="seconds")} for s in found]
    if as_json:
        click.echo(json.dumps({"db": settings.db, "sources": rows, "counts": counts}))
        return
    click.echo(f"{settings.db}: {len(rows)} sources")
    for row in rows:
        click.echo(
            f"  {row['source']:24} {row['places']:>8} places {row['names']:>8} names  "
            f"{row['format']:16} {row['imported_at']}  {row['files']}  sha256 {row['sha256'][:12]}"
        )
    click.echo(
        f"  total: {counts['gazetteer_places']} places, {counts['gazetteer_names']} names "
        "(plus the bundled gazetteer)"
    )


@gazetteer.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one candidate per line.")
@db_option
@settings_option
def lookup(name: str, as_json: bool, db: Path | None, settings_file: Path | None) -> None:
    """The candidate places a NAME resolves to (bundled and imported), as the geocoder sees them."""
    from .geocode.gazetteer import load_gazetteer

    settings = _settings(settings_file, db)
    gaz = load_gazetteer(settings)
    found = gaz.lookup(name)
    if as_json:
        for place in found:
            click.echo(json.dumps(place.model_dump(), ensure_ascii=False))
        return
    click.echo(f"{name!r} -> key {gaz.key(name)!r}: {len(found)} candidates")
    for p in found:
        click.echo(
            f"  {p.gazetteer_id:28} {p.name:28} {p.feature_class}.{p.feature_code:6} "
            f"{p.country} {p.admin1 or '-':16} {p.latitude:9.5f} {p.longitude:9.5f} "
            f"pop {p.population}"
        )
