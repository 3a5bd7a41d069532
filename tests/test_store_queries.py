"""events(): filters by actor, dyad, family, mode, dates, text; ordering and limits."""
from __future__ import annotations

import datetime as dt

import pytest

from store_factory import doc, event
from tieline.errors import InputError
from tieline.store import EventStore, count_events, event_mentions, events, get_event, \
    ingest_documents

D = dt.date(2024, 5, 14)
DAY = dt.timedelta(days=1)


@pytest.fixture()
def store(tmp_path):
    docs = [
        doc("a", [event("a", "RUS", "UKR", "190", date=D, goldstein=-10,
                        sentence="Russian forces shelled Kharkiv.", source_role="MIL"),
                  event("a", "UKR", "RUS", "112", date=D, goldstein=-2, index=1,
                        sentence="Ukraine accused Moscow of war crimes."),
                  event("a", "RUS", "CHN", "057", date=D - 10 * DAY, goldstein=8, index=2)],
            outlet="one"),
        doc("b", [event("b", "RUS", "UKR", "190", date=D, goldstein=-10),
                  event("b", "USA", "RUS", "172", date=D + 20 * DAY, goldstein=-5, mode="planned",
                        sentence="Washington will impose new sanctions on Russia."),
                  event("b", "NATO", "RUS", "010", date=D + 5 * DAY, goldstein=0, index=4)],
            outlet="two"),
    ]
    with EventStore(tmp_path / "q.duckdb") as s:
        ingest_documents(s, docs)
        yield s


def _ids(found):
    return sorted((e.source_key, e.target_key, e.root) for e in found)


def test_queries_actor_matches_either_side_by_key_or_code_prefix(store):
    assert len(events(store, actor="RUS", modes="all")) == 5
    assert len(events(store, actor="rus", modes="all")) == 5
    assert len(events(store, actor="RUS")) == 4  # asserted only by default
    assert _ids(events(store, actor="RUSMIL")) == [("RUS", "UKR", "19")]
    assert _ids(events(store, actor="NATO")) == [("NATO", "RUS", "01")]
    assert events(store, actor="GBR") == []


def test_queries_between_is_undirected(store):
    assert _ids(events(store, between=("UKR", "RUS"))) == [("RUS", "UKR", "19"), ("UKR", "RUS", "11")]


def test_queries_root_mode_and_dates(store):
    assert _ids(events(store, root="19")) == [("RUS", "UKR", "19")]
    assert _ids(events(store, root="11,19")) == [("RUS", "UKR", "19"), ("UKR", "RUS", "11")]
    assert _ids(events(store, mode="planned")) == [("USA", "RUS", "17")]
    assert _ids(events(store, since=D + DAY, until=D + 10 * DAY)) == [("NATO", "RUS", "01")]
    assert len(events(store, until=D)) == 3


def test_queries_text_searches_every_mention_and_actor_names(store):
    assert _ids(events(store, text="kharkiv")) == [("RUS", "UKR", "19")]
    assert _ids(events(store, text="sanctions", modes="all")) == [("USA", "RUS", "17")]
    assert len(events(store, text="Ukraine")) == 2  # actor name of two events


def test_queries_order_limit_and_counts(store):
    newest = events(store, limit=2, modes="all")
    assert [e.date for e in newest] == [D + 20 * DAY, D + 5 * DAY]
    most = events(store, order="mentions", limit=1)[0]
    assert (most.root, most.num_mentions, most.num_sources) == ("19", 2, 2)
    assert count_events(store, actor="RUS", modes="all") == 5
    assert count_events(store, actor="RUS") == 4
    assert len(events(store, limit=None, modes=["asserted", "planned"])) == 5
    assert get_event(store, most.event_id) == most
    assert get_event(store, 10_000) is None
    assert [m.outlet for m in event_mentions(store, most.event_id)] == ["one", "two"]


def test_queries_bad_arguments_are_input_errors(store):
    with pytest.raises(InputError):
        events(store, root="violence")
    with pytest.raises(InputError):
        events(store, mode="rumoured")
    with pytest.raises(InputError):
        events(store, order="random")
    with pytest.raises(InputError):
        events(store, actor="  ")


def test_queries_stored_mentions_give_back_the_events_as_extracted(store, tmp_path):
    original = event("z", "FRA", "DEU", "036", date=D, goldstein=4, place="Paris", country="FRA",
                     sentence="France offered talks.", confidence=0.8125)
    ingest_documents(store, [doc("z", [original])])
    (found,) = events(store, actor="FRA")
    (mention,) = event_mentions(store, found.event_id)
    assert mention.event == original


def test_queries_like_wildcards_in_text_match_themselves(store):
    assert events(store, text="%", modes="all") == []
    assert events(store, text="_", modes="all") == []
    assert events(store, text="\\", modes="all") == []
    ingest_documents(store, [doc("pct", [event("pct", "FRA", "DEU", "036", date=D,
                                               sentence="Inflation rose 5% in Paris_city.")])])
    assert _ids(events(store, text="5%")) == [("FRA", "DEU", "03")]
    assert _ids(events(store, text="s_c")) == [("FRA", "DEU", "03")]


def test_queries_modes_default_to_asserted_and_accept_lists_and_all(store):
    assert {e.mode for e in events(store, limit=None)} == {"asserted"}
    assert {e.mode for e in events(store, limit=None, modes="all")} == {"asserted", "planned"}
    assert {e.mode for e in events(store, limit=None, modes="planned,asserted")} == \
        {"asserted", "planned"}
    with pytest.raises(InputError, match="or all"):
        events(store, modes=["rumoured"])


def test_queries_unknown_cameo_root_is_an_input_error_with_a_hint(store):
    with pytest.raises(InputError, match="no CAMEO root 99.*tieline codes"):
        events(store, root="99")
    with pytest.raises(InputError, match="no CAMEO root 00"):
        events(store, root="19,00")
    assert events(store, root="20") == []


def test_queries_events_page_is_the_count_and_the_slice_of_events(store):
    from tieline.store.queries import events_page

    # undated happenings: their global_event_id needs their first article (tie: the smaller id)
    ingest_documents(store, [doc(f"u{i}", [event(f"u{i}", "RUS", "FRA", "042")],
                                 published=None, outlet=f"o{i}") for i in (2, 1, 3)])
    assert any(e.date is None for e in events(store, limit=None, actor="FRA"))
    for filters in [{}, {"actor": "RUS"}, {"between": ("RUS", "UKR")}, {"modes": "all"},
                    {"actor": "RUS", "root": "19"}, {"text": "sanctions", "modes": "all"},
                    {"actor": "GBR"}, {"actor": "FRA"}]:
        every = events(store, limit=None, order="mentions", **filters)
        for limit, offset in [(1, 0), (2, 1), (50, 0), (3, 10)]:
            total, page = events_page(store, limit=limit, offset=offset, order="mentions",
                                      **filters)
            assert total == count_events(store, **filters) == len(every), filters
            assert page == every[offset:offset + limit], (filters, limit, offset)
            assert events(store, limit=limit, offset=offset, order="mentions",
                          **filters) == page
    with pytest.raises(InputError):
        events_page(store, limit=5, order="nonsense")
