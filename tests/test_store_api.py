"""The store's read API for the CLI and HTTP: pages with totals, evidence, codebook, actor look-up."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from store_factory import doc, event
from tieline.errors import InputError
from tieline.store import EventStore, article_mentions, ingest_documents
from tieline.store.api import UnknownActor, UnknownEvent, actor_codes, check_actor, codebook, \
    find_events, show_event, trim_sentence

D = dt.date(2024, 5, 14)
SENTENCE = "Russian forces shelled Kharkiv on Tuesday, Ukraine said."


@pytest.fixture()
def store(tmp_path):
    shelled = dataclasses.replace(
        event("a", "RUS", "UKR", "190", date=D, goldstein=-10, sentence=SENTENCE),
        span=(100, 100 + len(SENTENCE)), trigger="shelled", trigger_span=(115, 122))
    shelled = dataclasses.replace(shelled, source=dataclasses.replace(shelled.source, text="Russian forces"),
                                  target=dataclasses.replace(shelled.target, text="Kharkiv"))
    docs = [
        doc("a", [shelled, event("a", "RUS", "UKR", "190", date=D, mode="planned", index=1),
                  event("a", "CHN", "RUS", "040", date=D, index=2)], title="War news", url="https://x.test/a"),
        doc("b", [event("b", "RUS", "UKR", "190", date=D, goldstein=-10,
                        sentence="Photo: AP\nRussia shelled Kharkiv again.")], outlet="two"),
    ]
    with EventStore(tmp_path / "api.duckdb") as s:
        ingest_documents(s, docs)
        yield s


def test_store_api_find_events_gives_the_total_of_asserted_matches(store):
    page = find_events(store, limit=1)
    assert (page.total, len(page.events)) == (2, 1)
    assert find_events(store, modes="all").total == 3
    assert find_events(store, modes=["planned"]).total == 1
    assert len(find_events(store, limit=0).events) == 2  # 0 means all
    assert page.to_dict()["total"] == 2


def test_store_api_show_event_gives_every_mention_with_marked_spans(store):
    (war,) = find_events(store, root="19").events
    evidence = show_event(store, war.event_id)
    assert [m.article_id for m in evidence.mentions] == ["a", "b"]
    first, second = evidence.mentions
    assert (first.title, first.url, first.mode) == ("War news", "https://x.test/a", "asserted")
    assert first.sentence[slice(*first.trigger_span)] == "shelled"
    assert first.sentence[slice(*first.source_span)] == "Russian forces"
    assert first.sentence[slice(*first.target_span)] == "Kharkiv"
    assert first.marked().startswith("{Russian forces} *shelled* <Kharkiv>")
    assert second.sentence == "Russia shelled Kharkiv again."  # the photo credit is page noise
    assert evidence.to_dict()["mentions"][0]["trigger_span"] == [15, 22]
    with pytest.raises(UnknownEvent):
        show_event(store, 999)


def test_store_api_trim_sentence_keeps_what_a_span_needs():
    assert trim_sentence("Read also: more\nTroops left.") == ("Troops left.", 16)
    assert trim_sentence("  Photo op ended.  ", [(2, 7)]) == ("Photo op ended.", 2)


def test_store_api_codebook_and_actor_codes_are_searchable():
    assert [e.code for e in codebook("19")][:2] == ["19", "190"]
    fight = {e.code: e for e in codebook("19")}["190"]
    assert (fight.quad_class, fight.goldstein, fight.plover) == (4, -10.0, "ASSAULT")
    assert any(e.code == "042" for e in codebook("visit"))
    assert len(codebook()) > 250
    codes = {a.code: a for a in actor_codes()}
    assert codes["RUS"].kind == "country" and codes["NATO"].cameo == "IGOWSTNAT"
    assert codes["GOV"].kind == "role"
    assert [a.code for a in actor_codes("germany")] == ["DEU"]


def test_store_api_unknown_actors_are_input_errors_with_suggestions(store):
    assert check_actor(store, "rus") == "RUS"
    assert check_actor(store, "RUSGOV") == "RUSGOV"
    assert check_actor(store, "FRA") == "FRA"  # known, even without events
    with pytest.raises(UnknownActor) as info:
        check_actor(store, "Germany")
    assert "DEU" in info.value.suggestions and isinstance(info.value, InputError)
    with pytest.raises(UnknownActor, match="no actor XXX"):
        find_events(store, actor="XXX")
    with pytest.raises(UnknownActor):
        find_events(store, between=("RUS", "YYY"))


def test_store_api_flags_and_trigger_span_are_stored(store):
    (first, *_) = article_mentions(store, "a")
    assert first.event.trigger_span == (115, 122)
    assert (first.event.symmetric, first.event.inferred) == (False, False)
