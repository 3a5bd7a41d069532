"""One event per happening: clustering mentions into events.

The rule
--------
Every mention (one coded event in one article) gets a **cluster key**::

    source key | target key | CAMEO root | mode

where an actor's key is its country (ISO alpha-3), else its organisation,
else its CAMEO code, else its lower-cased name, and a missing target is
empty.  Roles are deliberately *not* part of the key: "Russia", "the Kremlin"
and "Russian troops" are the same side of a happening.  For the families
whose actions are usually mutual -- consult (``04``: meet, visit, host,
negotiate), diplomatic cooperation (``05``: sign an agreement, ...) and
material cooperation (``06``: joint exercises, trade, ...) -- the two actor
keys are sorted, because "A visited B" and "B hosted A", or "A signed a deal
with B" and "B and A signed a deal", are one happening.  Conflict families
keep their direction: who attacked whom matters.

Each mention also gets an **effective date** and a precision rank:

====  ==========  ======================================  =========
rank  name        effective date                          tolerance
====  ==========  ======================================  =========
0     day         the event date (precision day/unknown)  ±1 day
1     week        the event date (precision week)         ±3 days
2     month       the event date (precision month)        same month
3     published   no usable date: the article's date      ±2 days *
4     (none)      no event date and no publication date   same article *
====  ==========  ======================================  =========

(* or any event of the same key already reported by the same article.)
Year-precision dates are too coarse to tell happenings apart and are treated
as undated (rank 3, the publication window).

A mention joins an event (a cluster) of the same key when

* their places agree: the location countries are equal whenever both are
  known (an event holds at most one known country);
* their dates agree with the event's **anchor** -- the member with the best
  rank, ties to the earliest date, then the earliest mention -- : if either is month-precision, same
  calendar month; otherwise ``|d_mention - d_anchor| <= max(tol_mention,
  tol_anchor)``;
* an undated mention (rank 3 or 4) always joins an event that already holds
  a mention of the same key from its own article ("gunmen kidnapped 20
  villagers on Sunday ... the abduction ..."); a mention with no date at all
  (rank 4), or an event anchored by one, joins nothing else.

Among several compatible events the nearest anchor wins, then the lowest
event id; if none is compatible the mention starts a new event.  Mentions
are processed best rank first, then in mention-id order.  The representative
coding of an event (actors, code, sentence) is its most confident mention, ties
to the best rank, earliest date and then the first article id, so it does not
depend on the order the articles were ingested in.

Incremental maintenance
-----------------------
New mentions are matched against stored events of the same keys (loaded per
batch: those whose anchor a mention of the batch could join, within the
largest tolerance of its date or in its month) and against events formed
earlier in the same batch.  When an article is replaced or deleted, the events that
held its mentions are dissolved and their remaining mentions are re-clustered
with the batch (the first new cluster of a dissolved event keeps its id).
Every touched event's summary row is then recomputed in SQL from its
mentions, so counts are always exact.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tieline.model import Actor, Event

logger = logging.getLogger(__name__)

RANK_DAY, RANK_WEEK, RANK_MONTH, RANK_PUBLISHED, RANK_NONE = 0, 1, 2, 3, 4
RANK_NAMES: dict[int, str | None] = {0: "day", 1: "week", 2: "month", 3: "published", 4: None}
TOLERANCE_DAYS: dict[int, int] = {RANK_DAY: 1, RANK_WEEK: 3, RANK_PUBLISHED: 2}
SYMMETRIC_ROOTS: frozenset[str] = frozenset({"04", "05", "06"})
MAX_TOLERANCE_DAYS = max(TOLERANCE_DAYS.values())


def actor_cluster_key(actor: Actor | None) -> str:
    """The part of the cluster key that stands for one actor."""
    if actor is None:
        return ""
    if actor.key:
        return actor.key
    if actor.code:
        return actor.code
    return "~" + " ".join(actor.name.casefold().split())


def event_root(event: Event) -> str:
    return event.root or event.cameo[:2]


EARLIEST_DATE = dt.date(1800, 1, 1)


def latest_date() -> dt.date:
    """The last date a store accepts: a year from today."""
    return dt.date.today() + dt.timedelta(days=366)


def sane_date(day: dt.date | None, what: str = "date", *, warn: bool = True,
              warnings: list[str] | None = None) -> dt.date | None:
    """``day`` if it lies between 1800-01-01 and a year from today, else None
    (with a warning naming ``what``, logged, or appended to ``warnings`` for
    the caller to log later): such dates are typos or placeholders
    (0001-01-01, 9999-12-31), and no date is better than a wrong one."""
    if day is None or EARLIEST_DATE <= day <= latest_date():
        return day
    if warn:
        message = (f"{what} {day.isoformat()} is outside {EARLIEST_DATE.isoformat()}.."
                   f"{latest_date().isoformat()}: stored without a date")
        if warnings is None:
            logger.warning("%s", message)
        else:
            warnings.append(message)
    return None


def cluster_key(event: Event) -> str:
    """``source|target|root|mode``; the actor pair sorted for the consult family
    and for symmetric events (direction does not tell happenings apart)."""
    root = event_root(event)
    source, target = actor_cluster_key(event.source), actor_cluster_key(event.target)
    if target and target < source and (root in SYMMETRIC_ROOTS or event.symmetric):
        source, target = target, source
    return f"{source}|{target}|{root}|{event.mode}"


def effective_date(event: Event, published: dt.date | None) -> tuple[dt.date | None, int]:
    """The date a mention is clustered on and its rank (see the module docs).

    An event dated ``published`` (the coder's estimate: the article's date)
    ranks as an undated one."""
    precision = (event.date_precision or "day").lower()
    if event.date is not None and precision != "year":
        rank = {"day": RANK_DAY, "week": RANK_WEEK, "month": RANK_MONTH,
                "published": RANK_PUBLISHED}.get(precision, RANK_DAY)
        return event.date, rank
    if published is not None:
        return published, RANK_PUBLISHED
    return None, RANK_NONE


@dataclass(frozen=True)
class PendingMention:
    """What the clustering needs to know about a mention waiting for an event."""

    mention_id: int
    cluster_key: str
    eff_date: dt.date | None
    eff_rank: int
    location_country: str | None
    article_id: str
    old_event_id: int | None = None  # set for mentions of a dissolved event


@dataclass(frozen=True)
class Assignment:
    event_of: dict[int, int]  # mention_id -> event_id
    touched: frozenset[int]  # events whose summary must be recomputed
    created: int  # events started with a fresh id
    next_event_id: int


def _anchor_order(rank: int, date: dt.date | None, mention_id: int) -> tuple[int, int, int]:
    """How anchors are chosen: best rank, then earliest date, then earliest mention
    (so the anchor does not depend on the order articles were ingested in)."""
    return (rank, date.toordinal() if date is not None else 10 ** 7, mention_id)


class _Cluster:
    """Working state of one event during a batch (not persisted)."""

    __slots__ = ("event_id", "anchor_date", "anchor_rank", "anchor_mid", "country", "articles")

    def __init__(self, event_id: int, anchor_date: dt.date | None, anchor_rank: int,
                 anchor_mid: int, country: str | None) -> None:
        self.event_id = event_id
        self.anchor_date = anchor_date
        self.anchor_rank = anchor_rank
        self.anchor_mid = anchor_mid
        self.country = country
        self.articles: set[str] = set()

    def distance(self, m: PendingMention) -> int | None:
        """Days between the mention and the anchor, or None if they cannot be one happening."""
        if m.location_country and self.country and m.location_country != self.country:
            return None
        if m.eff_date is None or self.anchor_date is None:
            return 0 if m.article_id in self.articles else None
        days = abs((m.eff_date - self.anchor_date).days)
        if m.eff_rank >= RANK_PUBLISHED and m.article_id in self.articles:
            return days  # an undated report of a happening its own article dates
        if RANK_MONTH in (m.eff_rank, self.anchor_rank):
            same = (m.eff_date.year, m.eff_date.month) == (self.anchor_date.year,
                                                           self.anchor_date.month)
            return days if same else None
        limit = max(TOLERANCE_DAYS[m.eff_rank], TOLERANCE_DAYS[self.anchor_rank])
        return days if days <= limit else None

    def add(self, m: PendingMention) -> None:
        if _anchor_order(m.eff_rank, m.eff_date, m.mention_id) < \
                _anchor_order(self.anchor_rank, self.anchor_date, self.anchor_mid):
            self.anchor_date, self.anchor_rank = m.eff_date, m.eff_rank
            self.anchor_mid = m.mention_id
        if self.country is None and m.location_country:
            self.country = m.location_country
        self.articles.add(m.article_id)


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, stopping at the ends of the calendar."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _month_span(lo: dt.date, hi: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of ``lo``'s month and the last of ``hi``'s."""
    if hi.month < 12:
        last = dt.date(hi.year, hi.month + 1, 1) - dt.timedelta(days=1)
    else:
        last = dt.date(hi.year, 12, 31)
    return lo.replace(day=1), last


