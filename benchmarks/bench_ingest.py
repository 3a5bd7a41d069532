#!/usr/bin/env python3
"""Ingest throughput and memory against extract-only on the same corpus.

    python benchmarks/make_corpus.py --n 5000 --out benchmarks/corpus/articles.jsonl
    python benchmarks/bench_ingest.py benchmarks/corpus                  # both sides
    python benchmarks/bench_ingest.py benchmarks/corpus --processes 2 --rounds 2 --json
    python benchmarks/bench_ingest.py --synthetic 50000                  # the store alone

``extract`` runs read -> pipeline and drops the documents; ``ingest`` runs
read -> pipeline -> store (``tieline.ingest.into_store.ingest_paths``) into a fresh
DuckDB file.  Each side runs in a fresh subprocess with the same process
count; model loading and a two-article warm-up happen before the clock.
Memory (VmRSS summed over the process tree, i.e. with the workers) is
sampled every 50 ms, and recorded at every ``--every`` articles to show
whether it stays flat as the store grows.  Target: ingest at no less than
80% of extract-only articles/s.

``--synthetic N`` skips extraction: N generated documents (three coded
events each, a few thousand happenings) go straight into the store, which
measures the store's own cost per article and its memory over a large run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_extract import TreeMemorySampler, process_tree  # noqa: E402

TARGET_RATIO = 0.80
WARMUP = 2


def tree_rss_mb() -> float:
    total = 0
    for pid in process_tree(os.getpid()):
        try:
            with open(f"/proc/{pid}/status", "rb") as fh:
                for line in fh:
                    if line.startswith(b"VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class Checkpoints:
    """RSS each time another ``every`` articles have gone through."""

    def __init__(self, every: int) -> None:
        self.every, self.next, self.points = every, every, []

    def __call__(self, seen: int) -> None:
        while seen >= self.next:
            self.points.append((self.next, round(tree_rss_mb(), 1)))
            self.next += self.every


def _pipeline(args: argparse.Namespace) -> Any:
    from tieline.config import Config
    from tieline.ingest.readers import read_text
    from tieline.pipeline import Pipeline

    config = Config.load()
    if args.stages:
        config = config.updated({"stages": args.stages})
    pipeline = Pipeline.from_config(config)
    warm = [read_text("Russia and China signed an agreement in Beijing on Tuesday.",
                      article_id=f"warm-{i}") for i in range(WARMUP)]
    list(pipeline.run(warm, n_process=1))
    return pipeline


def side_extract(args: argparse.Namespace) -> dict[str, Any]:
    from tieline.ingest.readers import read_paths

    pipeline = _pipeline(args)
    marks = Checkpoints(args.every)
    n = events = 0
    with TreeMemorySampler() as mem:
        start = time.perf_counter()
        for document in pipeline.run(read_paths(args.corpus), n_process=args.processes):
            n += 1
            events += len(document.events)
            marks(n)
            if args.limit and n >= args.limit:
                break
        seconds = time.perf_counter() - start
    return {"side": "extract", "articles": n, "events": events, "seconds": seconds,
            "rate": n / seconds, "peak_rss_mb": mem.peak_rss_kb / 1024,
            "peak_pss_mb": mem.peak_pss_kb / 1024, "rss_at": marks.points}


def side_ingest(args: argparse.Namespace) -> dict[str, Any]:
    from tieline.ingest.into_store import ingest_paths
    from tieline.store import EventStore

    pipeline = _pipeline(args)
    marks = Checkpoints(args.every)
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "bench.duckdb") as store:
        paths = args.corpus
        if args.limit:  # a prefix of the corpus, so both sides see the same articles
            paths = [_prefix(args.corpus, args.limit, Path(tmp))]
        with TreeMemorySampler() as mem:
            start = time.perf_counter()
            stats = ingest_paths(store, paths, pipeline=pipeline, n_process=args.processes,
                                 progress=lambda s: marks(s.seen))
            seconds = time.perf_counter() - start
        size = _db_mb(Path(store.path))
        counts = store.counts()
    return {"side": "ingest", "articles": stats.seen, "stored": stats.articles,
            "events": stats.mentions, "happenings": counts["events"], "seconds": seconds,
            "rate": stats.seen / seconds, "peak_rss_mb": mem.peak_rss_kb / 1024,
            "peak_pss_mb": mem.peak_pss_kb / 1024, "rss_at": marks.points,
            "db_mb": round(size, 1)}


def _db_mb(path: Path) -> float:
    """The store's size on disk, write-ahead log included."""
    wal = path.with_name(path.name + ".wal")
    return (path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 2**20


def _prefix(corpus: list[str], limit: int, tmp: Path) -> str:
    from tieline.ingest.readers import read_paths

    out = tmp / "prefix.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        for i, item in enumerate(read_paths(corpus)):
            if i >= limit:
                break
            if hasattr(item, "text"):
                fh.write(json.dumps({"id": item.id, "title": item.title, "text": item.text,
                                     "url": item.url, "outlet": item.outlet,
                                     "published": item.published.isoformat()
                                     if item.published else None}) + "\n")
    return str(out)


def side_synthetic(args: argparse.Namespace) -> dict[str, Any]:
    import random

    from tieline.model import Actor, Article, Document, Event
    from tieline.store import EventStore, ingest_documents

    rng = random.Random(5)
    keys = ["USA", "RUS", "CHN", "UKR", "GBR", "FRA", "DEU", "ISR", "IRN", "IND", "TUR", "SYR"]
    base = dt.date(2024, 1, 1)

    def documents():
        for i in range(args.synthetic):
            published = base + dt.timedelta(days=i * 365 // args.synthetic)
            article = Article(id=f"syn-{i}", text=f"synthetic article {i} " * 40,
                              title=f"Synthetic {i}", published=published,
                              outlet=f"outlet-{i % 50}", url=f"https://o{i % 50}.example/{i}")
            events = []
            for j in range(3):
                a, b = rng.sample(keys, 2)
                root = rng.randint(1, 20)
                events.append(Event(
                    article_id=article.id, sentence=f"{a} did {root:02d} to {b}.",
                    sentence_index=j, span=(0, 10), source=Actor(a, a, country=a, code=a),
                    target=Actor(b, b, country=b, code=b), cameo=f"{root:02d}0",
                    root=f"{root:02d}", quad_class=1 + (root - 1) // 5, goldstein=0.0,
                    plover=None, mode="asserted",
                    date=published - dt.timedelta(days=rng.randint(0, 2)), date_precision="day"))
            yield Document(article=article, events=tuple(events))

    marks = Checkpoints(args.every)
    with tempfile.TemporaryDirectory() as tmp, EventStore(Path(tmp) / "syn.duckdb") as store:
        with TreeMemorySampler() as mem:
            start = time.perf_counter()
            stats = ingest_documents(store, documents(), progress=lambda s: marks(s.seen))
            seconds = time.perf_counter() - start
        counts = store.counts()
        size = _db_mb(Path(store.path))
    return {"side": "synthetic", "articles": stats.seen, "events": stats.mentions,
            "happenings": counts["events"], "seconds": seconds, "rate": stats.seen / seconds,
            "peak_rss_mb": mem.peak_rss_kb / 1024, "peak_pss_mb": mem.peak_pss_kb / 1024,
            "rss_at": marks.points, "db_mb": round(size, 1)}


def _run_side(side: str, args: argparse.Namespace) -> dict[str, Any]:
    cmd = [sys.executable, __file__, *args.corpus, "--side", side, "--processes",
           str(args.processes), "--every", str(args.every)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    if args.stages:
        cmd += ["--stages", args.stages]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{side} side failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _print(result: dict[str, Any]) -> None:
    print(f"{result['side']:<10} {result['articles']:>7,} articles  {result['rate']:>8.1f} art/s  "
          f"{result['events']:>8,} events  peak RSS {result['peak_rss_mb']:>7.1f} MB "
          f"(PSS {result['peak_pss_mb']:.1f} MB)"
          + (f"  store {result['db_mb']} MB, {result['happenings']:,} happenings"
             if "db_mb" in result else ""))
    if result["rss_at"]:
        print("           RSS at " + ", ".join(f"{n:,}: {mb:.0f} MB"
                                               for n, mb in result["rss_at"]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", help="corpus files or directories")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--every", type=int, default=1000, help="RSS checkpoint interval")
    parser.add_argument("--stages", help="pipeline stages (e.g. clean), default: the config's")
    parser.add_argument("--synthetic", type=int, help="store-only run over N generated documents")
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the sides (ABBA...) this many rounds; medians compared")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--side", choices=["extract", "ingest"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.synthetic:
        result = side_synthetic(args)
        print(json.dumps(result) if args.json else "", end="\n" if args.json else "")
        if not args.json:
            _print(result)
        return 0
    if not args.corpus:
        parser.error("a corpus path is needed (or --synthetic N)")
    if args.side == "extract":
        print(json.dumps(side_extract(args)))
        return 0
    if args.side == "ingest":
        print(json.dumps(side_ingest(args)))
        return 0
    # ABBA order over the rounds, so that drift in machine load hits both sides alike
    runs: dict[str, list[dict[str, Any]]] = {"extract": [], "ingest": []}
    for round_ in range(args.rounds):
        order = ("extract", "ingest") if round_ % 2 == 0 else ("ingest", "extract")
        for side in order:
            runs[side].append(_run_side(side, args))
            if not args.json:
                _print(runs[side][-1])
    extract = statistics.median(r["rate"] for r in runs["extract"])
    ingest = statistics.median(r["rate"] for r in runs["ingest"])
    ratio = ingest / extract
    if args.json:
        print(json.dumps({"runs": runs, "extract_rate": extract, "ingest_rate": ingest,
                          "ratio": ratio}))
    else:
        print(f"corpus {', '.join(args.corpus)}, {args.processes} process(es), "
              f"{args.rounds} round(s): median extract {extract:.1f} art/s, "
              f"ingest {ingest:.1f} art/s")
        verdict = "OK" if ratio >= TARGET_RATIO else "BELOW TARGET"
        print(f"ingest / extract throughput: {ratio:.2f} (target >= {TARGET_RATIO:.2f}): {verdict}")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
