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
from tieline.where.gazetteer import Gazetteer, Place, fold
from tieline.where.words import PlaceWords, load_words

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: actor mentions whose country the actor stage inferred from the article, no evidence of their own
INFERRED_KINDS = frozenset({"description", "pronoun"})

#: scores: a place's renown (log10 of population plus NAMES_WEIGHT x log10 of its
#: count of alternate names) is the base
NAMES_WEIGHT = 1.5
PRIMARY_NAME = 2.5
CAPITAL = 2.5
COUNTRY_FEATURE = 2.5
ADMIN1_FEATURE = -1.0
PLACE_FEATURE = 5.0
IN_ARTICLE_COUNTRY = 4.0
IN_ARTICLE_REGION = 3.0
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
    if ent is not None and any(t.dep_ == "cc" for t in ent) and ent.label_ not in PLACE_LABELS:
        ent = None  # "Kyiv and Kharkiv" taken for one WORK_OF_ART: two names
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
    # an entity cut after its "of" ("Strait of" | "Hormuz" in a headline): the "of" joins the name
    if end - start > 1 and doc[end - 1].lower_ == "of" and end < len(doc) and doc[end].is_title:
        end -= 1
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


def locative_spans(doc: Any, words: PlaceWords | None = None) -> list[_Span]:
    """The objects of locative prepositions that are names, as whole spans."""
    words = words or load_words()
    ents = _entity_index(doc)
    out: list[_Span] = []
    seen: set[int] = set()
    for prep in doc:
        if prep.dep_ != "prep" or prep.lower_ not in words.locative:
            continue
        objects = [o for c in prep.children if c.dep_ == "pobj" for o in (c, *c.conjuncts)]
        for p in objects:  # "in Kyiv and Kharkiv": both
            hint = None
            target = p
            if not p.is_title and p.i not in ents:
                # "the city of Kherson", "the outskirts of Kyiv", "the Kharkiv region"
                hint = words.kind(p.lemma_)
                of = next((c for c in p.children if c.dep_ == "prep" and c.lower_ == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                named = [c for c in p.children if c.dep_ in ("compound", "amod", "nmod")
                         and (c.i in ents or c.pos_ == "PROPN")]
                if obj is not None and p.lower_ in words.place_nouns and (obj.i in ents or obj.is_title):
                    target = obj
                elif named and p.lower_ in words.place_nouns:
                    target = named[-1]
                else:
                    continue
            span = _name_span(doc, target, ents)
            if span is None or span[0] in seen:
                continue
            start, end, label = span
            if hint is None and end < len(doc) and not doc[end].is_title and doc[end].i == p.i:
                hint = words.kind(doc[end].lemma_)
            seen.add(start)
            out.append(_Span(start, end, prep.i, hint, label, _qualifier(doc, end, ents)))
    return out


def _strip_kind(name: str, words: PlaceWords) -> tuple[str, str | None]:
    """"Kharkiv Oblast" -> ("Kharkiv", "admin1"); "Quetta city" -> ("Quetta", "city")."""
    head, _, last = name.rpartition(" ")
    kind = words.kind(last) if head else None
    return (head, kind) if kind else (name, None)


def _strip_event(name: str, words: PlaceWords) -> str:
    """"Beijing Winter Olympics" -> "Beijing"; "Davos forum" -> "Davos"."""
    parts = name.split(" ")
    while len(parts) > 1 and parts[-1].lower() in words.event_noun:
        parts.pop()
    return " ".join(parts)


class Resolver:
    """Chooses the gazetteer entry a name stands for in an article."""

    def __init__(self, gazetteer: Gazetteer, fallback: Mapping[str, Place] | None = None,
                 words: PlaceWords | None = None) -> None:
        self.gazetteer = gazetteer
        self.fallback = fallback or {}
        self.words = words or load_words()

    def _named(self, name: str) -> tuple[tuple[Place, bool], ...]:
        found = self.gazetteer.lookup(name)
        if not found:
            fb = self.fallback.get(fold(name))
            if fb is not None:
                found = ((fb, True),)
        return found

    def candidates(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """The entries ``name`` may stand for: the name itself, else the name
        without a kind word ("Kharkiv region"), else without event words
        ("Beijing Olympics": the event's place)."""
        found = self._named(name)
        if not found:
            base, _ = _strip_kind(name, self.words)
            if base != name:
                found = self._named(base)
        if not found:
            base = _strip_event(name, self.words)
            if base != name:
                found = self._named(base)
        return found

    def choose(self, name: str, countries: Mapping[str, int] | None = None,
               regions: Iterable[tuple[str, str]] = (), hint: str | None = None,
               qualifier: str | None = None) -> Place | None:
        """The best entry for ``name`` given the article's countries (ISO3 -> mentions)
        and regions ((ISO3, admin1) pairs), a kind hint and a ", Texas" qualifier."""
        found = self.candidates(name)
        if not found:
            return None
        _, stripped_kind = _strip_kind(name, self.words)
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
        most_renowned = max(renown(p) for p, _ in found)

        def score(item: tuple[Place, bool]) -> tuple[float, int, int]:
            p, primary = item
            s = renown(p)
            s += PRIMARY_NAME if primary else 0.0
            s += CAPITAL if p.capital else 0.0
            if p.feature == "country":
                # "Gaza" or "Georgia" said of a country only by its own name
                s += COUNTRY_FEATURE if primary else 0.0
            elif p.feature == "admin1":
                # a region named like a city (Donetsk, Taipei, New York) is the city unless told otherwise
                s += ADMIN1_FEATURE - (3.0 if has_city and hint != "admin1" else 0.0)
            elif p.feature == "place":
                s += PLACE_FEATURE
            if p.country and countries.get(p.country):
                # the article's main country counts fully, one it names less often half as much;
                # news names an obscure namesake of a famous place with its state ("Geneva, Ill."),
                # so the article's countries count less the more obscure the candidate is
                obscurity = max(0.0, most_renowned - renown(p) - 1.0) / 2.0
                s += IN_ARTICLE_COUNTRY * (0.5 + 0.5 * countries[p.country] / top) * max(0.0, 1.0 - obscurity)
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


def renown(p: Place) -> float:
    """How well known a place is: its population and its count of names, in log10."""
    return math.log10(p.population + 10) + NAMES_WEIGHT * math.log10(p.names + 1)


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
    for sp in locative_spans(doc, resolver.words):
        span = doc[sp.start:sp.end]
        name = span.text
        qual = doc[sp.qualifier[0]:sp.qualifier[1]].text if sp.qualifier else None
        # the place's own mentions ("Georgia" read as the country by the actor stage) are no
        # evidence about which place it is
        key = fold(name)
        own = Counter(m.actor.country for m in document.mentions
                      if m.actor.country and m.kind not in INFERRED_KINDS
                      and ((m.start < span.end_char and span.start_char < m.end)
                           or fold(document.article.text[m.start:m.end]) == key))
        place = resolver.choose(name, countries - own, regions, sp.hint, qual)
        if place is None:
            weak = doc[sp.prep].lower_ in resolver.words.weak_locative
            if weak or sp.label not in PLACE_LABELS:
                continue
        out.append(PlaceMention(span.start_char, span.end_char, name, sp.prep, span.root.i,
                                to_location(place, name)))
    return tuple(out)
