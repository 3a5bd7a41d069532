"""Cutting the input into partitions: reading every partition's units gives,
in order, exactly what a local read gives; Parquet of articles is read by row."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tieline.errors import InputError
from tieline.ingest.readers import read_paths
from tieline.scale.shards import plan_partitions, read_unit

TEXT = "Russia and China signed an agreement in Beijing on Tuesday, officials said."


def _articles(n: int) -> list[dict]:
    return [{"id": f"a{i}" if i % 4 else None, "title": f"Title {i}", "text": f"{TEXT} ({i})",
             "published": "2024-05-0%d" % (1 + i % 9), "url": f"https://x.example/{i}",
             "outlet": "x"} for i in range(n)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("shards") / "in"
    (root / "sub").mkdir(parents=True)
    rows = _articles(23)
    lines = [json.dumps(r) + "\n" for r in rows[:15]]
    lines.insert(4, "\n")
    lines.insert(7, '{"id": "broken",\n')
    (root / "a.jsonl").write_text("".join(lines), encoding="utf-8")
    (root / "sub" / "2024-05-01-note.txt").write_text("Envoys meet.\n\n" + TEXT, encoding="utf-8")
    (root / "sub" / "empty.txt").write_text("", encoding="utf-8")
    table = pa.Table.from_pylist(rows[15:])
    pq.write_table(table, root / "b.parquet", row_group_size=2)
    return root


def _local(paths: list[str]) -> list:
    return list(read_paths(paths))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(1, 40))
def test_scale_shards_partitions_read_back_as_a_local_read(corpus, partitions):
    paths = [str(corpus), str(corpus / "missing.jsonl")]
    plan = plan_partitions(paths, partitions=partitions)
    assert [p.index for p in plan] == list(range(len(plan))) and len(plan) <= max(partitions, 1)
    items = [item for p in plan for unit in p.units for item in read_unit(unit)]
    assert items == _local(paths)
    assert len({p.key for p in plan}) == len(plan)


def test_scale_shards_relative_paths_read_as_named(corpus, monkeypatch):
    monkeypatch.chdir(corpus.parent)
    plan = plan_partitions(["in"], partitions=6)
    assert all(Path(u.path).is_absolute() and u.shown.startswith("in") for p in plan for u in p.units)
    items = [item for p in plan for unit in p.units for item in read_unit(unit)]
    assert items == _local(["in"])
    assert any(i.origin.startswith("in/a.jsonl:line") for i in items)


def test_scale_shards_keys_change_with_the_input_and_the_settings(corpus, tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(_articles(1)[0]) + "\n", encoding="utf-8")
    first = plan_partitions([str(path)], partitions=1, fingerprint="x")
    assert plan_partitions([str(path)], partitions=1, fingerprint="x") == first
    assert plan_partitions([str(path)], partitions=1, fingerprint="y")[0].key != first[0].key
    path.write_text(json.dumps(_articles(2)[1]) + "\n", encoding="utf-8")
    assert plan_partitions([str(path)], partitions=1, fingerprint="x")[0].key != first[0].key


def test_scale_shards_refuse_stdin_and_nothing():
    with pytest.raises(InputError, match="standard input"):
        plan_partitions(["-"])
    with pytest.raises(InputError, match="at least 1"):
        plan_partitions(["x"], partitions=0)


def test_scale_shards_parquet_rows_become_articles(tmp_path):
    rows = [{"id": 7, "text": TEXT, "published": dt.datetime(2024, 3, 2, 10), "title": None},
            {"id": None, "text": TEXT, "published": None, "title": "T"},
            {"id": 9, "text": "x" * 300, "published": None, "title": None}]
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    first, second, third = list(read_paths([str(path)], max_bytes=200))
    assert (first.id, first.published, first.origin) == ("7", dt.date(2024, 3, 2), f"{path}:row 1")
    assert (second.id, second.title) == ("feed-2", "T")
    assert (third.reason, third.origin) == ("TOO_LARGE", f"{path}:row 3")


def test_scale_shards_bad_parquet_is_a_rejection(tmp_path):
    garbage = tmp_path / "garbage.parquet"
    garbage.write_bytes(b"PAR1 this is not parquet")
    notext = tmp_path / "notext.parquet"
    pq.write_table(pa.table({"id": ["a"], "body": ["b"]}), notext)
    wrong = tmp_path / "wrong.parquet"
    pq.write_table(pa.table({"id": ["a"], "text": [3]}), wrong)
    found = [(r.reason, r.detail.split(":")[0]) for r in read_paths([str(garbage), str(notext),
                                                                       str(wrong)])]
    assert found == [("MALFORMED", "not a Parquet file"), ("MALFORMED", "no 'text' or 'html' column"),
                     ("MALFORMED", "line 1")]