def _load_candidates(con: Any, pending: Sequence[PendingMention]) -> dict[str, list[_Cluster]]:
    """Stored events of the pending keys that a pending mention could join
    (:meth:`_Cluster.distance` of a stored event: its anchor within the
    largest tolerance, ``MAX_TOLERANCE_DAYS``, of a pending date, or in the
    same calendar month when the anchor or a pending mention has month
    precision)."""
    import pyarrow as pa

    windows: dict[str, tuple[dt.date, dt.date, bool]] = {}
    for m in pending:
        if m.eff_date is None:
            continue
        lo, hi, month = windows.get(m.cluster_key, (m.eff_date, m.eff_date, False))
        windows[m.cluster_key] = (min(lo, m.eff_date), max(hi, m.eff_date),
                                  month or m.eff_rank == RANK_MONTH)
    clusters: dict[str, list[_Cluster]] = {}
    if not windows:
        return clusters
    keys = list(windows)
    spans = [_month_span(windows[k][0], windows[k][1]) for k in keys]
    table = pa.table({
        "cluster_key": pa.array(keys, pa.string()),
        "lo": pa.array([_shift(windows[k][0], -MAX_TOLERANCE_DAYS) for k in keys], pa.date32()),
        "hi": pa.array([_shift(windows[k][1], MAX_TOLERANCE_DAYS) for k in keys], pa.date32()),
        "month": pa.array([windows[k][2] for k in keys], pa.bool_()),
        "mlo": pa.array([s[0] for s in spans], pa.date32()),
        "mhi": pa.array([s[1] for s in spans], pa.date32()),
    })
    bounds = {"lo": min(min(table.column(c).to_pylist()) for c in ("lo", "mlo")),
              "hi": max(max(table.column(c).to_pylist()) for c in ("hi", "mhi"))}
    con.register("_tl_windows", table)
    try:
        rows = con.execute(f"""
            SELECT e.cluster_key, e.event_id, e.event_date, e.anchor_rank, e.anchor_mention_id,
                   e.location_country
            FROM events e JOIN _tl_windows w
              ON e.cluster_key = w.cluster_key
             AND (e.event_date BETWEEN w.lo AND w.hi
                  OR ((w.month OR e.anchor_rank = {RANK_MONTH})
                      AND e.event_date BETWEEN w.mlo AND w.mhi))
            WHERE e.event_date BETWEEN $lo AND $hi  -- implied; lets DuckDB skip row groups
            ORDER BY e.event_id
        """, bounds).fetchall()
    finally:
        con.unregister("_tl_windows")
    for key, event_id, date, rank, mid, country in rows:
        clusters.setdefault(key, []).append(_Cluster(event_id, date, rank, mid, country))
    return clusters


