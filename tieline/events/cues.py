"""The event coder's cue words (``data/cues.txt``): one validated list per idea."""
from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from importlib import resources
from types import MappingProxyType


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
    intent_of_root: Mapping[str, str]
    referring_noun: frozenset[str]
    back_reference: Mapping[str, frozenset[str]]
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
    negating_adv: frozenset[str]
    hypothetical_noun: frozenset[str]
    planned_adj: frozenset[str]
    hypothetical_adj: frozenset[str]
    double_negative: frozenset[str]
    background_prep: frozenset[str]
    planned_noun: frozenset[str]
    pending_adv: frozenset[str]
    future_time: frozenset[str]
    joining_verb: frozenset[str]


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
    roots = _pairs(lists, "intent_of_root", "ROOT=CODE", str.isdigit, str.isdigit, source)  # "04=036"
    values["intent_of_root"] = MappingProxyType(roots)
    nouns = _pairs(lists, "back_reference", "NOUN=VERB|VERB", bool, bool, source)  # "launch=fire|launch"
    values["back_reference"] = MappingProxyType({k: frozenset(v.split("|")) for k, v in nouns.items()})
    return Cues(**values)  # type: ignore[arg-type]


def _pairs(lists: dict[str, set[str]], name: str, form: str, key_ok: Callable[[str], bool],
           value_ok: Callable[[str], bool], source: str) -> dict[str, str]:
    """The ``KEY=VALUE`` items of list ``name``; an item of another form is an error."""
    out = {}
    for item in sorted(lists[name]):
        key, eq, value = item.partition("=")
        if not eq or not key_ok(key) or not value_ok(value):
            raise ValueError(f"{source}: {name} items are {form}, not {item!r}")
        out[key] = value
    return out


@functools.lru_cache(maxsize=1)
def load_cues() -> Cues:
    text = resources.files("tieline.events").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    return parse_cues(text, "tieline/events/data/cues.txt")
