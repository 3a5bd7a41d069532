"""The GDELT 2.0 export: the event table (61 columns) and the mentions table (16).

Existing GDELT tooling reads the files unchanged: tab-separated, no header
(unless asked), the columns in GDELT 2.0 order, GDELT's conventions:

* ``GLOBALEVENTID`` is a 63-bit hash of the happening's key (its cluster key,
  place country, best date rank and the earliest date at that rank; see
  :func:`happening_key`), so it is the same across runs and across stores
  built from the same articles in any order -- never tieline's row number;
* actor codes and ``Actor*CountryCode`` are CAMEO/ISO alpha-3;
  ``Actor*KnownGroupCode`` is the CAMEO three-letter group code (``NAT``,
  ``UNO``, ``EEC``) of an organisation; ``Actor*Type1Code`` the role
  (``GOV``, ``MIL``, ``IGO``);
* places use FIPS 10-4 country codes (``ActionGeo_CountryCode`` and the first
  two letters of ``ActionGeo_ADM1Code``, followed by the GeoNames admin1 code
  when the gazetteer gives one); ``ActionGeo_Type`` is 1 only for a place
  that is a country, 2/5 for a (US) first-order region, 3/4 for a (US) city
  or any other place; ``ActionGeo_FeatureID`` is the GeoNames id (the FIPS
  code for a country, as GDELT does);
* ``SOURCEURL`` is the representative article's URL (its id when it has none).

Columns with no tieline counterpart stay empty: ethnic, religion and the
second and third type codes, ``AvgTone``, ``ADM2Code`` and the actors'
own geography (``Actor*Geo_Type`` 0).  ``IsRootEvent`` is 1 when a mention is
in an article's first three sentences.

The mentions table has one row per mention: ``EventTimeDate`` (the event's
``DATEADDED``), ``MentionTimeDate`` (when the mention was stored),
``MentionType`` 1 (web), ``MentionSourceName`` (the outlet),
``MentionIdentifier`` (the URL, else the article id), ``SentenceID``
(1-based), character offsets of both actors and the trigger in the article
(-1 when unknown), ``InRawText`` 1, ``Confidence`` (0--100) and
``MentionDocLen``; tone and translation fields stay empty.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
from typing import IO, Any

from tieline.store.queries import row_dicts

GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{i}{c}" for i in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)

GDELT_MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras",
)

#: The part of an ``Actor*Code`` that is an actor type (GDELT's Type1Code) when no role is set.
_TYPE_PREFIXES = frozenset({"IGO", "NGO", "MNC"})

_KEYS_SQL = """
WITH e AS (SELECT * FROM events WHERE {where}),
best AS (
    SELECT m.event_id, min(m.eff_rank) AS r FROM mentions m SEMI JOIN e ON m.event_id = e.event_id
    GROUP BY m.event_id
),
k AS (
    SELECT m.event_id, b.r AS key_rank, min(m.eff_date) AS key_date,
           min(m.article_id) AS key_article
    FROM mentions m JOIN best b ON m.event_id = b.event_id AND m.eff_rank = b.r
    GROUP BY m.event_id, b.r
)
"""

_EVENTS_SQL = _KEYS_SQL + "SELECT e.*, k.* EXCLUDE (event_id) FROM e JOIN k USING (event_id) " \
                          "ORDER BY e.event_id"

_MENTIONS_SQL = _KEYS_SQL + """
SELECT m.* EXCLUDE (cluster_key), e.cluster_key, e.location_country AS event_country, e.added_at AS event_added_at,
       k.key_rank, k.key_date, k.key_article, a.n_chars
