"""A token-sequence index over the knowledge base's names, for fast matching.

Every surface form (country names, adjectives, demonyms, capitals, seats of
power, organisations, groups, people, role titles) is tokenised with the
model's own tokenizer and indexed by its lower-cased tokens.  Proper names must
start with a capital letter in the text; short all-capital forms ("US", "UN",
"WHO") must match exactly, so "us" and "who" never do.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

logger = logging.getLogger(__name__)

PROPER_KINDS = frozenset({"block", "city", "country", "demonym", "adjective", "capital", "metonym",
                          "organization", "group", "person"})


@dataclass(frozen=True)
class Entry:
    kind: str  # block | country | adjective | demonym | capital | metonym | organization | group | person | title
    record: Any  # the knowledge-base record (Country, Organization, Group, Person, Title, Metonym)
    surface: str
    exact: bool  # the text must match case exactly
    plural: bool = False  # a title matched in its plural form


@dataclass(frozen=True)
class Match:
    start: int  # token index
    end: int  # token index, exclusive
    entries: tuple[Entry, ...]


class Lexicon:
    """Longest-match lookup of knowledge-base names in a spaCy ``Doc``."""

    def __init__(self, index: dict[tuple[str, ...], tuple[Entry, ...]], max_len: int) -> None:
        self._index = index
        self.max_len = max_len
        # every proper prefix of a key: a match grows one token at a time while it can still
        # become a key, so a text costs about one lookup per token, however long the longest name
        self._prefixes = frozenset(k[:n] for k in index for n in range(1, len(k)))

    @classmethod
    def build(cls, kb: Any, tokenizer: Any, blocked: tuple[str, ...] = (), cities: tuple[Any, ...] = ()) -> "Lexicon":
        """Index the knowledge base's names; ``blocked`` phrases match but stand for nothing;
        ``cities`` are places (an actor only where the text makes one of them)."""
        raw: dict[tuple[str, ...], list[Entry]] = {}
        forms: list[tuple[str, str, Any, bool]] = [(b, "block", None, False) for b in blocked]
        for surface, kind, record in kb.surface_forms():
            surface = surface.strip()
            if surface.lower().startswith("the ") and kind != "title":
                surface = surface[4:]
            if not surface:
                continue
            forms.append((surface, kind, record, False))
            if kind == "title" and getattr(record, "plural", ""):
                forms.append((record.plural, kind, record, True))
        forms += [(n, "city", c, False) for c in cities for n in (c.name, *c.aliases)]  # after capitals
        for (surface, kind, record, plural), key in zip(forms, _token_keys([f[0] for f in forms], tokenizer)):
            exact = surface.isupper() and len(surface.replace(".", "")) <= 5
            raw.setdefault(key, []).append(Entry(kind, record, surface, exact, plural))
        index = {k: tuple(v) for k, v in raw.items()}
        max_len = max((len(k) for k in index), default=1)
        logger.debug("lexicon: %d keys from %d surface forms", len(index), len(forms))
        return cls(index, max_len)

    def hand_title(self, word: str) -> Any:
        """The hand-written (not derived) title spelt ``word``, if any."""
        for e in self._index.get((word,), ()):
            if e.kind == "title" and not getattr(e.record, "derived", False):
                return e.record
        return None

    def match(self, tokens: Sequence[Any]) -> list[Match]:
        """Longest non-overlapping matches, left to right."""
        out: list[Match] = []
        i, n = 0, len(tokens)
        lowers = [t.lower_ for t in tokens]
        index, prefixes = self._index, self._prefixes
        while i < n:
            found = None
            for length in range(1, n - i + 1):
                key = tuple(lowers[i:i + length])
                entries = index.get(key)
                if entries:
                    span = tokens[i:i + length]
                    ok = tuple(e for e in entries if _case_ok(e, span))
                    if ok:
                        found = Match(i, i + length, ok)  # the longest so far
                if key not in prefixes:
                    break
            if found:
                out.append(found)
                i = found.end
            else:
                i += 1
        return out


_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _token_keys(texts: list[str], tokenizer: Any) -> list[tuple[str, ...]]:
    """The lower-cased tokens of each text: words of letters and single spaces split on the
    spaces (what the tokenizer does with them, unless a word is one of its special cases),
    the rest through the tokenizer itself."""
    special = {k.lower() for k in getattr(tokenizer, "rules", None) or {}}
    keys: list[tuple[str, ...] | None] = []
    hard: list[int] = []
    for i, text in enumerate(texts):
        low = text.lower()
        words = tuple(low.split(" "))
        if _PLAIN.fullmatch(text) and not any(w in special for w in words):
            keys.append(words)
        else:
            keys.append(None)
            hard.append(i)
    for i, doc in zip(hard, tokenizer.pipe([texts[i] for i in hard])):
        keys[i] = tuple(t.text.lower() for t in doc)
    return keys  # type: ignore[return-value]


def _case_ok(entry: Entry, span: Sequence[Any]) -> bool:
    text = "".join(t.text_with_ws for t in span).strip()
    if entry.exact:
        return text.replace(" ", "") == entry.surface.replace(" ", "")
    if entry.kind in PROPER_KINDS:
        first = span[0].text
        return first[:1].isupper() or first[:1].isdigit()
    return True


def read_non_actors() -> tuple[str, ...]:
    """Place and event names that contain a country's name but are no actor (``data/non_actors.txt``)."""
    from importlib import resources

    text = resources.files("tieline.actors").joinpath("data", "non_actors.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
