"""What a pipeline stage is, and the registry of stage names.

A stage is a callable ``Document -> Document`` with class attributes that say
what it needs (``requires``) and what it adds (``provides``); stages that work
faster on batches also offer ``pipe``.  Stages are found by name through
:data:`STAGES`, an immutable table of import paths, so that naming a stage in
the config never imports more than that stage.
"""
from __future__ import annotations

import importlib
import logging
from dataclasses import replace
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import Any, ClassVar, Protocol

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.model import Document, Rejection

logger = logging.getLogger(__name__)


class Stage(Protocol):
    name: ClassVar[str]
    requires: ClassVar[frozenset[str]]
    provides: ClassVar[frozenset[str]]

    def __call__(self, document: Document) -> Document: ...


STAGES = MappingProxyType({
    "clean": "tieline.clean.stage:CleanStage",
    "parse": "tieline.parse.stage:ParseStage",
    "actors": "tieline.actors.stage:ActorStage",
    "events": "tieline.events.stage:EventStage",
    "time": "tieline.when.stage:TimeStage",
    "place": "tieline.where.stage:PlaceStage",
})


def create_stage(name: str, config: Config, shared: dict[str, Any]) -> Stage:
    """Build the stage registered as ``name``. ``shared`` carries heavy
    resources (the spaCy model, the knowledge base) between stages of one pipeline."""
    try:
        target = STAGES[name]
    except KeyError:
        raise ConfigError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None
    module, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module), attr)
    return factory(config, shared)


def pipe_stage(stage: Stage, documents: Iterable[Document]) -> Iterator[Document]:
    """Run ``stage`` over documents, batched when the stage supports it;
    rejected documents pass through untouched.  A stage that raises on an
    article turns that article into an ``INTERNAL`` rejection (with the stage's
    name and the error) and the others go on."""
    docs = list(documents)
    live = [d for d in docs if d.rejection is None]
    done = iter(_run_stage(stage, live))
    for d in docs:
        if d.rejection is None:
            out = next(done)
            yield out if out.rejection else replace(out, provided=out.provided | stage.provides)
        else:
            yield d


def _run_stage(stage: Stage, live: list[Document]) -> list[Document]:
    """The stage's output for ``live``, one document each; when a batch fails,
    each document is run again alone so that only the failing ones are rejected."""
    batch = getattr(stage, "pipe", None)
    if batch is not None and live:
        try:
            out = list(batch(live))
            if len(out) == len(live):
                return out
            raise RuntimeError(f"returned {len(out)} documents for {len(live)}")
        except Exception as exc:  # noqa: BLE001 - a bug in a stage must not stop the run
            if len(live) == 1:
                return [internal_rejection(stage, live[0], exc)]
            logger.debug("stage %s failed on a batch of %d; running them one by one: %s",
                         stage.name, len(live), exc)
    return [_run_one(stage, d, batch) for d in live]


def _run_one(stage: Stage, document: Document, batch: Any) -> Document:
    try:
        if batch is not None:
            (out,) = list(batch([document]))
            return out
        return stage(document)
    except Exception as exc:  # noqa: BLE001 - a bug in a stage must not stop the run
        return internal_rejection(stage, document, exc)


def internal_rejection(stage: Stage, document: Document, exc: BaseException) -> Document:
    """``document`` rejected ``INTERNAL``: stage ``name`` raised ``exc``."""
    name = getattr(stage, "name", type(stage).__name__)
    logger.warning("stage %s failed on article %s: %s: %s", name, document.article.id,
                   type(exc).__name__, exc, exc_info=logger.isEnabledFor(logging.DEBUG))
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    detail = f"stage {name!r} raised {type(exc).__name__}" + (f": {message}" if message else "")
    rejection = Rejection("INTERNAL", detail, origin=document.article.origin,
                          article_id=document.article.id)
    return replace(document, rejection=rejection)
