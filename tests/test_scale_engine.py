"""The Dask engine on a real LocalCluster: the store equals a local ingest, with
bad inputs, a worker killed mid-run and the scheduler killed and the run repeated."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tieline.ingest.into_store import ingest_paths
from tieline.store import EventStore

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 240


def dump(path: Path) -> dict[str, list[dict]]:
    """Every row of every table of a store, timestamps left out (they record when)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        tables = con.execute("SELECT table_name FROM information_schema.tables WHERE "
                             "table_schema = 'main' AND NOT starts_with(table_name, '_') "
                             "ORDER BY 1").fetchall()
        for (table,) in tables:
            columns = [c for c, kind in con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
                if not kind.startswith("TIMESTAMP")]
            names = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
            out[table] = [dict(zip(columns, row, strict=True)) for row in rows]
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Generated articles (two JSON Lines files and a Parquet file), the examples, and bad
    inputs."""
    root = tmp_path_factory.mktemp("scale") / "corpus"
    root.mkdir()
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--n", "18",
                    "--out", str(root / "a.jsonl")], check=True, capture_output=True)
    lines = (root / "a.jsonl").read_bytes().splitlines(keepends=True)
    (root / "a.jsonl").write_bytes(b"".join(lines[:12]))
    (root / "b.jsonl").write_bytes(b"".join(lines[12:14]) + b'{"id": "bad", "text":\n'
                                   + b"\xff\xfe not utf-8\n")
    records = [json.loads(line) for line in lines[14:]]
    pq.write_table(pa.Table.from_pylist(records), root / "c.parquet", row_group_size=1)
    for example in sorted((ROOT / "examples").glob("*.txt"))[:3]:
        shutil.copy(example, root / example.name)
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 8)
    return root


@pytest.fixture(scope="module")
def inputs(corpus) -> list[str]:
    return [str(corpus), str(corpus.parent / "missing.txt")]


@pytest.fixture(scope="module")
def local(tmp_path_factory, inputs) -> dict[str, list[dict]]:
    path = tmp_path_factory.mktemp("local") / "local.duckdb"
    with EventStore(path) as store:
        ingest_paths(store, inputs)
    return dump(path)


@pytest.fixture(scope="module")
def cluster():
    from tieline.scale.engine import local_cluster

    with local_cluster(2, dashboard_address=":0") as c:
        yield c


def test_scale_engine_store_equals_local_ingest(tmp_path, inputs, local, cluster):
    from tieline.scale import ingest_dask

    db = tmp_path / "dask.duckdb"
    seen = []
    with EventStore(db) as store:
        result = ingest_dask(store, inputs, scheduler=cluster.scheduler_address, partitions=5,
                             on_partition=seen.append)
    n = result.run.partitions  # at most the 5 asked for: a file is never split mid-article
    assert result.run.workers == 2 and 3 <= n <= 5 and result.run.computed == n
    assert [p.done for p in seen] == list(range(1, n + 1))
    assert dump(db) == local
    assert len(local["mentions"]) > 100 and len(local["events"]) > 50
    parts = sorted(p.name for p in (tmp_path / "dask.duckdb.parts").iterdir())
    assert len(parts) == n and all(p.endswith(".parquet") for p in parts)


def test_scale_engine_bad_inputs_become_rejections_as_locally(tmp_path, inputs, local, cluster):
    from tieline.scale import ingest_dask

    rejections = []
    with EventStore(tmp_path / "dask.duckdb") as store:
        result = ingest_dask(store, inputs, scheduler=cluster.scheduler_address, partitions=3,
                             on_rejection=rejections.append)
        stored = sorted(store.con.execute("SELECT reason FROM rejections").fetchall())
    reasons = sorted(r.reason for r in rejections)
    assert reasons == ["BINARY", "EMPTY", "ENCODING", "MALFORMED", "MISSING"]
    assert stored == [(r,) for r in reasons] and result.ingest.rejections == 5
    assert len(local["rejections"]) == 5


def test_scale_engine_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, inputs, local,
                                                                      cluster):
    from distributed import Client

    from tieline.scale import ingest_dask

    killed = []
    with Client(cluster) as client:
        pids = client.run(os.getpid)

        def kill_a_busy_worker(progress) -> None:
            if killed:
                return
            busy = [address for address, keys in client.processing().items() if keys]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])

        db = tmp_path / "dask.duckdb"
        with EventStore(db) as store:
            result = ingest_dask(store, inputs, scheduler=cluster.scheduler_address,
                                 partitions=8, on_partition=kill_a_busy_worker)
    assert killed, "no worker was busy when the first partition finished"
    assert result.run.computed == result.run.partitions >= 6
    assert dump(db) == local
    work = tmp_path / "dask.duckdb.parts"
    assert len([p for p in work.iterdir() if p.name.endswith(".parquet")]) == result.run.partitions
    assert not [p for p in work.iterdir() if ".tmp-" in p.name]
    cluster.wait_for_workers(2, timeout=TIMEOUT)  # the nanny restarted it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _cluster_processes(port: int) -> list[subprocess.Popen]:
    address = f"tcp://127.0.0.1:{port}"
    return [_start("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", str(port),
                   "--no-dashboard"),
            _start("distributed.cli.dask_worker", address, "--nthreads", "1", "--nworkers", "1",
                   "--no-dashboard")]


def _stop(processes: list[subprocess.Popen]) -> None:
    for proc in reversed(processes):
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


def test_scale_engine_scheduler_killed_then_rerun_skips_finished_partitions(tmp_path, inputs,
                                                                           local):
    port = _free_port()
    db, work = tmp_path / "dask.duckdb", tmp_path / "parts"
    command = [sys.executable, "-m", "tieline", "ingest", *inputs, "--db", str(db),
               "--engine", "dask", "--scheduler", f"tcp://127.0.0.1:{port}",
               "--partitions", "6", "--work-dir", str(work), "--quiet"]
    processes = _cluster_processes(port)
    try:
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline and run.poll() is None:
            if work.is_dir() and any(p.name.endswith(".parquet") for p in work.iterdir()):
                break
            time.sleep(0.2)
        os.killpg(processes[0].pid, signal.SIGKILL)  # the scheduler, mid-run
        _, err = run.communicate(timeout=TIMEOUT)
        assert run.returncode == 3, err
        assert "lost the Dask scheduler" in err and "run the same command again" in err
        assert "Traceback" not in err
        written = {p.name for p in work.iterdir() if p.name.endswith(".parquet")}
        assert 1 <= len(written) < 6
    finally:
        _stop(processes)
    processes = _cluster_processes(port)
    try:
        again = subprocess.run([*command[:-1]], capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        _stop(processes)
    assert again.returncode == 1, again.stderr  # 1: the corpus has rejected inputs
    resumed = int(re.search(r"partitions \((\d+) resumed, ", again.stderr).group(1))
    assert resumed >= len(written)
    assert dump(db) == local


def _mention_keys(local: dict[str, list[dict]]) -> list[tuple]:
    """Article, sentence and span of every coded event of the local store."""
    return sorted((m["article_id"], m["sentence_index"], m["span_start"], m["span_end"])
                  for m in local["mentions"])


def test_scale_engine_extract_writes_jsonl_then_parquet_resuming(tmp_path, inputs, local,
                                                                 cluster):
    from click.testing import CliRunner

    from tieline.cli import main

    stored = _mention_keys(local)
    options = ["--engine", "dask", "--scheduler", cluster.scheduler_address,
               "--partitions", "4", "--work-dir", str(tmp_path / "parts")]
    out = tmp_path / "events.jsonl"
    first = CliRunner().invoke(main, ["extract", *inputs, *options, "-o", str(out)],
                               catch_exceptions=False)
    assert first.exit_code == 1  # some inputs are rejected
    assert "MISSING" in first.output and "Dask dashboard: http" in first.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted((e["article_id"], e["sentence_index"], *e["span"]) for e in events) == stored
    table = tmp_path / "events.parquet"
    second = CliRunner().invoke(main, ["extract", *inputs, *options, "--format", "parquet",
                                       "-o", str(table)], catch_exceptions=False)
    assert second.exit_code == 1 and "4 resumed" in second.output
    rows = pq.read_table(table).to_pylist()
    assert [(r["article_id"], r["cameo"], r["sentence"]) for r in rows] == \
        [(e["article_id"], e["cameo"], e["sentence"]) for e in events]


def test_scale_engine_python_api_extract_paths_on_dask(inputs, local, cluster):
    import tieline

    docs = list(tieline.extract_paths(inputs, engine="dask", scheduler=cluster.scheduler_address,
                                      partitions=3))
    assert sum(d.rejection is not None for d in docs) == len(local["rejections"])
    keys = sorted((e.article_id, e.sentence_index, *e.span) for d in docs for e in d.events)
    assert keys == _mention_keys(local)


def test_scale_engine_bad_options_are_usage_errors(inputs):
    from click.testing import CliRunner

    from tieline.cli import main

    result = CliRunner().invoke(main, ["ingest", *inputs, "--partitions", "3"])
    assert result.exit_code == 2 and "--partitions needs --engine dask" in result.output
    result = CliRunner().invoke(main, ["extract", *inputs, "--format", "parquet"])
    assert result.exit_code == 2 and "needs -o/--output" in result.output
    result = CliRunner().invoke(main, ["ingest", "-", "--engine", "dask", "--db", ":memory:"])
    assert result.exit_code == 2 and "standard input" in result.output
