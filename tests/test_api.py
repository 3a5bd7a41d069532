"""The Python API loads one pipeline per process and configuration, and reuses it."""
from __future__ import annotations

import subprocess
import sys

import tieline
from tieline.config import Config
from tieline.pipeline import Pipeline

TEXT = ("Germany imposes sanctions on Iran\n\nBERLIN — Germany imposed sanctions on Iran on Tuesday, "
        "and the Iranian foreign ministry condemned the move.\n")


def test_api_calls_reuse_one_loaded_pipeline(monkeypatch, tmp_path):
    tieline.load_pipeline.cache_clear()
    built: list[object] = []
    real = Pipeline.from_config.__func__  # type: ignore[attr-defined]

    def counting(cls, config=None):
        built.append(config)
        return real(cls, config)

    monkeypatch.setattr(Pipeline, "from_config", classmethod(counting))
    first = tieline.extract(TEXT, published="2020-01-08")
    second = tieline.extract(TEXT, published="2020-01-08", config=Config())
    assert first and [e.to_dict() for e in first] == [e.to_dict() for e in second]
    tieline.extract_article(tieline.make_article(TEXT, published="2020-01-08"))
    (tmp_path / "a.txt").write_text(TEXT)
    docs = list(tieline.extract_paths([tmp_path / "a.txt"], published="2020-01-08", n_process=1))
    assert docs[0].events
    assert len(built) == 1
    assert tieline.load_pipeline() is tieline.load_pipeline(Config())


def test_api_other_config_gets_its_own_pipeline():
    light = Config(stages=("clean",))
    assert tieline.load_pipeline(light) is tieline.load_pipeline(Config(stages=("clean",)))
    assert tieline.load_pipeline(light) is not tieline.load_pipeline(Config(stages=("clean",), batch_size=3))
    unhashable = Config(stages=["clean"])  # type: ignore[arg-type]
    assert isinstance(tieline.load_pipeline(unhashable), Pipeline)


def test_api_import_loads_no_model():
    code = ("import sys, tieline, tieline.api\n"
            "print([m for m in ('spacy', 'thinc', 'trafilatura', 'duckdb') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
