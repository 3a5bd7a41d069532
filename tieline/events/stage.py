"""The ``events`` stage: code every event the article states."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document

#: What the ``event_sources`` setting may name: the event dictionaries derived from PETRARCH2.
EVENT_SOURCES = ("verbs", "nouns")


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    provides: ClassVar[frozenset[str]] = frozenset({"events"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        from tieline.events.coder import EventCoder
        from tieline.events.lexicon import load_event_lexicon
        from tieline.reference.cameo import load_cameo

        fallback = None
        if config.fallback:
            from tieline.events.fallback import Fallback, PhraseCoder

            fallback = Fallback(PhraseCoder(config.fallback_threshold))
        sources = config.sources("event_sources", EVENT_SOURCES)
        lexicon = load_event_lexicon(derived_verbs="verbs" in sources, derived_nouns="nouns" in sources)
        self.coder = EventCoder(lexicon, load_cameo(), fallback=fallback)
        self.min_confidence = config.min_confidence

    def __call__(self, document: Document) -> Document:
        events = [e for e in self.coder.code(document) if e.confidence >= self.min_confidence]
        return replace(document, events=tuple(events))
