"""Hostile input through the real ingest (readers, pipeline, store): random
articles, dates (0001-01-01 to 9999-12-31 and junk), encodings and HTML.

Never a traceback; every input is stored or rejected with a reason; the
counts add up; no date outside 1800..next year reaches the store."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tieline.store import EventStore
from tieline.store.dedup import EARLIEST_DATE, latest_date

REASONS = {"EMPTY", "BINARY", "ENCODING", "NOT_ENGLISH", "TOO_LARGE", "MALFORMED",
           "UNSUPPORTED", "MISSING", "UNREADABLE", "INTERNAL"}

SENTENCES = [
    "Russian forces shelled the Ukrainian city of Kharkiv {when}.",
    "Chinese President Xi Jinping will visit Moscow {when}.",
    "Russia did not attack Kyiv {when}.",
    "Germany pledged aid to Ukraine {when}, the government said.",
    "Will Russia negotiate with Ukraine {when}?",
    "Turkey and Syria held talks {when}.",
]
WHEN = ["on Thursday", "yesterday", "last week", "on 31 December 9999", "on 1 January 0001",
        "in the year 1", "on March 3", "next month", "", "on 29 February"]


@pytest.fixture(scope="module")
def pipeline():
    from tieline.pipeline import Pipeline

    return Pipeline.from_config()


dates = st.one_of(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
                  st.sampled_from(["0001-01-01", "9999-12-31", "", "yesterday", "2024-02-30",
                                   "99999-01-01", "1799-12-31", "2024-05-14T10:00:00Z"]),
                  st.none())
texts = st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(WHEN)),
                 min_size=0, max_size=4).map(
    lambda parts: " ".join(s.format(when=w).replace(" .", ".").replace(" ?", "?")
                           for s, w in parts))
noise = st.text(st.characters(codec="utf-8"), max_size=40)


@st.composite
def inputs(draw):
    """A directory's worth of files: (name, bytes)."""
    files: list[tuple[str, bytes]] = []
    lines = []
    for i in range(draw(st.integers(0, 4))):
        record = {"id": f"j{i}-{draw(st.integers(0, 9))}", "text": draw(texts) + draw(noise)}
        published = draw(dates)
        if published is not None:
            record["published"] = published
        lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["{not json", "[]", '{"id": 3}', ""])))
    files.append(("feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8")))
    depth = draw(st.sampled_from([0, 3, 100, 255, 300]))
    body = draw(texts) or "Turkey and Syria held talks on Monday."
    html = "<html><body>" + "<div>" * depth + f"<p>{body}</p>" + "</div>" * depth + \
           "</body></html>"
    files.append(("page.html", html.encode("utf-8")))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "utf-16", "cp1252", "ascii"]))
    text = draw(texts) + " Café résumé."
    files.append(("story.txt", text.encode(encoding, errors="replace")))
    files.append(("blob.txt", draw(st.binary(max_size=64))))
    return files


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=inputs())
def test_store_fuzz_ingest_never_crashes_and_every_input_is_accounted_for(tmp_path_factory,
                                                                          pipeline, files):
    from tieline.ingest.into_store import ingest_paths

    folder = tmp_path_factory.mktemp("fuzz")
    for name, data in files:
        (folder / name).write_bytes(data)
    seen_rejections = []
    with EventStore(folder / "fuzz.duckdb") as store:
        stats = ingest_paths(store, [folder / name for name, _ in files], pipeline=pipeline,
                             batch_size=2, on_rejection=seen_rejections.append)
        counts = store.counts()
        reasons = [r[0] for r in store.con.execute("SELECT reason FROM rejections").fetchall()]
        bad_dates = store.con.execute(
            "SELECT count(*) FROM mentions WHERE event_date < $lo OR event_date > $hi "
            "OR eff_date < $lo OR eff_date > $hi", {"lo": EARLIEST_DATE, "hi": latest_date()}
        ).fetchone()[0]
        bad_published = store.con.execute(
            "SELECT count(*) FROM articles WHERE published < $lo OR published > $hi",
            {"lo": EARLIEST_DATE, "hi": latest_date()}).fetchone()[0]
        events_ok = store.con.execute(
            "SELECT count(*) FROM events e WHERE num_mentions = "
            "(SELECT count(*) FROM mentions m WHERE m.event_id = e.event_id)").fetchone()[0]
    assert stats.seen == stats.articles + stats.skipped + stats.rejections
    assert stats.rejections == len(seen_rejections)
    assert all(r.reason in REASONS and r.detail for r in seen_rejections)
    assert set(reasons) <= REASONS
    assert stats.seen >= 3  # the page, the story and the blob each give a document
    assert (bad_dates, bad_published) == (0, 0)
    assert events_ok == counts["events"]
