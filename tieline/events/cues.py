"""The event coder's cue words (``data/cues.txt``): one validated list per idea."""
from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from importlib import resources


@dataclass(frozen=True)
class Cues:
    object_control: frozenset[str]
    light_verb: frozenset[str]
    say: frozenset[str]
    locative_prep: frozenset[str]
    partitive: frozenset[str]
    situation_noun: frozenset[str]
    addressed_root: frozenset[str]
    third_party_code: frozenset[str]
    again_base: frozenset[str]
    repetition: frozenset[str]
    willing: frozenset[str]
    intent_of_root: dict[str, str]
    referring_noun: frozenset[str]
    back_reference: dict[str, frozenset[str]]
    domestic_code: frozenset[str]
    lead_referent: frozenset[str]
    weighing_verb: frozenset[str]
    money_noun: frozenset[str]
    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    planned_governor: frozenset[str]
    hypothetical_governor: frozenset[str]
    negating_governor: frozenset[str]
    negating_det: frozenset[str]
    hypothetical_noun: frozenset[str]
    planned_adj: frozenset[str]
    hypothetical_adj: frozenset[str]
    double_negative: frozenset[str]
    background_prep: frozenset[str]


def parse_cues(text: str, source: str = "cues.txt") -> Cues:
    """Read the lists; an unknown or missing list name is an error naming file and line."""
    names = {f.name for f in fields(Cues)}
    lists: dict[str, set[str]] = {}
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        name, *words = line.split()
        if name not in names:
            raise ValueError(f"{source}:{no}: unknown cue list {name!r}")
        if not words:
            raise ValueError(f"{source}:{no}: cue list {name!r} has no words")
        lists.setdefault(name, set()).update(w.replace("_", " ").lower() for w in words)
    missing = sorted(names - set(lists))
    if missing:
        raise ValueError(f"{source}: cue lists missing: {', '.join(missing)}")
    values: dict[str, object] = {k: frozenset(v) for k, v in lists.items()}
    pairs = {}
    for item in sorted(lists["intent_of_root"]):  # root=intent code, "04=036"
        root, eq, code = item.partition("=")
        if not eq or not root.isdigit() or not code.isdigit():
            raise ValueError(f"{source}: intent_of_root items are ROOT=CODE, not {item!r}")
        pairs[root] = code
    values["intent_of_root"] = pairs
    back: dict[str, frozenset[str]] = {}
    for item in sorted(lists["back_reference"]):  # noun=verb|verb, "launch=fire|launch"
        noun, eq, verbs = item.partition("=")
        if not eq or not noun or not verbs:
            raise ValueError(f"{source}: back_reference items are NOUN=VERB|VERB, not {item!r}")
        back[noun] = frozenset(verbs.split("|"))
    values["back_reference"] = back
    return Cues(**values)  # type: ignore[arg-type]


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    text = resources.files("tieline.events").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    return parse_cues(text, "tieline/events/data/cues.txt")
