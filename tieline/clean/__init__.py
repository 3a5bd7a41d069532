"""The ``clean`` stage: remove page furniture from article text."""
from tieline.clean.furniture import clean_article, clean_text, furniture_kind, is_furniture
from tieline.clean.lines import looks_like_title, normalise_newlines

__all__ = [
    "clean_article",
    "clean_text",
    "furniture_kind",
    "is_furniture",
    "looks_like_title",
    "normalise_newlines",
]
