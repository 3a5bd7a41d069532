"""The HTTP API's response and request bodies (pydantic), named as in the library.

Each model mirrors a library record (:class:`~tieline.store.queries.StoredEvent`,
:class:`~tieline.relations.series.PeriodStats`, ...) field for field, so a
JSON response reads like the CLI's ``--format json``.
"""
from __future__ import annotations

import datetime as dt

import dataclasses
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model, field_validator

from tieline.store import api as store_api
from tieline.store import queries


class Model(BaseModel):
    model_config = ConfigDict(frozen=True, from_attributes=True)


class ErrorResponse(Model):
    message: str
    suggestions: list[str] = []


#: Stored timestamps are UTC without an offset (as the CLI prints them); JSON Schema's
#: ``date-time`` would demand an offset, so they are declared as plain strings.
UtcTimestamp = Annotated[dt.datetime, WithJsonSchema(
    {"type": "string", "description": "ISO 8601 timestamp, UTC, without an offset"})]
_SWAPS = {dt.datetime | None: UtcTimestamp | None, dt.datetime: UtcTimestamp}


def _mirror(record: type, name: str, doc: str) -> Any:
    """A response model with the fields (names, types, defaults) of a library
    dataclass, so the API cannot drift from the records the CLI prints."""
    hints = typing.get_type_hints(record)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(record):
        default = ... if f.default is dataclasses.MISSING else f.default
        fields[f.name] = (_SWAPS.get(hints[f.name], hints[f.name]), default)
    return create_model(name, __base__=Model, __doc__=doc, **fields)


StoredEvent = _mirror(queries.StoredEvent, "StoredEvent",
                      "One happening: the representative mention's coding plus counts.")
MentionEvidence = _mirror(store_api.MentionEvidence, "MentionEvidence",
                          "One report of a happening; spans are [start, end) into `sentence` "
                          "(the stored sentence trimmed of page noise), null when not found.")


class EventPage(Model):
    total: int = Field(description="happenings matching the filters")
    offset: int
    limit: int | None
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


class EventEvidence(Model):
    event: StoredEvent
    mentions: list[MentionEvidence]


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
    modes: list[str] | Literal["all"] = Field(description="the modes counted")
    precision: str
    since: dt.date | None
    until: dt.date | None
    periods: list[Period]

    @field_validator("modes", mode="before")
    @classmethod
    def _every_mode(cls, value: object) -> object:
        return "all" if value is None else value  # the library's None means every mode


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


class ActorCode(Model):
    code: str
    name: str
    kind: str = Field(description="country, organization or role")
    cameo: str | None = Field(description="an organisation's CAMEO code")
    events: int | None = Field(description="stored happenings with this actor (country or "
                                           "organisation) on either side")


class Actors(Model):
    total: int = Field(description="codes matching q")
    actors: list[ActorCode]


class CodebookEntry(Model):
    code: str
    root: str
    description: str
    quad_class: int
    goldstein: float
    plover: str | None


class Codes(Model):
    total: int
    codes: list[CodebookEntry]


class TextSpans(Model):
    """``[start, end)`` offsets into the article's ``text`` (null: not found, or no text)."""

    sentence: tuple[int, int] | None
    trigger: tuple[int, int] | None
    source: tuple[int, int] | None
    target: tuple[int, int] | None


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
    text_spans: TextSpans = Field(description="the sentence, trigger and actor spans in the "
                                              "article's text")


class ArticleView(Model):
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    text: str | None = Field(description="the cleaned text every span points into (null "
                                         "for articles stored before the store kept it)")
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
