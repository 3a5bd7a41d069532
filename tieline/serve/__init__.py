"""``tieline serve``: a read-only REST API (``/api/v1``) and dashboard over a store.

:func:`~tieline.serve.app.create_app` builds the FastAPI application;
:func:`~tieline.serve.run.serve` runs it under uvicorn.  The store is read
through private snapshots (:mod:`tieline.serve.snapshot`) so ingests into it
are never blocked.  FastAPI and uvicorn are imported only here, on use.
"""
from __future__ import annotations

from typing import Any


def create_app(*args: Any, **kwargs: Any) -> Any:
    from tieline.serve.app import create_app as build

    return build(*args, **kwargs)


def serve(*args: Any, **kwargs: Any) -> None:
    from tieline.serve.run import serve as run

    run(*args, **kwargs)
