import datetime as dt

import pytest

from tieline.config import Config
from tieline.errors import ConfigError
from tieline.model import Article, Rejection
from tieline.pipeline import Pipeline

TEXT = ("Germany imposes sanctions on Iran\n\nBERLIN — Germany imposed sanctions on Iran on Tuesday, "
        "and the Iranian foreign ministry condemned the move.\n")


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=TEXT, title="Germany imposes sanctions on Iran",
                    published=dt.date(2020, 1, 8)) for i in range(n)]


def test_pipeline_rejects_unknown_stage():
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline.from_config(Config(stages=("clean", "parse", "nonsense")))


def test_pipeline_checks_what_stages_require():
    with pytest.raises(ConfigError, match="needs"):
        Pipeline.from_config(Config(stages=("clean", "events")))


def test_pipeline_passes_rejections_through_in_order():
    items = [_articles(1)[0], Rejection("EMPTY", "no text", "x.txt"), _articles(2)[1]]
    docs = list(Pipeline.from_config().run(items))
    assert [d.rejection.reason if d.rejection else d.article.id for d in docs] == ["a0", "EMPTY", "a1"]
    assert all(d.doc is None for d in docs)  # spaCy docs are dropped unless asked for


def test_pipeline_codes_events_with_evidence():
    doc = Pipeline.from_config()(_articles(1)[0])
    assert doc.events, "no events coded"
    e = next(e for e in doc.events if e.root == "16")
    assert (e.source.country, e.target.country, e.mode) == ("DEU", "IRN", "asserted")
    assert doc.article.text[e.span[0]:e.span[1]] == e.sentence
    assert e.date == dt.date(2020, 1, 7) and e.date_precision == "day"
    assert e.plover and e.quad_class == 4


def test_pipeline_two_processes_give_the_same_events_in_order():
    arts = _articles(6)
    one = [tuple(e.to_dict()["cameo"] for e in d.events) for d in Pipeline.from_config().run(arts)]
    two = [tuple(e.to_dict()["cameo"] for e in d.events) for d in Pipeline.from_config().run(arts, n_process=2,
                                                                                           batch_size=2)]
    assert one == two


def test_pipeline_rejects_article_that_is_only_furniture():
    art = Article(id="f", text="Read Also: Something else entirely\n(Photo: AFP)\n")
    (doc,) = Pipeline.from_config().run([art])
    assert doc.rejection is not None and doc.rejection.reason == "EMPTY"


def test_pipeline_api_rejects_unusable_text_with_reason():
    from tieline.api import extract
    from tieline.errors import InputError

    with pytest.raises(InputError, match="EMPTY"):
        extract("   \n  ")
