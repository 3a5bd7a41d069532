"""Counts a researcher can trust: a fixture corpus with planned, negated, hypothetical
and question events, coded by the real pipeline, through relations, events, show
and the GDELT export (event and mentions tables, read with a GDELT 2.0 schema)."""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tieline.cli import main
from tieline.store import EventStore, count_events
from tieline.store.gdelt import GDELT_COLUMNS, GDELT_MENTION_COLUMNS

CORPUS = Path(__file__).resolve().parent / "data" / "modes" / "articles.jsonl"


@pytest.fixture(scope="module")
def pipeline():
    from tieline.pipeline import Pipeline

    return Pipeline.from_config()


def _build(path: Path, lines: list[str], pipeline) -> Path:
    from tieline.ingest.into_store import ingest_paths

    source = path.with_suffix(".jsonl")
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with EventStore(path) as store:
        stats = ingest_paths(store, [source], pipeline=pipeline, batch_size=1)
        assert stats.rejections == 0
    return path


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, pipeline) -> Path:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return _build(tmp_path_factory.mktemp("counts") / "corpus.duckdb", lines, pipeline)


def _run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _modes(db: Path) -> dict[str, int]:
    with EventStore(db, read_only=True) as store:
        return dict(store.con.execute("SELECT mode, count(*) FROM events GROUP BY mode").fetchall())


def test_store_counts_fixture_corpus_has_events_that_did_not_happen(corpus_db):
    modes = _modes(corpus_db)
    assert modes.get("asserted", 0) >= 4
    assert {"planned", "negated"} <= set(modes), modes


@pytest.mark.parametrize("a,b", [("RUS", "CHN"), ("RUS", "UKR")])
def test_store_counts_relations_total_is_the_asserted_count_unless_mode_all(corpus_db, a, b):
    with EventStore(corpus_db, read_only=True) as store:
        asserted = count_events(store, between=(a, b))
        every = count_events(store, between=(a, b), modes="all")
    default = json.loads(_run("relations", a, b, "--db", corpus_db, "--format", "json").output)
    assert default["modes"] == ["asserted"]
    assert sum(p["both"]["events"] for p in default["periods"]) == asserted > 0
    everything = json.loads(_run("relations", a, b, "--db", corpus_db, "--mode", "all",
                                 "--format", "json").output)
    assert sum(p["both"]["events"] for p in everything["periods"]) == every > asserted
    planned = json.loads(_run("relations", a, b, "--db", corpus_db, "--mode", "asserted",
                              "--mode", "planned", "--format", "json").output)
    assert asserted <= sum(p["both"]["events"] for p in planned["periods"]) <= every


def test_store_counts_a_symmetric_event_counts_once_in_the_total_and_in_each_direction(corpus_db):
    with EventStore(corpus_db, read_only=True) as store:
        (n_symmetric,) = store.con.execute(
            "SELECT count(*) FROM events WHERE \"symmetric\" AND mode = 'asserted' AND "
            "list_sort([source_key, target_key]) = ['CHN', 'RUS']").fetchone()
        (n_directed,) = store.con.execute(
            "SELECT count(*) FROM events WHERE NOT \"symmetric\" AND mode = 'asserted' AND "
            "list_sort([source_key, target_key]) = ['CHN', 'RUS']").fetchone()
    assert n_symmetric >= 1  # "Putin met Wang Yi", "China and Russia signed a trade agreement"
    data = json.loads(_run("relations", "RUS", "CHN", "--db", corpus_db, "--format", "json").output)
    ab = sum(p["ab"]["events"] for p in data["periods"])
    ba = sum(p["ba"]["events"] for p in data["periods"])
    both = sum(p["both"]["events"] for p in data["periods"])
    assert both == n_symmetric + n_directed
    assert ab + ba == n_directed + 2 * n_symmetric


def test_store_counts_events_prints_the_total_and_exports_keep_the_mode(corpus_db):
    with EventStore(corpus_db, read_only=True) as store:
        asserted, every = count_events(store), count_events(store, modes="all")
    table = _run("events", "--db", corpus_db, "--limit", "2")
    assert table.exit_code == 0 and f"showing 2 of {asserted}" in table.output
    assert f"showing {every} of {every}" in _run("events", "--db", corpus_db, "--limit", "0",
                                                  "--mode", "all").output
    rows = list(csv.DictReader(io.StringIO(_run("export", "--db", corpus_db, "--format", "csv",
                                                "--mode", "all").output)))
    assert len(rows) == every and {r["mode"] for r in rows} >= {"asserted", "negated"}
    gdelt = _run("export", "--db", corpus_db, "--format", "gdelt").output.splitlines()
    assert len(gdelt) == asserted
    assert len(_run("export", "--db", corpus_db, "--format", "gdelt", "--mode", "all")
               .output.splitlines()) == every


