"""The bundled gazetteer: GeoNames countries, admin1 regions and cities.

``data/gazetteer.tsv.gz`` is built by ``scripts/build_gazetteer.py`` from
GeoNames data (CC BY 4.0, see ``data/SOURCES.md``): 252 countries, about 4,000
first-order administrative divisions and the 34,000 cities with a population
of 15,000 or more, each with its GeoNames id, country (ISO3), admin1 code,
latitude/longitude (cities only) and population.  ``data/places.tsv`` adds a
few well-known places GeoNames' city file lacks (regions, seas, venues), with
a country where they have one and never with coordinates.

Names are looked up folded (accents dropped, case-folded, a leading "the"
dropped), in two dictionaries: primary names and alternate names.  The whole
thing is built once per process and kept in the pipeline's shared dict.
"""
from __future__ import annotations

import gzip
import re
import unicodedata
from sys import intern
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

FEATURES = ("country", "admin1", "city", "place")
GAZETTEER_HEADER = ["geonames_id", "name", "aliases", "feature", "country", "admin1", "lat", "lon",
                    "population", "capital"]
PLACES_HEADER = ["name", "aliases", "country", "city"]
_SPACE = re.compile(r"\s+")
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    feature: str  # country | admin1 | city | place
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None = None  # GeoNames admin1 code ("TX", "05")
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    capital: bool = False
    geonames_id: int | None = None
    names: int = 0  # how many alternate names GeoNames gives it (Latin ones): a sign of renown


def fold(name: str) -> str:
    """The lookup key of a name: accents dropped, case-folded, spaces collapsed,
    curly apostrophes straightened, a leading "the" dropped."""
    if name.isascii():
        s = name
    else:
        s = "".join(c for c in unicodedata.normalize("NFKD", name.replace("’", "'"))
                    if not unicodedata.combining(c))
    if "  " in s or "\t" in s or "\n" in s:
        s = _SPACE.sub(" ", s)
    s = s.strip().casefold()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Gazetteer:
    """Places and the two name indexes (folded name -> indexes into ``places``)."""

    places: tuple[Place, ...]
    names: Mapping[str, int | tuple[int, ...]]  # one index, or several
    aliases: Mapping[str, int | tuple[int, ...]]
    admin1: Mapping[tuple[str, str], int]  # (country, admin1 code) -> index of the region

    def lookup(self, name: str) -> tuple[tuple[Place, bool], ...]:
        """Every place called ``name``: ``(place, True)`` for a primary name,
        ``(place, False)`` for an alternate one."""
        key = fold(name)
        primary = _indexes(self.names.get(key, ()))
        alternate = [i for i in _indexes(self.aliases.get(key, ())) if i not in primary]
        return tuple((self.places[i], True) for i in primary) + tuple((self.places[i], False) for i in alternate)

    def region(self, country: str, admin1: str) -> Place | None:
        i = self.admin1.get((country, admin1))
        return self.places[i] if i is not None else None


def parse_gazetteer(lines: Iterable[str], source: str = "gazetteer.tsv") -> list[tuple[Place, tuple[str, ...]]]:
    """Rows of the GeoNames file; a bad row fails with ``file:line: problem``."""
    it = iter(lines)
    header = next(it, "").rstrip("\n").split("\t")
    if header != GAZETTEER_HEADER:
        raise ValueError(f"{source}:1: bad header {header!r}")
    out = []
    for no, line in enumerate(it, 2):
        line = line.rstrip("\n")
        if not line:
            continue
        cols = line.split("\t")
        if len(cols) != len(GAZETTEER_HEADER):
            raise ValueError(f"{source}:{no}: expected {len(GAZETTEER_HEADER)} columns, found {len(cols)}")
        gid, name, alts, feature, country, admin1, lat, lon, pop, cap = cols
        if feature not in FEATURES or not _ISO3.match(country) or not name:
            raise ValueError(f"{source}:{no}: bad feature, country or name")
        names = tuple(a for a in alts.split("|") if a)
        try:
            # codes repeat on every row: one string object each, not one a row
            place = Place(name, intern(feature), intern(country), intern(admin1) if admin1 else None,
                          float(lat) if lat else None,
                          float(lon) if lon else None, int(pop), cap == "1", int(gid), len(names))
        except ValueError as exc:
            raise ValueError(f"{source}:{no}: {exc}") from exc
        if (place.lat is None) != (place.lon is None) or (place.lat is not None and not (
                -90 <= place.lat <= 90 and -180 <= place.lon <= 180)):
            raise ValueError(f"{source}:{no}: bad coordinates")
        out.append((place, names))
    return out


