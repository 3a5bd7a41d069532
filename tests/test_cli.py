"""The command line, run as a user runs it: a real subprocess."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
ARTICLE = ("Kenya sends aid to Somalia\n\nNAIROBI — Kenya sent humanitarian aid to Somalia on Monday, "
           "and the Somali president praised Kenya.\n")


def tieline(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "tieline", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT)


def test_cli_extract_writes_events_and_exit_zero(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    out = tmp_path / "events.jsonl"
    r = tieline("extract", str(tmp_path / "a.txt"), "--published", "2024-11-14", "-o", str(out))
    assert r.returncode == 0, r.stderr
    events = [json.loads(x) for x in out.read_text().splitlines()]
    assert any(e["source"]["country"] == "KEN" and e["target"]["country"] == "SOM" and e["root"] == "07"
               for e in events)
    e = events[0]
    for field in ("article_id", "sentence", "sentence_index", "span", "source", "target", "cameo", "root",
                  "quad_class", "goldstein", "plover", "mode", "date", "date_precision", "date_text",
                  "location", "attributed_to", "quote", "confidence"):
        assert field in e


def test_cli_extract_rejects_bad_files_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 na\xefve r\xe9sum\xe9".encode("latin-1"))
    rejects = tmp_path / "rejects.jsonl"
    r = tieline("extract", str(tmp_path), "--published", "2024-11-14", "--rejects", str(rejects))
    assert r.returncode == 1
    reasons = {json.loads(x)["reason"] for x in rejects.read_text().splitlines()}
    assert reasons == {"EMPTY", "BINARY", "ENCODING"}
    assert "rejected" in r.stderr
    assert any(json.loads(x)["target"]["country"] == "SOM" for x in r.stdout.splitlines())


def test_cli_extract_csv_has_header_and_rows(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    r = tieline("extract", str(tmp_path / "a.txt"), "--published", "2024-11-14", "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows and rows[0]["source_country"] == "KEN"


def test_cli_extract_usage_error_exits_two(tmp_path):
    r = tieline("extract", str(tmp_path), "--published", "yesterday")
    assert r.returncode == 2
    assert "ISO date" in r.stderr


def test_cli_extract_reads_standard_input():
    r = tieline("extract", "-", "--published", "2024-11-14", stdin=ARTICLE)
    assert r.returncode == 0, r.stderr
    assert "SOM" in r.stdout


@pytest.mark.skipif(not DEV.exists(), reason="development set not present")
def test_cli_evaluate_prints_figures():
    r = tieline("evaluate", "--gold", str(DEV), "--json")
    assert r.returncode == 0, r.stderr
    figures = json.loads(r.stdout)
    assert {"event", "quad", "false_assertion_rate", "date_accuracy"} <= set(figures)
