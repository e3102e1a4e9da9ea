"""CLI commands of issue 4: incidents, claims, credibility, reference import, evals.

Registered on ``frontwatch.cli.main`` (one line each at the end of cli.py) and on the
``eval`` group.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
from pathlib import Path

import click

from . import cli as _cli
from .cli import _column_map, _parse_date, _settings, db_option, settings_option
from .errors import InputError
from .resolve.model import Incident
from .settings import Settings


def _near_point(place: str, settings: Settings) -> tuple[float, float]:
    lat, sep, lon = place.partition(",")
    if sep:
        try:
            return float(lat), float(lon)
        except ValueError:
            pass
    from .geocode.gazetteer import load_gazetteer

    found = load_gazetteer(settings).lookup(place)
    if not found:
        raise InputError("--near", f"{place!r} is not in the gazetteer (or give LAT,LON)")
    best = max(found, key=lambda p: (p.country == settings.country_focus, p.population))
    return best.latitude, best.longitude


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _incident_line(i: Incident) -> str:
    f = i.fatalities
    deaths = (
        f"killed {f.low}-{f.high} (best {f.best}, ACLED {f.acled})" if f.low is not None else ""
    )
    where = f"{i.location or '?'} ({i.admin1 or '?'})"
    return (
        f"{i.incident_id}  {i.first_date}  {i.sub_event_type:32.32}  {where:32.32}  "
        f"{i.n_sources} source(s), {i.n_reports} report(s)  {deaths}"
        + (f"  disputed: {', '.join(d.field for d in i.disagreements)}" if i.disagreements else "")
    )


def _write_csv(items: list[Incident]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(
        [
            "incident_id",
            "first_date",
            "last_date",
            "event_type",
            "sub_event_type",
            "cause",
            "location",
            "admin1",
            "latitude",
            "longitude",
            "n_reports",
            "n_sources",
            "outlets",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
            "fatalities_acled",
            "disputed_fields",
        ]
    )
    for i in items:
        f = i.fatalities
        writer.writerow(
            [
                i.incident_id,
                i.first_date,
                i.last_date,
                i.event_type,
                i.sub_event_type,
                i.cause,
                i.location,
                i.admin1,
                i.latitude,
                i.longitude,
                i.n_reports,
                i.n_sources,
                ";".join(i.outlets),
                f.low,
                f.best,
                f.high,
                f.acled,
                ";".join(d.field for d in i.disagreements),
            ]
        )


@click.command()
@db_option
@click.option("--since", callback=_parse_date, help="Incidents ending on or after (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Incidents starting on or before.")
@click.option("--near", "near", help="A place name in the gazetteer, or LAT,LON.")
@click.option("--km", type=float, default=25.0, show_default=True, help="Radius for --near.")
@click.option("--min-sources", type=int, default=0, help="At least this many independent sources.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
)
@settings_option
def incidents(  # noqa: PLR0917 (click passes options as parameters)
    db: Path | None,
    since: dt.date | None,
    until: dt.date | None,
    near: str | None,
    km: float,
    min_sources: int,
    fmt: str,
    settings_file: Path | None,
) -> None:
    """List incidents: reports of one happening merged, with sources and fatality ranges."""
    from .store import Store
    from .store.incidents import IncidentFilter, IncidentStore

    settings = _settings(settings_file, db)
    with Store(settings.db, read_only=True) as store:
        items = IncidentStore(store).incidents(IncidentFilter(since, until, min_sources))
    if near:
        point = _near_point(near, settings)
        items = [
            i
            for i in items
            if i.latitude is not None
            and i.longitude is not None
            and _km(point, (i.latitude, i.longitude)) <= km
        ]
    if fmt == "jsonl":
        for i in items:
            click.echo(json.dumps(i.model_dump(mode="json"), ensure_ascii=False))
    elif fmt == "csv":
        _write_csv(items)
    else:
        for i in items:
            click.echo(_incident_line(i))


@click.command()
@db_option
@click.option("--full", is_flag=True, help="Rebuild every incident (else: only new articles).")
@settings_option
def resolve(db: Path | None, full: bool, settings_file: Path | None) -> None:
    """Merge stored events into incidents (ingest does this after each batch)."""
    from .resolve import resolve_all, update_incidents
    from .store import Store
    from .store.incidents import IncidentStore

    settings = _settings(settings_file, db)
    with Store(settings.db) as store:
        if full:
            result = resolve_all(store, settings=settings)
        else:
            ids = IncidentStore(store).unresolved_article_ids()
            result = update_incidents(store, ids, settings=settings)
    click.echo(
        f"{result.reports_added} reports placed, {result.incidents_written} incidents "
        f"written, {result.duplicates} near-duplicate articles -> {settings.db}"
    )


@click.command()
@click.argument("incident_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@settings_option
def claims(incident_id: str, db: Path | None, as_json: bool, settings_file: Path | None) -> None:
    """Who says what about INCIDENT_ID: each report, and each disputed field's claimants."""
    from .store import Store
    from .store.incidents import IncidentStore

    settings = _settings(settings_file, db)
    with Store(settings.db, read_only=True) as store:
        found = IncidentStore(store).incident(incident_id)
    if found is None:
        raise InputError(incident_id, f"no such incident in {settings.db}")
    if as_json:
        click.echo(json.dumps(found.model_dump(mode="json"), ensure_ascii=False))
        return
    click.echo(_incident_line(found))
    for r in found.reports:
        note = f"  copy of {r.duplicate_of}" if r.duplicate_of else ""
        click.echo(f"  report {r.event_id} ({r.outlet}){note}")
    for d in found.disagreements:
        click.echo(f"  {d.field}:")
        for c in d.claims:
            click.echo(f"    {c.value:>12}  {c.outlet}  (claimed by {c.claimed_by or '-'})")


