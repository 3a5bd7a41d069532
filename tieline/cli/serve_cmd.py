"""``tieline serve``: the REST API and dashboard over a store (issue 10).

Thin: parse the options, call :func:`tieline.serve.serve`; the errors it raises
become exit codes in :mod:`tieline.cli.errors` (4 for a missing or unreadable store).
"""
from __future__ import annotations

import click

from tieline.cli.store_cmd import db_option


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (loopback unless told otherwise).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 16), default=1, show_default=True,
              help="uvicorn worker processes.")
@click.option("--cors-origin", "cors_origins", multiple=True, metavar="ORIGIN",
              help="Allow cross-origin requests from ORIGIN (repeatable; none by default).")
@click.option("--max-body", type=click.IntRange(1024, 10_000_000), default=256 * 1024,
              show_default=True, help="Largest POST /api/v1/extract body, in bytes.")
@click.option("--cache", "cache_entries", type=click.IntRange(0, 100_000), default=256,
              show_default=True, help="Answers kept per worker until the store changes (0: none).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="TOML settings file (for /api/v1/extract).")
def serve_cmd(db: str, host: str, port: int, workers: int, cors_origins: tuple[str, ...],
              max_body: int, cache_entries: int, config_path: str | None) -> None:
    """Serve the store read-only: the REST API under /api/v1 (OpenAPI at /docs) and the
    dashboard at /.  An ingest into the same store may run meanwhile."""
    from tieline.serve import serve

    click.echo(f"serving {db} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    serve(db, host=host, port=port, workers=workers, cors_origins=cors_origins,
          max_extract_bytes=max_body, config_path=config_path, cache_entries=cache_entries)


def register(group: click.Group) -> None:
    group.add_command(serve_cmd)
