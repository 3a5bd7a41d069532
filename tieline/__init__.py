"""tieline: coded political event data from international news.

Importing ``tieline`` is cheap: the model, the knowledge base and the heavy
libraries load only when a function that needs them is called.
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "extract": "tieline.api",
    "extract_article": "tieline.api",
    "extract_paths": "tieline.api",
    "make_article": "tieline.api",
    "load_pipeline": "tieline.api",
    "Pipeline": "tieline.pipeline",
    "Config": "tieline.config",
    "Article": "tieline.model",
    "Actor": "tieline.model",
    "Document": "tieline.model",
    "Event": "tieline.model",
    "Location": "tieline.model",
    "Mention": "tieline.model",
    "Rejection": "tieline.model",
    "evaluate": "tieline.evaluation",
    "EventStore": "tieline.store",
    "ingest_paths": "tieline.ingest.into_store",
    "events": "tieline.store",
    "export": "tieline.store",
    "relation_series": "tieline.relations",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tieline' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
