"""Exports: jsonl and parquet round-trips, csv, the GDELT 2.0 event table."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from store_factory import doc, event
from tieline.errors import InputError, StoreError
from tieline.store import GDELT_COLUMNS, EventStore, StoredEvent, events, export, export_text, \
    import_jsonl, ingest_documents
from tieline.store.export import MENTION_EXPORT_COLUMNS

D = dt.date(2024, 5, 14)


def _docs():
    return [
        doc("a", [event("a", "RUS", "UKR", "190", date=D, goldstein=-10, place="Kharkiv",
                        country="UKR", sentence="Russian forces shelled Kharkiv\tat dawn.",
                        source_role="MIL", confidence=0.8123),
                  event("a", "UKR", "RUS", "112", date=D, goldstein=-2, index=1)],
            outlet="one", url="https://one.example/a"),
        doc("b", [event("b", "RUS", "UKR", "190", date=D, goldstein=-10, country="UKR"),
                  event("b", "DEU", "UKR", "070", date=None, goldstein=7, index=3)],
            outlet="two", published=D + dt.timedelta(days=1)),
        doc("c", [event("c", "USA", None, "010", date=D, precision="month")], published=None),
    ]


@pytest.fixture()
def store(tmp_path):
    with EventStore(tmp_path / "x.duckdb") as s:
        ingest_documents(s, _docs())
        yield s


def test_export_jsonl_round_trips_through_import(store, tmp_path):
    text = export_text(store, "jsonl")
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == store.counts()["events"] == 4
    war = next(e for e in lines if e["cameo"] == "190")
    assert war["num_mentions"] == 2 and len(war["mentions"]) == 2
    assert war["mentions"][0]["source"]["role"] == "MIL"
    path = tmp_path / "events.jsonl"
    path.write_text(text)
    with EventStore(tmp_path / "copy.duckdb") as copy:
        assert import_jsonl(copy, path) == 4
        assert export_text(copy, "jsonl") == text
        assert events(copy, limit=None, order="id") == events(store, limit=None, order="id")
        for name in ("mentions", "events"):
            assert copy.con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() == \
                store.con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
        # the restored store still recognises the original articles
        again = ingest_documents(copy, _docs())
        assert (again.articles, again.skipped) == (0, 3)
        with pytest.raises(StoreError, match="empty store"):
            import_jsonl(copy, path)


def test_export_import_rejects_foreign_jsonl(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"hello": "world"}\n')
    with EventStore(tmp_path / "e.duckdb") as s:
        with pytest.raises(InputError, match="line 1"):
            import_jsonl(s, path)
        assert s.counts()["mentions"] == 0


def test_export_parquet_holds_the_stored_events_and_mentions(store, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export(store, out, "parquet") == store.counts()["events"]
    back = pq.read_table(out).to_pylist()
    assert [StoredEvent(**r) for r in back] == events(store, limit=None, order="id")
    out = tmp_path / "mentions.parquet"
    assert export(store, out, "parquet", table="mentions") == store.counts()["mentions"]
    assert pq.read_table(out).column_names == list(MENTION_EXPORT_COLUMNS)
    with pytest.raises(InputError, match="file path"):
        export(store, "-", "parquet")


def test_export_column_names_are_the_same_in_every_format_and_internals_stay_in(store, tmp_path):
    import pyarrow.parquet as pq

    jsonl = json.loads(export_text(store, "jsonl").splitlines()[0])
    csv_names = next(csv.reader(io.StringIO(export_text(store, "csv"))))
    export(store, tmp_path / "e.parquet", "parquet")
    parquet_names = pq.read_table(tmp_path / "e.parquet").column_names
    assert csv_names == parquet_names == [k for k in jsonl if k != "mentions"]
    mention_names = next(csv.reader(io.StringIO(export_text(store, "csv", table="mentions"))))
    internal = {"cluster_key", "anchor_rank", "anchor_mention_id", "eff_date", "eff_rank",
                "date_lo", "date_hi", "rep_mention_id", "min_sentence_index"}
    assert not internal & set(csv_names) and not internal & set(mention_names)
    assert "mode" in csv_names and "mode" in mention_names


def test_export_csv_has_a_header_and_every_event(store):
    rows = list(csv.DictReader(io.StringIO(export_text(store, "csv"))))
    assert len(rows) == 4 and {"event_id", "num_mentions", "mode"} <= set(rows[0])
    assert export_text(store, "csv", header=False).splitlines()[0].startswith("1,")
    mentions = list(csv.DictReader(io.StringIO(export_text(store, "csv", table="mentions"))))
    assert len(mentions) == 5


def test_export_gdelt_writes_the_61_columns_tab_separated(store):
    text = export_text(store, "gdelt")
    lines = text.splitlines()
    assert len(lines) == 4 and len(GDELT_COLUMNS) == 61
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"))) for line in lines]
    assert all(len(line.split("\t")) == 61 for line in lines)
    war = next(r for r in rows if r["EventCode"] == "190")
    assert war["SQLDATE"] == "20240514" and war["MonthYear"] == "202405" and war["Year"] == "2024"
    assert war["FractionDate"] == f"{2024 + (5 * 30 + 14) / 365:.4f}"
    assert (war["Actor1Code"], war["Actor1Name"], war["Actor1CountryCode"], war["Actor1Type1Code"]) \
        == ("RUSMIL", "RUSSIA", "RUS", "MIL")
    assert (war["Actor2Code"], war["Actor2CountryCode"]) == ("UKR", "UKR")
    assert (war["EventBaseCode"], war["EventRootCode"], war["QuadClass"]) == ("190", "19", "4")
    assert (war["GoldsteinScale"], war["NumMentions"], war["NumSources"], war["NumArticles"]) == \
        ("-10", "2", "2", "2")
    assert (war["IsRootEvent"], war["AvgTone"], war["Actor1Geo_Type"]) == ("1", "", "0")
    # Kharkiv is a place, not a country (type 4); GDELT writes FIPS codes (UP, not UKR)
    assert (war["ActionGeo_Type"], war["ActionGeo_FullName"], war["ActionGeo_CountryCode"],
            war["ActionGeo_ADM1Code"]) == ("4", "Kharkiv", "UP", "UP")
    assert war["SOURCEURL"] == "https://one.example/a"
    assert len(war["DATEADDED"]) == 14 and war["DATEADDED"].isdigit()
    statement = next(r for r in rows if r["EventCode"] == "010")
    assert statement["Actor2Code"] == "" and statement["SOURCEURL"] == "c"
    with_header = export_text(store, "gdelt", header=True).splitlines()
    assert with_header[0].split("\t") == list(GDELT_COLUMNS) and with_header[1:] == lines


def test_export_gdelt_is_readable_by_duckdb_as_gdelt_tooling_would(store, tmp_path):
    out = tmp_path / "20240514.export.CSV"
    export(store, out, "gdelt")
    import duckdb

    names = ", ".join(f"'{c}': 'VARCHAR'" for c in GDELT_COLUMNS)
    rows = duckdb.sql(f"SELECT GLOBALEVENTID, EventCode, NumMentions FROM read_csv('{out}', "
                      f"delim='\t', header=false, columns={{{names}}}) ORDER BY 1").fetchall()
    assert len(rows) == 4


def test_export_filters_select_the_events(store):
    assert len(export_text(store, "gdelt", actor="DEU").splitlines()) == 1
    assert len(export_text(store, "jsonl", since=D, until=D).splitlines()) == 3
    with pytest.raises(InputError):
        export_text(store, "xml")


def test_export_gdelt_action_geo_follows_the_gazetteer_fields(tmp_path):
    """With the places helper's Location fields (admin1, feature, geonames_id): type 1
    only for a country, FIPS + admin1 as ADM1Code, the GeoNames id as FeatureID."""
    import dataclasses

    from tieline.model import Location
    from tieline.store.gdelt import geo_type

    @dataclasses.dataclass(frozen=True)
    class Place(Location):  # what tieline.model.Location becomes with the gazetteer
        admin1: str | None = None
        feature: str | None = None
        geonames_id: int | None = None

    kharkiv = Place("Kharkiv", "UKR", 49.98, 36.25, admin1="07", feature="city",
                    geonames_id=706483)
    ukraine = Place("Ukraine", "UKR", feature="country", geonames_id=690791)
    texas = Place("Texas", "USA", admin1="TX", feature="admin1", geonames_id=4736286)
    docs = [doc("g", [dataclasses.replace(event("g", "RUS", "UKR", "190", date=D), location=p,
                                          cameo=c, root=c[:2], sentence_index=i)
                      for i, (p, c) in enumerate([(kharkiv, "190"), (ukraine, "111"),
                                                  (texas, "040")])])]
    with EventStore(tmp_path / "geo.duckdb") as store:
        ingest_documents(store, docs)
        rows = {r["EventCode"]: r for r in (dict(zip(GDELT_COLUMNS, line.split("\t")))
                                           for line in export_text(store, "gdelt").splitlines())}
    city, country, state = rows["190"], rows["111"], rows["040"]
    assert [city[f"ActionGeo_{c}"] for c in ("Type", "CountryCode", "ADM1Code", "Lat", "Long",
                                             "FeatureID")] == \
        ["4", "UP", "UP07", "49.98", "36.25", "706483"]
    assert [country[f"ActionGeo_{c}"] for c in ("Type", "CountryCode", "ADM1Code",
                                                "FeatureID")] == ["1", "UP", "UP", "UP"]
    assert [state[f"ActionGeo_{c}"] for c in ("Type", "CountryCode", "ADM1Code")] == \
        ["2", "US", "USTX"]
    assert (geo_type(None, "FRA", True), geo_type("place", "USA", True),
            geo_type(None, None, False)) == ("4", "3", "0")


def test_export_stable_id_is_a_column_of_every_format(tmp_path):
    """The GDELT export's GLOBALEVENTID is also ``global_event_id`` in events(), csv,
    jsonl and parquet, the same value for the same happening (undated ones too)."""
    import pyarrow.parquet as pq

    docs = [*_docs(), doc("u", [event("u", "FRA", "DEU", "040", date=None)], published=None)]
    with EventStore(tmp_path / "s.duckdb") as s:
        ingest_documents(s, docs)
        gdelt = {int(line.split("\t")[0]) for line in export_text(s, "gdelt").splitlines()}
        listed = {e.event_id: e.global_event_id for e in events(s, limit=None)}
        assert set(listed.values()) == gdelt and len(gdelt) == len(listed) == 5
        assert all(0 < i < 2 ** 63 for i in gdelt)
        rows = list(csv.DictReader(io.StringIO(export_text(s, "csv"))))
        assert {int(r["event_id"]): int(r["global_event_id"]) for r in rows} == listed
        lines = [json.loads(x) for x in export_text(s, "jsonl").splitlines()]
        assert {x["event_id"]: x["global_event_id"] for x in lines} == listed
        export(s, tmp_path / "e.parquet", "parquet")
        back = pq.read_table(tmp_path / "e.parquet").to_pylist()
        assert {r["event_id"]: r["global_event_id"] for r in back} == listed
