"""Build the fallback's reference phrases and their embeddings (``tieline/events/data/fallback``).

Reference phrases come from PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``, MIT,
(c) Open Event Data Alliance): every verb form that carries a code (its own or its
block's) as a one-word phrase, and every pattern as "verb + its words" (the verb the
pattern was found under, its object words, prepositions and their nouns; synonym sets
stand for their first member), with the pattern's code, or ``---`` where PETRARCH2 says
the phrase is no event.  The CAMEO code names (``cameo-event-codes.tsv``) are added as
phrases of their code.  Codes not in tieline's CAMEO table are dropped.  A phrase met with
several codes keeps the most frequent (ties: the smallest code).  Each phrase's first
word (its verb) is embedded too (``verbs.npy``, one row per distinct first word, sorted).  The output is sorted,
so the same inputs give the same files:

    .venv/bin/python scripts/build_fallback_index.py \
        --dictionary ../shared/reference/petrarch2/CAMEO.2.0.txt \
        --codes ../shared/reference/cameo-event-codes.tsv --out tieline/events/data/fallback
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

NO_EVENT = "---"
MARKERS = {"*", "$", "+", "%", "^", "-", "|"}
CODE = re.compile(r"\[([^\]]*)\]")


def _word(token: str, sets: dict[str, list[str]]) -> str:
    token = token.strip("{}()")
    if token.startswith("&"):
        members = sets.get(token)
        token = members[0] if members else ""
    return token.strip("+_").replace("_", " ").lower()


def _code(raw: str) -> str | None:
    """PETRARCH2's ``[code]``, ``[source:target]`` or ``[:code]``: the first code given."""
    for part in raw.strip().split(":"):
        part = part.strip().lstrip("~")
        if part == NO_EVENT:
            return NO_EVENT
        if part.isdigit():
            return part
    return None


def parse_dictionary(text: str) -> list[tuple[str, str, str]]:
    """(phrase, code, origin) rows of the verb dictionary, in file order."""
    sets: dict[str, list[str]] = {}
    rows: list[tuple[str, str, str]] = []
    current_set: str | None = None
    in_verbs = False
    block_code: str | None = None
    block_verbs: set[str] = set()
    header = ""
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip()
        comment = raw.split("#", 1)[1].strip() if "#" in raw else ""
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs, current_set = True, None
            continue
        if not line.strip():
            current_set = None
            continue
        if not in_verbs:
            if line.startswith("&"):
                current_set = line.split()[0]
                sets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                word = line[1:].split()[0].strip("_").replace("_", " ").lower()
                sets[current_set].append(word)
            continue
        if line.startswith("---"):
            m = CODE.search(line)
            header = line.strip("- ").split()[0].replace("_", " ").lower()
            block_code = _code(m.group(1)) if m else None
            block_verbs = {header}
            continue
        if line.startswith("-"):
            m = CODE.search(line)
            code = _code(m.group(1)) if m else None
            if code is None:
                continue
            found = comment.split(",")[0].split()[0].replace("_", " ").lower() if comment else ""
            verb = found if found in block_verbs else header
            words = [w for w in (_word(t, sets) for t in line[1:m.start()].split() if t not in MARKERS) if w]
            if words:
                rows.append((" ".join([verb, *words]), code, f"CAMEO.2.0.txt:{no}"))
            continue
        first = line.split("{", 1)[0].split("[", 1)[0].split()
        if not first:
            continue
        verb = first[0].strip("+_").replace("_", " ").lower()
        block_verbs.add(verb)
        m = CODE.search(line.split("}", 1)[-1] if "{" in line else line)
        code = _code(m.group(1)) if m else block_code
        if code is not None and code != NO_EVENT:
            rows.append((verb, code, f"CAMEO.2.0.txt:{no}"))
    return rows


def parse_code_names(text: str) -> list[tuple[str, str, str]]:
    rows = []
    for no, line in enumerate(text.splitlines()[1:], 2):
        parts = line.split("\t")
        if len(parts) < 5:
            continue
        name = re.sub(r",?\s*not specified below", "", parts[4], flags=re.I).strip().lower()
        if name:
            rows.append((name, parts[0], f"cameo-event-codes.tsv:{no}"))
    return rows


def select(rows: Iterable[tuple[str, str, str]], known: set[str]) -> list[tuple[str, str, str]]:
    """One code per phrase (the most frequent; ties: the smallest), sorted by phrase."""
    counts: dict[str, Counter] = defaultdict(Counter)
    origin: dict[tuple[str, str], str] = {}
    for phrase, code, where in rows:
        if code != NO_EVENT and code not in known:
            continue
        counts[phrase][code] += 1
        origin.setdefault((phrase, code), where)
    out = []
    for phrase in sorted(counts):
        code = sorted(counts[phrase].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        out.append((phrase, code, origin[(phrase, code)]))
    return out


def build(dictionary: Path, codes: Path, out: Path, embedder=None) -> int:
    import numpy as np

    from tieline.events.fallback import Embedder

    names = codes.read_text(encoding="utf-8")
    known = {line.split("\t")[0] for line in names.splitlines()[1:] if line.strip()}
    rows = select([*parse_dictionary(dictionary.read_text(encoding="utf-8")), *parse_code_names(names)], known)
    embedder = embedder or Embedder()
    vectors = embedder.embed([r[0] for r in rows]).astype(np.float16)
    verbs = sorted({r[0].split()[0] for r in rows})
    verb_vectors = embedder.embed(verbs).astype(np.float16)
    out.mkdir(parents=True, exist_ok=True)
    lines = ["# phrase\tCAMEO code (--- = no event)\torigin (file:line); built by scripts/build_fallback_index.py",
             *("\t".join(r) for r in rows)]
    (out / "phrases.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with open(out / "vectors.npy", "wb") as fh:
        np.save(fh, vectors, allow_pickle=False)
    with open(out / "verbs.npy", "wb") as fh:  # one row per distinct first word, in sorted order
        np.save(fh, verb_vectors, allow_pickle=False)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dictionary", type=Path, required=True)
    ap.add_argument("--codes", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    for p in (args.dictionary, args.codes):
        if not p.is_file():
            print(f"error: {p} is not a file", file=sys.stderr)
            return 2
    n = build(args.dictionary, args.codes, args.out)
    print(f"{n} reference phrases written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