@click.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@settings_option
def credibility(
    article_id: str, db: Path | None, as_json: bool, settings_file: Path | None
) -> None:
    """ARTICLE_ID's credibility and each of its claims', every score with its reasons."""
    from .store import Store
    from .verify.credibility import assess_article

    settings = _settings(settings_file, db)
    with Store(settings.db, read_only=True) as store:
        article, per_claim = assess_article(store, article_id)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "article": article.model_dump(mode="json"),
                    "claims": [c.model_dump(mode="json") for c in per_claim],
                },
                ensure_ascii=False,
            )
        )
        return
    for a in (article, *per_claim):
        ref = f"  reference: {a.reference}" if a.subject == "claim" else ""
        click.echo(f"{a.subject} {a.subject_id}: {a.score:.2f} (prior {a.prior:.2f}){ref}")
        for r in a.reasons:
            click.echo(f"  {r.effect:+.2f}  {r.text}  [{len(r.evidence)} evidence]")


@click.group()
def reference() -> None:
    """Reference records (casualty documentation databases)."""


@reference.command(name="import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Column map, e.g. --column governorate=province (repeatable).",
)
@settings_option
def reference_import(
    csv_file: Path, db: Path | None, columns: tuple[str, ...], settings_file: Path | None
) -> None:
    """Import CSV_FILE (date, governorate, place, cause, status, count) as reference records."""
    from .store import Store
    from .store.credibility import CredibilityStore
    from .verify.lexicon import load_credibility_config
    from .verify.reference import read_reference_csv

    settings = _settings(settings_file, db)
    records = read_reference_csv(
        csv_file, load_credibility_config(), column_map=_column_map(columns)
    )
    with Store(settings.db) as store:
        added = CredibilityStore(store).add_references(records)
    click.echo(f"{added} reference records added ({len(records) - added} already stored)")


@click.command(name="incidents")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument(
    "gold", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
@settings_option
def eval_incidents(
    file: Path, gold: Path | None, as_json: bool, settings_file: Path | None
) -> None:
    """Pairwise and B-cubed clustering scores against gold report clusters."""
    from .evaluate.incidents import evaluate_incidents
    from .extract.pipeline import Extractor

    settings = _settings(settings_file)
    scores = evaluate_incidents(file, gold, extractor=Extractor(settings), settings=settings)
    click.echo(
        json.dumps(scores) if as_json else "\n".join(f"{k:22} {v}" for k, v in scores.items())
    )


@click.command(name="credibility")
@click.option(
    "--train", "train", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.argument("test_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the scores.")
def eval_credibility(train: Path, test_csv: Path, as_json: bool) -> None:
    """FA-KES credibility labels (for the record: text-only models sit at chance)."""
    from .evaluate.credibility import evaluate_credibility

    scores = evaluate_credibility(train, test_csv)
    click.echo(
        json.dumps(scores) if as_json else "\n".join(f"{k:22} {v}" for k, v in scores.items())
    )


# cli.py imports this module at its end: mypy cannot type the cycle
_eval_group: click.Group = _cli.eval_group  # type: ignore[has-type]
_eval_group.add_command(eval_incidents)
_eval_group.add_command(eval_credibility)
