"""Deeply nested HTML: the paragraph is read, or the page is rejected MALFORMED (too deep)."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.ingest.html import MAX_HTML_DEPTH, article_from_html
from tieline.model import Article, Rejection

PARAGRAPH = ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday "
             "to discuss trade and energy, the Kremlin said in a statement after the talks.")


def _page(depth: int, tag: str = "div") -> str:
    return ("<html><head><title>Putin meets Xi</title></head><body>" + f"<{tag}>" * depth
            + f"<p>{PARAGRAPH}</p>" + f"</{tag}>" * depth + "</body></html>")


def test_html_reads_paragraph_under_300_nested_divs():
    item = article_from_html(_page(300), origin="deep.html")
    assert isinstance(item, Article), item
    assert PARAGRAPH in item.text


def test_html_shallow_page_is_read_as_before():
    item = article_from_html(_page(20), origin="shallow.html")
    assert isinstance(item, Article) and PARAGRAPH in item.text


def test_html_rejects_too_deep_page_as_malformed():
    item = article_from_html(_page(MAX_HTML_DEPTH + 100), origin="deeper.html")
    assert isinstance(item, Rejection)
    assert item.reason == "MALFORMED" and "too deeply" in item.detail and item.origin == "deeper.html"


def test_html_deep_page_without_text_is_empty():
    page = "<html><body>" + "<div>" * 300 + "</div>" * 300 + "</body></html>"
    item = article_from_html(page, origin="hollow.html")
    assert isinstance(item, Rejection) and item.reason == "EMPTY"


@settings(max_examples=12, deadline=None)
@given(depth=st.integers(min_value=1, max_value=MAX_HTML_DEPTH + 200),
       tag=st.sampled_from(["div", "section", "span"]))
def test_html_any_depth_is_read_or_rejected_too_deep(depth, tag):
    item = article_from_html(_page(depth, tag), origin="gen.html")
    if isinstance(item, Article):
        assert PARAGRAPH in item.text
    else:
        assert item.reason == "MALFORMED" and "too deeply" in item.detail
        assert depth > MAX_HTML_DEPTH - 5
