"""Actor recognition and in-article resolution, on golden cases (tests/data/actors_golden.tsv)."""
from pathlib import Path

import pytest

from tieline.api import make_article
from tieline.model import Document
from tieline.pipeline import Pipeline

ROWS = [line.split("\t") for line in
        (Path(__file__).parent / "data" / "actors_golden.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.from_config()


@pytest.mark.parametrize("text,published,word,expected", ROWS, ids=[f"{r[2]}-{r[1]}" for r in ROWS])
def test_actors_golden_mention(pipeline, text, published, word, expected):
    article = make_article(text, published=published, title="")
    doc = pipeline.process([Document(article=article)])[0]
    codes: dict[str, set[str]] = {}
    for m in doc.mentions:
        codes.setdefault(doc.doc[m.head].text, set()).add(m.actor.code)
    if expected.strip() == "-":
        assert word not in codes, codes
    else:
        assert expected.strip() in codes.get(word, set()), codes
