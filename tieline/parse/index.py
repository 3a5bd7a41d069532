"""Per-document lookups that spaCy recomputes on every access (entities, sentences)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DocIndex:
    """For each token: the bounds and label of its named entity, and its sentence's bounds."""

    ents: tuple[tuple[int, int, str] | None, ...]
    sents: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, doc: Any) -> "DocIndex":
        ents: list[tuple[int, int, str] | None] = [None] * len(doc)
        for e in doc.ents:
            for i in range(e.start, e.end):
                ents[i] = (e.start, e.end, e.label_)
        sents: list[tuple[int, int]] = [(0, len(doc))] * len(doc)
        for s in doc.sents:
            for i in range(s.start, s.end):
                sents[i] = (s.start, s.end)
        return cls(tuple(ents), tuple(sents))

    def person(self, i: int) -> tuple[int, int] | None:
        """The bounds of the PERSON entity token ``i`` is in, if any."""
        e = self.ents[i]
        return (e[0], e[1]) if e is not None and e[2] == "PERSON" else None