FROM mentions m JOIN e ON m.event_id = e.event_id JOIN k ON k.event_id = m.event_id
LEFT JOIN articles a ON a.article_id = m.article_id
ORDER BY m.event_id, m.mention_id
"""


def happening_key(cluster_key: str, country: str | None, rank: int, date: dt.date | None,
                  article_id: str | None = None) -> str:
    """What identifies a happening independently of ingest order: its cluster
    key, place country, the best date rank of its mentions and the earliest
    date at that rank (for an event with no date at all, its first article)."""
    parts = [cluster_key, country or "", str(rank), date.isoformat() if date else ""]
    if date is None:
        parts.append(article_id or "")
    return "|".join(parts)


def global_event_id(key: str) -> int:
    """A positive 63-bit integer from ``key`` (the first 8 bytes of its SHA-256)."""
    value = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") >> 1
    return value or 1


def _row_id(row: dict[str, Any], country_field: str = "location_country") -> int:
    return global_event_id(happening_key(row["cluster_key"], row[country_field],
                                         int(row["key_rank"]), row["key_date"],
                                         row["key_article"]))


@functools.lru_cache(maxsize=1)
def _group_codes() -> dict[str, str]:
    """Organisation id -> CAMEO known-group code (the last three letters of its CAMEO code)."""
    from tieline.actors.kb import load_knowledge_base

    return {o.id: o.cameo[-3:] for o in load_knowledge_base().organizations
            if o.cameo and len(o.cameo) >= 6}


def _clean(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def _stamp(value: dt.datetime | None) -> str:
    return value.strftime("%Y%m%d%H%M%S") if value else ""


def _actor(row: dict[str, Any], prefix: str) -> list[str]:
    code, org, role = row[f"{prefix}_code"], row[f"{prefix}_org"], row[f"{prefix}_role"]
    name = row[f"{prefix}_name"]
    group = _group_codes().get(org, "") if org else ""
    type1 = role or (code[:3] if code and code[:3] in _TYPE_PREFIXES else "")
    return [_clean(code), _clean(name.upper() if name else None),
            _clean(row[f"{prefix}_country"]), group, "", "", "", _clean(type1), "", ""]


def geo_type(feature: str | None, country: str | None, has_place: bool) -> str:
    """GDELT's ``Geo_Type``: 1 country, 2 US state, 3 US city, 4 world city, 5 world
    state; 0 without a place.  Only a place that is a country is type 1."""
    if not has_place:
        return "0"
    us = country == "USA"
    if feature == "country":
        return "1"
    if feature == "admin1":
        return "2" if us else "5"
    return "3" if us else "4"


def _action_geo(row: dict[str, Any]) -> list[str]:
    from tieline.reference.fips import iso3_to_fips

    name, country = row["location_name"], row["location_country"]
    has_place = name is not None or country is not None
    if not has_place:
        return ["0", "", "", "", "", "", "", ""]
    feature, admin1 = row.get("location_feature"), row.get("location_admin1")
    fips = iso3_to_fips(country) or ""
    adm1 = f"{fips}{admin1}" if fips and admin1 and feature != "country" else fips
    feature_id = row.get("location_geonames_id")
    if feature == "country" and fips:
        feature_id = fips
    return [geo_type(feature, country, True), _clean(name or country), fips, adm1, "",
            _num(row["location_lat"]), _num(row["location_lon"]), _clean(feature_id)]


def gdelt_event_row(row: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 event-table line from a row of the events query, read by name."""
    date = row["event_date"]
    if date is not None:
        dates = [date.strftime("%Y%m%d"), date.strftime("%Y%m"), str(date.year),
                 f"{date.year + (date.month * 30 + date.day) / 365:.4f}"]
    else:
        dates = ["", "", "", ""]
    cameo = row["cameo"]
    no_geo = ["0", "", "", "", "", "", "", ""]
    return [
        str(_row_id(row)), *dates, *_actor(row, "source"), *_actor(row, "target"),
        "1" if row["min_sentence_index"] <= 2 else "0", _clean(cameo), _clean(cameo[:3]),
        _clean(row["root"]), str(row["quad_class"]), _num(row["goldstein"]),
        str(row["num_mentions"]), str(row["num_sources"]), str(row["num_articles"]), "",
        *no_geo, *no_geo, *_action_geo(row),
        _stamp(row["added_at"]), _clean(row["url"] or row["rep_article_id"]),
    ]


def _offset(row: dict[str, Any], text: str | None) -> str:
    if not text:
        return "-1"
    at = (row["sentence"] or "").find(text)
    return str(row["span_start"] + at) if at >= 0 else "-1"


def gdelt_mention_row(row: dict[str, Any]) -> list[str]:
    """One GDELT 2.0 mentions-table line from a row of the mentions query."""
    if row.get("trigger_start") is not None:
        action = str(row["trigger_start"])
    else:
        action = _offset(row, row["trigger"])
    return [
        str(_row_id(row, "event_country")), _stamp(row["event_added_at"]),
        _stamp(row["added_at"]), "1", _clean(row["outlet"]),
        _clean(row["url"] or row["article_id"]), str(row["sentence_index"] + 1),
        _offset(row, row["source_text"]), _offset(row, row["target_text"]), action, "1",
        str(max(0, min(100, round(100 * float(row["confidence"]))))),
        "" if row["n_chars"] is None else str(row["n_chars"]), "", "", "",
    ]


def export_gdelt(con: Any, handle: IO[str], where: str, params: dict[str, Any], *,
                 header: bool, table: str = "events", batch: int = 10_000) -> int:
    """Write the GDELT events (or mentions) table to ``handle``; returns the rows."""
    sql, columns, render = ((_EVENTS_SQL, GDELT_COLUMNS, gdelt_event_row) if table == "events"
                            else (_MENTIONS_SQL, GDELT_MENTION_COLUMNS, gdelt_mention_row))
    cursor = con.execute(sql.format(where=where), params)
    if header:
        handle.write("\t".join(columns) + "\n")
    n = 0
    while True:
        rows = cursor.fetchmany(batch)
        if not rows:
            return n
        handle.write("".join("\t".join(render(r)) + "\n" for r in row_dicts(cursor, rows)))
        n += len(rows)
