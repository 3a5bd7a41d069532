"""The lexicon's longest-match lookup: one lookup per token, the same matches as trying every length."""
from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.actors.lexicon import Entry, Lexicon, Match

WORDS = ("the", "united", "nations", "security", "council", "of", "state", "islamic", "army")


@dataclass(frozen=True)
class Tok:
    text: str

    @property
    def lower_(self) -> str:
        return self.text.lower()

    @property
    def text_with_ws(self) -> str:
        return self.text + " "


def _lexicon(keys: list[tuple[str, ...]]) -> Lexicon:
    index = {k: (Entry("title", None, " ".join(k), False),) for k in keys}
    return Lexicon(index, max((len(k) for k in index), default=1))


def _every_length(lex: Lexicon, tokens: list[Tok]) -> list[tuple[int, int]]:
    """The reference: at each position the longest key, trying every length from the longest down."""
    out, i, lowers = [], 0, [t.lower_ for t in tokens]
    while i < len(tokens):
        for length in range(min(lex.max_len, len(tokens) - i), 0, -1):
            if tuple(lowers[i:i + length]) in lex._index:
                out.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return out


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(tuple), max_size=12),
       text=st.lists(st.sampled_from(WORDS), max_size=30))
def test_actors_lexicon_matches_longest_names(keys, text) -> None:
    lex = _lexicon(keys)
    tokens = [Tok(w.capitalize() if i % 3 == 0 else w) for i, w in enumerate(text)]
    found = lex.match(tokens)
    assert [(m.start, m.end) for m in found] == _every_length(lex, tokens)
    assert all(isinstance(m, Match) and m.entries for m in found)


def test_actors_lexicon_prefers_the_longer_name() -> None:
    lex = _lexicon([("united", "nations"), ("united", "nations", "security", "council"), ("council",)])
    tokens = [Tok(w) for w in "the United Nations Security Council and the council".split()]
    assert [(m.start, m.end) for m in lex.match(tokens)] == [(1, 5), (7, 8)]
    tokens = [Tok(w) for w in "United Nations Security said".split()]  # a prefix that never completes
    assert [(m.start, m.end) for m in lex.match(tokens)] == [(0, 2)]
