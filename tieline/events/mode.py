"""Mode of an event: asserted, planned, hypothetical, negated or question.

Decided from the trigger's own auxiliaries and negation, the verbs that govern
it ("expected to", "plans to", "could", "failed to"), conditional clauses and
the sentence's question mark.
"""
from __future__ import annotations

from typing import Any

PLANNED_AUX = frozenset({"will", "wo", "'ll", "shall", "would", "'d"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can"})
PLANNED_GOVERNORS = frozenset({"plan", "expect", "intend", "schedule", "prepare", "aim", "decide",
                               "set", "due", "want", "hope", "agree", "vow", "pledge", "promise",
                               "seek", "try", "going", "likely", "poised", "ready", "willing", "invite",
                               "propose", "offer", "aim", "wish", "determine", "resolve"})
HYPOTHETICAL_GOVERNORS = frozenset({"consider", "weigh", "mull", "contemplate", "threaten", "risk",
                                    "could", "possible", "may"})
NEGATING_GOVERNORS = frozenset({"fail", "refrain", "avoid", "stop", "cease", "abstain"})
NEGATING_DETS = frozenset({"no", "neither"})
HYPOTHETICAL_NOUNS = frozenset({"prospect", "possibility", "risk", "threat", "danger", "fear", "option"})
PLANNED_ADJS = frozenset({"planned", "proposed", "upcoming", "scheduled", "expected", "future"})
HYPOTHETICAL_ADJS = frozenset({"possible", "potential", "likely", "hypothetical", "any"})
DOUBLE_NEGATIVES = frozenset({"hesitate", "rule", "exclude"})
BACKGROUND_PREPS = frozenset({"after", "before", "since", "during", "amid", "following", "despite", "over"})


def _negated(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and any(
                d.dep_ == "det" and d.lower_ in NEGATING_DETS for d in c.children):
            return True
    return False


def _aux(tok: Any) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def mode_of(trigger: Any, *, intent: bool = False) -> str:
    """The mode of the event whose trigger token is ``trigger``."""
    sent = trigger.sent
    text = sent.text.rstrip().rstrip('"\'”’ ')
    if text.endswith("?"):
        return "question"
    planned = hypothetical = negated = False
    t = trigger
    steps = 0
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    if is_noun:
        for c in trigger.children:
            if c.dep_ == "det" and c.lower_ in NEGATING_DETS:
                negated = True
            if c.dep_ == "amod" and c.lower_ in PLANNED_ADJS:
                planned = True
            if c.dep_ in ("amod", "det") and c.lower_ in HYPOTHETICAL_ADJS:
                hypothetical = True
    while t is not None and steps < 8:
        aux = _aux(t)
        if _negated(t) and not (is_noun and t is not trigger):
            if t is not trigger and t.lemma_.lower() in DOUBLE_NEGATIVES:
                planned = True  # "would not hesitate to impose sanctions": a readiness, not a refusal
            else:
                negated = True  # "has not granted a request": the request itself was made
        if aux & HYPOTHETICAL_AUX:
            hypothetical = True
        elif aux & PLANNED_AUX:
            planned = True
        if "to" in aux and t.dep_ == "ROOT":
            planned = True  # headline infinitive: "Pakistan to free captured pilot"
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            hypothetical = True
        if t is trigger and "would" in aux and any(  # "would kill him if they attacked"
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                for c in t.children):
            hypothetical = True
        if t is not trigger:
            lemma = t.lemma_.lower()
            if lemma in NEGATING_GOVERNORS:
                negated = True
            if lemma in HYPOTHETICAL_NOUNS and is_noun:
                hypothetical = True
            if lemma in HYPOTHETICAL_GOVERNORS:
                hypothetical = True
            elif lemma in PLANNED_GOVERNORS or t.lower_ in PLANNED_GOVERNORS:
                planned = True
        if is_noun and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.head.pos_ in ("NOUN", "PROPN") \
                and t.head.lower_ not in ("including", "like"):
            break  # an event named inside another noun's phrase ("the anniversary of the invasion")
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in BACKGROUND_PREPS:
            break  # "agreed to a truce after weeks of fighting": the fighting happened
        if t.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "acomp", "auxpass") and not (
                is_noun and (t.dep_ in ("dobj", "pobj", "prep", "attr") or t.dep_ == "advmod" and t.pos_ == "ADV")):
            # stop at clause boundaries: a ccomp's governor is a reporting verb
            if t.dep_ in ("ccomp",) and t.head.lemma_ in HYPOTHETICAL_GOVERNORS:
                hypothetical = True
            break
        if _misattached(t):
            break
        t = t.head if t.head is not t else None
        steps += 1
    if not hypothetical and _under_condition(trigger):
        hypothetical = True
    if negated:
        return "negated"
    if hypothetical:
        return "hypothetical"
    if planned and not intent:
        return "planned"
    return "asserted"


def _misattached(t: Any) -> bool:
    """An active verb parsed as the conjunct of a passive one ("if the ship was not released
    and demanded that …"): the parser's error; the two share neither polarity nor condition."""
    if t.dep_ != "conj":
        return False
    if t.tag_ in ("VBD", "VBZ", "VBP") and t.head.tag_ in ("VB", "VBG"):
        return True  # "would not accept harm and warned that …": a finite verb joined to a bare one
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.head.children)
    return passive and not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)


def _under_condition(trigger: Any) -> bool:
    """Inside an "if" / "unless" clause, however deep."""
    t = trigger
    for _ in range(12):
        if _misattached(t):
            return False
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            return True
        if t.head is t:
            return False
        t = t.head
    return False
