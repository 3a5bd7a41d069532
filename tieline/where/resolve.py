"""Finding place mentions in a parsed article and resolving them in the gazetteer.

A place mention is the object of a locative preposition ("in Samarkand", "off
the Strait of Hormuz", "near the city of Kherson", "in the Kharkiv region"),
taken as the whole spaCy entity span, never a piece of it.  A name with
several gazetteer entries (Georgia, Columbia, Paris, Tripoli) is decided by
the article: the countries of its actors and of its unambiguous places, then
the regions of those places, then prominence (a capital, a population).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tieline.model import Document, Location
from tieline.where.gazetteer import Gazetteer, Place

LOCATIVE = frozenset({"in", "at", "near", "off", "outside", "inside", "across", "over", "into",
                      "around", "from", "to", "towards", "toward", "on"})
#: prepositions that place an event only when the object is a known place
WEAK_LOCATIVE = frozenset({"from", "to", "towards", "toward", "on", "over", "into", "across"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: actor mentions whose country the actor stage inferred from the article, no evidence of their own
INFERRED_KINDS = frozenset({"description", "pronoun"})
#: nouns that say what kind of place a name is ("the city of Kherson", "the Kharkiv region")
REGION_NOUNS = frozenset({"region", "province", "oblast", "state", "governorate", "district",
                          "prefecture", "county", "territory", "department", "emirate", "canton"})
CITY_NOUNS = frozenset({"city", "town", "village", "port", "capital", "suburb", "outskirts",
                        "centre", "center", "town", "hamlet", "settlement", "municipality"})
AREA_NOUNS = REGION_NOUNS | CITY_NOUNS | frozenset({"area", "streets", "heart", "coast", "border",
                                                    "north", "south", "east", "west", "island"})

#: scores (log10 of population is the base)
PRIMARY_NAME = 2.5
CAPITAL = 2.5
COUNTRY_FEATURE = 2.5
ADMIN1_FEATURE = -1.0
PLACE_FEATURE = 3.0
IN_ARTICLE_COUNTRY = 4.0
IN_ARTICLE_REGION = 2.0
KIND_HINT = 5.0


@dataclass(frozen=True)
class PlaceMention:
    """A place the text names, resolved."""

    start: int  # character offsets of the name in the cleaned article text
    end: int
    text: str
    prep: int  # token index of the locative preposition, -1 when none
    token: int  # token index of the name's head
    location: Location


@dataclass(frozen=True)
class _Span:
    start: int  # token indexes [start, end)
    end: int
    prep: int
    hint: str | None  # "admin1" | "city" | None
    label: str  # entity label, "" when none
    qualifier: tuple[int, int] | None  # a following ", Texas" / ", Uzbekistan"


def _entity_index(doc: Any) -> dict[int, Any]:
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _name_span(doc: Any, tok: Any, ents: Mapping[int, Any]) -> tuple[int, int, str] | None:
    """The whole name ``tok`` belongs to: its entity, else its run of capitalised
    compounds; "Strait of Hormuz"-style names keep their "of" part."""
    ent = ents.get(tok.i)
    if ent is not None:
        start, end, label = ent.start, ent.end, ent.label_
    elif tok.is_title or tok.pos_ == "PROPN":
        start, end, label = tok.i, tok.i + 1, ""
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i < end \
                and doc[start - 1].is_title:
            start -= 1
    else:
        return None
    if doc[start].lower_ == "the":
        start += 1
    # "Strait of Hormuz", "Gulf of Aden", "Sea of Azov": a capitalised head with an "of" name
    if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end - 1].is_title and doc[end + 1].is_title:
        nxt = ents.get(end + 1)
        stop = nxt.end if nxt is not None else end + 2
        while nxt is None and stop < len(doc) and doc[stop].is_title and doc[stop].pos_ == "PROPN":
            stop += 1
        end = stop
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    return (start, end, label) if end > start else None


def _qualifier(doc: Any, end: int, ents: Mapping[int, Any]) -> tuple[int, int] | None:
    """", Texas" or ", Uzbekistan" right after a name."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].is_title:
        ent = ents.get(end + 1)
        if ent is not None and ent.start == end + 1 and ent.label_ in PLACE_LABELS:
            return ent.start, ent.end
        if doc[end + 1].pos_ == "PROPN":
            return end + 1, end + 2
    return None


def _kind(word: str) -> str | None:
    w = word.lower()
    return "admin1" if w in REGION_NOUNS else "city" if w in CITY_NOUNS else None


