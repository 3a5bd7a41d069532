"""Reader of PETRARCH2's CAMEO verb dictionary (``CAMEO.2.0.txt``): synonym sets, verb blocks, patterns.

Used by ``derive_petrarch_verbs.py`` and ``derive_petrarch_nouns.py``; see the former for the format.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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


def _symmetric(raw_line: str) -> bool:
    m = re.search(r"\[([^\]:]+):([^\]]+)\]", raw_line)
    return bool(m and m.group(1).strip() == m.group(2).strip())
