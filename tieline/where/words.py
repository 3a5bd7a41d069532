"""The place words of ``data/words.txt``: one validated list per idea."""
from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from importlib import resources


@dataclass(frozen=True)
class PlaceWords:
    locative: frozenset[str]
    weak_locative: frozenset[str]
    topic_prep: frozenset[str]
    region_noun: frozenset[str]
    city_noun: frozenset[str]
    area_noun: frozenset[str]
    event_noun: frozenset[str]

    def kind(self, word: str) -> str | None:
        """"admin1" for a region noun, "city" for a town noun, else None."""
        w = word.lower()
        return "admin1" if w in self.region_noun else "city" if w in self.city_noun else None

    @property
    def place_nouns(self) -> frozenset[str]:
        """Nouns whose "of" object or compound name is the place ("the city of Kherson")."""
        return self.region_noun | self.city_noun | self.area_noun


def parse_words(text: str, source: str = "words.txt") -> PlaceWords:
    """Read the lists; an unknown or missing list name is an error naming file and line."""
    names = {f.name for f in fields(PlaceWords)}
    lists: dict[str, set[str]] = {}
    for no, raw in enumerate(text.splitlines(), 1):
        line = "" if raw.lstrip().startswith("#") else raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, *words = line.split()
        if name not in names:
            raise ValueError(f"{source}:{no}: unknown word list {name!r}")
        if not words:
            raise ValueError(f"{source}:{no}: word list {name!r} has no words")
        lists.setdefault(name, set()).update(w.lower() for w in words)
    missing = sorted(names - set(lists))
    if missing:
        raise ValueError(f"{source}: word lists missing: {', '.join(missing)}")
    for sub in ("weak_locative", "topic_prep"):
        if not lists[sub] <= lists["locative"]:
            raise ValueError(f"{source}: {sub} words must be locative words too")
    return PlaceWords(**{k: frozenset(v) for k, v in lists.items()})


@functools.lru_cache(maxsize=1)
def load_words() -> PlaceWords:
    text = resources.files("tieline.where").joinpath("data", "words.txt").read_text(encoding="utf-8")
    return parse_words(text, "tieline/where/data/words.txt")
