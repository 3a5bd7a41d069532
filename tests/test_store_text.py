"""The store keeps each article's cleaned text (migration 0004), which the spans point into."""
from __future__ import annotations

import duckdb

from store_factory import doc, event
from tieline.store import MIGRATIONS, EventStore, ingest_documents
from tieline.store.migrations import apply_migrations


def _text(store: EventStore, article_id: str) -> str | None:
    return store.con.execute('SELECT "text" FROM articles WHERE article_id = ?',
                             [article_id]).fetchall()[0][0]


def test_writer_keeps_the_cleaned_text_and_its_new_version(tmp_path):
    with EventStore(tmp_path / "t.duckdb") as store:
        ingest_documents(store, [doc("a", [event("a", "RUS", "UKR", "190")],
                                     text="Russia shelled Ukraine.\n\n<b>Photo</b>")])
        assert _text(store, "a") == "Russia shelled Ukraine.\n\n<b>Photo</b>"
        ingest_documents(store, [doc("a", [event("a", "RUS", "UKR", "190")],
                                     text="Russia shelled Ukraine again.")])
        assert _text(store, "a") == "Russia shelled Ukraine again."
        assert store.counts()["articles"] == 1


def test_migrations_add_the_text_column_to_an_older_store(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    apply_migrations(con, MIGRATIONS[:3])
    con.execute("INSERT INTO articles (article_id, content_hash, n_chars, n_events, ingested_at) "
                "VALUES ('old', 'h', 3, 0, now())")
    con.close()
    with EventStore(path) as store:  # opening for writing applies 0004
        assert _text(store, "old") is None
        ingest_documents(store, [doc("new", text="Fresh text.")])
        assert _text(store, "new") == "Fresh text."
