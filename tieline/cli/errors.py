"""Exit codes of the command line: one mapping for every command.

=====  ==========================================================================
code   meaning
=====  ==========================================================================
0      all fine
1      some inputs were rejected (the rest were processed)
2      usage error: a bad option or argument, an unknown actor, code or event id
3      another tieline error (configuration, model, unreadable input)
4      store error: missing, locked, corrupt or unreadable store
5      internal error (a bug): a one-line message, the traceback with ``--debug``
130    interrupted (Ctrl-C); what was committed so far stays
=====  ==========================================================================

Commands raise library errors; :func:`exit_code_for` maps them and
:func:`report` prints the one line.  The ``tieline`` group calls both for
every command (``tieline/cli/__init__.py``).
"""
from __future__ import annotations

import traceback

import click

from tieline.errors import InputError, StoreError, TielineError

EXIT_OK = 0
EXIT_REJECTED = 1  # some articles were rejected; the rest were processed
EXIT_USAGE = 2  # click's own usage errors and InputError
EXIT_ERROR = 3  # any other tieline error
EXIT_STORE = 4  # the store cannot be opened, read or written
EXIT_INTERNAL = 5  # an unexpected exception: a bug
EXIT_INTERRUPTED = 130  # Ctrl-C

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "all fine",
    EXIT_REJECTED: "some inputs were rejected (the rest were processed)",
    EXIT_USAGE: "usage error: bad option or argument, unknown actor, code or event",
    EXIT_ERROR: "another tieline error (configuration, model, unreadable input)",
    EXIT_STORE: "store error: missing, locked, corrupt or unreadable store",
    EXIT_INTERNAL: "internal error (a bug); --debug prints the traceback",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C); what was committed so far stays",
}

CORRUPT_HINT = ("the store is corrupt: restore it from a backup, or ingest the sources again "
                "into a new file (--db NEW.duckdb)")


def _is_duckdb_error(exc: BaseException) -> bool:
    return type(exc).__module__.split(".")[0] == "duckdb" or any(
        c.__module__.split(".")[0] == "_duckdb" for c in type(exc).__mro__)


def exit_code_for(exc: BaseException) -> int:
    """The exit code for an exception a command let through."""
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, InputError):
        return EXIT_USAGE
    if isinstance(exc, StoreError) or _is_duckdb_error(exc):
        return EXIT_STORE
    if isinstance(exc, TielineError):
        return EXIT_ERROR
    return EXIT_INTERNAL


def message_for(exc: BaseException) -> str:
    """The one line printed for ``exc`` (without the ``tieline:`` prefix)."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted; what was committed so far is kept"
    if isinstance(exc, TielineError):
        return str(exc)
    first = (str(exc).strip().splitlines() or [""])[0]
    if _is_duckdb_error(exc):
        return f"{CORRUPT_HINT} ({type(exc).__name__}: {first})"
    return (f"internal error: {type(exc).__name__}: {first} "
            "(run `tieline --debug ...` for the traceback)")


def report(exc: BaseException, *, debug: bool = False) -> int:
    """Print ``exc`` as one line on stderr (the traceback too when ``debug``)
    and return its exit code."""
    if debug:
        click.echo("".join(traceback.format_exception(exc)).rstrip(), err=True)
    click.echo(f"tieline: {message_for(exc)}", err=True)
    return exit_code_for(exc)


class CommandError(click.ClickException):
    """A tieline error reported to the user; its exit code follows the error
    it was raised from (``raise CommandError(str(exc)) from exc``), 3 without one."""

    @property  # type: ignore[override]
    def exit_code(self) -> int:
        cause = self.__cause__
        return exit_code_for(cause) if cause is not None else EXIT_ERROR
