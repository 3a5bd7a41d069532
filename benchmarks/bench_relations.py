#!/usr/bin/env python3
"""How long does a dyad series take over a store of one million events?

    python benchmarks/bench_relations.py                 # 1,000,000 generated events
    python benchmarks/bench_relations.py --n 5000000 --db /tmp/big.duckdb

Events are generated straight into the ``events`` table through Arrow
(:func:`tieline.store.synthetic.fill_events`: skewed actor choice, all CAMEO
roots, ten years of dates).  For each dyad and period size the script runs
:func:`tieline.relations.relation_series` once to warm up, then five times,
and prints the median and worst wall-clock time.  Then it runs the command
line, ``tieline relations RUS UKR --by day`` (table and json), as a fresh
process three times each and prints the median wall-clock time of the whole
command (interpreter start included) and its CPU time (which other load on
the machine does not inflate).  Target: under one second for both.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tieline.relations import relation_series  # noqa: E402
from tieline.store import EventStore  # noqa: E402
from tieline.store.synthetic import describe, fill_events  # noqa: E402

TARGET_SECONDS = 1.0
CASES = [("USA", "RUS", "month"), ("RUS", "UKR", "month"), ("RUS", "UKR", "week"),
         ("RUS", "UKR", "day"), ("ISR", "IRN", "month"), ("TCD", "CMR", "month"),
         ("USAGOV", "CHN", "month")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="events to generate")
    parser.add_argument("--db", type=Path, help="store to use (default: a temporary file)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        with EventStore(path) as store:
            have = describe(store)["events"]
            if have < args.n:
                start = time.perf_counter()
                fill_events(store, args.n - have, seed=args.seed)
                print(f"generated {args.n - have:,} events in {time.perf_counter() - start:.1f} s")
            info = describe(store)
            print(f"store: {info['events']:,} events, {info['first']} .. {info['last']}, {path}")
            print(f"{'dyad':<16}{'by':<7}{'periods':>8}{'events':>9}{'median s':>10}{'max s':>8}")
            worst = 0.0
            for a, b, by in CASES:
                relation_series(store, a, b, by=by)
                times = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    series = relation_series(store, a, b, by=by)
                    times.append(time.perf_counter() - start)
                median = statistics.median(times)
                worst = max(worst, median)
                print(f"{a + '-' + b:<16}{by:<7}{len(series.periods):>8}"
                      f"{series.total().events:>9,}{median:>10.3f}{max(times):>8.3f}")
        verdict = "OK" if worst < TARGET_SECONDS else "TOO SLOW"
        print(f"slowest median {worst:.3f} s (target < {TARGET_SECONDS:.1f} s): {verdict}")
        cli_worst = _cli(path)
        return 0 if max(worst, cli_worst) < TARGET_SECONDS else 1


def _cli(path: Path, repeat: int = 3) -> float:
    """Median wall time of ``tieline relations RUS UKR --by day`` as a new process."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    worst = 0.0
    for fmt in ("table", "json"):
        command = [sys.executable, "-m", "tieline", "relations", "RUS", "UKR", "--by", "day",
                   "--db", str(path), "--format", fmt]
        times, cpu, lines = [], [], 0
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            lines = len(done.stdout.splitlines())
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"CLI relations RUS UKR --by day --format {fmt}: {lines:,} lines, "
              f"median {median:.3f} s, max {max(times):.3f} s, "
              f"CPU (all threads) {statistics.median(cpu):.3f} s")
    verdict = "OK" if worst < TARGET_SECONDS else "TOO SLOW"
    print(f"CLI slowest median {worst:.3f} s (target < {TARGET_SECONDS:.1f} s): {verdict}")
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
