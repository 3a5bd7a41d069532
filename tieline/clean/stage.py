"""The ``clean`` stage: drop page furniture; articles left without text are rejected."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from tieline.config import Config
from tieline.model import Document, Rejection


class CleanStage:
    name: ClassVar[str] = "clean"
    requires: ClassVar[frozenset[str]] = frozenset({"article"})
    provides: ClassVar[frozenset[str]] = frozenset({"clean_text"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        self.max_chars = config.max_chars

    def __call__(self, document: Document) -> Document:
        from tieline.clean.furniture import clean_article

        article = clean_article(document.article)
        if not article.text.strip():
            return replace(document, rejection=Rejection(
                "EMPTY", "no text left after removing page furniture",
                article.origin, article.id))
        if len(article.text) > self.max_chars:
            return replace(document, rejection=Rejection(
                "TOO_LARGE", f"{len(article.text)} characters of text (limit {self.max_chars})",
                article.origin, article.id))
        return replace(document, article=article)
