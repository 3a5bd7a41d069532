"""``--engine dask`` for ``tieline ingest`` and ``tieline extract`` (issue 9).

The options are declared here once (:func:`engine_options`) and added to
both commands; each command hands a Dask run to :func:`ingest_on_dask` or
:func:`extract_on_dask`, which make one library call
(:func:`tieline.scale.ingest_dask` / :func:`tieline.scale.extract_dask`) and
show the dashboard address and a progress bar of partitions done on stderr.
Importing this module imports neither dask nor rich.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

ENGINES = ("local", "dask")


def engine_options(func: F) -> F:
    """``--engine``, ``--scheduler``, ``--partitions`` and ``--work-dir``."""
    options = [
        click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Run the pipeline here (local) or on a Dask cluster (dask)."),
        click.option("--scheduler", metavar="ADDRESS",
                     help="Dask scheduler address (tcp://host:8786) for --engine dask; "
                          "default: a LocalCluster with one worker per core (or --workers)."),
        click.option("--partitions", type=click.IntRange(1),
                     help="Input partitions for --engine dask (default: one per MiB of "
                          "input, at least 8)."),
        click.option("--work-dir", type=click.Path(file_okay=False),
                     help="Partition files for --engine dask (a shared directory on a real "
                          "cluster; kept, so a re-run resumes)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def check_engine(engine: str, scheduler: str | None, partitions: int | None,
                 work_dir: str | None) -> None:
    """The Dask options need ``--engine dask`` (a usage error, exit 2, otherwise)."""
    if engine == "dask":
        return
    for name, value in (("--scheduler", scheduler), ("--partitions", partitions),
                        ("--work-dir", work_dir)):
        if value is not None:
            raise click.UsageError(f"{name} needs --engine dask")


class _Bar:
    """The dashboard address and a bar of partitions done, on stderr."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.progress: Any = None
        self.task: Any = None

    def note(self, text: str) -> None:
        if self.quiet:
            return
        if self.progress is not None:
            self.progress.console.print(text, markup=False, highlight=False)
        else:
            click.echo(text, err=True)

    def cluster(self, run: Any) -> None:
        self.note(f"Dask scheduler {run.scheduler}, {run.workers} worker(s), "
                  f"{run.partitions} partition(s) in {run.work_dir}")
        if run.dashboard:
            self.note(f"Dask dashboard: {run.dashboard}")
        if self.progress is not None:
            self.progress.update(self.task, total=run.partitions)

    def partition(self, done: Any) -> None:
        if self.progress is not None:
            self.progress.update(self.task, completed=done.done, total=done.total,
                                 resumed=done.resumed, events=done.events,
                                 rejections=done.rejections)

    @contextmanager
    def shown(self) -> Iterator[_Bar]:
        if self.quiet:
            yield self
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, \
            TimeElapsedColumn

        columns = (TextColumn("partitions"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[resumed]:,} resumed"),
                   TextColumn("{task.fields[events]:,} events"),
                   TextColumn("[red]{task.fields[rejections]:,} rejected"), TimeElapsedColumn())
        with Progress(*columns, console=Console(stderr=True)) as progress:
            self.progress = progress
            self.task = progress.add_task("dask", total=None, resumed=0, events=0, rejections=0)
            try:
                yield self
            finally:
                self.progress = None


def _rejection_writer(bar: _Bar, out: IO[str] | None) -> Callable[[Any], None]:
    def on_rejection(rejection: Any) -> None:
        bar.note(f"rejected {rejection.origin or rejection.article_id}: "
                 f"{rejection.reason}: {rejection.detail}")
        if out is not None:
            out.write(json.dumps(rejection.to_dict(), ensure_ascii=False) + "\n")
            out.flush()

    return on_rejection


def ingest_on_dask(paths: list[str], *, db: str, config: Any, published: dt.date | None,
                   batch_size: int, rejects: str | None, quiet: bool, scheduler: str | None,
                   partitions: int | None, workers: int | None, work_dir: str | None) -> None:
    """``tieline ingest --engine dask``: exits 1 when some inputs were rejected."""
    from tieline.scale import ingest_dask
    from tieline.store import EventStore

    reject_file = open(rejects, "w", encoding="utf-8") if rejects else None  # noqa: SIM115
    bar = _Bar(quiet)
    try:
        with EventStore(db) as store, bar.shown():
            result = ingest_dask(store, paths, scheduler=scheduler, partitions=partitions,
                                 work_dir=work_dir, config=config, published=published,
                                 workers=workers, batch_size=batch_size,
                                 on_rejection=_rejection_writer(bar, reject_file),
                                 on_cluster=bar.cluster, on_partition=bar.partition)
    finally:
        if reject_file is not None:
            reject_file.close()
    stats, run = result.ingest, result.run
    if not quiet or stats.rejections:  # as a local ingest: -q never hides rejections
        click.echo(f"{run.partitions:,} partitions ({run.resumed:,} resumed, {run.computed:,} "
                   f"computed on {run.workers} workers); {stats.articles:,} articles stored "
                   f"({stats.replaced:,} replaced), {stats.skipped:,} already stored, "
                   f"{stats.mentions:,} events ({stats.events:,} new happenings), "
                   f"{stats.rejections:,} rejected in {run.seconds:.1f} s -> {db}", err=True)
    if stats.rejections:
        sys.exit(1)


def extract_on_dask(paths: list[str], *, config: Any, published: dt.date | None,
                    scheduler: str | None, partitions: int | None, workers: int | None,
                    work_dir: str | None, quiet: bool = False) -> Iterator[Any]:
    """``tieline extract --engine dask``: the coded documents, in input order."""
    from tieline.scale import extract_dask

    bar = _Bar(quiet)
    with bar.shown():
        yield from extract_dask(paths, scheduler=scheduler, partitions=partitions,
                                work_dir=work_dir, config=config, published=published,
                                workers=workers, on_cluster=bar.cluster,
                                on_partition=bar.partition)