def parse_places(text: str, source: str = "places.tsv",
                 cities: Mapping[tuple[str, str], Place] | None = None) -> list[tuple[Place, tuple[str, ...]]]:
    """Rows of the hand-kept file of places GeoNames' lists lack.  A venue that
    names the city it lies in takes that city's coordinates and admin1 from
    ``cities`` ((folded name, ISO3) -> city); an unknown city is an error."""
    out = []
    lines = [ln for ln in text.splitlines()]
    if not lines or lines[0].split("\t") != PLACES_HEADER:
        raise ValueError(f"{source}:1: bad header")
    for no, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(PLACES_HEADER) or not cols[0]:
            raise ValueError(f"{source}:{no}: expected {len(PLACES_HEADER)} columns: {', '.join(PLACES_HEADER)}")
        name, alts, country, city = cols
        if country and not _ISO3.match(country):
            raise ValueError(f"{source}:{no}: bad country {country!r}")
        place = Place(name, "place", country or None)
        if city:
            found = (cities or {}).get((fold(city), country))
            if found is None:
                raise ValueError(f"{source}:{no}: no city {city!r} in {country or 'no country'}")
            place = Place(name, "place", country, found.admin1, found.lat, found.lon)
        out.append((place, tuple(a for a in alts.split("|") if a)))
    return out


def largest_cities(places: Iterable[Place]) -> dict[tuple[str, str], Place]:
    """(folded name, ISO3) -> the most populous city of that name in that country."""
    out: dict[tuple[str, str], Place] = {}
    for p in places:
        if p.feature == "city" and p.country:
            key = (fold(p.name), p.country)
            if key not in out or p.population > out[key].population:
                out[key] = p
    return out


def build_gazetteer(rows: Iterable[tuple[Place, tuple[str, ...]]],
                    country_aliases: Mapping[str, Iterable[str]] | None = None) -> Gazetteer:
    """Index ``rows``; ``country_aliases`` (ISO3 -> names, e.g. the actor
    knowledge base's "US", "Britain") are added as alternate names of countries."""
    places: list[Place] = []
    names: dict[str, list[int]] = {}
    aliases: dict[str, list[int]] = {}
    admin1: dict[tuple[str, str], int] = {}
    countries: dict[str, int] = {}
    for place, alts in rows:
        i = len(places)
        places.append(place)
        names.setdefault(fold(place.name), []).append(i)
        for a in alts:
            aliases.setdefault(fold(a), []).append(i)
        if place.feature == "admin1" and place.country and place.admin1:
            admin1[(place.country, place.admin1)] = i
        if place.feature == "country" and place.country:
            countries[place.country] = i
    for iso3, alts in (country_aliases or {}).items():
        if iso3 in countries:
            for a in alts:
                lst = aliases.setdefault(fold(a), [])
                if countries[iso3] not in lst:
                    lst.append(countries[iso3])
    return Gazetteer(tuple(places), MappingProxyType({k: _compact(v) for k, v in names.items()}),
                     MappingProxyType({k: _compact(v) for k, v in aliases.items()}), MappingProxyType(admin1))


def _compact(indexes: list[int]) -> int | tuple[int, ...]:
    """Most names have one place: an int, not a one-element tuple (a third of the index's memory)."""
    return indexes[0] if len(indexes) == 1 else tuple(indexes)


def _indexes(value: int | tuple[int, ...]) -> tuple[int, ...]:
    return (value,) if isinstance(value, int) else value


def load_gazetteer(country_aliases: Mapping[str, Iterable[str]] | None = None) -> Gazetteer:
    """The packaged gazetteer (call once per process; the ``place`` stage keeps
    it in the pipeline's shared dict)."""
    data = resources.files("tieline.where").joinpath("data")
    with gzip.open(data.joinpath("gazetteer.tsv.gz").open("rb"), "rt", encoding="utf-8") as f:
        rows = parse_gazetteer(f)
    rows += parse_places(data.joinpath("places.tsv").read_text(encoding="utf-8"),
                         cities=largest_cities(p for p, _ in rows))
    return build_gazetteer(rows, country_aliases)
