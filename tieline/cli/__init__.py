"""The ``tieline`` command line: thin wrappers over the library.

Each command parses its arguments, makes one library call and maps errors to
exit codes: 0 all fine, 1 some articles rejected, 2 usage error (click's own),
3 another tieline error.
"""
from __future__ import annotations

import click

from tieline.cli import extract_cmd, serve_cmd, store_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tieline")
def main() -> None:
    """tieline: coded political event data from international news."""


extract_cmd.register(main)
store_cmd.register(main)
serve_cmd.register(main)
