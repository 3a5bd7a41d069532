"""The REST API against a real uvicorn server over a real store built from the fixtures."""
from __future__ import annotations

import json
import time

import pytest
from click.testing import CliRunner

from serve_support import SCRIPT, build_store, get, running_server
from store_factory import doc, event
from tieline.cli import main
from tieline.store import EventStore, ingest_documents


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_store(tmp_path_factory.mktemp("serve") / "api.duckdb")


@pytest.fixture(scope="module")
def base(db):
    with running_server(db) as url:
        yield url


def _cli(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_serve_api_events_equal_the_cli(base, db):
    for query, cli in [("", []), ("?actor=RUS", ["--actor", "RUS"]),
                       ("?a=UKR&b=RUS&root=19", ["--between", "UKR", "RUS", "--root", "19"]),
                       ("?mode=planned", ["--mode", "planned"]),
                       ("?mode=negated&precision=exact", ["--mode", "negated"]),
                       ("?since=2024-05-01&until=2024-06-01&order=mentions",
                        ["--since", "2024-05-01", "--until", "2024-06-01", "--order", "mentions"]),
                       ("?text=kharkiv", ["--text", "kharkiv"])]:
        status, page = get(base, "/api/v1/events" + query)
        assert status == 200, page
        lines = _cli("events", "--db", str(db), "--format", "json", "--limit", "500", *cli)
        expected = [json.loads(line) for line in lines.splitlines()]
        assert page["events"] == expected, query
        assert page["total"] == len(expected)


def test_serve_api_events_paginate_with_a_cursor(base):
    status, first = get(base, "/api/v1/events?limit=3&order=id")
    assert status == 200 and len(first["events"]) == 3 and first["next_cursor"]
    seen = [e["event_id"] for e in first["events"]]
    page = first
    while page["next_cursor"]:
        status, page = get(base, f"/api/v1/events?limit=3&order=id&cursor={page['next_cursor']}")
        assert status == 200
        seen += [e["event_id"] for e in page["events"]]
    assert len(seen) == first["total"] == len(set(seen))
    assert get(base, "/api/v1/events?cursor=nonsense!")[0] == 422


def test_serve_api_relations_equal_the_cli(base, db):
    for by in ("month", "week"):
        status, series = get(base, f"/api/v1/relations?a=RUS&b=UKR&by={by}")
        assert status == 200
        cli = json.loads(_cli("relations", "RUS", "UKR", "--db", str(db), "--by", by,
                              "--format", "json"))
        assert series == cli
    status, series = get(base, "/api/v1/relations?a=RUS&b=CHN&by=month&since=2024-01-01"
                               "&until=2024-12-31&top=1")
    cli = json.loads(_cli("relations", "RUS", "CHN", "--db", str(db), "--since", "2024-01-01",
                          "--until", "2024-12-31", "--top", "1", "--format", "json"))
    assert status == 200 and series == cli and len(series["periods"]) == 12
    status, every = get(base, "/api/v1/relations?a=RUS&b=UKR&mode=all")
    assert status == 200 and every["modes"] == "all"
    counted = sum(p["both"]["events"] for p in every["periods"])
    assert counted == get(base, "/api/v1/events?a=RUS&b=UKR&mode=all")[1]["total"] == 3


def test_serve_api_event_shows_every_mention_with_spans(base):
    _, page = get(base, "/api/v1/events?a=RUS&b=UKR&root=19")
    (shelling,) = page["events"]
    status, found = get(base, f"/api/v1/events/{shelling['event_id']}")
    assert status == 200
    assert found["event"] == shelling
    assert {m["article_id"] for m in found["mentions"]} == {"a", "b"}
    first = found["mentions"][0]
    assert first["outlet"] == "one" and first["title"] == "Shelling in Kharkiv"
    assert first["mode"] == "asserted" and first["date"] == "2024-05-14"
    start, end = first["source_span"]
    assert first["sentence"][start:end] == first["source_text"]
    assert get(base, "/api/v1/events/987654")[0] == 404


def test_serve_api_network_places_stats(base):
    status, net = get(base, "/api/v1/network")
    assert status == 200
    pairs = {(e["a"], e["b"]): e for e in net["edges"]}
    # asserted only: the shelling (2 reports, 1 happening) and the accusation
    assert pairs[("RUS", "UKR")]["events"] == 2
    assert pairs[("RUS", "UKR")]["goldstein_mean"] == pytest.approx(-6.0)
    _, net_all = get(base, "/api/v1/network?mode=all")
    assert {(e["a"], e["b"]): e["events"] for e in net_all["edges"]}[("RUS", "UKR")] == 3
    assert {n["country"] for n in net["nodes"]} >= {"RUS", "UKR", "CHN", "USA"}
    status, net = get(base, "/api/v1/network?root=19&until=2024-05-31")
    assert [(e["a"], e["b"], e["events"]) for e in net["edges"]] == [("RUS", "UKR", 1)]
    status, spots = get(base, "/api/v1/places")
    assert status == 200
    kharkiv = next(p for p in spots["places"] if p["name"] == "Kharkiv")
    assert kharkiv["events"] == 1 and kharkiv["top"][0]["num_mentions"] == 2
    status, stats = get(base, "/api/v1/stats")
    assert status == 200
    assert (stats["articles"], stats["mentions"]) == (3, 9)
    assert stats["events"] == 8 and stats["first_date"] == "2024-03-15"
    assert stats["store_version"]


def test_serve_api_actors_and_codes(base):
    status, found = get(base, "/api/v1/actors?q=ukr")
    assert status == 200
    assert found["actors"][0]["code"] == "UKR" and found["actors"][0]["events"] == 4
    status, found = get(base, "/api/v1/actors?q=Germany")
    assert [a["code"] for a in found["actors"]][:1] == ["DEU"]
    status, codes = get(base, "/api/v1/codes?q=19")
    assert status == 200 and codes["codes"][0]["code"] == "19"
    assert all(c["code"].startswith("19") for c in codes["codes"])
    status, codes = get(base, "/api/v1/codes?q=blockade")
    assert "191" in [c["code"] for c in codes["codes"]]
    assert all("blockade" in c["description"].lower() for c in codes["codes"])


def test_serve_api_article_marks_each_event(base):
    status, article = get(base, "/api/v1/articles/c")
    assert status == 200
    assert article["title"] == f"Visit {SCRIPT}"  # stored as text; the dashboard escapes it
    assert [e["cameo"] for e in article["events"]] == ["043", "111"]
    assert get(base, "/api/v1/articles/nope")[0] == 404


def test_serve_api_article_returns_its_text_with_each_span(base):
    status, article = get(base, "/api/v1/articles/c")
    assert status == 200
    text = article["text"]
    assert text.startswith(f"Visit {SCRIPT}\n\n") and SCRIPT in text  # as stored, not escaped
    for e in article["events"]:
        marks = e["text_spans"]
        start, end = marks["sentence"]
        assert text[start:end] == e["sentence"]
        for kind in ("trigger", "source", "target"):
            inner = e[f"{kind}_span"]
            if inner is None:
                assert marks[kind] is None
            else:
                assert marks[kind] == [start + inner[0], start + inner[1]]
                assert text[marks[kind][0]:marks[kind][1]] == e["sentence"][inner[0]:inner[1]]
    negated = article["events"][1]
    s, e = negated["text_spans"]["sentence"]
    assert text[s:e] == "Russia did not criticise Ukraine."
    assert negated["text_spans"]["trigger"] is not None  # "did", found in the sentence
    # an article stored without text (or a sentence not in it) has no text spans
    status, other = get(base, "/api/v1/articles/a")
    assert status == 200 and other["text"] == "text of a"
    assert all(v is None for e in other["events"] for v in e["text_spans"].values())


def test_serve_api_errors_are_json_with_4xx(base):
    status, body = get(base, "/api/v1/events?actor=RUSIA")
    assert status == 404 and "RUS" in body["suggestions"] and "RUSIA" in body["message"]
    status, body = get(base, "/api/v1/relations?a=RUS&b=Germny")
    assert status == 404 and body["suggestions"][:1] == ["DEU"]
    for bad in ("/api/v1/events?since=2024-13-01", "/api/v1/events?limit=100000",
                "/api/v1/events?mode=maybe", "/api/v1/events?root=x9",
                "/api/v1/relations?a=RUS", "/api/v1/relations?a=RUS&b=UKR&by=decade",
                "/api/v1/events?a=RUS"):
        status, body = get(base, bad)
        assert status == 422 and body["message"], bad
    status, body = get(base, "/api/v1/nothing")
    assert status == 404 and body["message"]


def test_serve_api_is_read_only_local_and_has_no_cors(base):
    status, _ = get(base, "/api/v1/events", headers={"Origin": "https://evil.example"})
    import urllib.request

    with urllib.request.urlopen(base + "/api/v1/stats") as response:
        headers = response.headers
    assert headers.get("Access-Control-Allow-Origin") is None
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert get(base, "/api/v1/stats", data={"x": 1})[0] == 405


def test_serve_api_extract_codes_text_without_touching_the_store(base):
    _, before = get(base, "/api/v1/stats")
    text = ("Russia and China sign energy deal\n\nMOSCOW — Russian President Vladimir Putin "
            "met Chinese President Xi Jinping in Moscow on Tuesday.")
    status, out = get(base, "/api/v1/extract", data={"text": text, "published": "2023-03-21"})
    assert status == 200, out
    assert out["events"] and out["events"][0]["source"]["country"] in {"RUS", "CHN"}
    e = out["events"][0]
    assert e["date"] == "2023-03-21"
    start, end = e["trigger_span"]
    assert e["sentence"][start:end] == e["trigger"]
    assert get(base, "/api/v1/stats")[1] == before
    assert get(base, "/api/v1/extract", data={"text": ""})[0] == 422
    assert get(base, "/api/v1/extract", data={"text": "x", "published": "soon"})[0] == 422
    assert get(base, "/api/v1/extract", raw=b"{not json")[0] == 422
    status, body = get(base, "/api/v1/extract", data={"text": "word " * 100_000})
    assert status == 413 and "bytes" in body["message"]
    status, body = get(base, "/api/v1/extract", data={"text": "\u0000\u0001\u0002"})
    assert status in (200, 422)


def test_serve_api_ingest_runs_while_serving_and_new_events_appear(tmp_path):
    db = build_store(tmp_path / "live.duckdb")
    with running_server(db) as base:
        _, before = get(base, "/api/v1/stats")
        with EventStore(db) as writer:  # the server does not hold the file: a writer gets it
            ingest_documents(writer, [doc("new", [event("new", "FRA", "DEU", "042",
                                                        sentence="France hosted Germany.")])])
            assert get(base, "/api/v1/stats")[1] == before  # still serving while it writes
        deadline = time.monotonic() + 20
        while get(base, "/api/v1/stats")[1]["articles"] == before["articles"]:
            assert time.monotonic() < deadline, "new events never appeared"
            time.sleep(0.3)
        status, page = get(base, "/api/v1/events?actor=FRA")
        assert status == 200 and page["total"] == 1


def test_serve_api_a_real_ingest_runs_while_serving(tmp_path):
    import os
    import subprocess
    import sys

    db = build_store(tmp_path / "live.duckdb")
    articles = tmp_path / "more.jsonl"
    articles.write_text("".join(json.dumps({
        "id": f"more-{i}", "title": f"Report {i}", "published": "2024-07-01",
        "text": f"Report {i}\n\nOfficials in Paris and Berlin spoke about trade on Monday."})
        + "\n" for i in range(3)), encoding="utf-8")
    with running_server(db) as base:
        _, before = get(base, "/api/v1/stats")
        done = subprocess.run(
            [sys.executable, "-m", "tieline", "ingest", str(articles), "--db", str(db), "-q"],
            env={**os.environ, "TIELINE_STAGES": "clean"}, capture_output=True, text=True,
            timeout=300)
        assert done.returncode == 0, done.stderr  # the running server does not hold the store
        deadline = time.monotonic() + 20
        while get(base, "/api/v1/stats")[1]["articles"] != before["articles"] + 3:
            assert time.monotonic() < deadline, "the ingested articles never appeared"
            time.sleep(0.3)


def test_serve_api_cli_errors_for_a_missing_store(tmp_path):
    from tieline.cli.errors import EXIT_STORE

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == EXIT_STORE and "no event store" in result.output


def test_serve_api_answers_are_cached_per_snapshot(base):
    import urllib.request

    def fetch(path):
        with urllib.request.urlopen(base + path) as response:
            return response.headers.get("X-Cache"), response.read()

    path = "/api/v1/relations?a=RUS&b=UKR&by=quarter&top=2"
    first, again = fetch(path), fetch(path)
    assert (first[0], again[0]) == ("miss", "hit") and first[1] == again[1]
    assert get(base, "/api/v1/events?actor=RUSIA")[0] == 404  # errors are not cached
    assert get(base, "/api/v1/events?actor=RUSIA")[0] == 404
