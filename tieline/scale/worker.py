"""What runs on a Dask worker: the pipeline plugin and the partition task.

:class:`PipelinePlugin` builds the pipeline (the spaCy model, the knowledge
base, the dictionaries) once when a worker starts -- or joins later, or is
restarted by its nanny -- and keeps it for every task that worker runs.
:func:`extract_partition` reads one partition's input, codes it and writes
the partition file atomically: to a temporary name first, then renamed, so a
task that dies half-way (its worker killed) leaves no partition behind and a
retried or repeated task writes the same file again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin

from tieline.config import Config
from tieline.scale.shards import Partition, read_unit

PLUGIN_PREFIX = "tieline-pipeline-"
TMP_MARK = ".tmp-"
WARM_UP = "Russia and China signed an agreement in Beijing on Tuesday."


def plugin_name(config: Config) -> str:
    """One plugin name per configuration: a run with the same settings against a
    long-lived cluster finds the pipeline already loaded on its workers."""
    return PLUGIN_PREFIX + hashlib.sha256(repr(config).encode()).hexdigest()[:16]


class PipelinePlugin(WorkerPlugin):
    """A ``distributed`` worker plugin holding one pipeline per worker
    (this module is imported only by the Dask engine)."""

    idempotent = True  # registered again under the same name: kept, not set up again

    def __init__(self, config: Config) -> None:
        self.config = config
        self.name = plugin_name(config)
        self.pipeline: Any = None
        self.lock: Any = None
        self.loaded_in = 0.0

    def setup(self, worker: Any) -> None:
        from tieline.pipeline import Pipeline

        from tieline.ingest.readers import read_text

        start = time.perf_counter()
        self.lock = threading.Lock()  # a worker with several threads runs one task at a time
        self.pipeline = Pipeline.from_config(self.config)
        # one short article through every stage, so the first partition does not pay
        # for what the stages build on first use
        list(self.pipeline.run([read_text(WARM_UP, article_id="tieline-warm-up")], n_process=1))
        self.loaded_in = time.perf_counter() - start

    def teardown(self, worker: Any) -> None:
        self.pipeline = None

    def __getstate__(self) -> dict[str, Any]:
        return {"config": self.config}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["config"])  # type: ignore[misc]


@dataclass(frozen=True)
class PartitionResult:
    """What one partition holds (returned by the task, or read from a finished file)."""

    index: int
    documents: int
    events: int
    rejections: int
    seconds: float = 0.0
    worker: str | None = None
    resumed: bool = False


def partition_result(partition: Partition, path: Path, *, resumed: bool) -> PartitionResult:
    """The counts of a finished partition file."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    table = pq.read_table(path, columns=["n_events", "reject_reason"])
    events = pc.sum(table["n_events"]).as_py() or 0
    return PartitionResult(partition.index, table.num_rows, int(events),
                           table.num_rows - table["reject_reason"].null_count, resumed=resumed)


def extract_partition(partition: Partition, out_dir: str, published: dt.date | None,
                      max_bytes: int, plugin: str) -> PartitionResult:
    """The Dask task: code one partition into ``out_dir/partition.name``."""
    import pyarrow.parquet as pq
    from distributed import get_worker

    from tieline.model import Article
    from tieline.scale.codec import documents_table
    from tieline.store.writer import content_hash

    final = Path(out_dir) / partition.name
    if final.exists():  # a repeated task: the file is complete (it was renamed into place)
        return partition_result(partition, final, resumed=True)
    worker = get_worker()
    plugin = worker.plugins.get(plugin)
    if plugin is None or plugin.pipeline is None:
        raise RuntimeError("the tieline pipeline plugin is not set up on this worker")
    start = time.perf_counter()
    items = [item for unit in partition.units
             for item in read_unit(unit, published=published, max_bytes=max_bytes)]
    hashes = [content_hash(i) if isinstance(i, Article) else None for i in items]
    with plugin.lock:
        documents = list(plugin.pipeline.run(items, n_process=1))
    table = documents_table(documents, hashes)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f"{final.name}{TMP_MARK}{uuid.uuid4().hex}")
    try:
        pq.write_table(table, tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    return PartitionResult(partition.index, len(documents),
                           sum(len(d.events) for d in documents),
                           sum(1 for d in documents if d.rejection is not None),
                           time.perf_counter() - start, worker.address)
