"""Exit codes of the command line."""
from __future__ import annotations

import click

EXIT_OK = 0
EXIT_REJECTED = 1  # some articles were rejected; the rest were processed
EXIT_USAGE = 2  # click's own usage errors
EXIT_ERROR = 3  # any other tieline error


class CommandError(click.ClickException):
    """A tieline error reported to the user (exit code 3)."""

    exit_code = EXIT_ERROR
