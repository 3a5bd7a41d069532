"""Property tests: ingesting twice is ingesting once; the counts always add up."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_factory import doc, event
from tieline.store import EventStore, ingest_documents

BASE = dt.date(2024, 5, 1)
KEYS = ["RUS", "UKR", "CHN", "NATO"]

dates = st.one_of(st.none(), st.integers(0, 12).map(lambda d: BASE + dt.timedelta(days=d)))
events_ = st.builds(
    lambda source, target, cameo, date, precision, mode, country, index: (
        source, target, cameo, date, precision, mode, country, index),
    st.sampled_from(KEYS), st.one_of(st.none(), st.sampled_from(KEYS)),
    st.sampled_from(["010", "042", "057", "112", "190", "193"]), dates,
    st.sampled_from(["day", "day", "week", "month", "year"]),
    st.sampled_from(["asserted", "asserted", "negated"]),
    st.one_of(st.none(), st.sampled_from(["UKR", "RUS"])), st.integers(0, 5))
# The content of article ``i`` version ``v`` is fixed per example (same text, same
# events, as a deterministic pipeline gives); a corpus is a sequence of (i, v) picks.
VERSION = st.tuples(
    st.one_of(st.none(), st.integers(0, 6).map(lambda d: BASE + dt.timedelta(days=d))),
    st.sampled_from(["wire", "paper", None]), st.lists(events_, max_size=4))


@st.composite
def corpora(draw, n_ids=8, n_versions=3, max_size=14):
    contents = draw(st.fixed_dictionaries(
        {(i, v): VERSION for i in range(n_ids) for v in range(n_versions)}))
    picks = draw(st.lists(st.tuples(st.integers(0, n_ids - 1), st.integers(0, n_versions - 1)),
                          max_size=max_size))
    return [(i, v, *contents[(i, v)]) for i, v in picks]


documents = corpora()


def _build(spec):
    out = []
    for art, version, published, outlet, evs in spec:
        aid = f"art{art}"
        out.append(doc(aid, [event(aid, s, t, c, date=d, precision=p, mode=m, country=co, index=i)
                             for s, t, c, d, p, m, co, i in evs],
                       text=f"{aid} version {version}", outlet=outlet, published=published))
    return out


def _snapshot(store):
    con = store.con
    return [con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("articles", "mentions", "events")]


def _check_invariants(store, docs):
    con = store.con
    final: dict = {}  # the latest version of each article; superseded versions never return
    history: set = set()
    for d in docs:
        text = d.article.text
        if d.article.id in final and final[d.article.id].article.text == text:
            continue
        if (d.article.id, text) in history:
            continue
        final[d.article.id] = d
        history.add((d.article.id, text))
    expected = sorted((d.article.id, e.sentence_index, e.cameo, e.mode)
                      for d in final.values() for e in d.events)
    stored = sorted(con.execute(
        "SELECT article_id, sentence_index, cameo, mode FROM mentions").fetchall())
    assert stored == expected
    assert sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()) == \
        sorted(final)
    (mentions, sum_mentions, n_events) = con.execute(
        "SELECT (SELECT count(*) FROM mentions), (SELECT coalesce(sum(num_mentions), 0) FROM events),"
        " (SELECT count(*) FROM events)").fetchall()[0]
    assert mentions == sum_mentions
    assert n_events == con.execute("SELECT count(DISTINCT event_id) FROM mentions").fetchall()[0][0]
    bad = con.execute("""
        SELECT e.event_id FROM events e JOIN mentions m USING (event_id)
        GROUP BY e.event_id, e.num_mentions, e.num_articles, e.num_sources, e.cluster_key
        HAVING count(*) <> e.num_mentions
            OR count(DISTINCT m.article_id) <> e.num_articles
            OR e.num_sources > e.num_articles
            OR count(DISTINCT m.cluster_key) <> 1 OR any_value(m.cluster_key) <> e.cluster_key
            OR count(DISTINCT m.location_country) > 1""").fetchall()
    assert bad == []


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(1, 5))
def test_properties_ingesting_twice_equals_once_and_counts_add_up(spec, batch_size):
    docs = _build(spec)
    with EventStore(":memory:") as store:
        ingest_documents(store, docs, batch_size=batch_size)
        _check_invariants(store, docs)
        once = _snapshot(store)
        again = ingest_documents(store, docs, batch_size=batch_size)
        assert again.mentions == 0 and again.events == 0
        assert _snapshot(store) == once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(0, 14), st.integers(1, 4))
def test_properties_replacements_keep_every_invariant(spec, split, batch_size):
    docs = _build(spec)
    with EventStore(":memory:") as store:
        ingest_documents(store, docs[:split], batch_size=batch_size)
        ingest_documents(store, docs[split:], batch_size=batch_size)
        _check_invariants(store, docs)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.integers(1, 5))
def test_properties_day_dated_members_stay_within_a_day_of_the_anchor(spec, batch_size):
    # unique ids: no replacement, so anchors only ever improve in rank
    docs = _build([(i, 0, *rest) for i, (_, _, *rest) in enumerate(spec)])
    with EventStore(":memory:") as store:
        ingest_documents(store, docs, batch_size=batch_size)
        far = store.con.execute("""
            SELECT m.mention_id FROM mentions m JOIN events e USING (event_id)
            WHERE e.anchor_rank = 0 AND m.eff_rank = 0
              AND abs(date_diff('day', e.event_date, m.eff_date)) > 1""").fetchall()
        assert far == []
        months = store.con.execute("""
            SELECT e.event_id FROM mentions m JOIN events e USING (event_id)
            WHERE m.eff_rank <= 2 GROUP BY e.event_id
            HAVING count(DISTINCT date_trunc('month', m.eff_date)) > 1
               AND bool_or(m.eff_rank = 2)""").fetchall()
        assert months == []