def locative_spans(doc: Any) -> list[_Span]:
    """The objects of locative prepositions that are names, as whole spans."""
    ents = _entity_index(doc)
    out: list[_Span] = []
    seen: set[int] = set()
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATIVE:
            continue
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            hint = None
            target = p
            if not p.is_title and p.i not in ents:
                # "the city of Kherson", "the outskirts of Kyiv", "the Kharkiv region"
                hint = _kind(p.lemma_)
                of = next((c for c in p.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                named = [c for c in p.children if c.dep_ in ("compound", "amod", "nmod")
                         and (c.i in ents or c.pos_ == "PROPN")]
                if obj is not None and p.lower_ in AREA_NOUNS and (obj.i in ents or obj.is_title):
                    target = obj
                elif named and p.lower_ in AREA_NOUNS:
                    target = named[-1]
                else:
                    continue
            span = _name_span(doc, target, ents)
            if span is None or span[0] in seen:
                continue
            start, end, label = span
            if hint is None and end < len(doc) and not doc[end].is_title and doc[end].i == p.i:
                hint = _kind(doc[end].lemma_)
            seen.add(start)
            out.append(_Span(start, end, prep.i, hint, label, _qualifier(doc, end, ents)))
    return out


def _strip_kind(name: str) -> tuple[str, str | None]:
    """"Kharkiv Oblast" -> ("Kharkiv", "admin1"); "Quetta city" -> ("Quetta", "city")."""
    head, _, last = name.rpartition(" ")
    kind = _kind(last) if head else None
    return (head, kind) if kind else (name, None)


class Resolver:
    """Chooses the gazetteer entry a name stands for in an article."""

    def __init__(self, gazetteer: Gazetteer, fallback: Mapping[str, Place] | None = None) -> None:
        self.gazetteer = gazetteer
        self.fallback = fallback or {}

    def candidates(self, name: str) -> tuple[tuple[Place, bool], ...]:
        found = self.gazetteer.lookup(name)
        if not found:
            base, _ = _strip_kind(name)
            if base != name:
                found = self.gazetteer.lookup(base)
        if not found:
            from tieline.where.gazetteer import fold

            fb = self.fallback.get(fold(name))
            if fb is not None:
                found = ((fb, True),)
        return found

    def choose(self, name: str, countries: Mapping[str, int] | None = None,
               regions: Iterable[tuple[str, str]] = (), hint: str | None = None,
               qualifier: str | None = None) -> Place | None:
        """The best entry for ``name`` given the article's countries (ISO3 -> mentions)
        and regions ((ISO3, admin1) pairs), a kind hint and a ", Texas" qualifier."""
        found = self.candidates(name)
        if not found:
            return None
        _, stripped_kind = _strip_kind(name)
        hint = hint or stripped_kind
        if qualifier:
            quals = [q for q, _ in self.candidates(qualifier) if q.feature in ("country", "admin1")]
            narrowed = tuple((p, prim) for p, prim in found if any(
                p.country == q.country and (q.feature == "country" or p.admin1 == q.admin1) for q in quals))
            found = narrowed or found
        countries = countries or {}
        top = max(countries.values(), default=1) or 1
        regions = set(regions)
        has_city = {p.country for p, prim in found if p.feature == "city"}

        def score(item: tuple[Place, bool]) -> tuple[float, int, int]:
            p, primary = item
            s = math.log10(p.population + 10)
            s += PRIMARY_NAME if primary else 0.0
            s += CAPITAL if p.capital else 0.0
            if p.feature == "country":
                s += COUNTRY_FEATURE
            elif p.feature == "admin1":
                # a region named like a city (Donetsk, Taipei, New York) is the city unless told otherwise
                s += ADMIN1_FEATURE - (3.0 if has_city and hint != "admin1" else 0.0)
            elif p.feature == "place":
                s += PLACE_FEATURE
            if p.country and countries.get(p.country):
                # the article's main country counts fully, one it names less often half as much and more
                s += IN_ARTICLE_COUNTRY * (0.5 + 0.5 * countries[p.country] / top)
            if p.country and p.admin1 and (p.country, p.admin1) in regions:
                s += IN_ARTICLE_REGION
            if hint and p.feature == hint:
                s += KIND_HINT
            return s, p.population, -(p.geonames_id or 0)

        best = max(found, key=score)[0]
        if best.feature == "country":
            # city-states: "Singapore", "Hong Kong" — the city has the coordinates
            twin = next((p for p, prim in found if prim and p.feature == "city" and p.country == best.country
                         and p.name == best.name), None)
            best = twin or best
        return best


def to_location(place: Place | None, text: str) -> Location:
    if place is None:
        return Location(text, None, None, None, feature="place")
    return Location(place.name, place.country, place.lat, place.lon, admin1=place.admin1,
                    feature=place.feature, geonames_id=place.geonames_id)


def _context(document: Document, resolver: Resolver, doc: Any) -> tuple[Counter[str], set[tuple[str, str]]]:
    """Countries of the article's actors and unambiguous places; regions of its places."""
    countries: Counter[str] = Counter(m.actor.country for m in document.mentions
                                      if m.actor.country and m.kind not in INFERRED_KINDS)
    regions: set[tuple[str, str]] = set()
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        found = resolver.candidates(ent.text)
        cs = {p.country for p, prim in found if p.country}
        if len(cs) == 1:
            (c,) = cs
            if not any(m.start <= ent.start_char < m.end for m in document.mentions):
                countries[c] += 1
            a1 = {(p.country, p.admin1) for p, prim in found if p.admin1}
            if len(a1) == 1:
                regions |= a1
            elif any(p.feature == "admin1" for p, prim in found):
                regions |= {(p.country, p.admin1) for p, prim in found if p.feature == "admin1" and p.admin1}
    return countries, regions


def locate(document: Document, resolver: Resolver) -> tuple[PlaceMention, ...]:
    """Every place the article names in a locative phrase, resolved in its context."""
    doc = document.doc
    if doc is None:
        return ()
    countries, regions = _context(document, resolver, doc)
    out: list[PlaceMention] = []
    for sp in locative_spans(doc):
        span = doc[sp.start:sp.end]
        name = span.text
        qual = doc[sp.qualifier[0]:sp.qualifier[1]].text if sp.qualifier else None
        # the place's own mention is no evidence about itself
        own = Counter(m.actor.country for m in document.mentions
                      if m.actor.country and m.start < span.end_char and span.start_char < m.end)
        place = resolver.choose(name, countries - own, regions, sp.hint, qual)
        if place is None:
            weak = doc[sp.prep].lower_ in WEAK_LOCATIVE
            if weak or sp.label not in PLACE_LABELS:
                continue
        out.append(PlaceMention(span.start_char, span.end_char, name, sp.prep, span.root.i,
                                to_location(place, name)))
    return tuple(out)