def test_store_counts_show_gives_the_evidence_with_marks(corpus_db):
    found = json.loads(_run("events", "--db", corpus_db, "--root", "19", "--format", "json",
                            "--order", "mentions").output.splitlines()[0])
    shown = _run("show", found["event_id"], "--db", corpus_db)
    assert shown.exit_code == 0, shown.output
    assert "Kyiv Daily" in shown.output and "Meridian Wire" in shown.output
    assert "*shelled*" in shown.output and "{Russian forces}" in shown.output
    data = json.loads(_run("show", found["event_id"], "--db", corpus_db, "--format", "json").output)
    assert len(data["mentions"]) == found["num_mentions"] == 2
    assert all(m["mode"] == "asserted" and m["url"].startswith("https://") for m in data["mentions"])
    missing = _run("show", 987654, "--db", corpus_db)
    assert missing.exit_code == 2 and "no event 987654" in missing.output


# -- GDELT ----------------------------------------------------------------------------------

def _gdelt(db: Path, *extra: str) -> list[dict[str, str]]:
    text = _run("export", "--db", db, "--format", "gdelt", "--mode", "all", *extra).output
    columns = GDELT_MENTION_COLUMNS if "mentions" in extra else GDELT_COLUMNS
    lines = text.splitlines()
    assert all(len(line.split("\t")) == len(columns) for line in lines)
    return [dict(zip(columns, line.split("\t"))) for line in lines]


def test_store_counts_gdelt_ids_are_equal_across_stores_built_in_another_order(corpus_db, tmp_path,
                                                                               pipeline):
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    other = _build(tmp_path / "reversed.duckdb", lines[::-1], pipeline)
    first, second = _gdelt(corpus_db), _gdelt(other)

    def keyed(rows):
        return {r["GLOBALEVENTID"]: (r["EventCode"], r["Actor1Code"], r["Actor2Code"],
                                     r["SQLDATE"], r["NumMentions"]) for r in rows}

    assert len(first) == len(keyed(first)) > 5  # ids are unique
    assert keyed(first) == keyed(second)
    ids = sorted(int(i) for i in keyed(first))
    assert ids != list(range(1, len(ids) + 1)) and all(0 < i < 2 ** 63 for i in ids)
    mention_ids = {r["GLOBALEVENTID"] for r in _gdelt(corpus_db, "--table", "mentions")}
    assert mention_ids == set(keyed(first))


def _codebook_tables() -> dict[str, set[str]]:
    from tieline.actors.kb import load_knowledge_base
    from tieline.reference.cameo import load_cameo
    from tieline.reference.fips import load_fips
    from tieline.reference.roles import load_roles

    kb = load_knowledge_base()
    cameo = set(load_cameo().codes)
    return {"cameo": cameo, "root": {c for c in cameo if len(c) == 2},
            "iso3": {c.iso3 for c in kb.countries}, "fips": set(load_fips().values()),
            "role": set(load_roles()) | {"IGO", "NGO", "MNC"},
            "group": {o.cameo[-3:] for o in kb.organizations if o.cameo}}


