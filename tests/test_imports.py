"""Importing tieline is cheap: no model, no heavy libraries, no logging set-up."""
import subprocess
import sys

HEAVY = ["spacy", "thinc", "duckdb", "pyarrow", "trafilatura", "matplotlib", "rich", "torch", "feedparser", "warcio"]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_imports_tieline_loads_no_heavy_module():
    code = ("import sys, logging, tieline, tieline.model, tieline.config, tieline.pipeline, tieline.cli\n"
            f"print([m for m in {HEAVY!r} if m in sys.modules])")
    assert _run(code) == "[]"


def test_imports_tieline_sets_up_no_logging():
    code = "import logging, tieline, tieline.cli\nprint(len(logging.getLogger().handlers))"
    assert _run(code) == "0"


def test_imports_torch_is_not_a_dependency():
    code = "import importlib.util\nprint(importlib.util.find_spec('torch') is None)"
    assert _run(code) == "True"
