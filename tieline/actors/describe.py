"""Descriptions that point back at an actor named earlier in the article, or at a place
named inside the phrase itself.

- "the militant group", "the rebel movement", "the rebels", "the insurgents": the armed
  group (role ``REB``) or opposition (``OPP``) most recently named, so "Hamas fired …
  The militant group said …" keeps Hamas;
- "the junta in Niger", "the government in Kabul": the country of the place the phrase
  itself names;
- "Iran-backed militias", "Moscow-backed separatists": the sponsor's country is not the
  group's own (the guide keys armed groups by the country they fight in);
- "a spokeswoman for the Kremlin": whoever speaks for a body is that body's;
- "Poroshenko asked lawmakers to …", "the president ordered the army to …": an institution a
  government directs is that government's country's.

- "the kingdom", "the island": the last country named that the noun fits
  (``data/place_nouns.tsv``); "the alliance", "the bloc": the last organisation named that the
  noun fits (``data/org_nouns.tsv``).

The word lists are in ``data/descriptions.tsv`` and ``data/place_nouns.tsv`` (validated when read).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

from tieline.model import Actor

#: Kinds of row in ``descriptions.tsv``.
KINDS = frozenset({"body", "armed", "place_prep", "sponsor", "speaker", "speaker_prep", "command"})


@dataclass(frozen=True)
class Descriptions:
    bodies: frozenset[str]  # nouns that name a group of people acting together ("group", "movement")
    armed: frozenset[str]  # modifiers that make such a body an armed group ("militant", "rebel")
    place_preps: frozenset[str]  # prepositions that place a body ("in": "the junta in Niger")
    sponsors: frozenset[str] = frozenset()  # "backed": "Iran-backed militias" are not Iran's own
    speakers: frozenset[str] = frozenset()  # nouns for who speaks for a body ("spokeswoman")
    speaker_preps: frozenset[str] = frozenset()  # "for": "a spokeswoman for the Kremlin" is the Kremlin's
    commands: frozenset[str] = frozenset()  # "ordered the army": a leader directs institutions of their own


def _two_column_rows(text: str, source: str, header: tuple[str, str],
                     needed: int) -> Iterator[tuple[str, str, str]]:
    """``(where, first, second)`` for each row of a two-column tab-separated file whose first line is
    ``header``; blank and ``#`` lines are skipped; a bad header, a row without exactly two cells or
    with cell ``needed`` empty raises ValueError naming the line."""
    lines = text.splitlines()
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != header:
        raise ValueError(f"{source}:1: header must be {header[0]} <tab> {header[1]}")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{source}:{number}"
        if len(cells) != 2 or not cells[needed]:
            raise ValueError(f"{where}: expected {header[0]} <tab> {header[1]}")
        yield where, cells[0], cells[1]


def parse_descriptions(text: str, source: str = "descriptions.tsv") -> Descriptions:
    """``kind <tab> word`` rows; an unknown kind, a bad or duplicate row raises ValueError naming the line."""
    found: dict[str, set[str]] = {k: set() for k in KINDS}
    for where, kind, word in _two_column_rows(text, source, ("kind", "word"), needed=1):
        word = word.lower()
        if kind not in KINDS:
            raise ValueError(f"{where}: unknown kind {kind!r} (known: {', '.join(sorted(KINDS))})")
        if word in found[kind]:
            raise ValueError(f"{where}: duplicate {kind} {word!r}")
        found[kind].add(word)
    return Descriptions(frozenset(found["body"]), frozenset(found["armed"]), frozenset(found["place_prep"]),
                        frozenset(found["sponsor"]), frozenset(found["speaker"]), frozenset(found["speaker_prep"]),
                        frozenset(found["command"]))


@functools.lru_cache(maxsize=1)
def load_descriptions() -> Descriptions:
    text = resources.files("tieline.actors").joinpath("data", "descriptions.tsv").read_text(encoding="utf-8")
    return parse_descriptions(text)


def _noun_table(text: str, source: str, column: str, valid: Callable[[str], bool],
                what: str) -> Mapping[str, frozenset[str]]:
    """``noun <tab> column`` rows: the values each noun can stand for.  A bad header, an unknown
    column, a value ``valid`` rejects or a duplicate row raises ValueError naming the line."""
    found: dict[str, set[str]] = {}
    for where, noun, value in _two_column_rows(text, source, ("noun", column), needed=0):
        noun = noun.lower()
        if not valid(value):
            raise ValueError(f"{where}: {value!r} is no {what}")
        if value in found.setdefault(noun, set()):
            raise ValueError(f"{where}: duplicate {noun} {value}")
        found[noun].add(value)
    return MappingProxyType({k: frozenset(v) for k, v in found.items()})


def parse_place_nouns(text: str, source: str = "place_nouns.tsv") -> Mapping[str, frozenset[str]]:
    """``noun <tab> country`` rows (ISO alpha-3): the countries each noun can stand for."""
    return _noun_table(text, source, "country", lambda v: len(v) == 3 and v.isalpha() and v.isupper(),
                       "ISO 3166-1 alpha-3 code")


def parse_org_nouns(text: str, source: str = "org_nouns.tsv") -> Mapping[str, frozenset[str]]:
    """``noun <tab> org`` rows (organisation ids as in organizations.tsv): the organisations each
    noun can stand for."""
    return _noun_table(text, source, "org", lambda v: bool(v) and v.replace("_", "").isalnum() and v == v.upper(),
                       "organisation id")


@functools.lru_cache(maxsize=1)
def load_org_nouns() -> Mapping[str, frozenset[str]]:
    text = resources.files("tieline.actors").joinpath("data", "org_nouns.tsv").read_text(encoding="utf-8")
    return parse_org_nouns(text)


@functools.lru_cache(maxsize=1)
def load_place_nouns() -> Mapping[str, frozenset[str]]:
    text = resources.files("tieline.actors").joinpath("data", "place_nouns.tsv").read_text(encoding="utf-8")
    return parse_place_nouns(text)


def _definite(tok: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)


def group_role(tok: Any, title_role: str | None, words: Descriptions) -> str | None:
    """The role a definite description of a group gives ("the militant group" REB, "the rebels"
    REB, "the opposition" OPP), or None when the phrase is no such description."""
    if not _definite(tok):
        return None
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound")]
    if tok.lemma_.lower() in words.bodies:
        if any(m.lower_ in words.armed or m.lemma_.lower() in words.armed or m.lower_ in words.sponsors
               for m in mods):  # "the militant group", "the Iran-aligned group"
            return "REB"
        return title_role if title_role in ("REB", "OPP") else None
    return title_role if title_role in ("REB", "OPP") else None


def commander_country(tok: Any, by_head: dict[int, Actor], words: Descriptions) -> str | None:
    """The country of whoever directs the institution ``tok``: the subject of a verb of command
    ("asked lawmakers", "ordered the army") whose object it is, when that subject is of a country."""
    while tok.dep_ == "conj" and tok.head is not tok:  # "ordered his minister and the chief of staff"
        tok = tok.head
    if tok.dep_ != "dobj" or tok.head.lemma_.lower() not in words.commands:
        return None
    for c in tok.head.children:
        if c.dep_ == "nsubj" and c.i in by_head:
            actor = by_head[c.i]
            if actor.country and not actor.org:
                return actor.country
    return None


def antecedent(tok: Any, role: str, history: list[tuple[int, Actor, bool]]) -> Actor | None:
    """The actor of ``role`` most recently named before ``tok`` that is no person (a group)."""
    for i, actor, is_person in reversed(history):
        if i < tok.i and not is_person and actor.role == role and (actor.country or actor.org):
            return actor
    return None


def own_place(tok: Any, cover: dict[int, Any], day: Any, words: Descriptions, facts_of: Any) -> str | None:
    """The country of a place the phrase names after its head ("the junta in Niger" -> NER)."""
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in words.place_preps:
            continue
        for p in c.children:
            if p.dep_ != "pobj" or p.i not in cover:
                continue
            for e in cover[p.i].entries:
                f = facts_of(e, day)
                if f is not None and f.country and f.kind in ("country", "capital", "city"):
                    return f.country
    return None


def sponsors_of(tok: Any, cover: dict[int, Any], day: Any, words: Descriptions, facts_of: Any) -> frozenset[str]:
    """Countries named as a sponsor of the phrase ("Iran-backed militias" -> IRN)."""
    out: set[str] = set()
    for c in tok.children:
        if c.dep_ != "amod" or c.lower_ not in words.sponsors:
            continue
        for x in c.subtree:
            for e in cover[x.i].entries if x.i in cover else ():
                f = facts_of(e, day)
                if f is not None and f.country:
                    out.add(f.country)
                    break
    return frozenset(out)
