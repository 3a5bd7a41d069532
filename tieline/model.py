"""The typed, frozen records that flow between pipeline stages.

Every stage takes a :class:`Document` and returns a new one
(``dataclasses.replace``); nothing here is mutated after construction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Mode = Literal["asserted", "planned", "hypothetical", "negated", "question"]
MODES: tuple[str, ...] = ("asserted", "planned", "hypothetical", "negated", "question")
Precision = Literal["day", "week", "month", "year", "published"]


@dataclass(frozen=True)
class Article:
    """One news article as read from input, before or after cleaning.

    ``text`` is the body text (after the ``clean`` stage: the cleaned text that
    all character offsets refer to).  ``title`` is kept separately and is also
    the first line of ``text`` when the input carried it there.
    """

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    origin: str | None = None  # file path / feed / WARC record it came from
    removed: tuple[str, ...] = ()  # page-furniture lines removed by ``clean``


@dataclass(frozen=True)
class Rejection:
    """An input that was skipped, and why.  Reason codes are upper-case words
    (``EMPTY``, ``BINARY``, ``ENCODING``, ``NOT_ENGLISH``, ``TOO_LARGE``,
    ``MALFORMED``, ``NO_TEXT``, ``UNSUPPORTED``, ``MISSING``, and ``INTERNAL``
    when a pipeline stage raised on the article: the detail names the stage and
    the error)."""

    reason: str
    detail: str
    origin: str | None = None
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Actor:
    """A coded actor: who an actor mention stands for."""

    text: str  # the words in the article
    name: str  # canonical name
    country: str | None = None  # ISO 3166-1 alpha-3 (XKX for Kosovo)
    org: str | None = None  # international organisation id (UN, EU, NATO, ...)
    role: str | None = None  # GOV, MIL, LEG, JUD, POL, OPP, REB, CVL, BUS, MED, REL, IGO, COP ...
    code: str = ""  # CAMEO-style actor code, e.g. RUSGOV, IGOUNO

    @property
    def key(self) -> str | None:
        """The evaluation key: the country, else the organisation."""
        return self.country or self.org

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "org": self.org, "role": self.role, "code": self.code}


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is referred to."""

    start: int  # character offsets into the cleaned article text
    end: int
    sentence_index: int
    actor: Actor
    kind: str = "name"  # name | title | metonym | adjective | pronoun | description | surname
    head: int = -1  # token index (in the spaCy doc) of the mention's head


@dataclass(frozen=True)
class Location:
    """Where an event took place, resolved in the gazetteer (``tieline/where``).

    ``feature`` says what the place is: ``country`` only when the name is a
    country, ``admin1`` a first-order region (state, province, oblast),
    ``city`` a populated place, ``place`` anything else (a sea, a venue, an
    unresolved name).  ``lat``/``lon`` are GeoNames' and absent where the
    gazetteer has none (countries and regions are areas)."""

    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # GeoNames admin1 code ("TX", "05")
    feature: str = "place"  # country | admin1 | city | place
    geonames_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Event:
    """One coded event with its evidence."""

    article_id: str
    sentence: str
    sentence_index: int
    span: tuple[int, int]  # [start, end) into the cleaned article text
    source: Actor
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    mode: str
    trigger: str = ""
    date: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    location: Location | None = None
    attributed_to: str | None = None
    quote: str | None = None
    confidence: float = 0.5
    symmetric: bool = False  # direction does not matter (met, held talks, clashed); actors in text order
    trigger_span: tuple[int, int] | None = None  # [start, end) of the trigger word in the cleaned text
    inferred: bool = False  # the target is implied by the article, not named in the clause

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "sentence": self.sentence,
            "sentence_index": self.sentence_index,
            "span": list(self.span),
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "root": self.root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": self.plover,
            "mode": self.mode,
            "trigger": self.trigger,
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "attributed_to": self.attributed_to,
            "quote": self.quote,
            "confidence": round(self.confidence, 3),
            "symmetric": self.symmetric,
            "trigger_span": list(self.trigger_span) if self.trigger_span else None,
            "inferred": self.inferred,
        }


@dataclass(frozen=True)
class Document:
    """What a pipeline stage receives and returns."""

    article: Article
    doc: Any = None  # the spaCy Doc, once parsed
    mentions: tuple[Mention, ...] = ()
    # sentences (indices into doc.sents) a discard phrase marks as not to code: sports, business
    # (tieline/actors/discards.py); every sentence when a phrase marks the whole story
    discarded: tuple[int, ...] = ()
    events: tuple[Event, ...] = ()
    rejection: Rejection | None = None
    provided: frozenset[str] = field(default_factory=frozenset)
