"""The store commands: ingest, events, relations, export; exit codes; kill and resume."""
from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from store_factory import doc, event
from tieline.cli import main
from tieline.store import EventStore, ingest_documents

D = dt.date(2024, 5, 14)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def generated_corpus(tmp_path_factory) -> Path:
    """A small generated corpus (the benchmark corpus is not in git)."""
    out = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), "--n", "160", "--out", str(out)],
                   check=True, capture_output=True)
    return out


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "cli.duckdb"
    with EventStore(path) as store:
        ingest_documents(store, [
            doc("a", [event("a", "RUS", "UKR", "190", date=D, goldstein=-10, sentence="Russia shelled Kharkiv."),
                      event("a", "UKR", "RUS", "112", date=D, goldstein=-2, index=1)], outlet="one"),
            doc("b", [event("b", "RUS", "UKR", "190", date=D, goldstein=-10)], outlet="two"),
        ])
    return path


def _run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_store_cmd_events_table_json_and_csv(db):
    table = _run("events", "--db", db)
    assert table.exit_code == 0 and "Russia shelled Kharkiv." in table.output
    lines = _run("events", "--db", db, "--between", "UKR", "RUS", "--root", "19",
                 "--format", "json").output.splitlines()
    (war,) = [json.loads(line) for line in lines]
    assert (war["num_mentions"], war["num_sources"]) == (2, 2)
    csv_out = _run("events", "--db", db, "--format", "csv", "--mode", "asserted").output
    assert csv_out.splitlines()[0].startswith("event_id,") and len(csv_out.splitlines()) == 3


def test_store_cmd_db_comes_from_the_environment(db):
    result = _run("events", "--format", "json", env={"TIELINE_DB": str(db)})
    assert result.exit_code == 0 and len(result.output.splitlines()) == 2


def test_store_cmd_relations_prints_and_plots(db, tmp_path):
    png = tmp_path / "rel.png"
    result = _run("relations", "RUS", "UKR", "--db", db, "--by", "day", "--plot", png)
    assert result.exit_code == 0 and "RUS->UKR" in result.output
    assert png.read_bytes()[:4] == b"\x89PNG"
    data = json.loads(_run("relations", "RUS", "UKR", "--db", db, "--format", "json").output)
    assert data["periods"][0]["ab"]["quad"] == [0, 0, 0, 1]


def test_store_cmd_export_formats(db, tmp_path):
    gdelt = _run("export", "--db", db, "--format", "gdelt")
    assert gdelt.exit_code == 0 and all(len(x.split("\t")) == 61 for x in gdelt.output.splitlines())
    out = tmp_path / "e.parquet"
    assert _run("export", "--db", db, "--format", "parquet", "-o", out).exit_code == 0
    assert out.stat().st_size > 0
    assert _run("export", "--db", db, "--format", "parquet").exit_code == 2


def test_store_cmd_exit_codes_for_missing_store_and_bad_arguments(tmp_path, db):
    missing = _run("events", "--db", tmp_path / "nope.duckdb")
    assert missing.exit_code == 4 and "no event store" in missing.output
    assert _run("events", "--db", db, "--root", "war").exit_code == 2
    assert _run("relations", "RUS", "UKR", "--db", db, "--by", "fortnight").exit_code == 2


def test_store_cmd_ingest_stores_articles_records_rejections_and_exits_1(tmp_path, monkeypatch, generated_corpus):
    monkeypatch.setenv("TIELINE_STAGES", "clean")  # no spaCy needed for the wiring
    corpus = tmp_path / "in"
    corpus.mkdir()
    lines = generated_corpus.read_text().splitlines()[:12]
    (corpus / "good.jsonl").write_text("\n".join(lines) + "\n")
    (corpus / "empty.txt").write_text("")
    db = tmp_path / "ingest.duckdb"
    rejects = tmp_path / "rejects.jsonl"
    first = _run("ingest", corpus, "--db", db, "--rejects", rejects, "--batch-size", "5")
    assert first.exit_code == 1, first.output
    assert "12 articles stored" in first.output and "1 rejected" in first.output
    assert [json.loads(x)["reason"] for x in rejects.read_text().splitlines()] == ["EMPTY"]
    again = _run("ingest", corpus / "good.jsonl", "--db", db, "--quiet")
    assert again.exit_code == 0 and again.output == ""
    with EventStore(db, read_only=True) as store:
        assert store.counts()["articles"] == 12 and store.counts()["rejections"] == 1


