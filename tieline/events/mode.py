"""Mode of an event: asserted, planned, hypothetical, negated or question.

Decided from the trigger's own auxiliaries and negation, the verbs that govern
it ("expected to", "plans to", "could", "failed to"), conditional clauses and
the sentence's question mark.
"""
from __future__ import annotations

from typing import Any

from tieline.events.cues import load_cues
from tieline.events.syntax import quote


def _negated(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or c.dep_ == "preconj" and c.lower_ == "neither":
            return True  # "did not …", "neither confirmed nor denied"
        if c.dep_ == "cc" and c.lower_ == "nor":
            return True  # "nor denied": the head's cc in the parse
        if c.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and any(
                d.dep_ == "det" and d.lower_ in load_cues().negating_det for d in c.children):
            return True
    return False


def _aux(tok: Any) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


def mode_of(trigger: Any, *, intent: bool = False) -> str:
    """The mode of the event whose trigger token is ``trigger``."""
    sent = trigger.sent
    text = sent.text.rstrip().rstrip('"\'”’ ')
    if text.endswith("?") or (quote(trigger, sent) or "").rstrip().endswith("?"):
        return "question"  # also a question quoted inside a statement: '"Will they strike?" he asked'
    planned = hypothetical = negated = False
    t = trigger
    steps = 0
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    if is_noun and trigger.dep_ in ("nsubj", "nsubjpass") and (
            _aux(trigger.head) & (load_cues().hypothetical_aux | {"would"})):
        hypothetical = True  # "a Chinese invasion of Taiwan would be a disaster": a supposed event
    elif is_noun and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
        said = _said_of_subject(trigger.head)  # "talks did not take place", "talks are scheduled for May"
        negated, planned, hypothetical = said == "negated", said == "planned", said == "hypothetical"
    if _future_time(trigger):
        planned = True  # "hold talks next week", "visits Moscow tomorrow": not yet happened
    if is_noun:
        for c in trigger.children:
            if c.dep_ == "det" and c.lower_ in load_cues().negating_det:
                negated = True
            if c.dep_ == "amod" and c.lower_ in load_cues().planned_adj:
                planned = True
            if c.dep_ in ("amod", "det") and c.lower_ in load_cues().hypothetical_adj:
                hypothetical = True
    while t is not None and steps < 8:
        aux = _aux(t)
        if _negated(t) and not (is_noun and t is not trigger and not _doer_verb(t)):
            if t is not trigger and t.lemma_.lower() in load_cues().double_negative:
                planned = True  # "would not hesitate to impose sanctions": a readiness, not a refusal
            else:
                negated = True  # "has not granted a request": the request itself was made
        if aux & load_cues().hypothetical_aux:
            hypothetical = True
        elif aux & load_cues().planned_aux:
            planned = True
        if "to" in aux and t.dep_ == "ROOT":
            planned = True  # headline infinitive: "Pakistan to free captured pilot"
        if "to" in aux and t.dep_ == "xcomp" and t.head.lemma_.lower() == "be":
            planned = True  # "Hamas is to release 50 hostages"
        if "to" in aux and t.dep_ == "xcomp" and any(
                c.dep_ == "advmod" and c.lower_ in load_cues().pending_adv for c in t.head.children):
            negated = True  # "has yet to sign", "is yet to respond": not (yet) done
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in t.children):
            hypothetical = True
        if t is trigger and "would" in aux and any(  # "would kill him if they attacked"
                c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                for c in t.children):
            hypothetical = True
        if t is not trigger:
            lemma = t.lemma_.lower()
            prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
            if lemma in load_cues().negating_governor or prt and f"{lemma} {prt}" in load_cues().negating_governor:
                negated = True  # "failed to …", "ruled out imposing …"
            if t.pos_ == "NOUN" and not is_noun:  # the noun an infinitive hangs on: "plans to expel"
                if any(c.dep_ == "det" and c.lower_ in load_cues().negating_det for c in t.children):
                    negated = True  # "has no plans to meet", "no intention of attacking"
                elif lemma in load_cues().planned_noun:
                    planned = True
            if lemma in load_cues().hypothetical_noun and is_noun:
                hypothetical = True
            if lemma in load_cues().hypothetical_governor:
                hypothetical = True
            elif lemma in load_cues().planned_governor or t.lower_ in load_cues().planned_governor:
                planned = True
        if is_noun and t.pos_ in ("NOUN", "PROPN") and t.dep_ == "pobj" and t.head.head.pos_ in ("NOUN", "PROPN") \
                and t.head.lower_ not in ("including", "like") and not _partitive_of(t):
            break  # an event named inside another noun's phrase ("the anniversary of the invasion")
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in load_cues().background_prep:
            break  # "agreed to a truce after weeks of fighting": the fighting happened
        purpose = t.dep_ == "advcl" and "to" in aux  # "will travel to Washington to meet Biden"
        if t.dep_ in ("acl", "pcomp") and not is_noun and _intent_noun(t):
            t = t.head if t.dep_ == "acl" else t.head.head  # "plans to expel", "intention of attacking"
            steps += 1
            continue
        adverb_of = t.dep_ == "advmod" and t.pos_ in ("ADV", "ADJ") and any(  # "stopped short of imposing"
            c.dep_ == "prep" for c in t.children)
        if adverb_of and t.lower_ in load_cues().negating_adv:
            negated = True
        if t.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "acomp", "auxpass") and not purpose and not adverb_of and not (
                is_noun and (t.dep_ in ("dobj", "pobj", "prep", "attr") or t.dep_ == "advmod" and t.pos_ == "ADV")):
            # stop at clause boundaries: a ccomp's governor is a reporting verb
            if t.dep_ in ("ccomp",) and t.head.lemma_ in load_cues().hypothetical_governor:
                hypothetical = True
            elif t.dep_ == "ccomp" and "to" in aux and t.head.lemma_ in load_cues().planned_governor:
                planned = True  # "Iran wants Britain to release the prisoners"
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


