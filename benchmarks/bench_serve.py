#!/usr/bin/env python3
"""Load on `tieline serve` over a store of one million events, on loopback only.

    python benchmarks/bench_serve.py                      # 1,000,000 events, 2 workers
    python benchmarks/bench_serve.py --requests 200 --clients 4 --seconds 30

The store is generated (:func:`tieline.store.synthetic.fill_events`), then
``tieline serve --workers 2`` is started on 127.0.0.1 and, for each of
``/events`` (one page), ``/relations`` and ``/network``, ``--clients``
keep-alive clients send requests with varied parameters until ``--requests``
are done or ``--seconds`` have passed (whichever comes first: the run is
bounded and stops by itself).  Printed per endpoint: requests, errors,
requests/s, median, p95 and worst latency, and the server's CPU time per
request (its workers' user + system time, which other load does not skew).  Targets (issue 10): ``/relations``
p95 < 150 ms, ``/events`` p95 < 100 ms, no errors.  ``--cache 0,256`` runs
once without the answer cache (every request queries the store) and once with
it (the servers' default); the targets are checked on the last run.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tieline.store import EventStore  # noqa: E402
from tieline.store.synthetic import COUNTRIES, describe, fill_events  # noqa: E402

TARGETS_MS = {"events": 100.0, "relations": 150.0}
TOP = COUNTRIES[:25]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _paths(endpoint: str, rng: random.Random) -> str:
    if endpoint == "events":
        actor = rng.choice(TOP)
        extra = rng.choice(["", f"&root={rng.randint(1, 20):02d}",
                            f"&since={rng.randint(2015, 2023)}-01-01", "&order=mentions"])
        return f"/api/v1/events?actor={actor}&limit=50{extra}"
    if endpoint == "relations":
        a, b = rng.sample(TOP[:15], 2)
        by = rng.choice(["month", "month", "month", "quarter", "year"])
        return f"/api/v1/relations?a={a}&b={b}&by={by}"
    year = rng.randint(2015, 2024)
    root = rng.choice(["", f"&root={rng.randint(1, 20):02d}"])
    return f"/api/v1/network?since={year}-01-01&until={year}-12-31{root}"


def _load(port: int, endpoint: str, requests: int, clients: int,
          seconds: float, *, seed: int = 0) -> dict[str, float]:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            path = _paths(endpoint, rng)
            start = time.perf_counter()
            try:
                con.request("GET", path)
                response = con.getresponse()
                body = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                con.close()
                con = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                status, body = 0, str(exc).encode()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{status} {path}: {body[:200]!r}")
        con.close()

    threads = [threading.Thread(target=client, args=(seed + i,)) for i in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    latencies.sort()
    p95 = latencies[max(0, int(round(0.95 * len(latencies))) - 1)] if latencies else 0.0
    for line in errors[:5]:
        print("  error:", line)
    return {"requests": len(latencies), "errors": len(errors), "rps": len(latencies) / wall,
            "median_ms": 1000 * statistics.median(latencies) if latencies else 0.0,
            "p95_ms": 1000 * p95, "max_ms": 1000 * latencies[-1] if latencies else 0.0,
            "seconds": wall}


def _tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by process ``pid`` and its descendants
    (the uvicorn workers), from /proc; other processes' load does not skew it."""
    stats: dict[int, tuple[int, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        stats[int(entry)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / tick)
    tree, total, grew = {pid}, 0.0, True
    while grew:
        grew = False
        for child, (parent, _) in stats.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grew = True
    for member in tree:
        total += stats.get(member, (0, 0.0))[1]
    return total


def _wait(port: int, proc: subprocess.Popen, timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"tieline serve exited with {proc.returncode}")
        try:
            con = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            con.request("GET", "/api/v1/stats")
            if con.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("tieline serve did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="events to generate")
    parser.add_argument("--db", type=Path, help="store to use (default: a temporary file)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4, help="concurrent keep-alive clients")
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--seconds", type=float, default=60.0, help="time limit per endpoint")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", default="0,256",
                        help="comma-separated --cache values of tieline serve, one run each")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.duckdb"
        with EventStore(path) as store:
            have = describe(store)["events"]
            if have < args.n:
                start = time.perf_counter()
                fill_events(store, args.n - have, seed=args.seed)
                # the synthetic actors are countries: give them their country for /network
                store.con.execute("UPDATE events SET source_country = source_key, "
                                  "target_country = target_key WHERE source_country IS NULL")
                print(f"generated {args.n - have:,} events in {time.perf_counter() - start:.1f} s")
            info = describe(store)
        print(f"store: {info['events']:,} events, {info['first']} .. {info['last']}, "
              f"{path.stat().st_size / 1e6:.0f} MB")
        runs: dict[int, dict[str, dict[str, float]]] = {}
        print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        for cache in [int(x) for x in args.cache.split(",")]:
            runs[cache] = _run_server(path, args, cache)
        print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    ok = True
    for cache, results in runs.items():
        ok = _report(args, cache, results)
    if args.json:
        print(json.dumps(runs))
    return 0 if ok else 1


def _run_server(path: Path, args: argparse.Namespace, cache: int) -> dict[str, dict[str, float]]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tieline", "serve", "--db", str(path),
                             "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(args.workers), "--cache", str(cache)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    results: dict[str, dict[str, float]] = {}
    try:
        _wait(port, proc)
        for endpoint in ("events", "relations", "network"):
            _load(port, endpoint, min(20, args.requests), args.clients, 30, seed=1000)  # warm up
            cpu = _tree_cpu(proc.pid)
            results[endpoint] = _load(port, endpoint, args.requests, args.clients,
                                      args.seconds)
            results[endpoint]["server_cpu_ms"] = (1000 * (_tree_cpu(proc.pid) - cpu)
                                                  / max(1, results[endpoint]["requests"]))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
    return results


def _report(args: argparse.Namespace, cache: int, results: dict[str, dict[str, float]]) -> bool:
    print(f"{args.workers} workers, {args.clients} clients, loopback, --cache {cache}")
    print(f"{'endpoint':<11}{'requests':>9}{'errors':>7}{'req/s':>8}{'median ms':>11}"
          f"{'p95 ms':>9}{'max ms':>9}{'CPU ms/req':>12}  target")
    ok = True
    for endpoint, r in results.items():
        target = TARGETS_MS.get(endpoint)
        met = (target is None or r["p95_ms"] < target) and r["errors"] == 0
        ok = ok and met
        note = f"p95 < {target:.0f} ms: {'OK' if met else 'MISSED'}" if target else \
            ("no errors: OK" if met else "ERRORS")
        print(f"{endpoint:<11}{r['requests']:>9.0f}{r['errors']:>7.0f}{r['rps']:>8.1f}"
              f"{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}{r['max_ms']:>9.1f}"
              f"{r.get('server_cpu_ms', 0.0):>12.1f}  {note}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
