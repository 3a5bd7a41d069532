"""Synthetic happenings for benchmarks and load tests (not for analysis).

:func:`fill_events` writes ``n`` generated rows straight into the ``events``
table through Arrow, with a skewed choice of actors (a few countries take
most of the coverage, as in real news), CAMEO codes over all twenty roots,
dates over ten years and plausible counts.  Mentions are not generated.
"""
from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from tieline.store.database import EventStore

logger = logging.getLogger(__name__)

COUNTRIES = (
    "USA RUS CHN UKR GBR FRA DEU ISR IRN IND TUR SYR PAK JPN KOR PRK SAU EGY NGA BRA MEX CAN AUS "
    "ITA ESP POL IRQ AFG ZAF KEN ETH SDN LBY YEM QAT ARE VEN COL ARG IDN PHL VNM THA MMR BGD LKA "
    "NPL KAZ UZB AZE ARM GEO BLR SRB HUN GRC ROU BGR SWE NOR FIN DNK NLD BEL AUT CHE PRT IRL CZE "
    "SVK HRV BIH ALB MKD MDA LTU LVA EST CUB HTI PER CHL BOL ECU MAR DZA TUN MLI NER TCD SOM COD "
    "UGA RWA TZA ZWE MOZ AGO GHA CIV SEN CMR").split()
ROLES = (None, "GOV", "MIL", "OPP", "REB", "CVL", "BUS", "MED")
QUAD_OF_ROOT = (0, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4)  # GDELT
GOLDSTEIN_OF_ROOT = (0, 0.0, -0.1, 4.0, 1.0, 3.5, 6.0, 7.0, 5.0, -2.0, -5.0, -2.0, -4.0, -6.0,
                     -6.5, -7.2, -5.0, -7.0, -9.0, -10.0, -10.0)


def fill_events(store: EventStore, n: int, *, seed: int = 0, start: dt.date = dt.date(2015, 1, 1),
                days: int = 3650, chunk: int = 250_000, first_id: int | None = None) -> int:
    """Append ``n`` synthetic events; returns the id after the last one written."""
    import numpy as np
    import pyarrow as pa

    store.require_writable()
    con = store.con
    if first_id is None:
        first_id = int(con.execute("SELECT coalesce(max(event_id), 0) + 1 FROM events"
                                   ).fetchall()[0][0])
    rng = np.random.default_rng(seed)
    countries = np.array(COUNTRIES)
    weights = 1.0 / np.arange(1, len(countries) + 1) ** 1.1
    weights /= weights.sum()
    roles = np.array([r or "" for r in ROLES])
    quad_of = np.array(QUAD_OF_ROOT, dtype=np.int8)
    gold_of = np.array(GOLDSTEIN_OF_ROOT)
    next_id = first_id
    written = 0
    while written < n:
        size = min(chunk, n - written)
        src = countries[rng.choice(len(countries), size, p=weights)]
        tgt = countries[rng.choice(len(countries), size, p=weights)]
        src_role = roles[rng.integers(0, len(roles), size)]
        tgt_role = roles[rng.integers(0, len(roles), size)]
        root = rng.integers(1, 21, size)
        sub = rng.integers(0, 5, size)
        cameo = np.char.add(np.char.zfill(root.astype(str), 2), sub.astype(str))
        day = rng.integers(0, days, size)
        dates = np.datetime64(start) + day.astype("timedelta64[D]")
        mentions = 1 + rng.geometric(0.35, size) - 1
        articles = np.minimum(mentions, 1 + rng.geometric(0.5, size) - 1)
        sources = np.minimum(articles, 1 + rng.geometric(0.6, size) - 1)
        ids = np.arange(next_id, next_id + size, dtype=np.int64)
        src_code = np.char.add(src, src_role)
        tgt_code = np.char.add(tgt, tgt_role)
        date_arr = pa.array(dates.astype("datetime64[D]"), pa.date32())
        now = dt.datetime(2025, 1, 1)
        table = pa.table({
            "event_id": ids,
            "cluster_key": pa.array(np.char.add(np.char.add(src, "|"), tgt)),
            "event_date": date_arr, "date_precision": pa.array(["day"] * size),
            "anchor_rank": pa.array(np.zeros(size, dtype=np.int8)),
            "anchor_mention_id": ids, "date_lo": date_arr, "date_hi": date_arr,
            "source_key": pa.array(src), "source_code": pa.array(src_code),
            "source_name": pa.array(src), "target_key": pa.array(tgt),
            "target_code": pa.array(tgt_code), "target_name": pa.array(tgt),
            "cameo": pa.array(cameo), "root": pa.array(np.char.zfill(root.astype(str), 2)),
            "quad_class": pa.array(quad_of[root]), "goldstein": pa.array(gold_of[root]),
            "mode": pa.array(["asserted"] * size),
            "num_mentions": pa.array(mentions.astype(np.int32)),
            "num_articles": pa.array(articles.astype(np.int32)),
            "num_sources": pa.array(sources.astype(np.int32)),
            "first_seen": date_arr, "last_seen": date_arr,
            "added_at": pa.array([now] * size, pa.timestamp("us")),
            "rep_mention_id": ids,
            "rep_article_id": pa.array(np.char.add("synthetic-", ids.astype(str))),
            "sentence": pa.array(["synthetic event"] * size),
            "min_sentence_index": pa.array(np.zeros(size, dtype=np.int32)),
            "confidence": pa.array(np.full(size, 0.5)),
        })
        con.register("_tl_synthetic", table)
        try:
            con.execute("INSERT INTO events BY NAME SELECT * FROM _tl_synthetic")
        finally:
            con.unregister("_tl_synthetic")
        written += size
        next_id += size
    logger.info("generated %d synthetic events", n)
    return next_id


def describe(store: EventStore) -> dict[str, Any]:
    """Row count and date range of the events table."""
    rows = store.con.execute(
        "SELECT count(*), min(event_date), max(event_date) FROM events").fetchall()[0]
    return {"events": rows[0], "first": rows[1], "last": rows[2]}
