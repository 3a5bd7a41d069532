"""Ingest: idempotence, replacement, copies, rejections, batches all-or-nothing, kill and resume."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store_factory import doc, event, rejected, table
from tieline.errors import StoreError
from tieline.model import Article, Rejection
from tieline.ingest.into_store import KnownInputFilter
from tieline.store import EventStore, article_mentions, content_hash, delete_articles, events, \
    ingest_documents

D = dt.date(2024, 5, 14)
TESTS = Path(__file__).resolve().parent


def _docs() -> list:
    return [
        doc("a1", [event("a1", "RUS", "CHN", "057", date=D, goldstein=8),
                   event("a1", "RUS", "CHN", "042", date=D, goldstein=1.9, index=1)],
            outlet="wire", url="https://w.example/1"),
        doc("a2", [event("a2", "CHN", "RUS", "057", date=D, goldstein=8)], outlet="meridian"),
        doc("a3", [event("a3", "DEU", "UKR", "070", date=D + dt.timedelta(2), goldstein=7)],
            outlet="times"),
        rejected("bad", "NOT_ENGLISH", "looks like French"),
    ]


def _snapshot(store) -> dict:
    return {
        "articles": table(store, "articles", "article_id"),
        "mentions": table(store, "mentions", "mention_id"),
        "events": table(store, "events", "event_id"),
        "rejections": store.con.execute(
            "SELECT article_id, origin, reason, detail FROM rejections ORDER BY ALL").fetchall(),
    }


def test_writer_ingest_twice_adds_nothing(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        first = ingest_documents(store, _docs())
        assert (first.articles, first.mentions, first.rejections, first.seen) == (3, 4, 1, 4)
        before = _snapshot(store)
        again = ingest_documents(store, _docs(), batch_size=2)
        assert (again.articles, again.skipped, again.mentions) == (0, 3, 0)
        assert _snapshot(store) == before


def test_writer_changed_article_replaces_its_mentions(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        ingest_documents(store, _docs())
        changed = doc("a1", [event("a1", "RUS", "CHN", "190", date=D, goldstein=-10)],
                      text="corrected text", outlet="wire", url="https://w.example/1")
        stats = ingest_documents(store, [changed])
        assert (stats.articles, stats.replaced, stats.mentions) == (1, 1, 1)
        assert store.counts()["articles"] == 3
        assert [m.event.cameo for m in article_mentions(store, "a1")] == ["190"]
        # the agreement is now reported by a2 only
        deal = events(store, between=("RUS", "CHN"), root="05")
        assert [(e.num_mentions, e.num_articles, e.article_id) for e in deal] == [(1, 1, "a2")]
        assert store.con.execute("SELECT sum(num_mentions) FROM events").fetchall()[0][0] == \
            store.counts()["mentions"]


def test_writer_same_url_new_id_replaces_the_old_article(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        ingest_documents(store, _docs())
        moved = doc("a1-v2", [event("a1-v2", "RUS", "CHN", "057", date=D)], text="updated",
                    outlet="wire", url="https://w.example/1")
        ingest_documents(store, [moved])
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()]
        assert ids == ["a1-v2", "a2", "a3"]
        assert not article_mentions(store, "a1")


def test_writer_copies_from_one_outlet_are_skipped_from_two_outlets_kept(tmp_path):
    wire = doc("x1", [event("x1", "RUS", "CHN", "057", date=D)], text="same wire copy",
               outlet="wire")
    same_outlet = dataclasses.replace(wire, article=dataclasses.replace(wire.article, id="x2"))
    other_outlet = dataclasses.replace(wire, article=dataclasses.replace(
        wire.article, id="x3", outlet="other paper"))
    with EventStore(tmp_path / "t.duckdb") as store:
        stats = ingest_documents(store, [wire, same_outlet, other_outlet], batch_size=1)
        assert (stats.articles, stats.skipped) == (2, 1)
        (deal,) = events(store)
        assert (deal.num_mentions, deal.num_articles, deal.num_sources) == (2, 2, 2)


def test_writer_later_version_in_the_same_batch_wins(tmp_path):
    old = doc("a1", [event("a1", "RUS", "CHN", "057", date=D)], text="v1")
    new = doc("a1", [event("a1", "RUS", "CHN", "190", date=D)], text="v2")
    with EventStore(tmp_path / "t.duckdb") as store:
        stats = ingest_documents(store, [old, new])
        assert (stats.articles, stats.skipped) == (1, 1)
        assert [m.event.cameo for m in article_mentions(store, "a1")] == ["190"]


def test_writer_rejections_are_recorded_once_and_cleared_by_success(tmp_path):
    seen: list[Rejection] = []
    with EventStore(tmp_path / "t.duckdb") as store:
        ingest_documents(store, [rejected("r1"), doc("ok")], on_rejection=seen.append)
        ingest_documents(store, [rejected("r1")])
        assert store.counts()["rejections"] == 1
        assert [r.article_id for r in seen] == ["r1"]
        ingest_documents(store, [doc("r1", [event("r1", "USA", "FRA", "010", date=D)])])
        assert store.counts()["rejections"] == 0


def test_writer_bad_files_in_a_batch_are_rejected_and_the_rest_lands(tmp_path):
    from tieline.ingest.readers import read_paths

    good = tmp_path / "good.txt"
    good.write_text("Russia and China signed an energy agreement in Beijing on Tuesday.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "broken.jsonl").write_text('{"id": "j1", "text": "A valid line about talks."}\n'
                                           "{not json\n")
    items = list(read_paths([tmp_path / "good.txt", tmp_path / "empty.txt",
                             tmp_path / "binary.txt", tmp_path / "broken.jsonl",
                             tmp_path / "missing.txt"]))
    from tieline.model import Document

    docs = [Document(article=i) if isinstance(i, Article) else
            Document(article=Article(id=i.article_id or "", text=""), rejection=i) for i in items]
    with EventStore(tmp_path / "t.duckdb") as store:
        stats = ingest_documents(store, docs)
        reasons = dict(store.con.execute(
            "SELECT origin, reason FROM rejections ORDER BY origin").fetchall())
        assert stats.rejections == len(reasons) >= 4
        assert store.counts()["articles"] == len(docs) - stats.rejections >= 2
        assert all(r.isupper() for r in reasons.values())
        assert any("missing.txt" in origin for origin in reasons)


def test_writer_failed_batch_is_rolled_back_and_rerun_completes(tmp_path, monkeypatch):
    import tieline.store.writer as writer

    docs = [doc(f"a{i}", [event(f"a{i}", "RUS", "UKR", "190", date=D)], outlet=f"o{i}")
            for i in range(6)]
    real = writer.refresh_events
    calls = {"n": 0}

    def flaky(con, ids):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return real(con, ids)

    path = tmp_path / "t.duckdb"
    with EventStore(path) as store:
        monkeypatch.setattr(writer, "refresh_events", flaky)
        with pytest.raises(RuntimeError):
            ingest_documents(store, docs, batch_size=2)
        assert store.counts()["articles"] == 2  # batch 1 committed, batch 2 rolled back
        assert store.counts()["mentions"] == 2
        monkeypatch.setattr(writer, "refresh_events", real)
        stats = ingest_documents(store, docs, batch_size=2)
        assert (stats.articles, stats.skipped) == (4, 2)
        (war,) = events(store)
        assert (war.num_mentions, war.num_sources) == (6, 6)


def test_writer_duckdb_errors_become_store_errors(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        store.con.execute("ALTER TABLE mentions ADD COLUMN must_have INT NOT NULL DEFAULT 0")
        store.con.execute("ALTER TABLE mentions ALTER COLUMN must_have DROP DEFAULT")
        with pytest.raises(StoreError, match="writing a batch failed"):
            ingest_documents(store, [doc("a", [event("a", "RUS", "UKR", "190", date=D)])])
        assert store.counts()["articles"] == 0


def test_writer_delete_articles_reclusters_their_events(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        ingest_documents(store, _docs())
        assert delete_articles(store, ["a2", "nope"]) == 1
        deal = events(store, between=("RUS", "CHN"), root="05")
        assert [(e.num_mentions, e.article_id) for e in deal] == [(1, "a1")]
        assert delete_articles(store, ["a1", "a3"]) == 2
        assert store.counts() == {"articles": 0, "mentions": 0, "events": 0, "rejections": 1}


def test_writer_content_hash_ignores_whitespace_not_words():
    a = Article(id="1", title="Talks", text="Russia  met\nChina.")
    assert content_hash(a) == content_hash(dataclasses.replace(a, text=" Russia met China. "))
    assert content_hash(a) != content_hash(dataclasses.replace(a, text="Russia met Japan."))
    assert content_hash(a) != content_hash(dataclasses.replace(a, title="Talks end"))


def test_writer_known_inputs_are_skipped_before_extraction(tmp_path):
    raw = [Article(id=f"k{i}", text=f"raw text {i}", published=D) for i in range(3)]
    with EventStore(tmp_path / "t.duckdb") as store:
        first = KnownInputFilter(store)
        passed = list(first(raw + [Rejection("EMPTY", "x", "f")]))
        assert len(passed) == 4 and set(first.hashes) == {"k0", "k1", "k2"}
        docs = [doc(a.id, text=a.text + " (cleaned)") for a in raw[:2]]
        ingest_documents(store, docs, input_hashes=first.hashes)
        second = KnownInputFilter(store, chunk=2)
        assert [a.id for a in second(raw)] == ["k2"]
        assert second.skipped == 2


_KILL_SCRIPT = textwrap.dedent("""
    import datetime as dt, sys, time
    sys.path.insert(0, {tests!r})
    from store_factory import doc, event
    from tieline.store import EventStore, ingest_documents

    slow = sys.argv[2] == "slow"
    def docs():
        for i in range({n}):
            if slow:
                time.sleep(0.02)
            day = dt.date(2024, 1, 1) + dt.timedelta(days=3 * (i % 9))
            yield doc(f"art-{{i}}", [event(f"art-{{i}}", "RUS", "UKR", "190", date=day),
                                    event(f"art-{{i}}", "UKR", "RUS", "112", date=day, index=1)],
                      outlet=f"outlet-{{i % 7}}")
    batches = 0
    def progress(stats):
        global batches
        if stats.batches != batches:
            batches = stats.batches
            print("batch", batches, flush=True)
    with EventStore(sys.argv[1]) as store:
        ingest_documents(store, docs(), batch_size=10, progress=progress)
    print("done", flush=True)
