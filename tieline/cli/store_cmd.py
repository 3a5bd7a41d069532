"""Store commands: ``ingest``, ``events``, ``relations``, ``export`` (issue 3).

Thin wrappers: parse the arguments, make one library call, print.  Exit
codes: 0 fine, 1 some inputs were rejected (ingest), 2 bad input or usage,
3 any other tieline error (store locked, corrupt, missing, ...).
"""
from __future__ import annotations

import datetime as dt
import functools
import io
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from tieline.cli.scale_cmd import check_engine, engine_options
from tieline.errors import InputError, TielineError
from tieline.model import MODES

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _errors(func: F) -> F:
    """Map library errors to exit codes 2 (input) and 3 (other)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            click.echo(f"tieline: {exc}", err=True)
            sys.exit(2)
        except TielineError as exc:
            click.echo(f"tieline: {exc}", err=True)
            sys.exit(3)

    return wrapper  # type: ignore[return-value]


def db_option(func: F) -> F:
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False), envvar="TIELINE_DB",
        default="tieline.duckdb", show_default=True,
        help="The DuckDB store (also $TIELINE_DB).")(func)


def filter_options(func: F) -> F:
    options = [
        click.option("--actor", help="Events with this actor on either side (RUS, NATO, RUSGOV)."),
        click.option("--between", nargs=2, metavar="A B", help="Events between A and B, "
                     "either direction."),
        click.option("--root", help="CAMEO root(s), e.g. 19 or 18,19."),
        click.option("--mode", type=click.Choice(MODES), help="asserted, planned, ..."),
        click.option("--since", type=DATE, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", type=DATE, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--text", help="Substring of a mention's sentence or an actor name."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(actor: str | None, between: tuple[str, str] | None, root: str | None,
             mode: str | None, since: dt.datetime | None, until: dt.datetime | None,
             text: str | None) -> dict[str, Any]:
    return {"actor": actor, "between": tuple(between) if between else None, "root": root,
            "mode": mode, "since": _date(since), "until": _date(until), "text": text}


class _Report:
    """Progress line and rejection notes on stderr (a rich live display)."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self.bar, self.task = bar, task

    def update(self, stats: Any) -> None:
        if self.bar is not None:
            self.bar.update(self.task, seen=stats.seen, rate=stats.rate, articles=stats.articles,
                            skipped=stats.skipped, mentions=stats.mentions,
                            rejections=stats.rejections)

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False)


@contextmanager
def _progress(quiet: bool) -> Iterator[_Report]:
    """A rich progress line on stderr: documents read, rate, events, rejections."""
    if quiet:
        yield _Report()
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("[bold]{task.fields[seen]:>8,}[/] read"),
               TextColumn("{task.fields[rate]:>7.1f} articles/s"),
               TextColumn("{task.fields[articles]:,} stored  {task.fields[skipped]:,} skipped"),
               TextColumn("{task.fields[mentions]:,} events"),
               TextColumn("[red]{task.fields[rejections]:,} rejected"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("ingest", total=None, seen=0, rate=0.0, articles=0, skipped=0,
                            mentions=0, rejections=0)
        yield _Report(bar, task)


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", "-j", type=click.IntRange(1, 64), default=None,
              help="Extraction processes (default: the config's n_process, 1).")
@click.option("--published", type=DATE, help="Publication date for inputs that carry none.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected inputs here as JSON lines.")
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles per transaction.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="TOML settings file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
@engine_options
@_errors
def ingest_cmd(paths: tuple[str, ...], db: str, workers: int | None,
               published: dt.datetime | None,
               rejects: str | None, batch_size: int, config_path: str | None,
               quiet: bool, engine: str, scheduler: str | None, partitions: int | None,
               work_dir: str | None) -> None:
    """Extract events from PATH... (files, directories, feeds, WARC, - for stdin) into
    the store.  Re-running is safe: stored articles are skipped, changed ones replaced."""
    from tieline.config import Config
    from tieline.store import EventStore, ingest_paths

    check_engine(engine, scheduler, partitions, work_dir)
    config = Config.load(config_path)
    if engine == "dask":
        from tieline.cli.scale_cmd import ingest_on_dask

        ingest_on_dask(list(paths), db=db, config=config, published=_date(published),
                       batch_size=batch_size, rejects=rejects, quiet=quiet,
                       scheduler=scheduler, partitions=partitions, workers=workers,
                       work_dir=work_dir)
        return
    reject_file = open(rejects, "w", encoding="utf-8") if rejects else None  # noqa: SIM115

    try:
        with EventStore(db) as store, _progress(quiet) as report:

            def on_rejection(rejection: Any) -> None:
                report.note(f"rejected {rejection.origin or rejection.article_id}: "
                            f"{rejection.reason}: {rejection.detail}")
                if reject_file is not None:
                    reject_file.write(json.dumps(rejection.to_dict(), ensure_ascii=False) + "\n")
                    reject_file.flush()

            stats = ingest_paths(store, list(paths), config=config, n_process=workers,
                                 published=_date(published), batch_size=batch_size,
                                 progress=report.update, on_rejection=on_rejection)
    finally:
        if reject_file is not None:
            reject_file.close()
    if not quiet:
        click.echo(f"{stats.articles:,} articles stored ({stats.replaced:,} replaced), "
                   f"{stats.skipped:,} already stored, {stats.mentions:,} events "
                   f"({stats.events:,} new happenings), {stats.rejections:,} rejected "
                   f"in {stats.seconds:.1f} s ({stats.rate:.1f} articles/s) -> {db}", err=True)
    if stats.rejections:
        sys.exit(1)


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    buffer = io.StringIO()
    width = max(100, shutil.get_terminal_size().columns) if sys.stdout.isatty() else 200
    Console(file=buffer, width=width, color_system=None).print(table)
    return buffer.getvalue().rstrip("\n")


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


