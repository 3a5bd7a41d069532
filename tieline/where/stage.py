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
        doc = document.doc
        weak = self.resolver.words.weak_locative
        topic = self.resolver.words.topic_prep
        out: list[Event] = []
        for e in document.events:
            anchor = _anchor(doc, e)
            inside = [m for m in mentions if e.span[0] <= m.start and m.end <= e.span[1]
                      and _in_clause(doc, m.prep, anchor) and _places_event(doc, m.prep, e, weak)
                      and not (m.location.feature == "country" and m.prep >= 0 and doc[m.prep].lower_ in topic)]
            if not inside:
                out.append(e)
                continue
            anchor = e.trigger_span[0] if e.trigger_span else _trigger_offset(e)
            best = min(inside, key=lambda m: (abs(m.start - anchor), m.start))
            out.append(replace(e, location=best.location))
        return replace(document, events=tuple(out))


def _anchor(doc: Any, e: Event) -> Any:
    """The token whose phrase the event's places are in: the trigger, or for an
    event noun that is a verb's object ("held talks") that verb."""
    if e.trigger_span is None:
        return None
    span = doc.char_span(e.trigger_span[0], e.trigger_span[1], alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "pobj") \
            and tok.head.pos_ in ("VERB", "AUX", "ADP"):
        tok = tok.head if tok.dep_ != "pobj" or tok.head.head is tok.head else tok.head.head
    return tok


#: links from a word to its head that stay inside one phrase (nominal and prepositional ones);
#: a clause link (conj, ccomp, advcl, relcl, acl, xcomp, pcomp) leads to another event's words
_PHRASE_LINKS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "appos", "compound", "npadvmod",
                           "dative", "agent", "prep", "poss", "amod", "nmod", "oprd"})
_MAX_CLIMB = 3


def _in_clause(doc: Any, prep: int, anchor: Any) -> bool:
    """The locative phrase is the anchor's own, or hangs from one of its
    arguments within a few nominal links ("police in Peru detained", "met at the
    summit in Samarkand"); not from a clause of another event ("... after a
    nerve agent was used in Salisbury", "resigns and flees to India")."""
    if anchor is None or prep < 0:
        return True
    head = doc[prep].head
    for _ in range(_MAX_CLIMB + 1):
        if head.i == anchor.i:
            return True
        if head.dep_ not in _PHRASE_LINKS or head.head.i == head.i:
            return False
        head = head.head
    return False


def _places_event(doc: Any, prep: int, e: Event, weak: frozenset[str]) -> bool:
    """A weak preposition ("to", "from", "on") on a noun places the event only
    when the noun is the trigger: "a visit to Hanoi", "the attack on Kyiv", but
    not "the ambassador to Japan", "troops from Chad"."""
    if prep < 0:
        return True
    tok = doc[prep]
    if tok.lower_ not in weak or tok.head.pos_ in ("VERB", "AUX"):
        return True
    head = tok.head
    return e.trigger_span is not None and e.trigger_span[0] <= head.idx < e.trigger_span[1]


def _trigger_offset(e: Event) -> int:
    i = e.sentence.find(e.trigger) if e.trigger else -1
    return e.span[0] + max(i, 0)
