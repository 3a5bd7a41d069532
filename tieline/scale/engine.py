"""The Dask engine: the same pipeline on the workers of a Dask cluster.

:func:`ingest_dask` (``tieline ingest --engine dask``) plans the partitions
(:mod:`tieline.scale.shards`), connects to the scheduler given (or starts a
``LocalCluster`` with one single-threaded worker per core), installs the
pipeline plugin on every worker, submits one task per partition not already
written, and merges the partition files into the store **in input order**
through :func:`tieline.store.ingest_documents` -- the store's own writer, so
identity, replacement and the one-event-per-happening clustering are the
same code as a local ingest.  Partition ``i`` is merged as soon as partitions
``0..i`` are written, while the workers go on with the rest.

:func:`extract_dask` yields the coded documents the same way, without a store.

The partition files stay in the work directory: a re-run over the same input
(after the driver, the scheduler or a worker died) submits only the missing
ones.  Workers must be able to write the work directory and the driver to
read it (a shared filesystem on a real cluster).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import tieline
from tieline.config import Config
from tieline.errors import TielineError
from tieline.model import Document, Rejection
from tieline.scale.shards import Partition, plan_partitions

logger = logging.getLogger(__name__)


class ClusterError(TielineError):
    """The Dask scheduler cannot be reached, or was lost during a run."""


@dataclass(frozen=True)
class PartitionProgress:
    """Reported after every partition written (or found written)."""

    done: int
    total: int
    resumed: int
    documents: int
    events: int
    rejections: int


@dataclass(frozen=True)
class DaskRun:
    """What the cluster side of a run did."""

    partitions: int = 0
    resumed: int = 0  # partitions found written by an earlier run and not recomputed
    computed: int = 0
    workers: int = 0
    scheduler: str = ""
    dashboard: str | None = None
    work_dir: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class DaskIngestStats:
    """:class:`~tieline.store.IngestStats` of the merge, and the cluster side."""

    ingest: Any
    run: DaskRun


def fingerprint(config: Config, published: dt.date | None) -> str:
    """The settings that change what a partition holds."""
    text = repr((tieline.__version__, config.stages, config.model, config.max_bytes,
                 config.max_chars, config.min_confidence, published))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@contextmanager
def connect(scheduler: str | None, *, workers: int | None = None) -> Iterator[Any]:
    """A ``distributed.Client``: to ``scheduler`` (an address such as
    ``tcp://host:8786``), else to a new ``LocalCluster`` (``workers`` processes,
    default one per core, one thread each)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise ClusterError(f"the Dask engine needs dask.distributed: {exc}") from exc
    with _quiet_distributed():
        yield from _connected(Client, scheduler, workers)


#: distributed's loggers that print tracebacks for what tieline reports itself
#: (a lost scheduler, a killed worker) as one clear error
_NOISY = ("distributed.client", "distributed.core", "distributed.comm", "distributed.worker",
          "distributed.nanny", "distributed.scheduler", "distributed.batched",
          "distributed.utils", "tornado.application", "asyncio")


@contextmanager
def _quiet_distributed() -> Iterator[None]:
    loggers = [logging.getLogger(name) for name in _NOISY]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)


def local_cluster(workers: int | None = None, **options: Any) -> Any:
    """The ``LocalCluster`` a run without ``--scheduler`` starts: ``workers``
    processes (default one per core), one thread each, without the workers'
    statistical profiler (it takes the GIL a hundred times a second from the
    pipeline; the dashboard's profile page stays empty)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set({"distributed.worker.profile.enabled": False}):
        return LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                            processes=True, silence_logs=logging.ERROR, **options)


def _connected(Client: Any, scheduler: str | None,  # noqa: N803
               workers: int | None) -> Iterator[Any]:
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        where = scheduler or "a local cluster"
        raise ClusterError(f"cannot reach the Dask scheduler at {where}: {exc}") from exc
    try:
        yield client
    finally:
        try:
            client.close(timeout=10)
        except Exception:  # noqa: BLE001 - a lost scheduler cannot be closed cleanly
            logger.debug("closing the Dask client failed", exc_info=True)
        if cluster is not None:
            cluster.close(timeout=20)


def _dashboard(client: Any) -> str | None:
    """The dashboard's address, when the scheduler runs one."""
    try:
        if "dashboard" not in client.scheduler_info(n_workers=0).get("services", {}):
            return None
        return str(client.dashboard_link)
    except Exception:  # noqa: BLE001 - the address is informative only
        return None


