#!/usr/bin/env python3
"""The Dask engine: speed-up from 1 to 2 workers, per-worker throughput
against a local ingest with as many processes, and the merge's own cost.

    python benchmarks/make_corpus.py --n 5000 --out benchmarks/corpus/articles.jsonl
    python benchmarks/bench_dask.py benchmarks/corpus/articles.jsonl --articles 240
    python benchmarks/bench_dask.py --merge-only --merge-events 1000000

Sides, each in a fresh subprocess, each ingesting the same first
``--articles`` articles into a fresh DuckDB store:

* ``local-N``: :func:`tieline.ingest.into_store.ingest_paths` with N processes;
* ``dask-N``: :func:`tieline.scale.ingest_dask` on the ``LocalCluster`` of N
  single-threaded workers that ``--engine dask`` starts
  (:func:`tieline.scale.engine.local_cluster`; partition files in a temporary
  work directory, merged into the store as they come).

Cluster start-up and model loading (the worker plugin) happen before the
clock, as the local sides load their pipeline before it.  Each side also
reports the CPU time of its process tree per article and the share of the
machine other processes used meanwhile: with other load, wall-clock rates
drop, CPU per article does not.  ``merge`` writes
``--merge-events`` generated coded events (three per article, a dozen
countries, so the one-event-per-happening clustering has work to do) into
partition files with the workers' own :func:`tieline.scale.codec.documents_table`
(which computes each article's mention rows, as a worker does, untimed),
then times :func:`tieline.scale.merge_partitions` into a fresh store file,
closing it included (its last checkpoint): the single-threaded cost every
Dask run pays on the driver however many workers it has
(``--merge-batch`` articles per transaction, as ``--batch-size`` gives).  Goals (issue 9): speed-up 1 -> 2 workers >= 1.8x, dask-N
>= 0.9x local-N, merge of 1M events < 60 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_extract import TreeMemorySampler, process_tree, system_busy_seconds  # noqa: E402


def tree_cpu_seconds() -> float:
    """User + system CPU of this process tree: every live process's own time
    and that of the children it has waited for (``/proc/PID/stat``)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in process_tree(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
    return total / tick


class Clock:
    """Wall time, the tree's CPU time and the share of the machine other
    processes used meanwhile (other engineers' load skews wall time, not CPU)."""

    def __enter__(self) -> "Clock":
        self.c0, self.b0, self.t0 = tree_cpu_seconds(), system_busy_seconds(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        self.cpu = tree_cpu_seconds() - self.c0
        other = max(0.0, system_busy_seconds() - self.b0 - self.cpu)
        self.other = other / (self.wall * (os.cpu_count() or 1)) if self.wall else 0.0

    def fields(self, articles: int) -> dict[str, Any]:
        return {"cpu_s": self.cpu, "cpu_ms_per_article": 1000 * self.cpu / max(articles, 1),
                "other_cpu_share": self.other}

GOAL_SPEEDUP, GOAL_RATIO, GOAL_MERGE_S = 1.8, 0.9, 60.0


def _prefix(corpus: str, n: int, tmp: Path) -> Path:
    out = tmp / "articles.jsonl"
    with open(corpus, "rb") as src, out.open("wb") as dst:
        for i, line in enumerate(src):
            if i >= n:
                break
            dst.write(line)
    return out


def side_local(args: argparse.Namespace, processes: int) -> dict[str, Any]:
    from tieline.config import Config
    from tieline.ingest.readers import read_text
    from tieline.pipeline import Pipeline
    from tieline.ingest.into_store import ingest_paths
    from tieline.store import EventStore

    pipeline = Pipeline.from_config(Config.load())
    list(pipeline.run([read_text("Russia and China signed an agreement in Beijing on Tuesday.",
                                 article_id="warm")], n_process=1))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _prefix(args.corpus, args.articles, Path(tmp))
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem, \
                Clock() as clock:
            stats = ingest_paths(store, [corpus], pipeline=pipeline, n_process=processes)
    seconds = clock.wall
    return {"side": f"local-{processes}", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "seconds": seconds, "rate": stats.seen / seconds,
            "peak_rss_mb": mem.peak_rss_kb / 1024, **clock.fields(stats.seen)}


def side_dask(args: argparse.Namespace, workers: int) -> dict[str, Any]:
    from distributed import Client

    from tieline.config import Config
    from tieline.scale import ingest_dask
    from tieline.scale.engine import install_pipeline, local_cluster
    from tieline.store import EventStore

    config = Config.load()
    with tempfile.TemporaryDirectory() as tmp, \
            local_cluster(workers, dashboard_address=":0") as cluster, Client(cluster) as client:
        loading = time.perf_counter()
        install_pipeline(client, config)  # the run below finds it loaded (same settings)
        loaded_in = time.perf_counter() - loading
        corpus = _prefix(args.corpus, args.articles, Path(tmp))
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem, \
                Clock() as clock:
            result = ingest_dask(store, [corpus], scheduler=cluster.scheduler_address,
                                 partitions=args.partitions, work_dir=Path(tmp) / "parts",
                                 config=config)
    stats, seconds = result.ingest, clock.wall
    return {"side": f"dask-{workers}", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "seconds": seconds, "rate": stats.seen / seconds,
            "partitions": result.run.partitions, "model_load_s": loaded_in,
            "peak_rss_mb": mem.peak_rss_kb / 1024, **clock.fields(stats.seen)}


def _synthetic_documents(n_events: int) -> Any:
    import random

    from tieline.model import Actor, Article, Document, Event

    rng = random.Random(5)
    keys = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "IND", "TUR", "SYR"]
    base = dt.date(2024, 1, 1)
    n_articles = (n_events + 2) // 3
    for i in range(n_articles):
        published = base + dt.timedelta(days=i * 730 // n_articles)
        article = Article(id=f"syn-{i}", text=f"synthetic article {i} " * 40,
                          title=f"Synthetic {i}", published=published, outlet=f"outlet-{i % 50}",
                          url=f"https://o{i % 50}.example/{i}", origin=f"synthetic:{i}")
        events = []
        for j in range(min(3, n_events - 3 * i)):
            a, b = rng.sample(keys, 2)
            root = rng.randint(1, 20)
            events.append(Event(
                article_id=article.id, sentence=f"{a} did {root:02d} to {b}.", sentence_index=j,
                span=(0, 10), source=Actor(a, a, country=a, code=a),
                target=Actor(b, b, country=b, code=b), cameo=f"{root:02d}0", root=f"{root:02d}",
                quad_class=1 + (root - 1) // 5, goldstein=0.0, plover=None, mode="asserted",
                date=published - dt.timedelta(days=rng.randint(0, 2)), date_precision="day"))
        yield Document(article=article, events=tuple(events))


def side_merge(args: argparse.Namespace) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from tieline.scale import merge_partitions
    from tieline.scale.codec import documents_table
    from tieline.store import EventStore, content_hash

    with tempfile.TemporaryDirectory() as tmp:
        parts: list[Path] = []
        chunk: list[Any] = []
        prep = time.perf_counter()

        def flush() -> None:
            path = Path(tmp) / f"part-{len(parts):05d}.parquet"
            pq.write_table(documents_table(chunk, [content_hash(d.article) for d in chunk]), path)
            parts.append(path)
            chunk.clear()

        for doc in _synthetic_documents(args.merge_events):
            chunk.append(doc)
            if len(chunk) >= args.merge_partition_articles:
                flush()
        if chunk:
            flush()
        prepared_in = time.perf_counter() - prep
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem, \
                Clock() as clock:
            stats = merge_partitions(store, parts, batch_size=args.merge_batch)
        seconds = clock.wall
    return {"side": "merge", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "partitions": len(parts), "seconds": seconds,
            "events_per_s": stats.mentions / seconds, "batch_size": args.merge_batch,
            "prepared_in_s": prepared_in, "peak_rss_mb": mem.peak_rss_kb / 1024,
            **clock.fields(stats.seen)}


def _run_side(args: argparse.Namespace, side: str) -> dict[str, Any]:
    command = [sys.executable, __file__, "--side", side, "--articles", str(args.articles),
               "--partitions", str(args.partitions), "--merge-events", str(args.merge_events),
               "--merge-batch", str(args.merge_batch)]
    if args.corpus:
        command.append(args.corpus)
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", help="JSON Lines articles (make_corpus.py)")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--merge-events", type=int, default=1_000_000)
    parser.add_argument("--merge-batch", type=int, default=5000,
                        help="articles per store transaction in the merge")
    parser.add_argument("--merge-partition-articles", type=int, default=5000)
    parser.add_argument("--merge-only", action="store_true")
    parser.add_argument("--no-merge", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--side", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side:
        kind, _, n = args.side.partition("-")
        result = {"local": lambda: side_local(args, int(n)), "dask": lambda: side_dask(args, int(n)),
                  "merge": lambda: side_merge(args)}[kind]()
        print(json.dumps(result))
        return
    if not args.merge_only and not args.corpus:
        parser.error("give the corpus (or --merge-only)")
    sides = [] if args.merge_only else ["local-1", "dask-1", "local-2", "dask-2"]
    if not args.no_merge:
        sides.append("merge")
    results = {}
    for side in sides:
        results[side] = r = _run_side(args, side)
        if side == "merge":
            print(f"merge     {r['events']:>9,} events ({r['articles']:,} articles, "
                  f"{r['partitions']} partitions) into a fresh store: {r['seconds']:.1f} s, "
                  f"{r['events_per_s']:,.0f} events/s, {r['happenings']:,} happenings, "
                  f"peak RSS {r['peak_rss_mb']:,.0f} MB (goal < {GOAL_MERGE_S:.0f} s); "
                  f"CPU {r['cpu_s']:.1f} s, others used {r['other_cpu_share']:.0%} of the "
                  f"machine", flush=True)
        else:
            print(f"{side:8}  {r['articles']:>5,} articles  {r['rate']:6.2f} articles/s  "
                  f"{r['events']:,} events  {r['seconds']:.1f} s  "
                  f"peak RSS {r['peak_rss_mb']:,.0f} MB  CPU {r['cpu_ms_per_article']:,.0f} ms/"
                  f"article  others used {r['other_cpu_share']:.0%} of the machine", flush=True)
    if "dask-2" in results:
        speedup = results["dask-2"]["rate"] / results["dask-1"]["rate"]
        ratios = {n: results[f"dask-{n}"]["rate"] / results[f"local-{n}"]["rate"] for n in (1, 2)}
        cpu = {n: results[f"local-{n}"]["cpu_ms_per_article"]
               / results[f"dask-{n}"]["cpu_ms_per_article"] for n in (1, 2)}
        results["summary"] = {"speedup_1_to_2": speedup, "dask_vs_local": ratios,
                              "dask_vs_local_cpu": cpu}
        print(f"speed-up 1 -> 2 workers: {speedup:.2f}x (goal >= {GOAL_SPEEDUP}x); dask/local "
              f"at 1 process {ratios[1]:.2f}, at 2 {ratios[2]:.2f} (goal >= {GOAL_RATIO}); "
              f"by CPU per article (not skewed by other load) {cpu[1]:.2f} and {cpu[2]:.2f}")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
