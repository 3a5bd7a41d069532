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
                start, end = t.i, t.i + 1
                while start > 0 and t.doc[start - 1].ent_iob_ == "I" and t.ent_iob_ in ("I", "B"):
                    start -= 1
                while end < len(t.doc) and t.doc[end].ent_iob_ == "I":
                    end += 1
                name = t.doc[start:end].text
                loc = self.places.get(name.lower())
                if loc is None:
                    loc = Location(name, None, None, None)
                dist = abs(t.i - trig.i) if trig is not None else 0
                candidates.append((dist, loc))
        return min(candidates, key=lambda c: c[0])[1] if candidates else None