def _partitive_of(t: Any) -> bool:
    """The event noun of a partitive ("a new package of sanctions", "a round of talks"): the
    partitive is only its measure, so what governs the partitive governs the event."""
    return t.head.lower_ == "of" and t.head.head.lemma_.lower() in load_cues().partitive


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


def _intent_noun(t: Any) -> bool:
    """The infinitive or "of" gerund of a noun of intent, of risk or of none ("plans to expel",
    "a bid to join", "the threat of attacking", "no intention of attacking")."""
    if t.dep_ == "acl":
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return False
        noun = t.head
    elif t.head.dep_ == "prep" and t.head.lower_ == "of":
        noun = t.head.head
    else:
        return False
    cues = load_cues()
    return noun.pos_ == "NOUN" and (noun.lemma_.lower() in cues.planned_noun | cues.hypothetical_noun or any(
        c.dep_ == "det" and c.lower_ in cues.negating_det for c in noun.children))


def _said_of_subject(verb: Any) -> str | None:
    """What the verb says of the event noun that is its subject: "talks did not take place"
    (negated), "talks are scheduled for May", "talks will resume" (planned), "new sanctions
    are possible" (hypothetical)."""
    cues = load_cues()
    if _negated(verb) or any(c.dep_ == "neg" for c in verb.children):
        return "negated"
    aux = _aux(verb)
    words = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children if c.dep_ == "acomp"}
    if words & cues.hypothetical_governor or aux & cues.hypothetical_aux:
        return "hypothetical"
    if words & cues.planned_governor or aux & (cues.planned_aux - {"would", "'d"}):
        return "planned"
    return None


def _future_time(trigger: Any) -> bool:
    """A time of the trigger's own that is still to come ("next week", "tomorrow", "in the
    coming days"), on a noun or a verb not in the past tense."""
    if trigger.tag_ in ("VBD", "VBN"):
        return False
    for c in trigger.children:
        dates = [c] if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod") else \
            [o for o in c.children if o.dep_ == "pobj" and o.ent_type_ == "DATE"] if c.dep_ == "prep" else []
        for d in dates:
            words = [x.lower_ for x in d.subtree if x.ent_type_ == "DATE"]
            if words and words[0] == "the":
                words = words[1:2] if words[1:2] and words[1] in ("coming", "upcoming") else []
            if words and (words[0] in load_cues().future_time or " ".join(words[:2]) in load_cues().future_time):
                return True
    return False


def _doer_verb(verb: Any) -> bool:
    """A verb whose event noun is its own subject's act ("did not launch an attack", "would not
    take part in any strike", "did not join the boycott"): its negation is the act's. Other verbs'
    objects happened whatever they did ("has not condemned the invasion")."""
    cues = load_cues()
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return lemma in cues.light_verb | cues.joining_verb or bool(prt) and f"{lemma} {prt}" in cues.light_verb
