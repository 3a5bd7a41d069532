#!/usr/bin/env python3
"""The Dask engine: speed-up from 1 to 2 workers, per-worker throughput
against a local ingest with as many processes, and the merge's own cost.

    python benchmarks/make_corpus.py --n 5000 --out benchmarks/corpus/articles.jsonl
    python benchmarks/bench_dask.py benchmarks/corpus/articles.jsonl --articles 240
    python benchmarks/bench_dask.py --merge-only --merge-events 1000000

Sides, each in a fresh subprocess, each ingesting the same first
``--articles`` articles into a fresh DuckDB store:

* ``local-N``: :func:`tieline.store.ingest_paths` with N processes;
* ``dask-N``: :func:`tieline.scale.ingest_dask` on a ``LocalCluster`` of N
  single-threaded workers (partition files in a temporary work directory,
  merged into the store as they come).

Cluster start-up and model loading (the worker plugin) happen before the
clock, as the local sides load their pipeline before it.  ``merge`` writes
``--merge-events`` generated coded events (three per article, a dozen
countries, so the one-event-per-happening clustering has work to do) into
partition files, then times :func:`tieline.scale.merge_partitions` alone:
the single-threaded cost every Dask run pays on the driver however many
workers it has.  Goals (issue 9): speed-up 1 -> 2 workers >= 1.8x, dask-N
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

from bench_extract import TreeMemorySampler  # noqa: E402

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
    from tieline.store import EventStore, ingest_paths

    pipeline = Pipeline.from_config(Config.load())
    list(pipeline.run([read_text("Russia and China signed an agreement in Beijing on Tuesday.",
                                 article_id="warm")], n_process=1))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = _prefix(args.corpus, args.articles, Path(tmp))
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem:
            start = time.perf_counter()
            stats = ingest_paths(store, [corpus], pipeline=pipeline, n_process=processes)
            seconds = time.perf_counter() - start
    return {"side": f"local-{processes}", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "seconds": seconds, "rate": stats.seen / seconds,
            "peak_rss_mb": mem.peak_rss_kb / 1024}


def side_dask(args: argparse.Namespace, workers: int) -> dict[str, Any]:
    import logging

    from distributed import Client, LocalCluster

    from tieline.config import Config
    from tieline.scale import ingest_dask
    from tieline.scale.engine import install_pipeline
    from tieline.store import EventStore

    config = Config.load()
    with tempfile.TemporaryDirectory() as tmp, \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                         dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        loading = time.perf_counter()
        install_pipeline(client, config)  # the run below finds it loaded (same settings)
        loaded_in = time.perf_counter() - loading
        corpus = _prefix(args.corpus, args.articles, Path(tmp))
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem:
            start = time.perf_counter()
            result = ingest_dask(store, [corpus], scheduler=cluster.scheduler_address,
                                 partitions=args.partitions, work_dir=Path(tmp) / "parts",
                                 config=config)
            seconds = time.perf_counter() - start
    stats = result.ingest
    return {"side": f"dask-{workers}", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "seconds": seconds, "rate": stats.seen / seconds,
            "partitions": result.run.partitions, "model_load_s": loaded_in,
            "peak_rss_mb": mem.peak_rss_kb / 1024}


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
        with EventStore(Path(tmp) / "bench.duckdb") as store, TreeMemorySampler() as mem:
            start = time.perf_counter()
            stats = merge_partitions(store, parts, batch_size=args.merge_batch)
            seconds = time.perf_counter() - start
    return {"side": "merge", "articles": stats.seen, "events": stats.mentions,
            "happenings": stats.events, "partitions": len(parts), "seconds": seconds,
            "events_per_s": stats.mentions / seconds, "batch_size": args.merge_batch,
            "prepared_in_s": prepared_in, "peak_rss_mb": mem.peak_rss_kb / 1024}


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
                  f"peak RSS {r['peak_rss_mb']:,.0f} MB (goal < {GOAL_MERGE_S:.0f} s)",
                  flush=True)
        else:
            print(f"{side:8}  {r['articles']:>5,} articles  {r['rate']:6.2f} articles/s  "
                  f"{r['events']:,} events  {r['seconds']:.1f} s  "
                  f"peak RSS {r['peak_rss_mb']:,.0f} MB", flush=True)
    if "dask-2" in results:
        speedup = results["dask-2"]["rate"] / results["dask-1"]["rate"]
        ratios = {n: results[f"dask-{n}"]["rate"] / results[f"local-{n}"]["rate"] for n in (1, 2)}
        results["summary"] = {"speedup_1_to_2": speedup, "dask_vs_local": ratios}
        print(f"speed-up 1 -> 2 workers: {speedup:.2f}x (goal >= {GOAL_SPEEDUP}x); dask/local "
              f"at 1 process {ratios[1]:.2f}, at 2 {ratios[2]:.2f} (goal >= {GOAL_RATIO})")
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if args.json:
        print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
