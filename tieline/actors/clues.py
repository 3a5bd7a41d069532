"""Where an actor's country comes from when the phrase itself names none: what one
knowledge-base entry says (:func:`entry_facts`), and the clues of the sentence and the
article -- the dateline, the place a sentence opens in, the scene of the action, the
country of whoever reports the clause.  Used by :mod:`tieline.actors.recognise`."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from tieline.actors.lexicon import Entry, Match
from tieline.model import Actor

SAY_VERBS = frozenset({"say", "tell", "announce", "state", "add", "claim", "report", "warn", "insist",
                       "believe", "write", "declare", "confirm", "note", "argue"})


@dataclass(frozen=True)
class Facts:
    """What one knowledge-base entry says about an actor."""

    country: str | None
    org: str | None
    role: str | None
    name: str
    person: bool
    kind: str


def entry_facts(entry: Entry, day: dt.date | None) -> Facts | None:
    r = entry.record
    kind = entry.kind
    if kind in ("country", "adjective", "demonym"):
        role = "CVL" if kind == "demonym" else None
        return Facts(r.iso3, None, role, r.name, False, kind)
    if kind == "capital":
        return Facts(r.iso3, None, "GOV", r.name, False, kind)
    if kind == "city":
        return Facts(r.iso3, None, None, r.name, False, kind)
    if kind == "metonym":
        return Facts(r.country, r.org, r.role, entry.surface, False, kind)
    if kind == "organization":
        return Facts(None, r.id, "IGO", r.name, False, kind)
    if kind == "group":
        return Facts(r.country, None, r.role, r.name, False, kind)
    if kind == "person":
        if not r.holds_office_on(day):
            # out of office on the article's date: still of their country, coded as an elite (CAMEO ELI)
            return Facts(r.country, r.org, "ELI" if r.country else None, r.name, True, "former")
        return Facts(r.country, r.org, r.role, r.name, True, kind)
    return None


def first_other(excluded: frozenset[str], *countries: str | None) -> str | None:
    """The first of ``countries`` that is given and not ``excluded`` (a sponsor's)."""
    return next((c for c in countries if c and c not in excluded), None)


def dateline_country(doc: Any, cover: dict[int, Match], day: dt.date | None) -> str | None:
    """The country of the dateline's place ("BEIRUT —", "BAMAKO/ ABUJA —" however the parser splits
    it), for bodies the text places nowhere else.  Of several places, the one whose country the
    article names at least twice as often as any other, else none ("MOSCOW/YEREVAN/BAKU —" over a
    story of Armenia and Azerbaijan says nothing of whose protesters).  A place that is an
    organisation's seat is skipped: a "BRUSSELS —" story is mostly the EU's, not Belgium's."""
    sents = list(doc.sents)[:4]
    line: list[Any] = []  # the dateline's tokens (the parser may split "BAMAKO/ ABUJA —" in two)
    for sent in sents:
        words = [t for t in sent if t.is_alpha]
        if not words or not all(t.is_upper for t in words):
            line = []
            continue
        line.extend(sent)
        if sent[-1].text in ("—", "–", "-", "--"):
            break
    else:
        return None
    inside = {t.i for t in line}
    places: list[str] = []
    for t in line:
        m = cover.get(t.i)
        if m is None or m.start != t.i:
            continue
        facts = [f for f in (entry_facts(e, day) for e in m.entries) if f is not None]
        if any(f.org and not f.country for f in facts):
            continue  # a seat of an organisation: "BRUSSELS", "GENEVA"
        country = next((f.country for f in facts if f.country and f.kind in ("capital", "country", "metonym", "city")),
                       None)
        if country and country not in places:
            places.append(country)
    if len(places) < 2:
        return places[0] if places else None
    # "KYIV/MOSCOW —": the place whose country the story names at least twice as often as any other
    named = _named_counts(cover, inside, day)
    ranked = sorted(places, key=lambda c: (-named[c], places.index(c)))
    return ranked[0] if named[ranked[0]] >= 2 * named[ranked[1]] > 0 or named[ranked[1]] == 0 < named[ranked[0]] \
        else None


def _named_counts(cover: dict[int, Match], skip: set[int], day: dt.date | None) -> Counter:
    """How often each country is named (by its name, adjective, capital, people) outside ``skip``."""
    out: Counter = Counter()
    for i, m in cover.items():
        if i in skip or i != m.start:
            continue
        for e in m.entries:
            f = entry_facts(e, day)
            if f is not None and f.country:
                out[f.country] += 1
                break
    return out


def sent_start(tok: Any) -> int:
    """Where the token's sentence starts (cheaper than ``tok.sent``)."""
    i = tok.i
    while i > 0 and not tok.doc[i].is_sent_start:
        i -= 1
    return i


def scene_country(tok: Any, cover: dict[int, Match], day: dt.date | None) -> str | None:
    """Where crowds and fighters act: "protesters stormed its embassy in Tehran" -> Iran."""
    verb = tok.head
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for t in verb.subtree:
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "across", "throughout") and t.i in cover:
            for e in cover[t.i].entries:
                f = entry_facts(e, day)
                if f is not None and f.country and f.kind in ("capital", "city", "country"):
                    return f.country
    return None


def opposed_country(tok: Any, cover: dict[int, Match], day: dt.date | None) -> str | None:
    """Whom a crowd or an opposition acts against: "opposition parties demanded Pashinyan's
    resignation" -> Armenia, the country of the office holder the verb's object names."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = tok.head
    mine = {t.i for t in tok.subtree}
    for c in verb.children:
        if c.dep_ not in ("dobj", "prep", "ccomp", "xcomp"):
            continue
        for t in c.subtree:
            if t.i in mine or t.i not in cover:
                continue
            for e in cover[t.i].entries:
                f = entry_facts(e, day)
                if f is not None and f.person and f.country and f.role in ("GOV", "ELI"):
                    return f.country
    return None


def preceding_country(tok: Any, by_head: dict[int, Actor]) -> str | None:
    """A country named as a place earlier in the sentence ("order in Niger … against the junta")."""
    doc = tok.doc
    for t in reversed(doc[sent_start(tok):tok.i]):
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "inside") and t.i in by_head and by_head[t.i].country \
                and by_head[t.i].role is None:
            return by_head[t.i].country
    return None


def place_country(tok: Any, by_head: dict[int, Actor]) -> str | None:
    """"In Beijing, a foreign ministry spokesman said …": the capital the sentence opens in."""
    for t in tok.doc[sent_start(tok):tok.i]:
        if t.dep_ == "pobj" and t.head.lower_ == "in" and t.i in by_head and by_head[t.i].role == "GOV":
            return by_head[t.i].country
    return None


def speaker_country(tok: Any, by_head: dict[int, Actor]) -> str | None:
    """The country of whoever is reported as saying the clause ("British officials said the government …"),
    for the subject of that clause only."""
    if tok.dep_ not in ("nsubj", "nsubjpass") and not (tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass")):
        return None
    node = tok
    for _ in range(6):
        if node.head is node:
            return None
        if node.dep_ == "ccomp" and node.head.lemma_.lower() in SAY_VERBS:
            for c in node.head.children:
                if c.dep_ == "nsubj" and c.i in by_head and by_head[c.i].country:
                    return by_head[c.i].country
            return None
        node = node.head
    return None
