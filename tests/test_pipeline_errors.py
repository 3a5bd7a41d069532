"""A stage that raises on one article rejects that article (INTERNAL) and the run goes on."""
from __future__ import annotations

from types import MappingProxyType
from typing import Any, ClassVar

import pytest

import tieline.pipeline.stage as stage_module
from tieline.config import Config
from tieline.model import Article, Document, Rejection
from tieline.pipeline import Pipeline


class BoomStage:
    """Raises on every article whose text says BOOM."""

    name: ClassVar[str] = "boom"
    requires: ClassVar[frozenset[str]] = frozenset({"clean_text"})
    provides: ClassVar[frozenset[str]] = frozenset({"boom"})

    def __init__(self, config: Config, shared: dict[str, Any]) -> None:
        pass

    def __call__(self, document: Document) -> Document:
        if "BOOM" in document.article.text:
            raise ValueError("the stage cannot handle BOOM")
        return document


class BatchBoomStage(BoomStage):
    """The same, as a batched stage (``pipe``): one bad article fails the batch."""

    name: ClassVar[str] = "batchboom"

    def pipe(self, documents: list[Document]) -> list[Document]:
        return [self(d) for d in documents]


@pytest.fixture()
def registered(monkeypatch):
    monkeypatch.setattr(stage_module, "STAGES", MappingProxyType({
        **stage_module.STAGES, "boom": f"{__name__}:BoomStage",
        "batchboom": f"{__name__}:BatchBoomStage"}))


def _articles() -> list[Article | Rejection]:
    texts = ["Kenya sent aid to Somalia.", "BOOM goes this one.", "Somalia thanked Kenya.",
             "Germany imposed sanctions on Iran.", "BOOM again.", "Iran condemned the move."]
    items: list[Article | Rejection] = [Article(id=f"a{i}", text=t, origin=f"a{i}.txt")
                                        for i, t in enumerate(texts)]
    items.insert(3, Rejection("EMPTY", "no text", "empty.txt", "e"))
    return items


@pytest.mark.parametrize("name", ["boom", "batchboom"])
@pytest.mark.parametrize("n_process", [1, 2])
def test_pipeline_stage_error_rejects_only_that_article(registered, name, n_process):
    pipeline = Pipeline.from_config(Config(stages=("clean", name)))
    docs = list(pipeline.run(_articles(), n_process=n_process, batch_size=2))
    assert [d.article.id for d in docs] == ["a0", "a1", "a2", "e", "a3", "a4", "a5"]
    reasons = {d.article.id: d.rejection.reason for d in docs if d.rejection}
    assert reasons == {"a1": "INTERNAL", "e": "EMPTY", "a4": "INTERNAL"}
    bad = docs[1].rejection
    assert bad is not None and bad.origin == "a1.txt" and bad.article_id == "a1"
    assert bad.detail == f"stage {name!r} raised ValueError: the stage cannot handle BOOM"
    assert all("boom" in d.provided for d in docs if d.rejection is None)


def test_pipeline_stage_error_in_a_single_call_is_a_rejection(registered):
    pipeline = Pipeline.from_config(Config(stages=("clean", "batchboom")))
    doc = pipeline(Article(id="x", text="BOOM"))
    assert doc.rejection is not None and doc.rejection.reason == "INTERNAL"
    assert "batchboom" in doc.rejection.detail
