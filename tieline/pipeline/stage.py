"""What a pipeline stage is, and the registry of stage names.

A stage is a callable ``Document -> Document`` with class attributes that say
what it needs (``requires``) and what it adds (``provides``); stages that work
faster on batches also offer ``pipe``.  Stages are found by name through
:data:`STAGES`, an immutable table of import paths, so that naming a stage in
the config never imports more than that stage.
"""
from __future__ import annotations

import importlib
from dataclasses import replace
from collections.abc import Iterable, Iterator
from types import MappingProxyType
from typing import Any, ClassVar, Protocol

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.model import Document


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
    rejected documents pass through untouched."""
    docs = list(documents)
    live = [d for d in docs if d.rejection is None]
    batch = getattr(stage, "pipe", None)
    done = iter(batch(live) if batch else (stage(d) for d in live))
    for d in docs:
        if d.rejection is None:
            out = next(done)
            yield out if out.rejection else replace(out, provided=out.provided | stage.provides)
        else:
            yield d
