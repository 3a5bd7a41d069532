"""The server's private read-only copies of the store: never in a writer's way."""
from __future__ import annotations

import pytest

from serve_support import build_store
from store_factory import doc, event
from tieline.errors import StoreError
from tieline.serve.snapshot import StoreSnapshot, writer_active
from tieline.store import EventStore, ingest_documents


def _count(snapshot):
    store = snapshot.cursor()
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def test_snapshot_serves_a_copy_while_a_writer_works_then_the_new_state(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    snapshot = StoreSnapshot(db, check_every=0)
    try:
        assert _count(snapshot) == 3 and not writer_active(db)
        with EventStore(db) as writer:  # opening for writing works: the server holds no file
            assert writer_active(db)
            ingest_documents(writer, [doc("d", [event("d", "FRA", "DEU", "042")])])
            assert _count(snapshot) == 3  # the copy is kept while the ingest runs
            before = snapshot.generation()
        assert not writer_active(db)
        assert _count(snapshot) == 4 and snapshot.generation() > before
        assert _count(snapshot) == 4 and snapshot.generation() == before + 1  # no needless copy
    finally:
        snapshot.close()


def test_snapshot_of_a_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        StoreSnapshot(tmp_path / "missing.duckdb")


def test_snapshot_ignores_a_stale_lock_file(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    db.with_name(db.name + ".lock").write_text("999999999", encoding="ascii")
    assert not writer_active(db)
    snapshot = StoreSnapshot(db)
    try:
        assert _count(snapshot) == 3
    finally:
        snapshot.close()


def test_snapshot_queries_run_on_the_threads_given(tmp_path):
    db = build_store(tmp_path / "s.duckdb")
    snapshot = StoreSnapshot(db, threads=1)
    try:
        store = snapshot.cursor()
        try:
            assert store.con.execute("SELECT current_setting('threads')").fetchall()[0][0] == 1
        finally:
            store.close()
    finally:
        snapshot.close()
