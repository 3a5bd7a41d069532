"""A tiny, dependency-free check that a text is English.

Two signals: the script (share of letters that are Latin) and the share of
alphabetic tokens that are common English function words.  Words shared with
other Latin-script languages ("a", "i", "in", "to", "for", "is", "he", "die",
"also", "was", "no", "do", "as", ...) are left out of the list so that German, Dutch, Spanish or French text does
not pass as English.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)

MIN_WORDS = 30  # below this the function-word share is not trusted
MIN_LETTERS = 20  # below this the script share is not trusted
FUNCTION_WORD_THRESHOLD = 0.05
LATIN_THRESHOLD = 0.5
SAMPLE_CHARS = 20_000

ENGLISH_FUNCTION_WORDS = frozenset(
    """the of and are were been being be that this these those with from
    by it its it's she they them their there his her him we our you your who
    whom which what when where why how not but or if than then would could should shall
    has have having does did said says after before about into through between
    against during without within while because although though other some any
    all more such only just very can may might must upon onto own each both either
    neither nor whether until since among across toward towards my us ours yours hers
    theirs himself herself themselves itself""".split()
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """The outcome of :func:`guess_english`."""

    is_english: bool
    words: int  # alphabetic tokens
    function_share: float  # share of tokens that are English function words
    latin_share: float  # share of letters that are Latin script
    detail: str


def _is_latin(ch: str) -> bool:
    if ch.isascii():
        return True
    try:
        return unicodedata.name(ch).startswith("LATIN")
    except ValueError:  # unnamed code point
        return False


def latin_share(text: str) -> tuple[float, int]:
    """The share of letters in ``text`` that are Latin script, and the number
    of letters counted."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0, 0
    latin = sum(1 for ch in letters if _is_latin(ch))
    return latin / len(letters), len(letters)


def function_word_share(text: str) -> tuple[float, int]:
    """The share of alphabetic tokens that are English function words, and
    the number of tokens."""
    tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    if not tokens:
        return 0.0, 0
    hits = sum(1 for t in tokens if t in ENGLISH_FUNCTION_WORDS)
    return hits / len(tokens), len(tokens)


def guess_english(text: str) -> LanguageGuess:
    """Guess whether ``text`` is English (only the first 20,000 characters
    are looked at).  Short texts in Latin script are given the benefit of the
    doubt."""
    sample = text[:SAMPLE_CHARS]
    latin, letters = latin_share(sample)
    share, words = function_word_share(sample)
    if letters >= MIN_LETTERS and latin < LATIN_THRESHOLD:
        return LanguageGuess(False, words, share, latin,
                             f"mostly non-Latin script ({latin:.0%} of {letters} letters are Latin)")
    if words >= MIN_WORDS and share < FUNCTION_WORD_THRESHOLD:
        return LanguageGuess(False, words, share, latin,
                             f"few English function words ({share:.1%} of {words} words)")
    return LanguageGuess(True, words, share, latin,
                         f"English ({share:.1%} function words, {latin:.0%} Latin letters)")


def is_english(text: str) -> bool:
    """Whether :func:`guess_english` accepts ``text``."""
    return guess_english(text).is_english
