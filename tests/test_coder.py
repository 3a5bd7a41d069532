"""Golden coding cases: one sentence, the events it states (tests/data/coding_golden*.tsv).

The sentences are the project's own, written to exercise one behaviour each:
direction, passive voice, nominal events, modes, compound actors, reject, and
things that are not events at all.
"""
from pathlib import Path

import pytest

from tieline.api import extract

ROWS = [line.split("\t") for path in sorted((Path(__file__).parent / "data").glob("coding_golden*.tsv"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")]


def _expected(spec: str) -> set[tuple]:
    if spec.strip() == "-":
        return set()
    out = set()
    for item in spec.strip().split(";"):
        pair, root, mode = item.split(":")
        src, tgt = pair.split(">")
        out.add((src, None if tgt == "None" else tgt, root, mode))
    return out


@pytest.mark.parametrize("sentence,published,spec", ROWS, ids=[r[0][:40] for r in ROWS])
def test_coder_golden_sentence(sentence, published, spec):
    events = extract(sentence, published=published.strip(), title="")
    got = {(e.source.key, e.target.key if e.target else None, e.root, e.mode) for e in events}
    expected = _expected(spec)
    sym = {(t, s, r, m) for s, t, r, m in got}
    assert expected <= got | sym, f"missing {expected - got - sym}; got {got}"
    assert len(got) <= len(expected) + 1, f"over-coded: {got}"
    if not expected:
        assert not got
