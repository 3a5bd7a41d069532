"""Scoring place resolution against a golden file (``tests/data/places_golden.tsv``).

Each golden row is a news-style text, a place name it gives in a locative
phrase, the country that place lies in (ISO3, empty for international waters),
its coordinates (empty for areas) and its kind.  A row's country is right when
the ``place`` stage's resolver finds the name and gives that country; its
coordinates are right when they lie within 25 km of the golden ones.
"""
from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tieline.model import Location

HEADER = ["text", "mention", "country", "lat", "lon", "feature"]
FEATURES = ("country", "admin1", "city", "place")
WITHIN_KM = 25.0
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class GoldenPlace:
    text: str
    mention: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str


@dataclass(frozen=True)
class Outcome:
    gold: GoldenPlace
    found: Location | None  # what the resolver gave the mention, None when no mention was found
    country_right: bool
    distance_km: float | None  # None when either side has no coordinates


@dataclass(frozen=True)
class GoldenScore:
    outcomes: tuple[Outcome, ...]
    locate_seconds: float = 0.0  # time spent finding and resolving the place mentions

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def country_right(self) -> int:
        return sum(o.country_right for o in self.outcomes)

    @property
    def with_coordinates(self) -> int:
        """Golden rows that have coordinates (point places: cities, venues)."""
        return sum(o.gold.lat is not None for o in self.outcomes)

    @property
    def coordinates_right(self) -> int:
        return sum(o.distance_km is not None and o.distance_km <= WITHIN_KM for o in self.outcomes)

    @property
    def country_share(self) -> float:
        return self.country_right / self.total if self.total else 0.0

    @property
    def coordinates_share(self) -> float:
        """Share of the golden point places resolved within 25 km."""
        return self.coordinates_right / self.with_coordinates if self.with_coordinates else 0.0

    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if not o.country_right or (
            o.gold.lat is not None and not (o.distance_km is not None and o.distance_km <= WITHIN_KM)))


def read_golden(path: str | Path) -> tuple[GoldenPlace, ...]:
    """The golden rows; a bad row fails with ``file:line: problem``."""
    path = Path(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != HEADER:
        raise ValueError(f"{path.name}:1: expected the header {' '.join(HEADER)}")
    out = []
    for no, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(HEADER):
            raise ValueError(f"{path.name}:{no}: expected {len(HEADER)} columns, found {len(cols)}")
        text, mention, country, lat, lon, feature = cols
        if mention not in text:
            raise ValueError(f"{path.name}:{no}: the mention {mention!r} is not in the text")
        if country and not _ISO3.match(country):
            raise ValueError(f"{path.name}:{no}: bad country {country!r}")
        if feature not in FEATURES:
            raise ValueError(f"{path.name}:{no}: bad feature {feature!r}")
        if bool(lat) != bool(lon):
            raise ValueError(f"{path.name}:{no}: give both coordinates or neither")
        try:
            la, lo = (float(lat), float(lon)) if lat else (None, None)
        except ValueError as exc:
            raise ValueError(f"{path.name}:{no}: {exc}") from exc
        if la is not None and lo is not None and not (-90 <= la <= 90 and -180 <= lo <= 180):
            raise ValueError(f"{path.name}:{no}: coordinates out of range")
        out.append(GoldenPlace(text, mention, country or None, la, lo, feature))
    return tuple(out)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _pick(mentions: Sequence[Any], name: str) -> Location | None:
    from tieline.where.gazetteer import fold

    key = fold(name)
    for m in mentions:
        if fold(m.text) == key:
            return m.location
    for m in mentions:  # "Donetsk region" for "Donetsk", "Paris, Texas" for "Paris"
        if key in fold(m.text) or fold(m.text) in key:
            return m.location
    return None


def score_golden(rows: Iterable[GoldenPlace], config: Any = None) -> GoldenScore:
    """Run the pipeline up to the actors on every text, find its place
    mentions with the ``place`` stage's resolver and compare with the gold."""
    from tieline.config import Config
    from tieline.model import Article, Document
    from tieline.pipeline import Pipeline
    from tieline.pipeline.stage import create_stage
    from tieline.where.resolve import locate
    from tieline.where.stage import PlaceStage

    rows = tuple(rows)
    config = config or Config()
    shared: dict[str, Any] = {}
    pipeline = Pipeline([create_stage(n, config, shared) for n in ("clean", "parse", "actors")], config)
    resolver = PlaceStage(config, shared).resolver
    docs = pipeline.process(Document(article=Article(id=f"g{i}", text=r.text)) for i, r in enumerate(rows))
    outcomes = []
    spent = 0.0
    for gold, doc in zip(rows, docs):
        t0 = time.perf_counter()
        mentions = locate(doc, resolver) if doc.rejection is None else ()
        spent += time.perf_counter() - t0
        found = _pick(mentions, gold.mention)
        right = found is not None and found.country == gold.country
        dist = None
        if found is not None and found.lat is not None and found.lon is not None and gold.lat is not None \
                and gold.lon is not None:
            dist = distance_km(gold.lat, gold.lon, found.lat, found.lon)
        outcomes.append(Outcome(gold, found, right, dist))
    return GoldenScore(tuple(outcomes), spent)
