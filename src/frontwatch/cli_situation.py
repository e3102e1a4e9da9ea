"""CLI commands of issue 5's control timeline: ``control`` (with ``import`` and ``rebuild``)
and ``changes``. Thin over ``frontwatch.situation``; registered at the end of cli.py.

``frontwatch control`` and ``frontwatch changes`` only read the database.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from .cli import _parse_date, _report_error, _settings, db_option, settings_option
from .errors import InputError
from .settings import Settings
from .situation.control import changes_between, control_as_of
from .situation.model import ControlConflict, ControlState, Observation
from .situation.queries import (
    change_json,
    control_geojson,
    near_point,
    select_states,
    state_json,
    stored_observations,
)
from .situation.sides import Sides, load_sides


def sides_option(func: Any) -> Any:
    return click.option(
        "--sides",
        "sides_file",
        type=click.Path(dir_okay=False, exists=True, path_type=Path),
        help="Sides file (coalitions of actor sides; default data/situation/sides.yaml).",
    )(func)


def _stored(settings: Settings) -> tuple[list[Observation], dict[str, tuple[float, float]]]:
    from .store import Store

    with Store(settings.db, read_only=True) as store:
        return stored_observations(store)


def _gazetteer_lookup(settings: Settings) -> Callable[[str], tuple[float, float] | None]:
    """The gazetteer's best place of a name (the focus country's, then the most populous)."""

    def lookup(place: str) -> tuple[float, float] | None:
        from .geocode.gazetteer import load_gazetteer

        found = load_gazetteer(settings).lookup(place)
        if not found:
            return None
        best = max(found, key=lambda p: (p.country == settings.country_focus, p.population))
        return best.latitude, best.longitude

    return lookup


def _conflict_text(c: ControlConflict | None) -> str:
    if c is None:
        return ""
    lost = c.losing
    sides = sorted({o.side for o in lost})
    return f"{c.rule}: {c.chosen_side or 'nobody'} over {'/'.join(sides)} ({len(lost)} lost)"


def write_geojson(
    states: list[ControlState], points: dict[str, tuple[float, float]], out: TextIO
) -> None:
    items = [state_json(s, points.get(s.locality_id)) for s in states]
    json.dump(control_geojson(items), out, ensure_ascii=False)
    out.write("\n")


def write_table(states: list[ControlState], out: TextIO) -> None:
    out.write(
        f"{'locality':24} {'side':14} {'since':10}  {'besieged_by':12} {'conflict':36} evidence\n"
    )
    for s in states:
        evidence = s.observations[0].evidence if s.observations else ""
        evidence = " ".join(evidence.split())
        out.write(
            f"{s.name[:24]:24} {(s.side or '-')[:14]:14} {s.since or '-'!s:10}  "
            f"{(s.besieged_by or '')[:12]:12} {_conflict_text(s.conflict)[:36]:36} "
            f"{evidence[:100]}\n"
        )


@click.group(invoke_without_command=True)
@db_option
@click.option(
    "--as-of", "as_of", callback=_parse_date, help="Control as of this date (default: all reports)."
)
@click.option("--near", help="Only localities near this place (a name or LAT,LON).")
@click.option(
    "--km", "radius", type=float, default=25.0, show_default=True, help="Radius of --near."
)
@click.option("--side", help="Only localities held or besieged by this side.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "geojson"]),
    default="table",
    show_default=True,
)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
@sides_option
@settings_option
@click.pass_context
def control(  # noqa: PLR0917  (click passes options as parameters)
    ctx: click.Context,
    db: Path | None,
    as_of: dt.date | None,
    near: str | None,
    radius: float,
    side: str | None,
    fmt: str,
    out: Path | None,
    sides_file: Path | None,
    settings_file: Path | None,
) -> None:
    """Who holds each locality as of a date, with evidence and conflicts (read-only)."""
    if ctx.invoked_subcommand is not None:
        return
    settings = _settings(settings_file, db)
    sides = load_sides(sides_file)
    observations, points = _stored(settings)
    states = control_as_of(observations, as_of, sides=sides)
    names = {s.locality_id: s.name for s in states.values()}
    center = (
        near_point(near, names, points, _gazetteer_lookup(settings), where="--near")
        if near
        else None
    )
    chosen = select_states(
        states, points, side=sides.resolve(side) if side else None, center=center, radius=radius
    )
    with _output(out) as fh:
        if fmt == "geojson":
            write_geojson(chosen, points, fh)
        elif fmt == "json":
            json.dump(
                [state_json(s, points.get(s.locality_id)) for s in chosen],
                fh,
                ensure_ascii=False,
                indent=1,
            )
            fh.write("\n")
        else:
            write_table(chosen, fh)


class _output:
    """stdout, or a file written whole (``--out``)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.fh: TextIO = sys.stdout

    def __enter__(self) -> TextIO:
        if self.path is not None:
            self.fh = self.path.open("w", encoding="utf-8")
        return self.fh

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            self.fh.close()


