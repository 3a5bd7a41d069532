"""The ``tieline`` command line: thin wrappers over the library.

Each command parses its arguments, makes one library call and lets library
errors through; the group maps them to exit codes in one place
(:mod:`tieline.cli.errors`): 0 all fine, 1 some inputs rejected, 2 usage
error, 3 another tieline error, 4 store error, 5 internal error, 130
interrupted.
"""
from __future__ import annotations

import errno
from typing import Any

import click

from tieline.cli import extract_cmd, serve_cmd, store_cmd
from tieline.cli.errors import report


class TielineGroup(click.Group):
    """The command group: every exception a command lets through becomes one
    line on stderr and its exit code (the traceback with ``--debug``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise
            raise click.exceptions.Exit(report(exc, debug=bool(ctx.params.get("debug")))) \
                from exc
        except (Exception, KeyboardInterrupt) as exc:
            raise click.exceptions.Exit(report(exc, debug=bool(ctx.params.get("debug")))) \
                from exc


@click.group(cls=TielineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tieline")
@click.option("--debug", is_flag=True, help="Print the traceback of an internal error.")
def main(debug: bool) -> None:
    """tieline: coded political event data from international news."""


extract_cmd.register(main)
store_cmd.register(main)
serve_cmd.register(main)