#: The GDELT 2.0 event table, column by column: a type and, for codes, the
#: codebook table the value must be in.  "" is allowed where GDELT leaves blanks.
GDELT_SCHEMA: dict[str, tuple[str, str | None]] = {
    "GLOBALEVENTID": ("int", None), "SQLDATE": ("yyyymmdd", None), "MonthYear": ("yyyymm", None),
    "Year": ("yyyy", None), "FractionDate": ("float", None),
    **{f"Actor{i}{c}": t for i in (1, 2) for c, t in (
        ("Code", ("code", None)), ("Name", ("text", None)), ("CountryCode", ("code", "iso3")),
        ("KnownGroupCode", ("code", "group")), ("EthnicCode", ("code", None)),
        ("Religion1Code", ("code", None)), ("Religion2Code", ("code", None)),
        ("Type1Code", ("code", "role")), ("Type2Code", ("code", "role")),
        ("Type3Code", ("code", "role")))},
    "IsRootEvent": ("bool", None), "EventCode": ("code", "cameo"),
    "EventBaseCode": ("code", "cameo"), "EventRootCode": ("code", "root"),
    "QuadClass": ("quad", None), "GoldsteinScale": ("goldstein", None),
    "NumMentions": ("count", None), "NumSources": ("count", None), "NumArticles": ("count", None),
    "AvgTone": ("float", None),
    **{f"{g}Geo_{c}": t for g in ("Actor1", "Actor2", "Action") for c, t in (
        ("Type", ("geotype", None)), ("FullName", ("text", None)),
        ("CountryCode", ("code", "fips")), ("ADM1Code", ("adm1", None)),
        ("ADM2Code", ("text", None)), ("Lat", ("lat", None)), ("Long", ("lon", None)),
        ("FeatureID", ("text", None)))},
    "DATEADDED": ("yyyymmddhhmmss", None), "SOURCEURL": ("text", None),
}

_PATTERNS = {
    "int": r"\d+", "yyyymmdd": r"(18|19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])",
    "yyyymm": r"(18|19|20)\d\d(0[1-9]|1[0-2])", "yyyy": r"(18|19|20)\d\d",
    "float": r"-?\d+(\.\d+)?", "code": r"[A-Z0-9]+", "text": r"[^\t\n]+", "bool": r"[01]",
    "quad": r"[1-4]", "goldstein": r"-?\d+(\.\d+)?", "count": r"[1-9]\d*", "geotype": r"[0-5]",
    "adm1": r"[A-Z]{2}[A-Z0-9]*", "lat": r"-?\d+(\.\d+)?", "lon": r"-?\d+(\.\d+)?",
    "yyyymmddhhmmss": r"\d{14}",
}


def test_store_counts_gdelt_export_reads_with_the_gdelt_2_schema(corpus_db):
    assert list(GDELT_SCHEMA) == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    tables = _codebook_tables()
    rows = _gdelt(corpus_db)
    assert rows
    for row in rows:
        for name, (kind, table) in GDELT_SCHEMA.items():
            value = row[name]
            if value == "":
                continue
            assert re.fullmatch(_PATTERNS[kind], value), f"{name}={value!r} is not {kind}"
            if table is not None:
                assert value in tables[table], f"{name}={value!r} not in the {table} table"
        assert row["GoldsteinScale"] != "" and -10 <= float(row["GoldsteinScale"]) <= 10
        assert row["EventCode"].startswith(row["EventRootCode"])
        assert row["EventBaseCode"] == row["EventCode"][:3]
        assert int(row["GLOBALEVENTID"]) < 2 ** 63
        if row["ActionGeo_Type"] == "1":
            assert row["ActionGeo_Lat"] == "" or row["ActionGeo_FeatureID"]
        if row["ActionGeo_CountryCode"]:
            assert row["ActionGeo_ADM1Code"].startswith(row["ActionGeo_CountryCode"])
        assert row["SOURCEURL"].startswith("https://")
    assert any(r["ActionGeo_CountryCode"] for r in rows), "no place written"
    assert {r["Actor1CountryCode"] for r in rows} & {"RUS", "CHN", "UKR"}


def test_store_counts_gdelt_mentions_table_follows_gdelt(corpus_db):
    with EventStore(corpus_db, read_only=True) as store:
        n_mentions = store.con.execute("SELECT count(*) FROM mentions").fetchone()[0]
        texts = dict(store.con.execute("SELECT mention_id, sentence FROM mentions").fetchall())
    rows = _gdelt(corpus_db, "--table", "mentions")
    assert len(rows) == n_mentions and texts
    for row in rows:
        assert re.fullmatch(r"\d{14}", row["EventTimeDate"]) and row["MentionType"] == "1"
        assert row["MentionIdentifier"].startswith("https://")
        assert int(row["SentenceID"]) >= 1 and 0 <= int(row["Confidence"]) <= 100
        assert int(row["ActionCharOffset"]) >= 0 and int(row["MentionDocLen"]) > 0
    header = _run("export", "--db", corpus_db, "--format", "gdelt", "--table", "mentions",
                  "--header").output.splitlines()[0]
    assert header.split("\t") == list(GDELT_MENTION_COLUMNS)