def assign_events(con: Any, pending: Iterable[PendingMention], *, next_event_id: int,
                  freed: Iterable[int] = ()) -> Assignment:
    """Put every pending mention into an event (stored, formed in this batch, or new)."""
    ordered = sorted(pending, key=lambda m: (m.eff_rank, m.mention_id))
    by_key = _load_candidates(con, ordered)
    reusable = set(freed)
    event_of: dict[int, int] = {}
    touched: set[int] = set()
    created = 0
    for m in ordered:
        best: tuple[int, int, _Cluster] | None = None
        for cluster in by_key.get(m.cluster_key, ()):
            distance = cluster.distance(m)
            if distance is not None and (best is None or (distance, cluster.event_id) < best[:2]):
                best = (distance, cluster.event_id, cluster)
        if best is None:
            if m.old_event_id is not None and m.old_event_id in reusable:
                event_id = m.old_event_id
                reusable.discard(event_id)
            else:
                event_id = next_event_id
                next_event_id += 1
                created += 1
            cluster = _Cluster(event_id, m.eff_date, m.eff_rank, m.mention_id, m.location_country)
            by_key.setdefault(m.cluster_key, []).append(cluster)
        else:
            cluster = best[2]
        cluster.add(m)
        event_of[m.mention_id] = cluster.event_id
        touched.add(cluster.event_id)
    return Assignment(event_of, frozenset(touched), created, next_event_id)


