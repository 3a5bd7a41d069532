"""The verb and event-noun dictionaries.

Hand-written rows (``data/verbs.txt``, ``data/nouns.txt``) are read first; the rows derived from
PETRARCH2's CAMEO verb dictionary (``data/verbs_petrarch.txt``, ``data/nouns_petrarch.txt``,
written by ``scripts/derive_petrarch_verbs.py``) come after them. Hand rows win: a verb (lemma and
particle) or noun with hand rows takes no derived rows at all.

Every row is validated: an unknown CAMEO code, condition kind, target or source slot or flag is a
``LexiconError`` naming the file and the line.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from tieline.reference.cameo import CameoTable

# What the coder (tieline/events/coder.py) understands; anything else in a row is an error.
CONDITION_KINDS = frozenset({"actor", "dobj", "xcomp", "prep", "oprd", "dobj_ent", "has", "nsubj", "cneg",
                             "cacomp", "adj", "pred"})  # and pobj:<preposition>
WORDLESS_KINDS = frozenset({"cneg"})
VERB_TARGET_SLOTS = frozenset({"dobj", "dative", "csubj", "xdobj", "none"})  # and prep:<preposition>
VERB_FLAGS = frozenset({"sym", "block", "intent", "say", "negate", "require_actor", "speaker",
                        "verdict", "converse"})
NOUN_SOURCE_SLOTS = frozenset({"poss", "amod", "compound", "agent", "domestic"})  # and prep:<preposition>
NOUN_TARGET_SLOTS = frozenset({"none", "governor", "govobj"})  # and prep:<preposition>
NOUN_FLAGS = frozenset({"sym", "pair"})  # and needs=<word>|<word>

HAND_VERBS, DERIVED_VERBS = "verbs.txt", "verbs_petrarch.txt"
HAND_NOUNS, DERIVED_NOUNS = "nouns.txt", "nouns_petrarch.txt"
_WORD = re.compile(r"[a-z0-9][a-z0-9'._-]*")


class LexiconError(ValueError):
    """A dictionary row the coder cannot use; the message names file and line."""


@dataclass(frozen=True)
class Condition:
    kind: str  # one of CONDITION_KINDS or pobj:<prep>
    words: frozenset[str]  # empty = any


@dataclass(frozen=True)
class VerbRule:
    lemma: str
    particle: str | None
    conditions: tuple[Condition, ...]
    targets: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int
    file: str = HAND_VERBS


@dataclass(frozen=True)
class NounRule:
    lemma: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int
    file: str = HAND_NOUNS


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[VerbRule, ...]]
    nouns: dict[str, tuple[NounRule, ...]]


def _rows(text: str) -> list[tuple[int, list[str]]]:
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append((no, line.split()))
    return out


def _prep_slot(slot: str) -> bool:
    return slot.startswith("prep:") and bool(_WORD.fullmatch(slot[5:]))


def _conditions(spec: str, where: str, sets: dict[str, frozenset[str]] | None = None) -> tuple[Condition, ...]:
    if spec == "*":
        return ()
    out = []
    for part in spec.split(","):
        kind, eq, words = part.partition("=")
        if "@" in words:  # a word set named on an '@name' row above ("oprd=@censure")
            expanded = []
            for w in words.split("|"):
                if w.startswith("@"):
                    if w[1:] not in (sets or {}):
                        raise LexiconError(f"{where}: unknown word set {w!r}")
                    expanded.extend(sorted((sets or {})[w[1:]]))
                else:
                    expanded.append(w)
            words = "|".join(expanded)
        if not (kind in CONDITION_KINDS or (kind.startswith("pobj:") and _WORD.fullmatch(kind[5:]))):
            raise LexiconError(f"{where}: unknown condition kind {kind!r}")
        if not eq and kind not in WORDLESS_KINDS:
            raise LexiconError(f"{where}: condition {kind!r} without '=' and words (or '=*')")
        ws = frozenset() if words in ("", "*") else frozenset(words.split("|"))
        if kind.startswith("pobj:") and not ws:
            raise LexiconError(f"{where}: condition {kind!r} needs words")
        out.append(Condition(kind, ws))
    return tuple(out)


def _check(values: Iterable[str], known: frozenset[str], what: str, where: str, prep_ok: bool = True) -> None:
    for v in values:
        if v not in known and not (prep_ok and _prep_slot(v)):
            raise LexiconError(f"{where}: unknown {what} {v!r}")


def parse_verbs(text: str, cameo: CameoTable | frozenset[str], source: str = HAND_VERBS) -> list[VerbRule]:
    """The verb rules of one file, validated."""
    rules = []
    seen_slots: dict[str, tuple[str, ...]] = {}  # a column checked once: derived files repeat them
    seen_conds: dict[str, tuple[Condition, ...]] = {}
    sets: dict[str, frozenset[str]] = {}  # '@name word word …': one word list used by several rows
    for no, cols in _rows(text):
        where = f"{source}:{no}"
        if cols[0].startswith("@"):
            name = cols[0][1:]
            if not _WORD.fullmatch(name) or len(cols) < 2:
                raise LexiconError(f"{where}: a word set is '@name word word …' (rows may continue it)")
            sets[name] = sets.get(name, frozenset()) | frozenset(cols[1:])
            continue
        if len(cols) < 4:
            raise LexiconError(f"{where}: expected at least 4 columns (lemma conditions targets cameo)")
        lemma, conds, targets, code, *flags = cols
        if code not in cameo:
            raise LexiconError(f"{where}: unknown CAMEO code {code}")
        slots = seen_slots.get(targets)
        if slots is None:
            slots = tuple(targets.split(","))
            _check(slots, VERB_TARGET_SLOTS, "target slot", where)
            seen_slots[targets] = slots
        conditions = seen_conds.get(conds)
        if conditions is None:
            conditions = seen_conds[conds] = _conditions(conds, where, sets)
        _check(flags, VERB_FLAGS, "flag", where, prep_ok=False)
        base, _, particle = lemma.partition("+")
        rules.append(VerbRule(base, particle.replace("_", " ") or None, conditions,
                              slots, code, frozenset(flags), no, source))
    return rules


def parse_nouns(text: str, cameo: CameoTable | frozenset[str], source: str = HAND_NOUNS) -> list[NounRule]:
    """The event-noun rules of one file, validated."""
    rules = []
    for no, cols in _rows(text):
        where = f"{source}:{no}"
        if len(cols) < 4:
            raise LexiconError(f"{where}: expected at least 4 columns (lemma sources targets cameo)")
        lemma, sources, targets, code, *flags = cols
        if code not in cameo:
            raise LexiconError(f"{where}: unknown CAMEO code {code}")
        srcs, tgts = tuple(sources.split(",")), tuple(targets.split(","))
        _check(srcs, NOUN_SOURCE_SLOTS, "source slot", where)
        _check(tgts, NOUN_TARGET_SLOTS, "target slot", where)
        for f in flags:
            if f not in NOUN_FLAGS and not (f.startswith("needs=") and len(f) > 6):
                raise LexiconError(f"{where}: unknown flag {f!r}")
        rules.append(NounRule(lemma, srcs, tgts, code, frozenset(flags), no, source))
    return rules


def merge_verbs(hand: list[VerbRule], derived: list[VerbRule]) -> dict[str, tuple[VerbRule, ...]]:
    """Rules by lemma: hand rows first; derived rows only for a verb and particle without hand rows."""
    out: dict[str, list[VerbRule]] = {}
    for r in hand:
        out.setdefault(r.lemma, []).append(r)
    taken = {(r.lemma, r.particle) for r in hand}
    for r in derived:
        if (r.lemma, r.particle) not in taken:
            out.setdefault(r.lemma, []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def merge_nouns(hand: list[NounRule], derived: list[NounRule]) -> dict[str, tuple[NounRule, ...]]:
    """Rules by lemma: hand rows; derived rows only for nouns without hand rows."""
    out: dict[str, list[NounRule]] = {}
    for r in hand:
        out.setdefault(r.lemma, []).append(r)
    taken = set(out)
    for r in derived:
        if r.lemma not in taken:
            out.setdefault(r.lemma, []).append(r)
    return {k: tuple(v) for k, v in out.items()}


def _read(name: str) -> str:
    return resources.files("tieline.events").joinpath("data", name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=4)
def load_event_lexicon(derived: bool = True, *, derived_verbs: bool = True,
                       derived_nouns: bool = True) -> EventLexicon:
    """The bundled dictionaries; ``derived=False`` leaves out the rows derived from PETRARCH2
    (``derived_verbs`` / ``derived_nouns`` one file of them)."""
    from tieline.reference.cameo import load_cameo

    cameo = load_cameo()
    where = "tieline/events/data/"
    verbs = parse_verbs(_read(HAND_VERBS), cameo, where + HAND_VERBS)
    nouns = parse_nouns(_read(HAND_NOUNS), cameo, where + HAND_NOUNS)
    dverbs = parse_verbs(_read(DERIVED_VERBS), cameo, where + DERIVED_VERBS) if derived and derived_verbs else []
    dnouns = parse_nouns(_read(DERIVED_NOUNS), cameo, where + DERIVED_NOUNS) if derived and derived_nouns else []
    return EventLexicon(merge_verbs(verbs, dverbs), merge_nouns(nouns, dnouns))