@control.command(name="import")
@click.argument("csv_file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@db_option
@settings_option
def control_import(csv_file: Path, db: Path | None, settings_file: Path | None) -> None:
    """Import known control states (CSV: place, side, date) as baseline observations."""
    from .geocode.gazetteer import load_gazetteer
    from .situation.baseline import read_baseline
    from .situation.control import ControlRules
    from .situation.update import refresh_conflicts
    from .store import Store
    from .store.situation import SituationStore

    settings = _settings(settings_file, db)
    errors: list[InputError] = []

    def on_error(error: InputError) -> None:
        errors.append(error)
        _report_error(error)

    rows = list(
        read_baseline(
            csv_file,
            load_gazetteer(settings),
            sides=load_sides(),
            rules=ControlRules.load(),
            on_error=on_error,
            focus=settings.country_focus,
        )
    )
    with Store(settings.db) as store:
        situation = SituationStore(store)
        added = situation.add_observations(rows)
        refresh_conflicts(situation, {r.observation.locality_id for r in rows})
    click.echo(f"{len(rows)} baseline row(s) read, {added} new, {len(errors)} error(s)")
    if errors:
        sys.exit(1)


@control.command(name="rebuild")
@db_option
@click.option(
    "--all", "everything", is_flag=True, help="Read every article again, not only unread ones."
)
@settings_option
def control_rebuild(db: Path | None, everything: bool, settings_file: Path | None) -> None:
    """Read control observations from stored articles (those never read, or --all)."""
    from .extract.pipeline import Extractor
    from .situation.observations import ControlReader
    from .situation.update import update_control
    from .store import Store
    from .store.situation import SituationStore

    settings = _settings(settings_file, db)
    with Store(settings.db) as store:
        situation = SituationStore(store)
        ids = situation.articles_with_events() if everything else situation.unread_articles()
        reader = ControlReader.from_extractor(Extractor(settings)) if ids else None
        total = [0, 0, 0]
        for lo in range(0, len(ids), settings.incident_batch):
            if reader is None:
                break
            result = update_control(store, ids[lo : lo + settings.incident_batch], reader)
            total = [total[0] + result.articles, total[1] + result.observations, result.conflicts]
    click.echo(f"{total[0]} article(s) read, {total[1]} observation(s)")


@click.command()
@db_option
@click.option("--since", callback=_parse_date, required=True, help="First date (YYYY-MM-DD).")
@click.option("--until", callback=_parse_date, help="Last date (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one change per line.")
@sides_option
@settings_option
def changes(  # noqa: PLR0917  (click passes options as parameters)
    db: Path | None,
    since: dt.date,
    until: dt.date | None,
    as_json: bool,
    sides_file: Path | None,
    settings_file: Path | None,
) -> None:
    """Control and siege changes between two dates, with their evidence (read-only)."""
    settings = _settings(settings_file, db)
    observations, _ = _stored(settings)
    found = changes_between(observations, since, until, sides=load_sides(sides_file))
    for c in found:
        if as_json:
            click.echo(json.dumps(change_json(c), ensure_ascii=False))
            continue
        what = "besieged by" if c.what == "siege" else "held by"
        evidence = " ".join((c.observations[0].evidence if c.observations else "").split())
        click.echo(
            f"{c.date}  {c.name:24.24}  {what} {c.before or '-'} -> {c.after or '-'}  "
            f"{_conflict_text(c.conflict)}  | {evidence[:120]}"
        )


__all__ = ["Sides", "changes", "control"]
