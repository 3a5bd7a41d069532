"""Relation series: arithmetic per period and direction, periods, top events, plot."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store_factory import doc, event
from tieline.errors import InputError
from tieline.relations import plot_relations, relation_series
from tieline.relations.series import next_period, period_start
from tieline.store import EventStore, events, ingest_documents

JAN, FEB, MAR = dt.date(2024, 1, 10), dt.date(2024, 2, 5), dt.date(2024, 3, 20)
DAY = dt.timedelta(days=1)


@pytest.fixture()
def store(tmp_path):
    e = event
    docs = [
        # January: RUS->UKR two conflicts (one reported twice), UKR->RUS one verbal conflict
        doc("j1", [e("j1", "RUS", "UKR", "190", date=JAN, goldstein=-10),
                   e("j1", "RUS", "UKR", "173", date=JAN + 5 * DAY, goldstein=-5, index=1),
                   e("j1", "UKR", "RUS", "112", date=JAN, goldstein=-2, index=2)], outlet="a"),
        doc("j2", [e("j2", "RUS", "UKR", "190", date=JAN, goldstein=-10)], outlet="b"),
        # February: cooperation both ways
        doc("f1", [e("f1", "RUS", "UKR", "030", date=FEB, goldstein=4),
                   e("f1", "UKR", "RUS", "081", date=FEB + 10 * DAY, goldstein=5, index=1)]),
        # March: RUS->UKR verbal cooperation; noise from other dyads and an undated event
        doc("m1", [e("m1", "RUS", "UKR", "010", date=MAR, goldstein=0),
                   e("m1", "RUS", "CHN", "190", date=MAR, goldstein=-10, index=1),
                   e("m1", "USA", "UKR", "070", date=MAR, goldstein=7, index=2)]),
        doc("x1", [e("x1", "RUS", "UKR", "190")], published=None),
    ]
    with EventStore(tmp_path / "r.duckdb") as s:
        ingest_documents(s, docs)
        yield s


def test_relations_series_arithmetic_per_direction(store):
    series = relation_series(store, "RUS", "UKR", by="month")
    assert [p.start for p in series.periods] == [dt.date(2024, m, 1) for m in (1, 2, 3)]
    jan, feb, mar = series.periods
    assert (jan.ab.events, jan.ab.mentions, jan.ab.quad) == (2, 3, (0, 0, 0, 2))
    assert jan.ab.goldstein_sum == -15 and jan.ab.goldstein_mean == -7.5
    assert jan.ab.cci == -1.0
    assert (jan.ba.events, jan.ba.quad, jan.ba.goldstein_sum) == (1, (0, 0, 1, 0), -2)
    assert (jan.both.events, jan.both.quad) == (3, (0, 0, 1, 2))
    assert jan.both.goldstein_mean == pytest.approx(-17 / 3)
    assert feb.ab.quad == (1, 0, 0, 0) and feb.ba.quad == (0, 1, 0, 0)
    assert feb.both.cci == 1.0 and feb.both.goldstein_sum == 9
    assert (mar.ab.events, mar.ba.events, mar.ba.cci, mar.ba.goldstein_mean) == (1, 0, None, None)
    total = series.total()
    assert (total.events, total.quad, total.goldstein_sum) == (6, (2, 1, 1, 2), -8)
    assert total.cci == pytest.approx((2 + 1 - 1 - 2) / 6)


def test_relations_series_directions_are_symmetric_when_actors_swap(store):
    ab = relation_series(store, "RUS", "UKR")
    ba = relation_series(store, "ukr", "rus")
    for p, q in zip(ab.periods, ba.periods):
        assert (p.ab.events, p.ab.quad, p.ab.goldstein_sum) == (q.ba.events, q.ba.quad, q.ba.goldstein_sum)
        assert p.both.events == q.both.events


def test_relations_top_events_are_the_most_reported(store):
    jan = relation_series(store, "RUS", "UKR", top=1).periods[0]
    (top,) = jan.ab.top
    assert (top.cameo, top.num_mentions, top.date) == ("190", 2, JAN)
    assert len(relation_series(store, "RUS", "UKR", top=5).periods[0].both.top) == 3
    assert relation_series(store, "RUS", "UKR", top=0).periods[0].ab.top == ()


def test_relations_periods_days_weeks_and_bounds(store):
    weeks = relation_series(store, "RUS", "UKR", by="week", since=JAN, until=JAN + 6 * DAY)
    assert [p.start for p in weeks.periods] == [dt.date(2024, 1, 8), dt.date(2024, 1, 15)]
    assert [p.both.events for p in weeks.periods] == [2, 1]
    days = relation_series(store, "RUS", "UKR", by="day", since=JAN, until=JAN + 2 * DAY)
    assert [p.both.events for p in days.periods] == [2, 0, 0]
    sparse = relation_series(store, "RUS", "UKR", by="day", fill=False)
    assert len(sparse.periods) == 5  # Jan 10, Jan 15, Feb 5, Feb 15, Mar 20
    years = relation_series(store, "RUS", "UKR", by="year")
    assert [p.start for p in years.periods] == [dt.date(2024, 1, 1)]
    assert relation_series(store, "GBR", "FRA").periods == ()


def test_relations_period_helpers():
    assert period_start(dt.date(2024, 5, 15), "week") == dt.date(2024, 5, 13)
    assert period_start(dt.date(2024, 5, 15), "quarter") == dt.date(2024, 4, 1)
    assert next_period(dt.date(2024, 12, 1), "month") == dt.date(2025, 1, 1)
    assert next_period(dt.date(2024, 10, 1), "quarter") == dt.date(2025, 1, 1)


def test_relations_rows_and_dict_are_flat_and_serialisable(store):
    import json

    series = relation_series(store, "RUS", "UKR")
    rows = list(series.rows())
    assert len(rows) == 9 and rows[0]["direction"] == "RUS->UKR"
    json.dumps(series.to_dict())


def test_relations_bad_period_is_an_input_error(store):
    with pytest.raises(InputError):
        relation_series(store, "RUS", "UKR", by="fortnight")


def test_relations_plot_writes_a_png(store, tmp_path):
    out = plot_relations(relation_series(store, "RUS", "UKR", by="week"), tmp_path / "p" / "r.png")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    empty = plot_relations(relation_series(store, "GBR", "FRA"), tmp_path / "empty.png")
    assert empty.exists()


def test_relations_series_is_fast_on_a_large_store(tmp_path):
    """A smoke version of benchmarks/bench_relations.py (200k events, generous bound)."""
    import time

    from tieline.store.synthetic import fill_events

    with EventStore(tmp_path / "big.duckdb") as s:
        fill_events(s, 200_000, seed=1)
        relation_series(s, "RUS", "UKR", by="month")
        start = time.perf_counter()
        series = relation_series(s, "RUS", "UKR", by="month")
        assert time.perf_counter() - start < 2.0
        assert series.total().events > 0


def _mode_store(tmp_path):
    e = event
    docs = [
        doc("p1", [e("p1", "CHN", "RUS", "042", date=JAN, goldstein=1.9, mode="planned"),
                   e("p1", "RUS", "CHN", "190", date=JAN, goldstein=-10, mode="negated", index=1),
                   e("p1", "RUS", "CHN", "051", date=JAN, goldstein=3.4, index=2)]),
        # "China and Russia held talks": symmetric, in the text's order (CHN first)
        doc("p2", [dataclasses.replace(e("p2", "CHN", "RUS", "040", date=FEB, goldstein=1),
                                       symmetric=True)]),
        # no day in the text: the coder's estimate is the publication date
        doc("p3", [e("p3", "RUS", "CHN", "036", date=MAR, precision="published", goldstein=4)],
            published=MAR),
    ]
    s = EventStore(tmp_path / "modes.duckdb")
    ingest_documents(s, docs)
    return s


def test_relations_series_counts_asserted_events_unless_modes_say_otherwise(tmp_path):
    with _mode_store(tmp_path) as store:
        assert relation_series(store, "RUS", "CHN").total().events == 3
        assert relation_series(store, "RUS", "CHN", modes="all").total().events == 5
        planned = relation_series(store, "RUS", "CHN", modes=["asserted", "planned"])
        assert planned.total().events == 4 and planned.modes == ("asserted", "planned")
        assert relation_series(store, "RUS", "CHN", modes="all").modes is None


def test_relations_series_symmetric_event_counts_once_in_total_and_in_each_direction(tmp_path):
    with _mode_store(tmp_path) as store:
        feb = next(p for p in relation_series(store, "RUS", "CHN").periods
                   if p.start == dt.date(2024, 2, 1))
        assert (feb.ab.events, feb.ba.events, feb.both.events) == (1, 1, 1)
        (talks,) = events(store, root="04")
        assert (talks.source_key, talks.target_key, talks.symmetric) == ("CHN", "RUS", True)


def test_relations_series_precision_exact_leaves_estimated_dates_out(tmp_path):
    with _mode_store(tmp_path) as store:
        assert relation_series(store, "RUS", "CHN").total().events == 3
        exact = relation_series(store, "RUS", "CHN", precision="exact")
        assert exact.total().events == 2 and exact.precision == "exact"


def test_relations_series_unknown_actor_is_an_input_error_with_suggestions(tmp_path):
    from tieline.store.api import UnknownActor

    with _mode_store(tmp_path) as store:
        with pytest.raises(UnknownActor, match="no actor XXX"):
            relation_series(store, "XXX", "CHN")
        with pytest.raises(UnknownActor, match="did you mean RUS"):
            relation_series(store, "RUSS", "CHN")


def test_relations_plot_uses_names_and_shows_events_per_month(store):
    from tieline.relations.plot import monthly_counts, plot_title, relations_figure

    series = relation_series(store, "RUS", "UKR", by="week")
    assert plot_title(series) == "Russia (RUS) – Ukraine (UKR) by week, asserted events"
    fig = relations_figure(series)
    axes = fig.get_axes()
    assert len(axes) == 4 and axes[3].get_ylabel() == "events per month"
    legend = [t.get_text() for t in axes[1].get_legend().get_texts()]
    assert legend[0] == "Russia (RUS) → Ukraine (UKR)"
    months, counts = monthly_counts(series)
    assert months == [dt.date(2024, m, 1) for m in (1, 2, 3)] and counts == [3, 2, 1]
    everything = relation_series(store, "RUSGOV", "UKR", modes="all", precision="exact")
    assert plot_title(everything).startswith("Russia (government) (RUSGOV) – Ukraine (UKR)")
    assert plot_title(everything).endswith("all modes, exact dates only")


_EVENTS = st.lists(st.tuples(
    st.sampled_from(["RUS", "UKR"]), st.sampled_from(["RUS", "UKR", "CHN"]),
    st.sampled_from(["010", "042", "112", "190"]), st.integers(0, 80),
    st.sampled_from([-10.0, -2.0, 0.0, 3.4, 7.0]), st.booleans(), st.integers(1, 3)),
    max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EVENTS, st.sampled_from(["week", "month", "quarter"]), st.sampled_from([0, 1, 3]))
def test_relations_series_equals_a_count_of_the_stored_events(spec, by, top):
    """The one-query series folds its groups (direction, symmetric) exactly as a plain
    count over the stored happenings does: counts, mentions, quads, sums, top events."""
    docs = []
    for i, (source, target, cameo, day, goldstein, symmetric, copies) in enumerate(spec):
        e = dataclasses.replace(event(f"x{i}", source, target, cameo, date=JAN + day * DAY,
                                      goldstein=goldstein, index=i), symmetric=symmetric)
        docs += [doc(f"x{i}-{c}", [dataclasses.replace(e, article_id=f"x{i}-{c}")],
                     text=f"article {i} copy {c}", outlet=f"o{c}") for c in range(copies)]
    with EventStore(":memory:") as s:
        ingest_documents(s, docs)
        series = relation_series(s, "RUS", "UKR", by=by, top=top)
        stored = [x for x in events(s, between=("RUS", "UKR"), limit=None) if x.date]
    expected: dict[tuple[dt.date, str], list] = {}
    for x in stored:
        forward = x.source_key == "RUS"
        directions = ["ab", "ba"] if x.symmetric else ["ab" if forward else "ba"]
        for d in [*directions, "both"]:
            expected.setdefault((period_start(x.date, by), d), []).append(x)
    assert sum(p.both.events for p in series.periods) == len(stored)
    for p in series.periods:
        for d in ("ab", "ba", "both"):
            got, want = p.direction(d), expected.get((p.start, d), [])
            assert got.events == len(want)
            assert got.mentions == sum(x.num_mentions for x in want)
            assert got.quad == tuple(sum(x.quad_class == q for x in want) for q in (1, 2, 3, 4))
            assert got.goldstein_sum == pytest.approx(sum(x.goldstein for x in want))
            ranked = sorted(want, key=lambda x: (-x.num_mentions, -abs(x.goldstein), x.event_id))
            assert [t.event_id for t in got.top] == [x.event_id for x in ranked[:top]]
