"""The bundled gazetteer of cities and towns (``data/cities.tsv``)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class City:
    name: str
    aliases: tuple[str, ...]
    iso3: str
    lat: float
    lon: float


def parse_cities(text: str, source: str = "cities.tsv") -> tuple[City, ...]:
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != ["name", "aliases", "iso3", "lat", "lon"]:
        raise ValueError(f"{source}:1: bad header")
    out = []
    for no, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 5:
            raise ValueError(f"{source}:{no}: expected 5 columns, found {len(cols)}")
        name, aliases, iso3, lat, lon = cols
        try:
            out.append(City(name, tuple(a for a in aliases.split("|") if a), iso3, float(lat), float(lon)))
        except ValueError as exc:
            raise ValueError(f"{source}:{no}: {exc}") from exc
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load_cities() -> tuple[City, ...]:
    text = resources.files("tieline.actors").joinpath("data", "cities.tsv").read_text(encoding="utf-8")
    return parse_cities(text)
