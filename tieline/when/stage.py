"""The ``time`` stage: date each event from the words of its sentence."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document, Event


_DATELINE = re.compile(r"\s*(?:[A-Z][A-Za-z.'-]*[ /]?)*[A-Z]{2,}[A-Za-z.'-]*,\s*$")  # "KYIV, ", "NEW DELHI/LONDON, "


class TimeStage:
    name: ClassVar[str] = "time"
    requires: ClassVar[frozenset[str]] = frozenset({"events", "doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"dates"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        pass

    def __call__(self, document: Document) -> Document:
        from tieline.when.dates import date_for

        text = document.article.text
        published = document.article.published or _stated_date(text)
        if published is None or not document.events:
            return document
        lead = _lead_date(document, published)
        dated: list[Event] = []
        for e in document.events:
            start, end = e.span
            sentence = text[start:end]
            anchor = e.trigger_span[0] - start if e.trigger_span else 0
            window = _clause(document.doc, start + anchor, start) if e.mode == "planned" else None
            found = date_for(sentence, anchor, published, future=e.mode == "planned", window=window)
            if found is not None and _DATELINE.match(sentence[:found.start]) and found.start < anchor:
                # "LIMA, June 9, 2021 — Peru expelled … on Tuesday": the dateline dates the story, not the event
                blank = sentence[:found.start] + " " * (found.end - found.start) + sentence[found.end:]
                found = date_for(blank, anchor, published, future=e.mode == "planned", window=window) or found
            if found is not None and window is not None and not window[0] <= found.start < window[1]:
                found = None  # "agreed on Wednesday to resume talks": Wednesday dates the agreement
            if found is None and e.sentence_index == 0 and document.article.title:
                found = lead  # a headline reports the lead's event
            if found is None:
                dated.append(_best_estimate(_carried(e, dated), published))
                continue
            dated.append(replace(e, date=found.date, date_precision=found.precision, date_text=found.text))
        return replace(document, events=tuple(dated))


def _stated_date(text: str) -> Any:
    """For a page with no publication date: a full date at its head, where bylines and datelines
    put the day of the story ("Published March 3, 2024", "KYIV, March 3, 2024 —"); relative
    dates are then read against it.  None when the head names no day with its year (a date
    further down is more likely a background date than the story's)."""
    import datetime as dt

    from tieline.when.dates import find_dates

    head = text[:300]
    one, two = (find_dates(head, dt.date(2001, 1, 1)), find_dates(head, dt.date(2013, 7, 9)))
    fixed = {(m.start, m.date) for m in two if m.precision == "day"}
    for m in one:  # the same day whatever the reference: its year is written out
        if m.precision == "day" and (m.start, m.date) in fixed:
            return m.date
    return None


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


def _best_estimate(event: Event, published: Any) -> Event:
    """An event the text gives no day for is placed on the publication date, flagged as an
    estimate (``date_precision == "published"``) so series can place it and leave it out."""
    if event.date is not None:
        return event
    return replace(event, date=published, date_precision="published", date_text=None)


def _carried(event: Event, earlier: list[Event]) -> Event:
    """An undated asserted event of an actor whose previous sentence was dated on a day
    ("Wu told a news conference on Monday …  Wu accused Beijing …") takes that day."""
    if event.mode != "asserted":
        return event
    for e in reversed(earlier):
        if e.sentence_index == event.sentence_index - 1 and e.source.key == event.source.key \
                and e.date is not None and e.date_precision == "day" and e.mode == "asserted":
            return replace(event, date=e.date, date_precision="day", date_text=None)
        if e.sentence_index < event.sentence_index - 1:
            break
    return event


def _clause(doc: Any, offset: int, sentence_start: int) -> tuple[int, int] | None:
    """The character range (within the sentence) of the trigger's own phrase."""
    if doc is None:
        return None
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    left, right = tok.left_edge, tok.right_edge
    return left.idx - sentence_start, right.idx + len(right.text) - sentence_start
