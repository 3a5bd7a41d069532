"""Store commands: ``ingest``, ``events``, ``show``, ``relations``, ``export``, ``codes``.

Thin wrappers: parse the arguments, make one library call, print.  Errors
go through to the ``tieline`` group, which maps them to exit codes in one
place (:mod:`tieline.cli.errors`).  Counts, series and exports keep asserted
events only unless ``--mode`` says otherwise (repeatable, or ``all``).
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
from tieline.model import MODES

F = TypeVar("F", bound=Callable[..., Any])

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


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
        click.option("--mode", "modes", type=click.Choice([*MODES, "all"]), multiple=True,
                     help="Modes kept (repeatable, or all); default asserted only."),
        click.option("--precision", type=click.Choice(["any", "exact"]), default="any",
                     show_default=True, help="exact leaves out dates estimated from the "
                     "article's publication date."),
        click.option("--since", type=DATE, help="Events on or after this date (YYYY-MM-DD)."),
        click.option("--until", type=DATE, help="Events on or before this date (YYYY-MM-DD)."),
        click.option("--text", help="Substring of a mention's sentence or an actor name."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filters(actor: str | None, between: tuple[str, str] | None, root: str | None,
             modes: tuple[str, ...], precision: str, since: dt.datetime | None,
             until: dt.datetime | None, text: str | None) -> dict[str, Any]:
    return {"actor": actor, "between": tuple(between) if between else None, "root": root,
            "modes": list(modes) or None, "precision": precision, "since": _date(since),
            "until": _date(until), "text": text}


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
@click.option("--workers", "-j", type=click.IntRange(0, 64), default=None,
              help="Extraction processes (default: the config's n_process; 0: one per core).")
@click.option("--published", type=DATE, help="Publication date for inputs that carry none.")
@click.option("--rejects", type=click.Path(dir_okay=False),
              help="Write rejected inputs here as JSON lines.")
@click.option("--batch-size", type=click.IntRange(1), default=200, show_default=True,
              help="Articles per transaction.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="TOML settings file.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; the summary only when "
              "inputs were rejected.")
@click.option("--rejected", "list_rejected", is_flag=True,
              help="List every rejected input on stderr (also with --quiet).")
@engine_options
def ingest_cmd(paths: tuple[str, ...], db: str, workers: int | None,
               published: dt.datetime | None,
               rejects: str | None, batch_size: int, config_path: str | None,
               quiet: bool, list_rejected: bool, engine: str, scheduler: str | None,
               partitions: int | None, work_dir: str | None) -> None:
    """Extract events from PATH... (files, directories, feeds, WARC, - for stdin) into
    the store.  Re-running is safe: stored articles are skipped, changed ones replaced."""
    from tieline.config import Config
    from tieline.ingest.into_store import ingest_paths
    from tieline.store import EventStore

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
                line = (f"rejected {rejection.origin or rejection.article_id}: "
                        f"{rejection.reason}: {rejection.detail}")
                if report.bar is not None:
                    report.note(line)
                elif list_rejected:
                    click.echo(line, err=True)
                if reject_file is not None:
                    reject_file.write(json.dumps(rejection.to_dict(), ensure_ascii=False) + "\n")
                    reject_file.flush()

            stats = ingest_paths(store, list(paths), config=config, n_process=workers,
                                 published=_date(published), batch_size=batch_size,
                                 progress=report.update, on_rejection=on_rejection)
    finally:
        if reject_file is not None:
            reject_file.close()
    if not quiet or stats.rejections:
        click.echo(f"{stats.articles:,} articles stored ({stats.replaced:,} replaced), "
                   f"{stats.skipped:,} already stored, {stats.mentions:,} events "
                   f"({stats.events:,} new happenings), {stats.rejections:,} rejected "
                   f"in {stats.seconds:.1f} s ({stats.rate:.1f} articles/s) -> {db}", err=True)
    if stats.rejections:
        sys.exit(1)


RICH_ROWS = 60  # longer tables are printed plainly: rich lays out 11k rows in seconds


def _width() -> int:
    return max(80, shutil.get_terminal_size().columns) if sys.stdout.isatty() else 200


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _plain(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> str:
    """Fixed-width columns separated by two spaces (fast for any length)."""
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = [title] if title else []
    lines.append("  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells)
    return "\n".join(lines)


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> str:
    if len(rows) > RICH_ROWS:
        return _plain(rows, columns, title)
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    buffer = io.StringIO()
    Console(file=buffer, width=max(100, _width()), color_system=None).print(table)
    return buffer.getvalue().rstrip("\n")


def _csv(rows: list[dict[str, Any]], columns: list[str]) -> str:
    import csv

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _trim(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:max(1, width - 1)] + "…"


EVENT_TABLE = ["event_id", "date", "source", "target", "cameo", "q", "goldstein", "mode",
               "mentions", "articles", "sources", "place", "sentence"]


@click.command("events")
@db_option
@filter_options
@click.option("--limit", type=click.IntRange(0), default=20, show_default=True,
              help="Rows shown; 0 for all.")
@click.option("--order", type=click.Choice(["date", "mentions", "id"]), default="date",
              show_default=True, help="Newest first, most reported first, or by id.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="json is one object per line; json and csv carry the "
              "full sentence.")
def events_cmd(db: str, actor: str | None, between: tuple[str, str] | None, root: str | None,
               modes: tuple[str, ...], precision: str, since: dt.datetime | None,
               until: dt.datetime | None, text: str | None, limit: int, order: str,
               fmt: str) -> None:
    """List stored happenings, one per event however many articles reported it, and
    how many match in all."""
    from tieline.store import EventStore
    from tieline.store.api import find_events

    with EventStore(db, read_only=True) as store:
        page = find_events(store, limit=limit, order=order,
                           **_filters(actor, between, root, modes, precision, since, until,
                                      text))
    found = page.events
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
             "place": e.location_name or e.location_country, "sentence": e.sentence}
            for e in found]
    others = [c for c in EVENT_TABLE if c != "sentence"]
    used = sum(max(len(c), *(len(_cell(r[c])) for r in rows)) + 3 for c in others) if rows else 0
    room = max(30, _width() - used - 4)
    for row in rows:
        row["sentence"] = _trim(row["sentence"] or "", room)
    click.echo(_table(rows, EVENT_TABLE))
    more = "" if len(found) >= page.total else " (--limit 0 for all)"
    click.echo(f"showing {len(found):,} of {page.total:,}{more}")


@click.command("show")
@click.argument("event_id", type=int)
@db_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def show_cmd(event_id: int, db: str, fmt: str) -> None:
    """The evidence of one happening: every mention with its article, date, outlet and
    sentence, the trigger *marked*, the {source} and <target>, mode and attribution."""
    from tieline.store import EventStore
    from tieline.store.api import show_event

    with EventStore(db, read_only=True) as store:
        evidence = show_event(store, event_id)
    if fmt == "json":
        click.echo(json.dumps(evidence.to_dict(), ensure_ascii=False))
        return
    e = evidence.event
    arrow = "<->" if e.symmetric else "->"
    click.echo(f"event {e.event_id}: {e.source_name or e.source_code} {arrow} "
               f"{e.target_name or e.target_code or '-'}  CAMEO {e.cameo} (quad {e.quad_class}, "
               f"Goldstein {_cell(e.goldstein)})  {e.mode}  {e.date or 'no date'}"
               f"{f' ({e.date_precision})' if e.date_precision else ''}")
    click.echo(f"{_plural(e.num_mentions, 'mention')} in {_plural(e.num_articles, 'article')} "
               f"from {_plural(e.num_sources, 'outlet')}")
    for i, m in enumerate(evidence.mentions, 1):
        click.echo("")
        head = ", ".join(x for x in (m.outlet, str(m.published) if m.published else None,
                                     m.article_id) if x)
        click.echo(f"[{i}] {head}")
        if m.title:
            click.echo(f"    {m.title}")
        if m.url:
            click.echo(f"    {m.url}")
        click.echo(f"    {m.marked()}")
        facts = [f"mode {m.mode}", f"date {m.date or '-'}"
                 f"{f' ({m.date_precision})' if m.date_precision else ''}",
                 f"trigger {m.trigger!r}"]
        if m.attributed_to:
            facts.append(f"according to {m.attributed_to}")
        if m.inferred:
            facts.append("target implied")
        click.echo("    " + "; ".join(facts))


@click.command("codes")
@click.argument("query", required=False)
@click.option("--actors", is_flag=True, help="Actor codes (countries, organisations, roles) "
              "instead of CAMEO event codes.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def codes_cmd(query: str | None, actors: bool, fmt: str) -> None:
    """The CAMEO codebook (code, description, quad class, Goldstein, PLOVER type), or with
    --actors the actor codes; QUERY matches a code prefix or words of a name."""
    from tieline.errors import InputError
    from tieline.store.api import actor_codes, codebook

    found = actor_codes(query) if actors else codebook(query)
    if not found:
        what = "actor code" if actors else "CAMEO code"
        raise InputError(f"no {what} matches {query!r}")
    rows = [f.to_dict() for f in found]
    columns = list(rows[0])
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_csv(rows, columns))
    else:
        click.echo(_table(rows, columns))


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
@click.option("--mode", "modes", type=click.Choice([*MODES, "all"]), multiple=True,
              help="Modes counted (repeatable, or all); default asserted only.")
@click.option("--precision", type=click.Choice(["any", "exact"]), default="any",
              show_default=True, help="exact leaves out dates estimated from the article.")
@click.option("--top", type=click.IntRange(0), default=3, show_default=True,
              help="Top events kept per period and direction.")
@click.option("--plot", type=click.Path(dir_okay=False), help="Draw the series to this PNG.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def relations_cmd(a: str, b: str, db: str, by: str, since: dt.datetime | None,
                  until: dt.datetime | None, modes: tuple[str, ...], precision: str, top: int,
                  plot: str | None, fmt: str) -> None:
    """The A-B relation per period: happenings per quad class, Goldstein sum and mean,
    cooperation-conflict index (q1+q2-q3-q4)/n and top events, for A->B, B->A and both."""
    from tieline.relations import plot_relations, relation_series
    from tieline.store import EventStore

    with EventStore(db, read_only=True) as store:
        series = relation_series(store, a, b, by=by, since=_date(since), until=_date(until),
                                 top=top, modes=list(modes) or None, precision=precision)
    if fmt == "json":
        click.echo(json.dumps(series.to_dict(), ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_csv(list(series.rows()), RELATION_TABLE))
    else:
        from tieline.relations.plot import plot_title

        click.echo(_table(list(series.rows()), RELATION_TABLE, title=plot_title(series)))
    if plot:
        path = plot_relations(series, plot)
        click.echo(f"wrote {path}", err=True)


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "gdelt"]),
              required=True, help="gdelt: the GDELT 2.0 event table (or mentions table), "
              "tab-separated.")
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write; - for standard output (not for parquet).")
@click.option("--header/--no-header", default=None,
              help="Header row (default: yes for csv, no for gdelt as GDELT does).")
@click.option("--table", type=click.Choice(["events", "mentions"]), default="events",
              show_default=True, help="Happenings or their mentions (gdelt: GDELT's "
              "mentions file).")
@filter_options
def export_cmd(db: str, fmt: str, output: str, header: bool | None, table: str,
               actor: str | None, between: tuple[str, str] | None, root: str | None,
               modes: tuple[str, ...], precision: str, since: dt.datetime | None,
               until: dt.datetime | None, text: str | None) -> None:
    """Export the stored events (optionally filtered; asserted only unless --mode)."""
    from tieline.store import EventStore, export

    with EventStore(db, read_only=True) as store:
        n = export(store, output, fmt, header=header, table=table,
                   **_filters(actor, between, root, modes, precision, since, until, text))
    if output != "-":
        click.echo(f"{n:,} rows -> {output}", err=True)


def register(group: click.Group) -> None:
    """Add the store commands to the ``tieline`` group."""
    for command in (ingest_cmd, events_cmd, show_cmd, relations_cmd, export_cmd, codes_cmd):
        group.add_command(command)