def install_pipeline(client: Any, config: Config) -> str:
    """Load the pipeline once on every worker (and on workers that join later);
    returns the plugin's name.  A pipeline of other settings left by an earlier
    run is dropped first, so a worker holds one model."""
    from tieline.scale.worker import PLUGIN_PREFIX, PipelinePlugin

    plugin = PipelinePlugin(config)
    try:
        names = client.run_on_scheduler(_plugin_names)
        for name in names:
            if name.startswith(PLUGIN_PREFIX) and name != plugin.name:
                client.unregister_worker_plugin(name)
        client.register_plugin(plugin, name=plugin.name)
    except TielineError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the set-up on a worker
        raise ClusterError(f"the pipeline could not be set up on the workers: {exc}") from exc
    return plugin.name


def _plugin_names(dask_scheduler: Any) -> list[str]:
    return list(dask_scheduler.worker_plugins)


def _wait_workers(client: Any, timeout: float = 60.0) -> int:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (TimeoutError, OSError) as exc:
        raise ClusterError(f"no Dask worker joined the scheduler within {timeout:.0f} s") from exc
    return len(client.scheduler_info(n_workers=-1).get("workers", {}))


class _Runner:
    """Submits the missing partitions and hands out finished ones in input order."""

    def __init__(self, client: Any, plan: Sequence[Partition], work: Path, config: Config,
                 published: dt.date | None,
                 on_partition: Callable[[PartitionProgress], None] | None,
                 plugin: str) -> None:
        self.client, self.plan, self.work, self.plugin = client, plan, work, plugin
        self.config, self.published, self.on_partition = config, published, on_partition
        self.resumed = self.computed = 0
        self._done = self._documents = self._events = self._rejections = 0

    def _report(self, result: Any) -> None:
        self._done += 1
        self._documents += result.documents
        self._events += result.events
        self._rejections += result.rejections
        if self.on_partition is not None:
            self.on_partition(PartitionProgress(self._done, len(self.plan), self.resumed,
                                                self._documents, self._events,
                                                self._rejections))

    def paths(self) -> Iterator[Path]:
        """Partition files, in input order, each as soon as it and all before it exist."""
        from distributed import as_completed

        from tieline.scale.worker import extract_partition, partition_result

        ready: set[int] = set()
        futures = {}
        for p in self.plan:
            path = self.work / p.name
            if path.exists():
                self.resumed += 1
                ready.add(p.index)
                self._report(partition_result(p, path, resumed=True))
        for p in self.plan:
            if p.index not in ready:
                futures[p.index] = self.client.submit(
                    extract_partition, p, str(self.work), self.published, self.config.max_bytes,
                    self.plugin,
                    key=f"tieline-{p.name}", pure=False, retries=2,
                    priority=len(self.plan) - p.index)
        # our client's loop: another client in the process may be the default one
        pending = as_completed(list(futures.values()), loop=self.client.loop, with_results=False)
        index_of = {f.key: i for i, f in futures.items()}
        for p in self.plan:
            while p.index not in ready:
                try:
                    future = next(pending)
                except StopIteration:  # pragma: no cover - every future completes
                    raise ClusterError("the cluster stopped before every partition was written")
                result = self._result(future)
                self.computed += 1
                ready.add(index_of[future.key])
                self._report(result)
            yield self.work / p.name

    def _result(self, future: Any) -> Any:
        from concurrent.futures import CancelledError

        try:
            return future.result()
        except TielineError:
            raise
        except (CancelledError, Exception) as exc:  # noqa: BLE001 - mapped to one error
            if future.status == "error":  # the task itself failed, on every retry
                raise ClusterError(f"a partition failed on the cluster: {type(exc).__name__}: "
                                   f"{exc}; finished partitions are kept in {self.work}") from exc
            # cancelled, lost, or the result could not be fetched: the scheduler is gone
            raise ClusterError(
                f"lost the Dask scheduler ({type(exc).__name__}: {exc}); {self._done} of "
                f"{len(self.plan)} partitions are written in {self.work}: run the same "
                f"command again to resume") from exc


def _documents(paths: Iterator[Path], hashes: dict[str, str] | None) -> Iterator[Document]:
    import pyarrow.parquet as pq

    from tieline.scale.codec import documents_from_table

    for path in paths:
        for doc, in_hash in documents_from_table(pq.read_table(path)):
            if hashes is not None and in_hash is not None:
                hashes[doc.article.id] = in_hash
            yield doc


def merge_partitions(store: Any, paths: Iterable[str | os.PathLike[str]], *,
                     batch_size: int = 200, progress: Callable[[Any], None] | None = None,
                     on_rejection: Callable[[Rejection], None] | None = None) -> Any:
    """Merge partition files, in the order given, into ``store`` through the
    store's own writer (:func:`tieline.store.bulk.ingest_prepared`: the
    mention rows the workers computed, in the batches, with the identity
    rules and the one-event-per-happening clustering of a local ingest).
    Returns its :class:`~tieline.store.IngestStats`."""
    from tieline.store.bulk import ingest_prepared

    return ingest_prepared(store, _prepared_tables(Path(p) for p in paths),
                           batch_size=batch_size, progress=progress, on_rejection=on_rejection)