EVENT_TABLE = ["event_id", "date", "source", "target", "cameo", "q", "goldstein", "mode",
               "mentions", "articles", "sources", "place", "sentence"]


@click.command("events")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True)
@click.option("--order", type=click.Choice(["date", "mentions", "id"]), default="date",
              show_default=True, help="Newest first, most reported first, or by id.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="json is one object per line.")
@_errors
def events_cmd(db: str, actor: str | None, between: tuple[str, str] | None, root: str | None,
               mode: str | None, since: dt.datetime | None, until: dt.datetime | None,
               text: str | None, limit: int, order: str, fmt: str) -> None:
    """List stored happenings, one per event however many articles reported it."""
    from tieline.store import EventStore, events

    with EventStore(db, read_only=True) as store:
        found = events(store, limit=limit, order=order,
                       **_filters(actor, between, root, mode, since, until, text))
    if fmt == "json":
        for event in found:
            click.echo(json.dumps(event.to_dict(), ensure_ascii=False))
        return
    if fmt == "csv":
        rows = [e.to_dict() for e in found]
        click.echo(_csv(rows, list(rows[0]) if rows else []))
        return
    rows = [{"event_id": e.event_id, "date": e.date, "source": e.source_code or e.source_name,
             "target": e.target_code or e.target_name, "cameo": e.cameo, "q": e.quad_class,
             "goldstein": e.goldstein, "mode": e.mode, "mentions": e.num_mentions,
             "articles": e.num_articles, "sources": e.num_sources,
             "place": e.location_name or e.location_country,
             "sentence": e.sentence if len(e.sentence) <= 80 else e.sentence[:77] + "..."}
            for e in found]
    click.echo(_table(rows, EVENT_TABLE))


RELATION_TABLE = ["period", "direction", "events", "mentions", "q1", "q2", "q3", "q4",
                  "goldstein_sum", "goldstein_mean", "cci", "top"]


@click.command("relations")
@click.argument("a")
@click.argument("b")
@db_option
@click.option("--by", type=click.Choice(["day", "week", "month", "quarter", "year"]),
              default="month", show_default=True)
@click.option("--since", type=DATE)
@click.option("--until", type=DATE)
@click.option("--top", type=click.IntRange(0), default=3, show_default=True,
              help="Top events kept per period and direction.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Draw the series to this PNG.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@_errors
def relations_cmd(a: str, b: str, db: str, by: str, since: dt.datetime | None,
                  until: dt.datetime | None, top: int, plot: str | None, fmt: str) -> None:
    """The A-B relation per period: happenings per quad class, Goldstein sum and mean,
    cooperation-conflict index (q1+q2-q3-q4)/n and top events, for A->B, B->A and both."""
    from tieline.relations import plot_relations, relation_series
    from tieline.store import EventStore

    with EventStore(db, read_only=True) as store:
        series = relation_series(store, a, b, by=by, since=_date(since), until=_date(until),
                                 top=top)
    if fmt == "json":
        click.echo(json.dumps(series.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_csv(list(series.rows()), RELATION_TABLE))
    else:
        click.echo(_table(list(series.rows()), RELATION_TABLE,
                          title=f"{series.a} - {series.b} by {series.by}"))
    if plot:
        path = plot_relations(series, plot)
        click.echo(f"wrote {path}", err=True)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "gdelt"]),
              required=True, help="gdelt: the GDELT 2.0 event table, tab-separated.")
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write; - for standard output (not for parquet).")
@click.option("--header/--no-header", default=None,
              help="Header row (default: yes for csv, no for gdelt as GDELT does).")
@click.option("--table", type=click.Choice(["events", "mentions"]), default="events",
              show_default=True, help="For parquet and csv: happenings or their mentions.")
@filter_options
@_errors
def export_cmd(db: str, fmt: str, output: str, header: bool | None, table: str,
               actor: str | None, between: tuple[str, str] | None, root: str | None,
               mode: str | None, since: dt.datetime | None, until: dt.datetime | None,
               text: str | None) -> None:
    """Export the stored events (optionally filtered)."""
    from tieline.store import EventStore, export

    with EventStore(db, read_only=True) as store:
        n = export(store, output, fmt, header=header, table=table,
                   **_filters(actor, between, root, mode, since, until, text))
    if output != "-":
        click.echo(f"{n:,} rows -> {output}", err=True)


def register(group: click.Group) -> None:
    """Add the store commands to the ``tieline`` group."""
    for command in (ingest_cmd, events_cmd, relations_cmd, export_cmd):
        group.add_command(command)
