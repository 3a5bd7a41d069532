"""Opening the store: schema, named migrations, one writer, read-only readers."""
from __future__ import annotations

import pytest

from tieline.errors import StoreError
from tieline.store import MIGRATIONS, EventStore, Migration, applied_migrations
from tieline.store.migrations import apply_migrations


def test_database_creates_schema_and_records_migrations(tmp_path):
    path = tmp_path / "t.duckdb"
    with EventStore(path) as store:
        assert store.counts() == {"articles": 0, "mentions": 0, "events": 0, "rejections": 0}
        assert applied_migrations(store.con) == [m.name for m in MIGRATIONS]
    with EventStore(path) as store:  # reopening applies nothing twice
        assert applied_migrations(store.con) == [m.name for m in MIGRATIONS]


def test_database_failing_migration_is_rolled_back(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        bad = (*MIGRATIONS, Migration("0099_good_then_bad",
                                      "CREATE TABLE extra (x INT); SELECT * FROM no_such_table"))
        with pytest.raises(StoreError, match="0099_good_then_bad"):
            apply_migrations(store.con, bad)
        assert "0099_good_then_bad" not in applied_migrations(store.con)
        tables = {r[0] for r in store.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
        assert "extra" not in tables


def test_database_applies_new_migrations_in_order(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        more = (*MIGRATIONS, Migration("0100_a", "CREATE TABLE a (x INT)"),
                Migration("0101_b", "INSERT INTO a VALUES (1)"))
        assert apply_migrations(store.con, more) == ["0100_a", "0101_b"]
        assert apply_migrations(store.con, more) == []
        assert store.con.execute("SELECT count(*) FROM a").fetchall()[0][0] == 1


def test_database_second_writer_is_refused(tmp_path):
    path = tmp_path / "t.duckdb"
    with EventStore(path):
        with pytest.raises(StoreError, match="another process"):
            EventStore(path)
    with EventStore(path):  # the lock goes with the first writer
        pass


def test_database_read_only_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        EventStore(tmp_path / "missing.duckdb", read_only=True)


def test_database_read_only_store_cannot_be_written(tmp_path):
    path = tmp_path / "t.duckdb"
    EventStore(path).close()
    with EventStore(path, read_only=True) as store:
        assert store.counts()["events"] == 0
        with pytest.raises(StoreError, match="read-only"):
            store.require_writable()


def test_database_reader_refuses_unmigrated_store(tmp_path):
    import duckdb

    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="needs migration"):
        EventStore(path, read_only=True)


def _reader(path) -> str:
    import subprocess
    import sys

    code = ("from tieline.store import EventStore\nfrom tieline.errors import StoreError\n"
            f"try:\n    s = EventStore({str(path)!r}, read_only=True)\n"
            "    print('read', s.counts()['articles'], s.snapshot is not None)\n    s.close()\n"
            "except StoreError as e:\n    print('refused', e)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True).stdout


def test_database_reader_reads_a_snapshot_while_an_ingest_writes(tmp_path):
    import datetime as dt

    from store_factory import doc, event
    from tieline.store import ingest_documents

    path = tmp_path / "t.duckdb"
    with EventStore(path) as store:
        ingest_documents(store, [doc("a", [event("a", "RUS", "UKR", "190", date=dt.date(2024, 5, 1))])])
        assert _reader(path).strip() == "read 1 True"  # the committed batch, from a copy
        ingest_documents(store, [doc("b", [], text="second")])
        assert _reader(path).strip() == "read 2 True"
    assert _reader(path).strip() == "read 2 False"  # no writer: the file itself


def test_database_reader_is_refused_while_another_program_writes(tmp_path):
    import duckdb

    path = tmp_path / "t.duckdb"
    EventStore(path).close()
    con = duckdb.connect(str(path))  # not a tieline ingest: no lock file
    try:
        out = _reader(path)
    finally:
        con.close()
    assert out.startswith("refused") and "open for writing" in out


def test_database_closed_store_raises(tmp_path):
    store = EventStore(tmp_path / "t.duckdb")
    store.close()
    store.close()  # twice is fine
    with pytest.raises(StoreError, match="closed"):
        store.con
