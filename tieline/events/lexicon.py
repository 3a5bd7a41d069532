"""The verb and event-noun dictionaries (``data/verbs.txt``, ``data/nouns.txt``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Condition:
    kind: str  # dobj | xcomp | prep | pobj:<prep> | adj
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


@dataclass(frozen=True)
class NounRule:
    lemma: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    cameo: str
    flags: frozenset[str]
    line: int


@dataclass(frozen=True)
class EventLexicon:
    verbs: dict[str, tuple[VerbRule, ...]]
    nouns: dict[str, tuple[NounRule, ...]]


def _lines(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files("tieline.events").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append((no, line.split()))
    return out


def _conditions(spec: str) -> tuple[Condition, ...]:
    if spec == "*":
        return ()
    out = []
    for part in spec.split(","):
        kind, _, words = part.partition("=")
        ws = frozenset() if words in ("", "*") else frozenset(words.split("|"))
        out.append(Condition(kind, ws))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load_event_lexicon() -> EventLexicon:
    from tieline.reference.cameo import load_cameo

    cameo = load_cameo()
    verbs: dict[str, list[VerbRule]] = {}
    for no, cols in _lines("verbs.txt"):
        if len(cols) < 4:
            raise ValueError(f"verbs.txt:{no}: expected at least 4 columns")
        lemma, conds, targets, code, *flags = cols
        if code not in cameo:
            raise ValueError(f"verbs.txt:{no}: unknown CAMEO code {code}")
        base, _, particle = lemma.partition("+")
        rule = VerbRule(base, particle.replace("_", " ") or None, _conditions(conds),
                        tuple(targets.split(",")), code, frozenset(flags), no)
        verbs.setdefault(base, []).append(rule)
    nouns: dict[str, list[NounRule]] = {}
    for no, cols in _lines("nouns.txt"):
        if len(cols) < 4:
            raise ValueError(f"nouns.txt:{no}: expected at least 4 columns")
        lemma, sources, targets, code, *flags = cols
        if code not in cameo:
            raise ValueError(f"nouns.txt:{no}: unknown CAMEO code {code}")
        nouns.setdefault(lemma, []).append(NounRule(lemma, tuple(sources.split(",")),
                                                    tuple(targets.split(",")), code, frozenset(flags), no))
    return EventLexicon({k: tuple(v) for k, v in verbs.items()}, {k: tuple(v) for k, v in nouns.items()})
