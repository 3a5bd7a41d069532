"""Hand-built documents for the store, relations and export tests."""
from __future__ import annotations

import datetime as dt
from typing import Any

from tieline.model import Actor, Article, Document, Event, Location, Rejection

COUNTRIES: dict[str, str] = {
    "RUS": "Russia", "CHN": "China", "USA": "United States", "UKR": "Ukraine",
    "TUR": "Turkey", "SYR": "Syria", "DEU": "Germany", "NGA": "Nigeria", "FRA": "France",
}
QUAD_OF_ROOT = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4
                for r in range(1, 21)}  # GDELT's quad classes


def actor(key: str | None, role: str | None = None, text: str | None = None) -> Actor | None:
    if key is None:
        return None
    name = COUNTRIES.get(key, key)
    return Actor(text=text or name, name=name, country=key if len(key) == 3 else None,
                 org=None if len(key) == 3 else key, role=role, code=key + (role or ""))


def event(article_id: str, source: str, target: str | None, cameo: str, *,
          date: dt.date | None = None, precision: str | None = "day", mode: str = "asserted",
          goldstein: float = 0.0, place: str | None = None, country: str | None = None,
          sentence: str = "", index: int = 0, confidence: float = 0.5,
          source_role: str | None = None) -> Event:
    root = cameo[:2]
    return Event(
        article_id=article_id, sentence=sentence or f"{source} {cameo} {target}",
        sentence_index=index, span=(0, 10), source=actor(source, source_role),  # type: ignore[arg-type]
        target=actor(target), cameo=cameo, root=root, quad_class=QUAD_OF_ROOT[root],
        goldstein=goldstein, plover=None, mode=mode, trigger="did",
        date=date, date_precision=precision if date else None, date_text=None,
        location=Location(place or country or "", country) if (place or country) else None,
        confidence=confidence)


def doc(article_id: str, events: list[Event] | tuple[Event, ...] = (), *, text: str | None = None,
        title: str | None = None, outlet: str | None = "outlet", url: str | None = None,
        published: dt.date | None = dt.date(2024, 3, 5)) -> Document:
    art = Article(id=article_id, text=text if text is not None else f"text of {article_id}",
                  title=title, published=published, url=url, outlet=outlet,
                  origin=f"test/{article_id}")
    return Document(article=art, events=tuple(events))


def rejected(article_id: str, reason: str = "EMPTY", detail: str = "no text") -> Document:
    art = Article(id=article_id, text="", origin=f"test/{article_id}")
    return Document(article=art, rejection=Rejection(reason, detail, f"test/{article_id}",
                                                     article_id))


def table(store: Any, name: str, order: str) -> list[tuple[Any, ...]]:
    return store.con.execute(f"SELECT * FROM {name} ORDER BY {order}").fetchall()
