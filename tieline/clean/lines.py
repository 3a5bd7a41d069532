"""Line-level helpers shared by the readers and the furniture cleaner."""
from __future__ import annotations

import logging
import re

logger = logging.getLogger(__name__)

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25

# An abbreviation or initialism at the very end ("... the U.S.", "... Jr.").
_FINAL_ABBREVIATION = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Jr|Sr|St|Co|Inc|Ltd|Corp)\.)$")
_CLAUSE_END = (".", ",", ";", ":")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_nonblank_line(text: str) -> tuple[int, str] | None:
    """The index and content of the first non-blank line of ``text``, split on
    ``\\n`` only (after newline normalisation), or ``None`` for blank text."""
    for index, line in enumerate(normalise_newlines(text).split("\n")):
        if line.strip():
            return index, line
    return None


def looks_like_title(line: str) -> bool:
    """Whether a single line reads like a headline.

    A title is non-empty, shorter than 200 characters and 25 words, contains a
    letter, does not start with a lower-case word, and does not end like a
    sentence or clause (``.``, ``,``, ``;``, ``:``) -- a final ``?``, ``!``,
    quote or an abbreviation such as ``U.S.`` is fine.
    """
    stripped = line.strip()
    if not stripped or "\n" in stripped or len(stripped) >= TITLE_MAX_CHARS:
        return False
    words = stripped.split()
    if len(words) > TITLE_MAX_WORDS:
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    first_word = words[0].lstrip("\"'‘“([")
    if first_word and first_word.islower():
        return False
    if stripped.endswith("...") or stripped.endswith("…"):
        return False
    if stripped.endswith(_CLAUSE_END):
        return bool(stripped.endswith(".") and _FINAL_ABBREVIATION.search(stripped))
    return True
