"""Grammar helpers of the event coder: clause structure, evidence (attribution, quotes)."""
from __future__ import annotations

from typing import Any

from tieline.events.cues import load_cues
from tieline.model import Actor, Event

QUOTES = "\"“”"


def finite_conj_of_nonfinite(x: Any) -> bool:
    """"accused Turkey of violating … and called on Brussels": a finite verb the parser
    joined to a gerund belongs to the clause above, not inside the accusation."""
    return x.dep_ == "conj" and x.tag_ in ("VBD", "VBZ", "VBP") and x.head.tag_ in ("VBG", "VB", "TO")


def governing_verb(t: Any) -> Any:
    """The verb a prepositional noun depends on: "responded with strikes", "weighing options,
    including sanctions" (through at most two noun phrases)."""
    if t.dep_ != "pobj":
        return None
    head = t.head.head
    if head.pos_ == "VERB" or head.pos_ == "AUX" and t.head.lower_ == "in":  # "had been in contact with"
        return head
    if head.pos_ == "ADV" and head.head.pos_ == "VERB":  # "stopped short of new sanctions"
        return head.head
    if t.head.lower_ in ("in", "of") and head.dep_ in ("dobj", "obj") and head.head.pos_ == "VERB" and (
            head.like_num or head.ent_type_ == "MONEY" or head.lemma_.lower() in load_cues().money_noun):
        return head.head  # "announced $500 million in military aid for Ukraine"
    if t.head.lower_ in ("including", "like"):  # "weighing a range of options, including sanctions"
        while head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
        if head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
            return head.head
    return None


def clause_verb(t: Any) -> Any:
    """The verb of the trigger's clause: the trigger itself, or the verb a prepositional noun
    depends on (None when there is none)."""
    return t if t.pos_ in ("VERB", "AUX") else governing_verb(t)


def symmetric_code(code: str) -> bool:
    return code[:3] in ("040", "044", "046", "057") or code[:2] in ("19",)


def temporal(prep: Any) -> bool:
    """"on Tuesday", "in August": a time, not an argument."""
    return any(o.dep_ == "pobj" and o.ent_type_ in ("DATE", "TIME") for o in prep.children)


def lemma_of(event: Event, doc: Any) -> str:
    if event.trigger_span is not None:
        span = doc.char_span(event.trigger_span[0], event.trigger_span[1], alignment_mode="expand")
        if span is not None and len(span):
            return span[0].lemma_.lower()
    return event.trigger.lower()


def country_actor(key: str, text: str, role: str | None = None) -> Actor:
    is_country = len(key) == 3 and key.isupper() and key.isalpha()
    return Actor(text, key, key if is_country else None, None if is_country else key, role,
                 key + (role or "") if is_country else key)


def attribution(t: Any) -> str | None:
    node = t
    for _ in range(8):
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                pobj = [o for p in c.children for o in p.subtree if o.dep_ == "pobj"]
                if pobj:
                    return " ".join(x.text for x in pobj[0].subtree)
        if node.head is node:
            break
        if node.dep_ in ("ccomp", "parataxis") or node.head.lemma_ in load_cues().say and node.dep_ != "nsubj":
            h = node.head
            if h.lemma_ in load_cues().say:
                subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return " ".join(x.text for x in subj.subtree)
        node = node.head
    return None


def quote(t: Any, sent: Any) -> str | None:
    text = sent.text
    pos = t.idx - sent.start_char
    opens = [i for i, ch in enumerate(text) if ch in QUOTES]
    for a, b in zip(opens[::2], opens[1::2]):
        if a < pos < b:
            return text[a + 1:b]
    return None
