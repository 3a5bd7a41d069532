"""Scale-out: the same pipeline on a Dask cluster (``--engine dask``).

Modules: :mod:`~tieline.scale.shards` (input -> partitions),
:mod:`~tieline.scale.worker` (the worker plugin and the partition task),
:mod:`~tieline.scale.codec` (partition files), :mod:`~tieline.scale.engine`
(the run and the merge into the store).  Nothing here imports dask until a
run starts.
"""
from __future__ import annotations

from typing import Any

_LAZY = {
    "ingest_dask": "tieline.scale.engine",
    "extract_dask": "tieline.scale.engine",
    "DaskIngestStats": "tieline.scale.engine",
    "DaskRun": "tieline.scale.engine",
    "PartitionProgress": "tieline.scale.engine",
    "ClusterError": "tieline.scale.engine",
    "merge_partitions": "tieline.scale.engine",
    "plan_partitions": "tieline.scale.shards",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tieline.scale' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