def test_store_cmd_ingest_refuses_a_second_writer(tmp_path, monkeypatch, generated_corpus):
    monkeypatch.setenv("TIELINE_STAGES", "clean")
    db = tmp_path / "locked.duckdb"
    with EventStore(db):
        result = _run("ingest", generated_corpus, "--db", db, "--quiet")
    assert result.exit_code == 4 and "another process" in result.output


def _wal_settled(db: Path, proc: subprocess.Popen, timeout: float = 120.0) -> None:
    """Wait until the writer has committed something and then gone quiet."""
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + timeout
    last, stable_since = -1, time.monotonic()
    while time.monotonic() < deadline and proc.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if size != last:
            last, stable_since = size, time.monotonic()
        elif size > 0 and time.monotonic() - stable_since > 1.0:
            return
        time.sleep(0.1)
    pytest.fail("the ingest never committed a batch")


def test_store_cmd_ingest_killed_mid_run_resumes_with_every_article_once(tmp_path, generated_corpus):
    n, fed = 150, 100
    lines = generated_corpus.read_text().splitlines()[:n]
    full = tmp_path / "all.jsonl"
    full.write_text("\n".join(lines) + "\n")
    db = tmp_path / "kill.duckdb"
    env = {**os.environ, "TIELINE_STAGES": "clean", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tieline", "ingest", "-", "--db", str(db),
                             "--batch-size", "10", "--quiet"], stdin=subprocess.PIPE, env=env)
    assert proc.stdin is not None
    proc.stdin.write(("\n".join(lines[:fed]) + "\n").encode())
    proc.stdin.flush()  # the pipe stays open: the ingest waits for more input
    _wal_settled(db, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdin.close()
    with EventStore(db, read_only=True) as store:
        partial = store.counts()["articles"]
    assert 0 < partial < n
    done = subprocess.run([sys.executable, "-m", "tieline", "ingest", str(full), "--db", str(db),
                           "--batch-size", "10", "--quiet"], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    with EventStore(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles").fetchall()]
    assert len(ids) == len(set(ids)) == n
    assert set(ids) == {json.loads(line)["id"] for line in lines}


def test_store_cmd_unknown_actor_is_exit_2_with_a_hint(db):
    result = _run("relations", "XXX", "UKR", "--db", db)
    assert result.exit_code == 2 and "no actor XXX" in result.output
    result = _run("events", "--db", db, "--actor", "Rusia")
    assert result.exit_code == 2 and "did you mean RUS" in result.output
    assert _run("events", "--db", db, "--actor", "FRA").exit_code == 0  # known, no events


def test_store_cmd_internal_errors_exit_5_in_one_line_with_traceback_under_debug(db, monkeypatch):
    import tieline.store.api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(tieline.store.api, "find_events", broken)
    result = _run("events", "--db", db)
    assert result.exit_code == 5
    (line,) = result.output.strip().splitlines()
    assert line.startswith("tieline: internal error: ZeroDivisionError") and "--debug" in line
    debug = _run("--debug", "events", "--db", db)
    assert debug.exit_code == 5 and "Traceback (most recent call last)" in debug.output


def test_store_cmd_corrupt_store_is_exit_4_with_what_to_do(db, tmp_path):
    bad = tmp_path / "corrupt.duckdb"
    data = bytearray(db.read_bytes())
    data[4096 * 3 + 10: 4096 * 3 + 74] = bytes(64)  # a data block's bytes, checksum kept
    bad.write_bytes(bytes(data))
    result = _run("events", "--db", bad)
    assert result.exit_code == 4 and "corrupt" in result.output and "backup" in result.output
    assert "another process" not in result.output
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"not a database" * 1000)
    assert _run("events", "--db", garbage).exit_code == 4


def test_store_cmd_ctrl_c_exits_130_and_leaves_no_lock(tmp_path, monkeypatch):
    import tieline.ingest.into_store

    def interrupted(store, *args, **kwargs):
        ingest_documents(store, [doc("k", [event("k", "RUS", "UKR", "190", date=D)])])
        raise KeyboardInterrupt

    monkeypatch.setattr(tieline.ingest.into_store, "ingest_paths", interrupted)
    path = tmp_path / "ctrlc.duckdb"
    (tmp_path / "in.txt").write_text("Russia shelled Kharkiv.")
    result = _run("ingest", tmp_path / "in.txt", "--db", path, "-q")
    assert result.exit_code == 130 and "interrupted" in result.output
    assert not path.with_name(path.name + ".lock").exists()
    with EventStore(path, read_only=True) as store:
        assert store.counts()["articles"] == 1  # what was committed stays


def test_store_cmd_quiet_ingest_still_reports_rejections(tmp_path, monkeypatch):
    monkeypatch.setenv("TIELINE_STAGES", "clean")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text("Russia and China held talks in Beijing on Monday.")
    path = tmp_path / "quiet.duckdb"
    quiet = _run("ingest", tmp_path, "--db", path, "-q")
    assert quiet.exit_code == 1 and "1 rejected" in quiet.output and "EMPTY" not in quiet.output
    listed = _run("ingest", tmp_path / "empty.txt", "--db", path, "-q", "--rejected")
    assert listed.exit_code == 1 and "EMPTY" in listed.output


def test_store_cmd_events_total_limit_0_and_sentence_column(db):
    table = _run("events", "--db", db, "--limit", "1")
    assert "showing 1 of 2 (--limit 0 for all)" in table.output
    assert "showing 2 of 2" in _run("events", "--db", db, "--limit", "0").output
    (row,) = [json.loads(x) for x in _run("events", "--db", db, "--root", "19", "--format",
                                          "json").output.splitlines()]
    assert row["sentence"] == "Russia shelled Kharkiv."


def test_store_cmd_codes_lists_and_searches_the_codebook(db):
    result = _run("codes", "19")
    assert result.exit_code == 0 and "190" in result.output and "ASSAULT" in result.output
    rows = [json.loads(x) for x in _run("codes", "--actors", "germany", "--format",
                                        "json").output.splitlines()]
    assert [r["code"] for r in rows] == ["DEU"]
    assert _run("codes", "no such thing at all").exit_code == 2


def test_store_cmd_long_tables_are_printed_plainly(tmp_path):
    path = tmp_path / "long.duckdb"
    docs = [doc(f"d{i}", [event(f"d{i}", "RUS", "UKR", "190", date=D + dt.timedelta(days=2 * i))],
                text=f"day {i}") for i in range(40)]
    with EventStore(path) as store:
        ingest_documents(store, docs)
    result = _run("relations", "RUS", "UKR", "--db", path, "--by", "day")
    lines = result.output.splitlines()
    assert result.exit_code == 0 and len(lines) > 3 * 79
    assert "│" not in result.output and lines[1].split()[:3] == ["period", "direction", "events"]


def test_store_cmd_reads_work_during_an_ingest_and_sigint_exits_130_keeping_commits(
        tmp_path, generated_corpus):
    lines = generated_corpus.read_text().splitlines()[:100]
    db = tmp_path / "sigint.duckdb"
    # one process: with workers, the pool's shutdown waits for its feeder thread,
    # which blocks on the still-open standard input (a pipeline matter, not the store's)
    env = {**os.environ, "TIELINE_STAGES": "clean", "TIELINE_N_PROCESS": "1",
           "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tieline", "ingest", "-", "--db", str(db),
                             "--batch-size", "10", "--quiet"], stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    assert proc.stdin is not None and proc.stderr is not None
    proc.stdin.write(("\n".join(lines) + "\n").encode())
    proc.stdin.flush()  # the pipe stays open: the ingest waits for more input
    _wal_settled(db, proc)
    reading = _run("events", "--db", db, "--mode", "all", "--limit", "0")  # while it writes
    assert reading.exit_code == 0 and "showing" in reading.output
    assert _run("export", "--db", db, "--format", "csv").exit_code == 0
    os.killpg(proc.pid, signal.SIGINT)  # as Ctrl-C does: the ingest and its workers
    try:
        assert proc.wait(timeout=60) == 130
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "interrupted" in proc.stderr.read().decode()
    proc.stdin.close()
    proc.stderr.close()
    assert not db.with_name(db.name + ".lock").exists()
    with EventStore(db, read_only=True) as store:
        assert store.counts()["articles"] > 0
