"""The ``parse`` stage: tokens, sentences, tags, dependencies and entities (spaCy)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document
from tieline.parse.nlp import load_model


class ParseStage:
    name: ClassVar[str] = "parse"
    requires: ClassVar[frozenset[str]] = frozenset({"clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"doc"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        if "nlp" not in shared:
            shared["nlp"] = load_model(config.model)
        self.nlp = shared["nlp"]

    def __call__(self, document: Document) -> Document:
        return replace(document, doc=self.nlp(document.article.text))

    def pipe(self, documents: Iterable[Document]) -> Iterator[Document]:
        docs = list(documents)
        for document, doc in zip(docs, self.nlp.pipe(d.article.text for d in docs)):
            yield replace(document, doc=doc)