_REFRESH_SQL = """
INSERT INTO events BY NAME
WITH m AS (
    SELECT m.* FROM mentions m SEMI JOIN _tl_touched t ON m.event_id = t.event_id
    WHERE m.event_id BETWEEN $lo AND $hi  -- implied; lets DuckDB skip row groups
),
agg AS (
    SELECT event_id,
           any_value(cluster_key) AS cluster_key,
           count(*) AS num_mentions,
           count(DISTINCT article_id) AS num_articles,
           count(DISTINCT coalesce(outlet, '#' || article_id)) AS num_sources,
           min(published) AS first_seen,
           max(published) AS last_seen,
           min(added_at) AS added_at,
           min(eff_date) AS date_lo,
           max(eff_date) AS date_hi,
           min(sentence_index) AS min_sentence_index
    FROM m GROUP BY event_id
),
anchor AS (
    SELECT event_id, mention_id AS anchor_mention_id, eff_date AS event_date,
           eff_rank AS anchor_rank
    FROM m
    QUALIFY row_number() OVER (PARTITION BY event_id
                               ORDER BY eff_rank, eff_date NULLS LAST, mention_id) = 1
),
rep AS (
    SELECT * FROM m
    QUALIFY row_number() OVER (PARTITION BY event_id
                               ORDER BY confidence DESC, eff_rank, eff_date, article_id,
                                        sentence_index, span_start, mention_id) = 1
),
loc AS (
    SELECT event_id, location_name, location_country, location_lat, location_lon,
           location_admin1, location_feature, location_geonames_id FROM m
    WHERE location_name IS NOT NULL OR location_country IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY event_id
                               ORDER BY location_country IS NULL, eff_rank, eff_date,
                                        article_id, sentence_index, mention_id) = 1
)
SELECT agg.*, anchor.anchor_mention_id, anchor.event_date, anchor.anchor_rank,
       CASE anchor.anchor_rank WHEN 0 THEN 'day' WHEN 1 THEN 'week' WHEN 2 THEN 'month'
            WHEN 3 THEN 'published' END AS date_precision,
       rep.source_key, rep.source_code, rep.source_name, rep.source_country, rep.source_org,
       rep.source_role, rep.target_key, rep.target_code, rep.target_name, rep.target_country,
       rep.target_org, rep.target_role, rep.cameo, rep.root, rep.quad_class, rep.goldstein,
       rep.plover, rep.mode, rep.mention_id AS rep_mention_id, rep.article_id AS rep_article_id,
       rep.url, rep.sentence, rep.confidence, rep."symmetric", rep.inferred,
       loc.location_name, loc.location_country, loc.location_lat, loc.location_lon,
       loc.location_admin1, loc.location_feature, loc.location_geonames_id
FROM agg JOIN anchor USING (event_id) JOIN rep USING (event_id) LEFT JOIN loc USING (event_id)
"""


def refresh_events(con: Any, event_ids: Iterable[int]) -> None:
    """Recompute the summary rows of the given events from their mentions.

    Events left without mentions disappear.  Runs inside the caller's transaction.
    """
    import pyarrow as pa

    ids = sorted(set(event_ids))
    if not ids:
        return
    con.register("_tl_touched", pa.table({"event_id": pa.array(ids, pa.int64())}))
    try:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _tl_touched)")
        con.execute(_REFRESH_SQL, {"lo": ids[0], "hi": ids[-1]})
    finally:
        con.unregister("_tl_touched")


def recluster_all(con: Any, *, chunk: int = 50_000) -> int:
    """Rebuild every event from the stored mentions (after a change of the rule).

    Runs in the caller's transaction; returns the number of events.
    """
    import pyarrow as pa

    con.execute("DELETE FROM events")
    rows = con.execute("""
        SELECT mention_id, cluster_key, eff_date, eff_rank, location_country, article_id
        FROM mentions ORDER BY cluster_key, mention_id""").fetchall()
    pending = [PendingMention(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]
    result = assign_events(con, pending, next_event_id=1)
    pairs = sorted(result.event_of.items())
    for start in range(0, len(pairs), chunk):
        part = pairs[start:start + chunk]
        con.register("_tl_assign", pa.table({
            "mention_id": pa.array([p[0] for p in part], pa.int64()),
            "event_id": pa.array([p[1] for p in part], pa.int64())}))
        try:
            con.execute("""UPDATE mentions SET event_id = a.event_id FROM _tl_assign a
                           WHERE mentions.mention_id = a.mention_id""")
        finally:
            con.unregister("_tl_assign")
    refresh_events(con, result.touched)
    return len(result.touched)
