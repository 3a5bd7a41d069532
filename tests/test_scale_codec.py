"""Partition files round-trip: the documents read back are the documents written."""
from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.model import Actor, Article, Document, Event, Location, Rejection
from tieline.scale.codec import EventParquetWriter, documents_from_table, documents_table, \
    events_from_json, events_to_json

text = st.text(max_size=40)
maybe = st.none() | text
actors = st.builds(Actor, text=text, name=text, country=maybe, org=maybe, role=maybe, code=text)
places = st.builds(Location, name=text, country=maybe,
                   lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180))
dates = st.none() | st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
spans = st.tuples(st.integers(0, 10**6), st.integers(0, 10**6))
events = st.builds(
    Event, article_id=text, sentence=text, sentence_index=st.integers(0, 10**4), span=spans,
    source=actors, target=st.none() | actors, cameo=text, root=text, quad_class=st.integers(0, 4),
    goldstein=st.floats(-10, 10), plover=maybe, mode=st.sampled_from(["asserted", "negated"]),
    trigger=text, date=dates, date_precision=maybe, date_text=maybe,
    location=st.none() | places, attributed_to=maybe, quote=maybe,
    confidence=st.floats(0, 1), symmetric=st.booleans(), trigger_span=st.none() | spans,
    inferred=st.booleans())
articles = st.builds(Article, id=text, text=text, title=maybe, published=dates, url=maybe,
                     outlet=maybe, origin=maybe, removed=st.lists(text, max_size=3).map(tuple))
rejections = st.builds(Rejection, reason=st.sampled_from(["EMPTY", "MALFORMED"]), detail=text,
                       origin=maybe, article_id=maybe)
documents = st.builds(Document, article=articles, events=st.lists(events, max_size=3).map(tuple),
                      rejection=st.none() | rejections)


@settings(max_examples=60, deadline=None)
@given(st.lists(events, max_size=4))
def test_scale_codec_events_round_trip_through_json(evs):
    assert events_from_json(events_to_json(evs)) == tuple(evs)


@settings(max_examples=40, deadline=None)
@given(st.lists(documents, max_size=5), st.data())
def test_scale_codec_documents_round_trip_through_a_partition_table(docs, data):
    hashes = [data.draw(st.none() | st.text(min_size=64, max_size=64)) for _ in docs]
    back = list(documents_from_table(documents_table(docs, hashes)))
    assert [d for d, _ in back] == docs and [h for _, h in back] == hashes


def test_scale_codec_event_file_appears_whole_or_not_at_all(tmp_path):
    event = Event(article_id="a", sentence="s", sentence_index=0, span=(0, 1),
                  source=Actor("Russia", "Russia", "RUS", code="RUS"), target=None, cameo="010",
                  root="01", quad_class=1, goldstein=0.0, plover=None, mode="asserted")
    path = tmp_path / "events.parquet"
    writer = EventParquetWriter(str(path))
    writer.write([event, event])
    assert not path.exists()
    writer.close()
    assert pq.read_table(path).num_rows == 2 and list(tmp_path.iterdir()) == [path]
    dropped = EventParquetWriter(str(tmp_path / "dropped.parquet"))
    dropped.write([event])
    dropped.abort()
    assert list(tmp_path.iterdir()) == [path]


def test_scale_codec_partition_without_mention_columns_merges_the_same(tmp_path):
    """A partition file written before the mention columns existed: its rows are
    computed from its events on the driver, and the store is the same."""
    from store_factory import doc, event, rejected
    from test_store_bulk import _dump
    from tieline.scale import merge_partitions
    from tieline.store import EventStore

    docs = [doc("a", [event("a", "RUS", "UKR", "190", date=dt.date(2024, 5, 1)),
                      event("a", "FRA", "DEU", "042", date=dt.date(1, 1, 1))]),
            rejected("r"), doc("b", [event("b", "UKR", "RUS", "190", date=dt.date(2024, 5, 2))])]
    table = documents_table(docs, ["h1", None, "h2"])
    new, old = tmp_path / "new.parquet", tmp_path / "old.parquet"
    pq.write_table(table, new)
    pq.write_table(table.drop_columns(["n_chars", "mentions", "warnings"]), old)
    dumps = []
    for path in (new, old):
        with EventStore(tmp_path / f"{path.stem}.duckdb") as store:
            stats = merge_partitions(store, [path])
            dumps.append(_dump(store))
        assert (stats.seen, stats.articles, stats.mentions, stats.rejections) == (3, 2, 3, 1)
    assert dumps[0] == dumps[1]
    assert [d for d, _ in documents_from_table(table)] == docs
