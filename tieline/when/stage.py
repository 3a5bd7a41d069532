"""The ``time`` stage: date each event from the words of its sentence."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document, Event


class TimeStage:
    name: ClassVar[str] = "time"
    requires: ClassVar[frozenset[str]] = frozenset({"events"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        pass

    def __call__(self, document: Document) -> Document:
        from tieline.when.dates import date_for

        published = document.article.published
        if published is None or not document.events:
            return document
        text = document.article.text
        lead = _lead_date(document, published)
        dated: list[Event] = []
        for e in document.events:
            start, end = e.span
            sentence = text[start:end]
            anchor = max(0, _trigger_offset(sentence, e.trigger))
            found = date_for(sentence, anchor, published, future=e.mode == "planned")
            if found is None and e.sentence_index == 0 and document.article.title:
                found = lead  # a headline reports the lead's event
            if found is None:
                dated.append(e)
                continue
            dated.append(replace(e, date=found.date, date_precision=found.precision, date_text=found.text))
        return replace(document, events=tuple(dated))


def _lead_date(document: Document, published: Any) -> Any:
    """The first date stated in the article's first body sentence, if any."""
    from tieline.when.dates import find_dates

    title = document.article.title or ""
    body = document.article.text[len(title):] if document.article.text.startswith(title) else document.article.text
    first = body.strip().split("\n", 1)[0]
    for cut in (". ", "? ", "! "):
        first = first.split(cut, 1)[0]
    found = find_dates(first, published)
    return found[0] if found else None


def _trigger_offset(sentence: str, trigger: str) -> int:
    return sentence.find(trigger) if trigger else 0
