"""The HTTP API's response and request bodies (pydantic), named as in the library.

Each model mirrors a library record (:class:`~tieline.store.queries.StoredEvent`,
:class:`~tieline.relations.series.PeriodStats`, ...) field for field, so a
JSON response reads like the CLI's ``--format json``.
"""
from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class ErrorResponse(Model):
    message: str
    suggestions: list[str] = []


class StoredEvent(Model):
    event_id: int
    date: dt.date | None
    date_precision: str | None
    source_key: str | None
    source_code: str | None
    source_name: str | None
    target_key: str | None
    target_code: str | None
    target_name: str | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str
    location_name: str | None
    location_country: str | None
    lat: float | None
    lon: float | None
    num_mentions: int
    num_articles: int
    num_sources: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    sentence: str
    url: str | None
    article_id: str
    confidence: float


class EventPage(Model):
    total: int = Field(description="happenings matching the filters")
    limit: int
    events: list[StoredEvent]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page")


class Actor(Model):
    text: str
    name: str
    country: str | None
    org: str | None
    role: str | None
    code: str


class Location(Model):
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class Mention(Model):
    """One report of a happening: the evidence, with spans into ``sentence``."""

    mention_id: int
    event_id: int
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    sentence: str
    sentence_index: int
    span: tuple[int, int] = Field(description="[start, end) of the sentence in the article")
    trigger: str
    trigger_span: tuple[int, int] | None = Field(description="[start, end) in `sentence`")
    source: Actor | None
    source_span: tuple[int, int] | None
    target: Actor | None
    target_span: tuple[int, int] | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str
    date: dt.date | None
    date_precision: str | None
    date_text: str | None
    location: Location | None
    attributed_to: str | None
    quote: str | None
    confidence: float


class EventEvidence(Model):
    event: StoredEvent
    mentions: list[Mention]


class TopEvent(Model):
    event_id: int
    date: dt.date
    source_name: str | None
    target_name: str | None
    cameo: str
    quad_class: int
    goldstein: float
    num_mentions: int
    sentence: str


class PeriodStats(Model):
    events: int
    mentions: int
    quad: tuple[int, int, int, int]
    goldstein_sum: float
    goldstein_mean: float | None
    cci: float | None
    top: list[TopEvent]


class Period(Model):
    start: dt.date
    ab: PeriodStats
    ba: PeriodStats
    both: PeriodStats


class RelationSeries(Model):
    a: str
    b: str
    by: str
    since: dt.date | None
    until: dt.date | None
    periods: list[Period]


class Edge(Model):
    a: str
    b: str
    events: int
    mentions: int
    quad: tuple[int, int, int, int]
    goldstein_mean: float


class Node(Model):
    country: str
    name: str | None
    events: int


class Network(Model):
    nodes: list[Node]
    edges: list[Edge]
    total_edges: int


class PlaceEvent(Model):
    event_id: int
    date: dt.date | None
    source_name: str | None
    target_name: str | None
    cameo: str
    mode: str
    goldstein: float
    num_mentions: int
    sentence: str


class Place(Model):
    name: str | None
    country: str | None
    lat: float
    lon: float
    events: int
    goldstein_mean: float
    top: list[PlaceEvent]


class Places(Model):
    places: list[Place]


class ActorEntry(Model):
    code: str
    name: str
    kind: str = Field(description="country, organization or stored (an actor code in the store)")
    events: int = Field(description="stored happenings with this actor on either side")


class Actors(Model):
    actors: list[ActorEntry]


class CodeEntry(Model):
    code: str
    root: str
    description: str
    quad_class: int
    goldstein: float
    plover: str | None


class Codes(Model):
    codes: list[CodeEntry]


class ArticleEvent(Model):
    mention_id: int
    event_id: int
    sentence_index: int
    span: tuple[int, int]
    sentence: str
    trigger: str
    trigger_span: tuple[int, int] | None
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    source_code: str | None
    target_code: str | None
    cameo: str
    mode: str


class ArticleView(Model):
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    text: str | None = Field(description="the cleaned text, when the store keeps it")
    events: list[ArticleEvent]


class Stats(Model):
    articles: int
    events: int
    mentions: int
    rejections: int
    first_date: dt.date | None
    last_date: dt.date | None
    store_version: str | None = Field(description="the last schema migration applied")
    tieline_version: str


class ExtractRequest(Model):
    text: str = Field(min_length=1)
    published: dt.date | None = None
    outlet: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)


class ExtractedEvent(Model):
    sentence: str
    sentence_index: int
    span: tuple[int, int]
    trigger: str
    trigger_span: tuple[int, int] | None
    source: Actor
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str
    date: dt.date | None
    date_precision: str | None
    date_text: str | None
    location: Location | None
    attributed_to: str | None
    quote: str | None
    confidence: float


class ExtractResponse(Model):
    text: str = Field(description="the cleaned text the spans point into")
    events: list[ExtractedEvent]
    rejection: ErrorResponse | None = None
