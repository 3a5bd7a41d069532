"""Phrases that mark a story or a sentence as not political (sports, business, disasters):
``data/petrarch/discards.tsv``, derived from PETRARCH2's ``Phoenix.discards.txt``.

A ``story`` phrase anywhere in an article marks every sentence of it, a ``sentence``
phrase its own sentence.  The actors stage records the marked sentences on the
:class:`~tieline.model.Document` (``discarded``) for the event coder to skip; nothing in
the text is changed.  Phrases match whole lower-cased tokens, looked up by their first
token, so an article costs one dictionary lookup per token.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

SCOPES = frozenset({"story", "sentence"})
#: Sentences (of four words or more) a story phrase must be among to mark the whole story.
LEAD = 3
COLUMNS = ("phrase", "scope")


@dataclass(frozen=True)
class Discard:
    words: tuple[str, ...]  # lower-cased tokens
    story: bool  # True: the whole story, False: the sentence


def parse_discards(text: str, tokenize: Any = None, source: str = "discards.tsv") -> tuple[Discard, ...]:
    """Validated rows of a discards file; ``tokenize(phrase) -> words`` (the model's tokenizer,
    default: split on spaces).  A bad row raises :class:`ValueError` naming the line."""
    lines = text.splitlines()
    if not lines or tuple(c.strip() for c in lines[0].split("\t")) != COLUMNS:
        raise ValueError(f"{source}:1: header must be phrase <tab> scope")
    out: list[Discard] = []
    seen: set[str] = set()
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{source}:{number}"
        if len(cells) != 2:
            raise ValueError(f"{where}: expected 2 columns, found {len(cells)}")
        phrase, scope = cells[0].lower(), cells[1]
        if not phrase:
            raise ValueError(f"{where}: empty phrase")
        if scope not in SCOPES:
            raise ValueError(f"{where}: scope must be story or sentence, not {scope!r}")
        if phrase in seen:
            raise ValueError(f"{where}: duplicate phrase {phrase!r}")
        seen.add(phrase)
        words = tuple(w.lower() for w in (tokenize(phrase) if tokenize else phrase.split()))
        out.append(Discard(words, scope == "story"))
    return tuple(out)


def read_discards(tokenize: Any = None) -> tuple[Discard, ...]:
    text = resources.files("tieline.actors").joinpath("data", "petrarch", "discards.tsv").read_text(encoding="utf-8")
    return parse_discards(text, tokenize, "petrarch/discards.tsv")


class DiscardFinder:
    """Which sentences of a parsed article the discard phrases mark."""

    def __init__(self, discards: Sequence[Discard]) -> None:
        index: dict[str, list[Discard]] = {}
        for d in discards:
            index.setdefault(d.words[0], []).append(d)
        self._index = {k: tuple(sorted(v, key=lambda d: -len(d.words))) for k, v in index.items()}

    def find(self, doc: Any) -> tuple[int, ...]:
        """Sentence indices (as ``doc.sents`` counts them) not to code, in order.

        A story phrase marks the whole story when it is in the lead (the first
        :data:`LEAD` sentences of four words or more: the headline and the opening), and only
        its own sentence further down ("… the World Cup it hosts" in a story on diplomats)."""
        lowers = [t.lower_ for t in doc]
        marked: set[int] = set()
        si, full, words_in_sent, in_lead = -1, 0, 0, True
        for t in doc:
            if t.i == 0 or t.is_sent_start:
                if words_in_sent >= 4:
                    full += 1
                in_lead = full < LEAD
                si += 1
                words_in_sent = 0
            words_in_sent += t.is_alpha
            candidates = self._index.get(lowers[t.i])
            if not candidates:
                continue
            for d in candidates:
                if tuple(lowers[t.i:t.i + len(d.words)]) == d.words:
                    if d.story and in_lead:
                        return tuple(range(sum(1 for _ in doc.sents)))
                    marked.add(si)
                    break
        return tuple(sorted(marked))
