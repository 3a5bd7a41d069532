"""Tests for tieline.clean: page-furniture removal and the title heuristic."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.clean import clean_article, clean_text, furniture_kind, looks_like_title
from tieline.ingest import read_paths
from tieline.model import Article

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).parents[1].parent / "shared"
SEED = SHARED / "seed" / "russia-china-ties.txt"
DEV = SHARED / "eval" / "dev.jsonl"


def golden_rows() -> list[tuple[str, bool]]:
    rows = []
    for raw in (DATA / "furniture_golden.tsv").read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        line, flag = raw.split("\t")
        rows.append((line, flag == "1"))
    return rows


GOLDEN = golden_rows()


def test_furniture_golden_file_is_big_enough() -> None:
    assert len(GOLDEN) >= 50
    assert sum(removed for _, removed in GOLDEN) >= 20
    assert sum(not removed for _, removed in GOLDEN) >= 20


@pytest.mark.parametrize("line, removed", GOLDEN, ids=[line[:40] for line, _ in GOLDEN])
def test_furniture_golden_line(line: str, removed: bool) -> None:
    article = Article(id="g", text=f"Some headline\n{line}\nLast line of the story.")
    cleaned = clean_article(article)
    assert (line in cleaned.removed) == removed, furniture_kind(line)
    assert (line not in cleaned.text.split("\n")) == removed


def test_furniture_removes_seed_furniture() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    original = SEED.read_text(encoding="utf-8")
    article = Article(id="seed", text=original)
    cleaned = clean_article(article)
    assert cleaned.removed == (
        "(Photo : ALEXEI DRUZHININ/Sputnik/AFP via Getty Images)",
        "Read Also: Ukraine War: Volodymyr Zelensky Slams Russia Over Devastation in Cities, "
        "Promises To Lead Nation to Victory",
        "Related Article: Xi Jinping Is All Set To Hold Meeting with Vladimir Putin in "
        "Uzbekistan; Will Russia, China Discuss War Against US?",
    )
    for line in cleaned.removed:
        assert line not in cleaned.text
    # Every other non-blank line is intact and in order.
    kept = [line for line in original.split("\n") if line.strip() and line not in cleaned.removed]
    assert [line for line in cleaned.text.split("\n") if line.strip()] == kept
    assert cleaned.text.startswith("Russia-China Ties: Xi Jinping Expected To Visit Moscow\n"
                                   "At the invitation of Russian President Vladimir Putin")
    assert "\n\n\n" not in cleaned.text


def test_furniture_cleans_dev_articles() -> None:
    if not DEV.exists():
        pytest.skip("dev set not available")
    expected = {
        "seed-000": 3, "dev-002": 1, "dev-010": 2, "dev-011": 1, "dev-019": 1, "dev-038": 2,
        "dev-042": 1, "dev-044": 1, "dev-059": 1,
    }
    records = {json.loads(line)["id"]: json.loads(line)
               for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()}
    for article in read_paths([DEV]):
        assert isinstance(article, Article)
        cleaned = clean_article(article)
        assert len(cleaned.removed) == expected.get(article.id, 0), (article.id, cleaned.removed)
        assert cleaned.text.split("\n")[0] == records[article.id]["title"]
        assert "HONIARA/TAIPEI — Solomon Islands" in cleaned.text or article.id != "dev-002"


def test_furniture_removes_read_also() -> None:
    text = "Headline here\n\nFirst paragraph.\n\nRead Also: Another story\n\nSecond paragraph."
    cleaned = clean_article(Article(id="a", text=text))
    assert cleaned.text == "Headline here\n\nFirst paragraph.\n\nSecond paragraph."
    assert cleaned.removed == ("Read Also: Another story",)


def test_furniture_removes_bylines_but_keeps_prose() -> None:
    text = ("Britain expels diplomats\nBy Political Staff\nLONDON — May spoke.\n"
            "By Thursday, troops had withdrawn.\nBy Jane Doe and John Roe")
    cleaned = clean_article(Article(id="a", text=text))
    assert cleaned.removed == ("By Political Staff", "By Jane Doe and John Roe")
    assert cleaned.text == ("Britain expels diplomats\nLONDON — May spoke.\n"
                            "By Thursday, troops had withdrawn.")


def test_furniture_keeps_dateline() -> None:
    text = ("Solomon Islands cuts ties with Taiwan\n"
            "HONIARA/TAIPEI — Solomon Islands on Monday ended its ties with Taiwan.")
    assert clean_text(text) == (text, ())


def test_furniture_normalises_whitespace() -> None:
    text = "Title  \r\nLine one\t \r\n\r\n\r\n\r\nLine two\rLine three\n\n\n"
    cleaned, removed = clean_text(text)
    assert cleaned == "Title\nLine one\n\nLine two\nLine three"
    assert removed == ()


def test_furniture_keeps_single_and_collapses_runs_of_blank_lines() -> None:
    assert clean_text("a\n\nb")[0] == "a\n\nb"
    assert clean_text("a\n\n\nb")[0] == "a\n\nb"
    assert clean_text("a\n  \n \n\t\nb")[0] == "a\n\nb"


def test_furniture_keeps_other_fields() -> None:
    article = Article(id="x", text="Title\nShare this article\nBody text.", title="Title",
                      published=dt.date(2022, 9, 16), url="https://e.com", outlet="E",
                      origin="file.txt", removed=("earlier",))
    cleaned = clean_article(article)
    assert cleaned is not article
    assert cleaned.removed == ("earlier", "Share this article")
    assert dataclasses.replace(cleaned, text=article.text, removed=article.removed) == article
    assert article.text == "Title\nShare this article\nBody text."  # input untouched


def test_furniture_clean_article_without_furniture_is_unchanged() -> None:
    article = Article(id="x", text="Title\n\nBody text.")
    assert clean_article(article) == article


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_furniture_idempotent_and_never_adds(text: str) -> None:
    once = clean_article(Article(id="h", text=text))
    twice = clean_article(once)
    assert twice == once
    added = Counter(once.text) - Counter(text)
    # Only a lone "\r" may turn into "\n".
    assert not (added - Counter({"\n": text.count("\r")}))
    assert len(once.text) <= len(text)


FURNITURE_LINES = [line for line, removed in GOLDEN if removed]
KEPT_LINES = [line for line, removed in GOLDEN if not removed]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FURNITURE_LINES), st.sampled_from(KEPT_LINES),
                          st.just(""), st.just("   ")), max_size=25))
def test_furniture_idempotent_on_article_like_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    once = clean_article(Article(id="h", text=text))
    assert clean_article(once) == once
    assert set(once.removed) <= set(FURNITURE_LINES)
    for line in KEPT_LINES:
        assert (line in lines) == (line in once.text.split("\n"))


@pytest.mark.parametrize("line, expected", [
    ("Russia-China Ties: Xi Jinping Expected To Visit Moscow", True),
    ("Sri Lanka wins IMF lifeline — but will China agree to restructure its loans?", True),
    ("Pakistan to free captured Indian pilot as 'gesture of peace'", True),
    ("Biden meets Xi in Bali as U.S.", True),
    ("North Korea fires missile!", True),
    ("", False),
    ("   ", False),
    ("At the invitation of Russian President Vladimir Putin, Xi will visit Moscow.", False),
    ("said on Thursday that talks would resume", False),
    ("The following statement was issued:", False),
    ("And then there were more,", False),
    ("The story goes on and on...", False),
    ("2022-09-16", False),
    (" ".join(["word"] * 26).capitalize(), False),
    ("A" * 201, False),
])
def test_furniture_looks_like_title(line: str, expected: bool) -> None:
    assert looks_like_title(line) is expected
