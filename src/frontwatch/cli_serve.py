"""``frontwatch serve``: the REST API and the map dashboard over one DuckDB file."""

from __future__ import annotations

from pathlib import Path

import click

from .cli import _settings, db_option, settings_option


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--protect-reads",
    is_flag=True,
    help="Require the bearer token (FRONTWATCH_API_TOKEN) on read endpoints too.",
)
@click.option("--read-only", is_flag=True, help="Open the database read-only (no ingest).")
@click.option(
    "--max-body-bytes",
    type=click.IntRange(1),
    default=1_000_000,
    show_default=True,
    help="Larger request bodies get 413.",
)
@click.option(
    "--tile-url",
    help="Raster tile URL template for the dashboard, e.g. https://tiles.example/{z}/{x}/{y}.png "
    "(default: offline country outlines only).",
)
@click.option("--log-level", default="warning", show_default=True, help="uvicorn log level.")
@settings_option
def serve(
    db: Path | None,
    host: str,
    port: int,
    protect_reads: bool,
    read_only: bool,
    max_body_bytes: int,
    tile_url: str | None,
    log_level: str,
    settings_file: Path | None,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the map dashboard (at /)."""
    import uvicorn

    from .api import ApiConfig, create_app
    from .api.config import token_from_env
    from .errors import StoreError

    settings = _settings(settings_file, db)
    if read_only and not Path(settings.db).exists():
        raise StoreError(f"{settings.db}: no such database (run `frontwatch ingest` first)")
    token = token_from_env()
    config = ApiConfig(
        host=host,
        port=port,
        token=token,
        protect_reads=protect_reads,
        read_only=read_only,
        max_body_bytes=max_body_bytes,
        tile_url=tile_url,
    )
    if protect_reads and token is None:
        raise click.UsageError("--protect-reads needs FRONTWATCH_API_TOKEN to be set")
    app = create_app(settings, config)
    click.echo(
        f"frontwatch serving {settings.db} on http://{host}:{port}/ (API docs at /docs; "
        f"ingest {'on' if token and not read_only else 'off'})",
        err=True,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level)
