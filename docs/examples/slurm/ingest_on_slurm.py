"""Ingest a year of news on a SLURM cluster with dask-jobqueue.

Run it on a login node (the driver: it plans the partitions, then merges the
workers' partition files into the store).  The input, the work directory
and the tieline venv must be on a filesystem every node sees.  The settings
come from ``jobqueue.yaml`` beside this file (copy it to
``~/.config/dask/``).  If the driver or the scheduler dies, run the script
again: finished partitions in WORK are skipped.

    pip install dask-jobqueue==0.9.0
    python ingest_on_slurm.py /shared/news/2024/ /shared/tieline/news.duckdb
"""
from __future__ import annotations

import sys

from dask_jobqueue import SLURMCluster

import tieline
from tieline.store import EventStore

JOBS = 16  # 16 jobs x 2 workers
WORK = "/shared/tieline/parts"


def main(inputs: str, db: str) -> None:
    with SLURMCluster() as cluster:
        cluster.scale(jobs=JOBS)
        print("dashboard:", cluster.dashboard_link, file=sys.stderr)
        with EventStore(db) as store:
            result = tieline.ingest_dask(store, [inputs], scheduler=cluster.scheduler_address,
                                         work_dir=WORK, batch_size=5000)
    print(result.ingest, result.run, file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
