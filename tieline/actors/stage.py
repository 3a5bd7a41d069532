"""The ``actors`` stage: recognise, resolve and code the article's actors, and mark the
sentences PETRARCH2's discard phrases say not to code."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document

#: What the ``actor_sources`` setting may name: the knowledge base's secondary files and the discards.
ACTOR_SOURCES = ("agents", "organizations", "people", "discards")


class ActorStage:
    name: ClassVar[str] = "actors"
    requires: ClassVar[frozenset[str]] = frozenset({"doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions", "discarded"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        from tieline.actors.discards import DiscardFinder, read_discards
        from tieline.actors.kb import load_knowledge_base
        from tieline.actors.lexicon import Lexicon, read_non_actors
        from tieline.actors.places import load_cities
        from tieline.actors.recognise import ActorRecogniser

        if "recogniser" not in shared:
            sources = config.sources("actor_sources", ACTOR_SOURCES)
            kb = load_knowledge_base(tuple(sorted(sources - {"discards"})))
            if "nlp" not in shared:
                from tieline.parse.nlp import load_model
                shared["nlp"] = load_model(config.model)
            tokenizer = shared["nlp"].tokenizer
            lexicon = Lexicon.build(kb, tokenizer, read_non_actors(), load_cities())
            codes = {o.id: o.cameo for o in kb.organizations}
            shared["kb"] = kb
            shared["recogniser"] = ActorRecogniser(lexicon, codes)
            discards = read_discards(lambda s: [t.text for t in tokenizer(s)]) if "discards" in sources else ()
            shared["discards"] = DiscardFinder(discards)
        self.recogniser = shared["recogniser"]
        self.discards = shared["discards"]

    def __call__(self, document: Document) -> Document:
        mentions = self.recogniser.recognise(document.doc, document.article.published)
        return replace(document, mentions=tuple(mentions), discarded=self.discards.find(document.doc))