def _prepared_tables(paths: Iterator[Path]) -> Iterator[Any]:
    """Each partition file's columns the merge reads (the text, which the store keeps,
    but not the events' JSON)."""
    import pyarrow.parquet as pq

    from tieline.scale.codec import with_prepared_columns
    from tieline.store.bulk import PREPARED_COLUMNS, merged_columns

    for path in paths:
        names = set(pq.read_schema(path).names)
        if all(n in names for n in PREPARED_COLUMNS):
            yield pq.read_table(path, columns=merged_columns(names))
        else:  # written before the mention columns: computed here from the events
            yield with_prepared_columns(pq.read_table(path))


@contextmanager
def _session(paths: Sequence[str | os.PathLike[str]], *, scheduler: str | None,
             partitions: int | None, work_dir: str | os.PathLike[str] | None,
             config: Config | None, published: dt.date | None, workers: int | None,
             on_cluster: Callable[[DaskRun], None] | None,
             on_partition: Callable[[PartitionProgress], None] | None
             ) -> Iterator[tuple[_Runner, DaskRun]]:
    config = config or Config()
    plan = plan_partitions(paths, partitions=partitions, fingerprint=fingerprint(config, published),
                           max_bytes=config.max_bytes)
    temporary = work_dir is None
    work = Path(tempfile.mkdtemp(prefix="tieline-dask-")) if temporary else Path(work_dir)
    try:
        work.mkdir(parents=True, exist_ok=True)
        with connect(scheduler, workers=workers) as client:
            n_workers = _wait_workers(client)
            run = DaskRun(partitions=len(plan), workers=n_workers,
                          scheduler=str(client.scheduler.address),
                          dashboard=_dashboard(client), work_dir=str(work))
            if on_cluster is not None:
                on_cluster(run)
            plugin = install_pipeline(client, config)
            yield _Runner(client, plan, work, config, published, on_partition, plugin), run
    finally:
        if temporary:
            shutil.rmtree(work, ignore_errors=True)


def default_work_dir(store: Any) -> Path | None:
    """``<store>.parts`` beside a store file; None (a temporary directory) for ``:memory:``."""
    if getattr(store, "memory", False):
        return None
    return Path(store.path).with_name(Path(store.path).name + ".parts")


def ingest_dask(store: Any, paths: Sequence[str | os.PathLike[str]], *,
                scheduler: str | None = None, partitions: int | None = None,
                work_dir: str | os.PathLike[str] | None = None, config: Config | None = None,
                published: dt.date | None = None, workers: int | None = None,
                batch_size: int = 200,
                progress: Callable[[Any], None] | None = None,
                on_rejection: Callable[[Rejection], None] | None = None,
                on_cluster: Callable[[DaskRun], None] | None = None,
                on_partition: Callable[[PartitionProgress], None] | None = None
                ) -> DaskIngestStats:
    """Extract ``paths`` on a Dask cluster and merge the result into ``store``.

    ``work_dir`` (default ``<store>.parts``) holds the partition files.  The
    store afterwards is the store a local :func:`tieline.store.ingest_paths`
    of the same input gives: same articles, mentions, happenings and ids.
    """
    store.require_writable()
    start = time.perf_counter()
    work = work_dir if work_dir is not None else default_work_dir(store)
    with _session(paths, scheduler=scheduler, partitions=partitions, work_dir=work,
                  config=config, published=published, workers=workers, on_cluster=on_cluster,
                  on_partition=on_partition) as (runner, run):
        stats = merge_partitions(store, runner.paths(), batch_size=batch_size,
                                 progress=progress, on_rejection=on_rejection)
        run = replace(run, resumed=runner.resumed, computed=runner.computed,
                      seconds=time.perf_counter() - start)
    return DaskIngestStats(stats, run)


def extract_dask(paths: Sequence[str | os.PathLike[str]], *, scheduler: str | None = None,
                 partitions: int | None = None, work_dir: str | os.PathLike[str] | None = None,
                 config: Config | None = None, published: dt.date | None = None,
                 workers: int | None = None,
                 on_cluster: Callable[[DaskRun], None] | None = None,
                 on_partition: Callable[[PartitionProgress], None] | None = None
                 ) -> Iterator[Document]:
    """The coded documents of ``paths``, in input order, extracted on a Dask cluster.

    Without ``work_dir`` the partition files go to a temporary directory
    removed at the end; with it they stay there and a re-run resumes."""
    with _session(paths, scheduler=scheduler, partitions=partitions, work_dir=work_dir,
                  config=config, published=published, workers=workers, on_cluster=on_cluster,
                  on_partition=on_partition) as (runner, _):
        yield from _documents(runner.paths(), None)