""")


def test_writer_killed_ingest_resumes_without_duplicates_or_losses(tmp_path):
    n = 120
    script = tmp_path / "ingest.py"
    script.write_text(_KILL_SCRIPT.format(tests=str(TESTS), n=n))
    db = tmp_path / "kill.duckdb"
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent)}
    proc = subprocess.Popen([sys.executable, str(script), str(db), "slow"], stdout=subprocess.PIPE,
                            text=True, env=env)
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.strip() == "batch 3":
            break
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    with EventStore(db, read_only=True) as store:
        partial = store.counts()["articles"]
    assert 30 <= partial < n and partial % 10 == 0  # only whole batches survive
    done = subprocess.run([sys.executable, str(script), str(db), "fast"], capture_output=True,
                          text=True, env=env, check=True)
    assert done.stdout.strip().endswith("done")
    with EventStore(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles"
                           ).fetchall()[0] == (n, n)
        assert con.execute("SELECT count(*) FROM mentions").fetchall()[0][0] == 2 * n
        assert con.execute("SELECT count(DISTINCT (article_id, sentence_index)) FROM mentions"
                           ).fetchall()[0][0] == 2 * n
        assert con.execute("SELECT sum(num_mentions), sum(num_articles) FROM events"
                           ).fetchall()[0] == (2 * n, 2 * n)
        # 9 days x 2 directed dyads, each day a separate happening
        assert store.counts()["events"] == 18


def test_writer_replaying_two_versions_of_an_article_changes_nothing(tmp_path):
    v0 = doc("a1", [event("a1", "RUS", "CHN", "057", date=D)], text="first version")
    v1 = doc("a1", [event("a1", "RUS", "CHN", "190", date=D)], text="corrected version")
    for batch_size in (1, 10):
        with EventStore(tmp_path / f"r{batch_size}.duckdb") as store:
            ingest_documents(store, [v0, v1], batch_size=batch_size)
            before = _snapshot(store)
            again = ingest_documents(store, [v0, v1], batch_size=batch_size)
            assert (again.articles, again.skipped) == (0, 2)
            assert _snapshot(store) == before
            assert [m.event.cameo for m in article_mentions(store, "a1")] == ["190"]


def test_writer_dates_outside_1800_to_next_year_are_a_warning_and_no_date(tmp_path, caplog):
    good = [doc(f"g{i}", [event(f"g{i}", "RUS", "UKR", "190", date=D)], text=f"good {i}")
            for i in range(200)]
    bad = [
        doc("early", [event("early", "RUS", "UKR", "190", date=dt.date(1, 1, 1))],
            published=dt.date(1, 1, 1), text="early"),
        doc("late", [event("late", "USA", "CHN", "040", date=dt.date(9999, 12, 31))],
            published=dt.date(9999, 12, 31), text="late"),
        doc("undated", [event("undated", "FRA", "DEU", "040")], published=dt.date.max,
            text="undated"),
    ]
    with EventStore(tmp_path / "dates.duckdb") as store:
        stats = ingest_documents(store, [*good[:100], *bad, *good[100:]], batch_size=50)
        assert (stats.articles, stats.rejections) == (203, 0)
        rows = store.con.execute(
            "SELECT m.article_id, m.event_date, a.published FROM mentions m JOIN articles a "
            "USING (article_id) WHERE m.article_id IN ('early', 'late', 'undated') "
            "ORDER BY 1").fetchall()
        assert rows == [("early", None, None), ("late", None, None), ("undated", None, None)]
    assert "outside 1800-01-01" in caplog.text
