"""The pipeline: a list of named stages run over articles, in one process or several."""
from __future__ import annotations

import collections
import itertools
from dataclasses import replace
import logging
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from typing import Any

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.model import Article, Document, Rejection
from tieline.pipeline.stage import Stage, create_stage, pipe_stage

logger = logging.getLogger(__name__)

__all__ = ["Pipeline"]


class Pipeline:
    """Stages in order, checked so that each finds what it requires."""

    def __init__(self, stages: list[Stage], config: Config) -> None:
        available: set[str] = {"article"}
        for stage in stages:
            missing = set(stage.requires) - available
            if missing:
                raise ConfigError(f"stage {stage.name!r} needs {sorted(missing)}, "
                                  "which no earlier stage provides")
            available |= stage.provides
        self.stages = stages
        self.config = config

    @classmethod
    def from_config(cls, config: Config | None = None) -> "Pipeline":
        config = config or Config()
        shared: dict[str, Any] = {}
        return cls([create_stage(name, config, shared) for name in config.stages], config)

    def process(self, documents: Iterable[Document]) -> list[Document]:
        docs: Iterable[Document] = list(documents)
        for stage in self.stages:
            docs = list(pipe_stage(stage, docs))
        return list(docs)

    def __call__(self, article: Article) -> Document:
        return self.process([Document(article=article)])[0]

    def run(self, items: Iterable[Article | Rejection], *, n_process: int | None = None,
            batch_size: int | None = None, keep_doc: bool = False) -> Iterator[Document]:
        """Process a stream of articles (and pass rejections through), in input order.
        With ``n_process > 1`` each worker process runs the whole pipeline."""
        n_process = worker_count(n_process or self.config.n_process)
        batch_size = batch_size or self.config.batch_size
        batches = _batches((_as_document(i) for i in items), batch_size)
        first = next(batches, None)
        second = next(batches, None) if first is not None else None
        batches = itertools.chain([b for b in (first, second) if b is not None], batches)
        if n_process <= 1 or second is None or keep_doc:  # one batch: no processes to start
            for batch in batches:
                yield from (d if keep_doc else _strip(d) for d in self.process(batch))
            return
        ctx = multiprocessing.get_context("fork")
        _Worker.pipeline = self  # forked workers inherit the loaded pipeline: no reload per worker
        try:
            with ctx.Pool(n_process, initializer=_worker_init, initargs=(self.config,)) as pool:
                # the input is read here, in the caller's thread, so Ctrl-C or a closed pipe stops
                # the run at once; a bounded window of batches is in the workers, results in order
                pending: collections.deque = collections.deque()
                for batch in batches:
                    pending.append(pool.apply_async(_worker_process, (batch,)))
                    while pending and (len(pending) >= 2 * n_process or pending[0].ready()):
                        yield from pending.popleft().get()
                while pending:
                    yield from pending.popleft().get()
        finally:
            _Worker.pipeline = None


def worker_count(n_process: int) -> int:
    """Worker processes to run: ``n_process``, or one per core of the machine when it is 0."""
    return n_process if n_process > 0 else max(1, os.cpu_count() or 1)


def _as_document(item: Article | Rejection) -> Document:
    if isinstance(item, Rejection):
        return Document(article=Article(id=item.article_id or item.origin or "", text=""),
                        rejection=item)
    return Document(article=item)


def _strip(document: Document) -> Document:
    return document if document.doc is None else replace(document, doc=None)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(itertools.islice(it, size)):
        yield batch


class _Worker:
    """The pipeline held by one worker process (created by the pool initializer)."""

    pipeline: Pipeline | None = None


def _worker_init(config: Config) -> None:
    # Ctrl-C is the parent's to handle: it stops the pool and keeps what was committed
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _Worker.pipeline is None:  # not forked from a process holding one
        _Worker.pipeline = Pipeline.from_config(config)


def _worker_process(batch: list[Document]) -> list[Document]:
    assert _Worker.pipeline is not None
    return [_strip(d) for d in _Worker.pipeline.process(batch)]
