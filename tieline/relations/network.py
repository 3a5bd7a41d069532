"""Who deals with whom: country-pair edges and located events, for the network and map.

:func:`network` gives, for a period and an event family, one edge per pair
of countries (undirected: the pair in alphabetical order) with the number of
happenings, their mentions, quad-class counts and mean Goldstein score, and
one node per country with its total.  :func:`places` groups located events by
their coordinates, with the most reported events at each point.

Filters are those of :func:`tieline.store.queries.event_filters` (``root``,
``modes`` -- asserted events only by default --, ``since``, ``until``), so the
numbers agree with ``tieline events``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tieline.errors import InputError
from tieline.store.database import EventStore
from tieline.store.queries import event_filters

MAX_EDGES = 2000
MAX_PLACES = 2000


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    events: int
    mentions: int
    quad: tuple[int, int, int, int]
    goldstein_mean: float


@dataclass(frozen=True)
class Node:
    country: str
    events: int


@dataclass(frozen=True)
class Network:
    edges: tuple[Edge, ...]
    nodes: tuple[Node, ...]
    total_edges: int  # pairs matching, before ``limit``


def _filters(root: str | None, modes: Any, since: dt.date | None,
             until: dt.date | None) -> tuple[str, dict[str, Any]]:
    return event_filters(root=root, modes=modes, since=since, until=until)


def network(store: EventStore, *, since: dt.date | None = None, until: dt.date | None = None,
            root: str | None = None, modes: Any = None, limit: int = 200) -> Network:
    """Country-pair edges (both sides' countries known and different), the
    ``limit`` heaviest first, and the countries they join."""
    if not 1 <= limit <= MAX_EDGES:
        raise InputError(f"limit must be between 1 and {MAX_EDGES}")
    where, params = _filters(root, modes, since, until)
    base = f"""
        WITH pairs AS (
            SELECT least(source_country, target_country) AS a,
                   greatest(source_country, target_country) AS b,
                   num_mentions, quad_class, goldstein
            FROM events
            WHERE {where} AND source_country IS NOT NULL AND target_country IS NOT NULL
                  AND source_country <> target_country
        ),
        edges AS (
            SELECT a, b, count(*) AS n, sum(num_mentions) AS mentions,
                   count(*) FILTER (WHERE quad_class = 1) AS q1,
                   count(*) FILTER (WHERE quad_class = 2) AS q2,
                   count(*) FILTER (WHERE quad_class = 3) AS q3,
                   count(*) FILTER (WHERE quad_class = 4) AS q4,
                   avg(goldstein) AS g
            FROM pairs GROUP BY a, b
        )"""
    rows = store.con.execute(base + f"""
        SELECT a, b, n, mentions, q1, q2, q3, q4, g, count(*) OVER () FROM edges
        ORDER BY n DESC, a, b LIMIT {int(limit)}""", params).fetchall()
    edges = tuple(Edge(a, b, int(n), int(m or 0), (int(q1), int(q2), int(q3), int(q4)),
                       round(float(g), 3))
                  for a, b, n, m, q1, q2, q3, q4, g, _ in rows)
    totals: dict[str, int] = {}
    for edge in edges:
        totals[edge.a] = totals.get(edge.a, 0) + edge.events
        totals[edge.b] = totals.get(edge.b, 0) + edge.events
    nodes = tuple(Node(c, n) for c, n in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
    return Network(edges, nodes, int(rows[0][-1]) if rows else 0)


@dataclass(frozen=True)
class PlaceEvent:
    event_id: int
    date: dt.date | None
    source_name: str | None
    target_name: str | None
    cameo: str
    mode: str
    goldstein: float
    num_mentions: int
    sentence: str


@dataclass(frozen=True)
class Place:
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    goldstein_mean: float
    top: tuple[PlaceEvent, ...]


def places(store: EventStore, *, since: dt.date | None = None, until: dt.date | None = None,
           root: str | None = None, modes: Any = None, limit: int = 500,
           top: int = 10) -> tuple[Place, ...]:
    """Located happenings grouped by place (the ``limit`` busiest), each with
    its ``top`` most reported events."""
    if not 1 <= limit <= MAX_PLACES:
        raise InputError(f"limit must be between 1 and {MAX_PLACES}")
    if not 0 <= top <= 50:
        raise InputError("top must be between 0 and 50")
    where, params = _filters(root, modes, since, until)
    base = f"""
        WITH located AS (
            SELECT * FROM events
            WHERE {where} AND location_lat IS NOT NULL AND location_lon IS NOT NULL
        ),
        spots AS (
            SELECT location_lat AS lat, location_lon AS lon, any_value(location_name) AS name,
                   any_value(location_country) AS country, count(*) AS n, avg(goldstein) AS g
            FROM located GROUP BY location_lat, location_lon
            ORDER BY n DESC, lat, lon LIMIT {int(limit)}
        )"""
    spots = store.con.execute(base + " SELECT lat, lon, name, country, n, g FROM spots "
                              "ORDER BY n DESC, lat, lon", params).fetchall()
    tops: dict[tuple[float, float], list[PlaceEvent]] = {}
    if top and spots:
        rows = store.con.execute(base + f"""
            SELECT l.location_lat, l.location_lon, event_id, event_date, source_name,
                   target_name, cameo, mode, goldstein, num_mentions, sentence
            FROM located l SEMI JOIN spots s ON l.location_lat = s.lat AND l.location_lon = s.lon
            QUALIFY row_number() OVER (PARTITION BY l.location_lat, l.location_lon
                    ORDER BY num_mentions DESC, event_date DESC NULLS LAST, event_id) <= {int(top)}
            ORDER BY num_mentions DESC, event_date DESC NULLS LAST, event_id""",
                                 params).fetchall()
        for lat, lon, *fields in rows:
            tops.setdefault((lat, lon), []).append(PlaceEvent(*fields))
    return tuple(Place(name, country, float(lat), float(lon), int(n), round(float(g), 3),
                       tuple(tops.get((lat, lon), ())))
                 for lat, lon, name, country, n, g in spots)
