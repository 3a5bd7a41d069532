"""The ``place`` stage: where the text places an event ("in Samarkand", "near Balakot").

Places are the capitals and countries of the knowledge base; a place is taken
from a locative phrase (in, at, near, off, outside) governed by the trigger or
its clause, else none.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document, Event, Location

LOCATIVE = frozenset({"in", "at", "near", "off", "outside", "inside", "across", "over", "into"})


class PlaceStage:
    name: ClassVar[str] = "place"
    requires: ClassVar[frozenset[str]] = frozenset({"events", "doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"places"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        if "places" not in shared:
            from tieline.actors.kb import load_knowledge_base

            kb = shared.get("kb") or load_knowledge_base()
            places: dict[str, Location] = {}
            for c in kb.countries:
                for name in (c.name, *c.aliases):
                    places.setdefault(name.lower(), Location(c.name, c.iso3, None, None))
                if c.capital:
                    places[c.capital.lower()] = Location(c.capital, c.iso3, c.lat, c.lon)
            from tieline.actors.places import load_cities

            for city in load_cities():
                for name in (city.name, *city.aliases):
                    places.setdefault(name.lower(), Location(city.name, city.iso3, city.lat, city.lon))
            shared["places"] = places
        self.places: dict[str, Location] = shared["places"]

    def __call__(self, document: Document) -> Document:
        if not document.events or document.doc is None:
            return document
        doc = document.doc
        out: list[Event] = []
        for e in document.events:
            span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
            out.append(replace(e, location=self._locate(span, e.trigger)) if span is not None else e)
        return replace(document, events=tuple(out))

    def _locate(self, span: Any, trigger: str) -> Location | None:
        trig = next((t for t in span if t.text == trigger), None)
        candidates = []
        for t in span:
            if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE and t.ent_type_ in ("GPE", "LOC", "FAC"):
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                name = ent.text if ent is not None else t.text
                loc = self.places.get(name.lower())
                if loc is None:
                    loc = Location(name, None, None, None)
                dist = abs(t.i - trig.i) if trig is not None else 0
                candidates.append((dist, loc))
        return min(candidates, key=lambda c: c[0])[1] if candidates else None
