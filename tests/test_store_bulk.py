"""The bulk writer (the Dask merge) stores what the document writer stores.

Prepared tables (partition files) of the same documents, cut anywhere, give
the very store :func:`tieline.store.ingest_documents` gives: articles,
versions, mentions, events and rejections, every id included."""
from __future__ import annotations

import datetime as dt
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_factory import event, rejected
from test_store_properties import _build, corpora
from tieline.scale.codec import documents_table
from tieline.store import EventStore, ingest_documents
from tieline.store.bulk import ingest_prepared

TABLES = ("articles", "article_versions", "mentions", "events", "rejections")
STAMPS = {"ingested_at", "added_at", "seen_at", "rejected_at"}


def _dump(store):
    out = {}
    for table in TABLES:
        columns = [r[0] for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall() if r[0] not in STAMPS]
        names = ", ".join(f'"{c}"' for c in columns)
        out[table] = store.con.execute(f"SELECT {names} FROM {table} ORDER BY ALL").fetchall()
    return out


def _by_documents(docs, hashes, batch_size):
    """As the merge did before the bulk writer: documents one by one, each
    input hash known once its document is read."""
    known: dict[str, str] = {}

    def stream():
        for doc, in_hash in zip(docs, hashes, strict=True):
            if in_hash is not None:
                known[doc.article.id] = in_hash
            yield doc

    with EventStore(":memory:") as store:
        stats = ingest_documents(store, stream(), batch_size=batch_size, max_wait=float("inf"),
                                 input_hashes=known)
        return stats, _dump(store)


def _by_tables(docs, hashes, cuts, batch_size, **kwargs):
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(docs)), len(docs)]
    tables = [documents_table(docs[a:b], hashes[a:b]) for a, b in zip(bounds, bounds[1:])]
    with EventStore(":memory:") as store:
        stats = ingest_prepared(store, tables, batch_size=batch_size, **kwargs)
        return stats, _dump(store)


@st.composite
def inputs(draw):
    docs = _build(draw(corpora()))
    for i in draw(st.lists(st.integers(0, len(docs)), max_size=2)):
        docs.insert(i, rejected(f"art{i % 3}"))
    hashes = [draw(st.none() | st.sampled_from(["h1", "h2", "h3"])) for _ in docs]
    cuts = draw(st.lists(st.integers(0, len(docs)), max_size=4))
    return docs, hashes, cuts, draw(st.integers(1, 6))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_store_bulk_equals_the_document_writer(case):
    docs, hashes, cuts, batch_size = case
    want_stats, want = _by_documents(docs, hashes, batch_size)
    got_stats, got = _by_tables(docs, hashes, cuts, batch_size)
    assert got == want
    assert got_stats.seen == want_stats.seen == len(docs)
    assert (got_stats.articles, got_stats.replaced, got_stats.skipped, got_stats.events,
            got_stats.mentions, got_stats.rejections, got_stats.batches) == \
        (want_stats.articles, want_stats.replaced, want_stats.skipped, want_stats.events,
         want_stats.mentions, want_stats.rejections, want_stats.batches)


def test_store_bulk_logs_bad_dates_and_reports_progress_and_rejections(caplog):
    from store_factory import doc

    bad = doc("b", [event("b", "RUS", "UKR", "190", date=dt.date(1, 1, 1))])
    docs = [doc("a", [event("a", "RUS", "UKR", "190", date=dt.date(2024, 5, 1))]), bad,
            rejected("r")]
    seen, progress = [], []
    with caplog.at_level(logging.WARNING):
        stats, dump = _by_tables(docs, ["x", "y", None], [1], 2, on_rejection=seen.append,
                                 progress=progress.append)
    assert "article b: event date 0001-01-01 is outside 1800-01-01" in caplog.text
    assert [r.reason for r in seen] == ["EMPTY"] and stats.rejections == 1
    assert [p.seen for p in progress] == [2, 3, 3] and stats.batches == 2
    assert len(dump["mentions"]) == 2 and len(dump["rejections"]) == 1
