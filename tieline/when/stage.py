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
        dated: list[Event] = []
        for e in document.events:
            start, end = e.span
            sentence = text[start:end]
            anchor = max(0, _trigger_offset(sentence, e.trigger))
            found = date_for(sentence, anchor, published, future=e.mode == "planned")
            if found is None:
                dated.append(e)
                continue
            dated.append(replace(e, date=found.date, date_precision=found.precision, date_text=found.text))
        return replace(document, events=tuple(dated))


def _trigger_offset(sentence: str, trigger: str) -> int:
    return sentence.find(trigger) if trigger else 0
