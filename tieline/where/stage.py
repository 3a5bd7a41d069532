"""The ``place`` stage: where the text places an event ("in Samarkand", "off the
Strait of Hormuz", "in Paris, Texas").

Place mentions are the objects of locative phrases, taken as whole spaCy
entity spans (``tieline/where/resolve.py``) and resolved in the bundled
GeoNames gazetteer (``tieline/where/gazetteer.py``) in the light of the
article's countries.  An event takes the place mention inside its clause
nearest to its trigger, else none.  The gazetteer and resolver are built once
per process and kept in the pipeline's shared dict.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document, Event

SHARED_KEY = "where.resolver"


def build_resolver(kb: Any = None) -> Any:
    """The gazetteer with the actor knowledge base's country aliases ("US",
    "Britain") and, for names GeoNames lacks, the knowledge base's cities."""
    from tieline.where.gazetteer import Place, fold, load_gazetteer
    from tieline.where.resolve import Resolver

    if kb is None:
        from tieline.actors.kb import load_knowledge_base

        kb = load_knowledge_base()
    gazetteer = load_gazetteer({c.iso3: (c.name, *c.aliases) for c in kb.countries})
    fallback: dict[str, Place] = {}
    from tieline.actors.places import load_cities

    for city in load_cities():
        place = Place(city.name, "city", city.iso3, None, city.lat, city.lon)
        for name in (city.name, *city.aliases):
            fallback.setdefault(fold(name), place)
    return Resolver(gazetteer, fallback)


class PlaceStage:
    name: ClassVar[str] = "place"
    requires: ClassVar[frozenset[str]] = frozenset({"events", "doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        if SHARED_KEY not in shared:
            shared[SHARED_KEY] = build_resolver(shared.get("kb"))
        self.resolver = shared[SHARED_KEY]

    def __call__(self, document: Document) -> Document:
        if not document.events or document.doc is None:
            return document
        from tieline.where.resolve import locate

        mentions = locate(document, self.resolver)
        if not mentions:
            return document
        out: list[Event] = []
        for e in document.events:
            inside = [m for m in mentions if e.span[0] <= m.start and m.end <= e.span[1]]
            if not inside:
                out.append(e)
                continue
            anchor = e.trigger_span[0] if e.trigger_span else _trigger_offset(e)
            best = min(inside, key=lambda m: (abs(m.start - anchor), m.start))
            out.append(replace(e, location=best.location))
        return replace(document, events=tuple(out))


def _trigger_offset(e: Event) -> int:
    i = e.sentence.find(e.trigger) if e.trigger else -1
    return e.span[0] + max(i, 0)
