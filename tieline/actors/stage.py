"""The ``actors`` stage: recognise, resolve and code the article's actors."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document


class ActorStage:
    name: ClassVar[str] = "actors"
    requires: ClassVar[frozenset[str]] = frozenset({"doc"})
    provides: ClassVar[frozenset[str]] = frozenset({"mentions"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        from tieline.actors.kb import SECONDARY, load_knowledge_base
        from tieline.errors import ConfigError
        from tieline.actors.lexicon import Lexicon, read_non_actors
        from tieline.actors.places import load_cities
        from tieline.actors.recognise import ActorRecogniser

        if "recogniser" not in shared:
            sources = tuple(s.strip() for s in config.actor_sources if s.strip())
            unknown = sorted(set(sources) - set(SECONDARY))
            if unknown:
                raise ConfigError(f"unknown actor_sources {unknown}; known: {', '.join(SECONDARY)}")
            kb = load_knowledge_base(tuple(sorted(sources)))
            if "nlp" not in shared:
                from tieline.parse.nlp import load_model
                shared["nlp"] = load_model(config.model)
            lexicon = Lexicon.build(kb, shared["nlp"].tokenizer, read_non_actors(), load_cities())
            codes = {o.id: o.cameo for o in kb.organizations}
            shared["kb"] = kb
            shared["recogniser"] = ActorRecogniser(lexicon, codes)
        self.recogniser = shared["recogniser"]

    def __call__(self, document: Document) -> Document:
        mentions = self.recogniser.recognise(document.doc, document.article.published)
        return replace(document, mentions=tuple(mentions))
