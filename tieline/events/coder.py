"""Code events from a parsed article whose actors are known.

A trigger is a verb of ``data/verbs.txt`` (with its particle, object and
prepositions deciding the rule) or a noun of ``data/nouns.txt``.  Its source is
the grammatical subject (followed through conjunctions, control verbs,
relative clauses and passive agents); its target comes from the rule's slots.
Verbs governed by "accuse", "deny", "refuse", "urge"… are not coded on their
own: the governing verb is the event.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from tieline.events.cues import Cues, load_cues
from tieline.events.inference import Inference
from tieline.events.lexicon import Condition, EventLexicon, NounRule, VerbRule
from tieline.events.mode import mode_of
from tieline.events.syntax import (attribution, country_actor, finite_conj_of_nonfinite,
                                   governing_verb, lemma_of, quote, symmetric_code, temporal)
from tieline.model import Actor, Document, Event
from tieline.parse.words import RELATIVE_PRONOUNS
from tieline.reference.cameo import CameoTable

logger = logging.getLogger(__name__)

@dataclass(frozen=True)
class Trigger:
    token: Any
    cameo: str
    flags: frozenset[str]
    sources: tuple[Actor, ...]
    targets: tuple[Actor | None, ...]
    pair: bool = False
    reciprocal: bool = False  # "X and Y accused each other": X→Y and Y→X


class EventCoder(Inference):
    def __init__(self, lexicon: EventLexicon, cameo: CameoTable, cues: Cues | None = None,
                 fallback: Any = None) -> None:
        self.lexicon = lexicon
        self.cameo = cameo
        self.cues = cues or load_cues()
        self.fallback = fallback  # tieline.events.fallback.Fallback for verbs no rule coded, or None

    # ------------------------------------------------------------------
    def code(self, document: Document) -> list[Event]:
        doc = document.doc
        self._doc = doc
        actors: dict[int, list[Actor]] = {}
        salience: Counter = Counter()
        for m in document.mentions:
            actors.setdefault(m.head, []).append(m.actor)
            if m.actor.key and doc[m.head].dep_ != "compound":  # "the U.S. decision" names no one new
                salience[m.actor.key] += 1
        self._actors = actors
        self._salience = salience
        rules = {t.i: self._verb_rule(t) for t in doc if t.pos_ in ("VERB", "AUX") and self._verb_lemma(t) in self.lexicon.verbs}
        self._rules = rules
        blocked = self._blocked(doc, rules)
        events: list[Event] = []
        self._done = events
        seen: set[tuple] = set()
        sentences = list(doc.sents)
        sent_index = {t.i: si for si, s in enumerate(sentences) for t in s}
        coded_nouns: set[int] = set()  # noun triggers coded so far
        consumed: dict[int, int] = {}  # objects that a verb rule names ("lifted sanctions", "sanctions were eased")
        for i, rule in rules.items():
            if rule is not None and "say" not in rule.flags and any(c.kind == "dobj" and c.words for c in rule.conditions):
                obj = self._object(doc[i])
                if obj is not None:
                    consumed[obj.i] = i
        verb_coded: dict[int, bool] = {}  # a verb that codes nothing ("launched an inquiry into the killings")
        # leaves the object noun after it to be coded on its own
        oriented: dict[tuple, tuple] = {}
        discarded = set(document.discarded)  # sports, business: sentences not to code
        for t in doc:
            if t.i in blocked or sent_index[t.i] in discarded:
                continue
            trig = None
            rule = rules.get(t.i)
            if rule is not None and "say" not in rule.flags:
                trig = self._verb_trigger(t, rule)
                verb_coded[t.i] = trig is not None
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if trig is not None and subj is not None and subj.i in coded_nouns and trig.cameo[:2] in ("18", "19", "20"):
                    trig = None  # "a Russian missile strike on Kyiv killed five people": the strike's own toll
            elif t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in self.lexicon.nouns and \
                    (t.i not in consumed or verb_coded.get(consumed[t.i]) is False):
                trig = self._noun_trigger(t)
                if trig is not None and self._restates(t, trig, events):
                    trig = None  # "stormed … in a surprise attack", "suspended part of its aid": one happening
            if trig is None:
                continue
            if t.pos_ in ("NOUN", "PROPN"):
                coded_nouns.add(t.i)
            for ev in self._events(trig, document, sentences, sent_index):
                pair = (ev.source.key, ev.target.key if ev.target else None)
                if ev.symmetric and ev.target is not None:
                    # a symmetric happening mentioned again keeps the direction of its first mention
                    first = oriented.setdefault((frozenset(pair), ev.root, ev.mode), pair)
                    if first != pair:
                        ev = replace(ev, source=ev.target, target=ev.source)
                        pair = first
                key = (ev.sentence_index, *pair, ev.root, ev.mode)
                if key in seen:
                    continue
                seen.add(key)
                events.append(ev)
        if self.fallback is not None:
            events.extend(self.fallback.code(self, document, events, blocked | {i for i, r in rules.items() if r},
                                             sentences, sent_index))
        return events

    # -- rules -----------------------------------------------------------
    def _verb_rule(self, t: Any) -> VerbRule | None:
        prt = " ".join(c.lower_ for c in t.children if c.dep_ == "prt") or None
        lemma = self._verb_lemma(t)
        for rule in self.lexicon.verbs.get(lemma, ()):
            if rule.particle != prt and rule.particle is not None:
                continue
            if rule.particle is None and prt is not None and any(
                    r.particle == prt for r in self.lexicon.verbs.get(lemma, ())):
                continue
            if all(self._holds(t, c) for c in rule.conditions):
                return rule
        return None

    def _verb_lemma(self, t: Any) -> str:
        """The dictionary word of a verb: "reimposed", "re-imposed" are "impose" again (bases in the
        cue list again_base; other re- words are words of their own: "resign" is not "sign")."""
        lemma = t.lemma_.lower()
        if lemma in self.lexicon.verbs or not lemma.startswith("re"):
            return lemma
        base = lemma[3:] if lemma.startswith("re-") else lemma[2:]
        return base if base in self.cues.again_base else lemma

    def _holds(self, t: Any, c: Condition) -> bool:
        if c.kind == "dobj":
            obj = self._object(t)
            if obj is None:
                return False
            heads = [obj] + [p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                             and obj.lemma_.lower() in self.cues.partitive for p in c.children if p.dep_ == "pobj"]
            words = {w for h in heads for w in (h.lemma_.lower(), h.lower_)} | {
                x.lemma_.lower() for h in heads for x in h.children if x.dep_ in ("compound", "amod") and x.i < h.i}
            return not c.words or bool(words & c.words)
        if c.kind == "xcomp":
            xs = [x for x in t.children if x.dep_ in ("xcomp", "ccomp")]
            return any(not c.words or x.lemma_.lower() in c.words for x in xs)
        if c.kind == "prep":  # (not an object predicate's: "called the deal painful for us" is no call for)
            holders = [t] + [x for x in t.children if x.dep_ in ("acomp", "advmod")]
            return any(p.dep_ in ("prep", "prt", "agent") and (not c.words or p.lower_ in c.words)
                       and not temporal(p) for h in holders for p in h.children) or bool(c.words) and any(
                self._pobjs(t, w) for w in c.words)  # "spoke by telephone with Putin"
        if c.kind == "actor":  # "fired rockets into Israel" (not "into the sea"): that object names an actor
            return any(self._actors.get(x.i) for w in c.words for o in self._pobjs(t, w) for x in o.subtree)
        if c.kind.startswith("pobj:"):
            p = c.kind.split(":", 1)[1]
            return any(o.lemma_.lower() in c.words for o in self._pobjs(t, p))
        if c.kind == "oprd":
            obj = self._object(t)
            # "called the order unacceptable" parsed as an adjective after its noun: the predicate
            late = [x for x in obj.children if x.dep_ == "amod" and x.i > obj.i] if obj is not None else []
            return any((x.dep_ == "oprd" or x in late) and (not c.words or x.lemma_.lower() in c.words)
                       for x in list(t.children) + late)
        if c.kind == "pred":
            return bool({x.lemma_.lower() for x in self._predicate(t)} & c.words)
        if c.kind == "dobj_ent":
            obj = self._object(t)
            return obj is not None and obj.ent_type_ in c.words
        if c.kind == "has":  # a fixed phrase anywhere in the clause ("declared him persona non grata")
            return any(x.lower_ in c.words for x in t.subtree)
        if c.kind == "nsubj":
            return any(x.dep_ == "nsubj" and x.lemma_.lower() in c.words for x in t.children)
        if c.kind == "cneg":  # "insisted it never left": a denial
            return any(x.dep_ == "ccomp" and any(n.dep_ == "neg" for n in x.children) for x in t.children)
        if c.kind == "cacomp":
            return any(x.dep_ == "ccomp" and any(a.dep_ in ("acomp", "attr") and a.lemma_.lower() in c.words
                                                 for a in x.children) for x in t.children)
        if c.kind == "adj":
            return any(x.dep_ == "acomp" and x.lemma_.lower() in c.words for x in t.children)
        return False

    def _object(self, t: Any) -> Any:
        for c in t.children:
            if c.dep_ in ("dobj", "obj"):
                return c
        for c in t.children:
            if c.dep_ == "nsubjpass":
                return c
        if t.dep_ in ("acl",) and t.tag_ == "VBN":  # "sanctions imposed on Russia"
            return t.head
        return None

    def _pobjs(self, t: Any, prep: str) -> list[Any]:
        out = []
        holders = [t] + [c for c in t.children if c.dep_ in ("acomp", "advmod", "oprd")]
        obj = self._object(t)
        if obj is not None and obj is not t.head:
            holders.append(obj)
        for h in holders:
            for p in h.children:
                if p.dep_ in ("prep", "agent", "dative") and p.lower_ == prep and not temporal(p):
                    out.extend(o for o in p.children if o.dep_ == "pobj")
        if not out:  # "go to war with China": the phrase hangs on the first object
            for p in t.children:  # (not "hours before Yoon's arrival on Thursday")
                if p.dep_ == "prep" and p.lower_ not in self.cues.background_prep:
                    for o in p.children:
                        if o.dep_ == "pobj":
                            out.extend(x for q in o.children if q.dep_ == "prep" and q.lower_ == prep
                                       and not temporal(q) for x in q.children if x.dep_ == "pobj")
        return out

    def _reporter(self, t: Any) -> list[Actor]:
        """Who says the clause: "X said all options are on the table" (an idiom whose
        grammatical subject is no actor)."""
        node = t
        for _ in range(3):
            if node.dep_ in ("ccomp", "parataxis") or node.head.lemma_.lower() in self.cues.say:
                subj = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
                if subj is not None:
                    return self._actors_of(subj)
            if node.head is node:
                return []
            node = node.head
        return []

    def _authorities(self, t: Any) -> list[Actor]:
        """The government of whoever was arrested, else of the article's most salient country."""
        patient = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
        keys = [a.country for a in self._actors_of(patient) if a.country] if patient is not None else []
        if not keys and self._salience:
            keys = [k for k, _n in self._salience.most_common(1) if len(k) == 3 and k.isalpha() and k.isupper()]
        return [country_actor(keys[0], "(authorities)", "GOV")] if keys else []

    def _restates(self, t: Any, trig: Trigger, events: list[Event]) -> bool:
        """A noun event inside the phrase of a verb already coded: the verb's event (same root,
        or any root when the noun is the verb's object, "suspended part of its aid"); talks *between*
        two others that the verb's subject mediates or hosts are a happening of their own."""
        node, as_object = t, False
        for _ in range(4):
            if node.dep_ in ("dobj", "nsubjpass"):
                as_object = True
            if node.head is node:
                return False
            node = node.head
            if node.pos_ == "VERB":
                sources = {a.key for a in trig.sources}
                return any(e.trigger == node.text and e.span[0] <= node.idx < e.span[1]
                           and (e.root == trig.cameo[:2] and not trig.pair or as_object and e.source.key in sources)
                           for e in events)
        return False

    def _as_well_as(self, t: Any) -> list[Any]:
        """Arguments joined to the verb by "as well as" (the parser hangs them on the verb)."""
        kids = list(t.children)
        for i, c in enumerate(kids):
            if c.dep_ == "cc" and c.lower_ == "as" and any(x.lower_ == "well" for x in c.children):
                return [x for x in kids[i + 1:] if x.dep_ in ("dep", "conj", "npadvmod", "appos", "pobj")
                        and x.pos_ in ("PROPN", "NOUN")]
        return []

    def _blocked(self, doc: Any, rules: dict[int, VerbRule | None]) -> set[int]:
        blocked: set[int] = set()
        for i, rule in rules.items():
            if rule is None or "block" not in rule.flags:
                continue
            if not self._subject(doc[i]):  # "analysts warned that China might retaliate": no event of
                continue  # the warning, so the warned-of act is coded as if said
            stack = [c for c in doc[i].children if (c.dep_ in ("xcomp", "ccomp", "pcomp", "prep", "dobj")
                     or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
                     and not (c.dep_ == "ccomp" and c.i < i)]  # a clause before the verb is not its content
            while stack:
                c = stack.pop()
                blocked.add(c.i)
                stack.extend(x for x in c.children if (x.dep_ not in ("relcl", "advcl") or
                             x.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in x.children))
                             and not finite_conj_of_nonfinite(x))
        return blocked

    # -- actors ------------------------------------------------------------
    def _actors_of(self, tok: Any | None) -> list[Actor]:
        if tok is None:
            return []
        if tok.lower_ in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            tok = tok.head.head
        if tok.lemma_.lower() in ("side", "party", "belligerent") and any(
                c.lower_ in ("both", "two", "all") for c in tok.children):
            fighting = self._last_fight()
            if fighting:  # "called on both sides to show restraint": the two that last fought
                return fighting
        out = list(self._actors.get(tok.i, []))
        if not out and tok.lemma_.lower() in self.cues.partitive:  # "thousands of Israelis protested"
            out = [a for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj" for a in self._actors_of(o)]
        if not out and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
            # "cut Russian banks off", "seized Ukraine's ships": whose things they are
            mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "poss") and c.i < tok.i]
            mods += [m for c in mods for m in c.children if m.dep_ in ("compound", "amod") and m.i < c.i]
            out = [a for c in mods for a in self._actors.get(c.i, ())]  # ("the EU migration pact")
        for c in tok.children:
            # an apposition names the same actor again, unless it opens a list the parser misread
            # ("Saudi Arabia, the UAE, Bahrain and Egypt severed ties")
            listed = c.dep_ == "appos" and any(x.dep_ == "conj" for x in c.children)
            if c.dep_ == "conj" or (c.dep_ == "appos" and (not out or listed)):
                out.extend(a for a in self._actors_of(c) if a not in out)
        return out

    def _subject(self, v: Any, depth: int = 0) -> list[Actor]:
        if depth > 6:
            return []
        for c in v.children:
            if c.dep_ == "agent":
                return [a for p in c.children if p.dep_ == "pobj" for a in self._actors_of(p)]
        subjects = [c for c in v.children if c.dep_ in ("nsubj", "csubj")]
        if subjects:  # two subjects: a headline's "Israel, UAE agree …"
            out = self._actors_of(subjects[0])
            for extra in subjects[1:]:
                out += [a for a in self._actors_of(extra) if a not in out]
            return out
        if any(c.dep_ == "nsubjpass" for c in v.children):
            return []
        h = v.head
        if h is v:
            return []
        if v.dep_ == "xcomp" or (v.dep_ == "advcl" and any(c.lower_ == "to" for c in v.children)):
            if h.lemma_.lower() in self.cues.object_control and v.dep_ == "xcomp":  # "urged X to …", not "called X to …"
                obj = next((c for c in h.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None:
                    return self._actors_of(obj)
            raised = next((c for c in h.children if c.dep_ == "nsubjpass"), None)
            if v.dep_ == "xcomp" and raised is not None and not any(c.dep_ == "agent" for c in h.children):
                return self._actors_of(raised)  # "X is expected to visit": X visits
            return self._subject(h, depth + 1)
        if v.dep_ in ("acomp", "attr", "oprd") or v.dep_ == "advmod" and v.lower_ in self.cues.negating_adv:
            return self._subject(h, depth + 1)  # "stopped short of imposing": the stopper
        if v.dep_ == "advcl" and v.tag_ == "VBN" and not any(c.dep_ == "aux" for c in v.children):
            return []  # "Asked whether China was told, the spokesman said …": the spokesman was asked
        if v.dep_ == "advcl" and v.tag_ == "VBG":  # "ordered X to leave, accusing Y": the matrix subject
            while h.dep_ == "xcomp" and h.head is not h:
                h = h.head
        if v.dep_ in ("conj", "advcl", "pcomp"):
            found = self._subject(h.head if h.dep_ == "prep" else h, depth + 1)
            if not found and v.dep_ == "conj" and h.dep_ in ("ccomp", "advcl"):
                found = self._subject(h.head, depth + 1)  # "X said the ruling was final and urged Y"
            return found
        if v.dep_ == "relcl":
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                return self._subject(h.head, depth + 1) if h.dep_ in ("dobj", "pobj", "nsubj") else []
            return self._actors_of(h)
        if v.dep_ == "acl":
            if v.tag_ == "VBN":
                return []
            owner = [a for c in h.children if c.dep_ == "poss" for a in self._actors_of(c)]
            if owner:  # "the government's decision to suspend talks"
                return owner
            if not any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                return self._actors_of(h)  # "a statement criticising the launch": the statement
            return self._subject(h.head, depth + 1) if h.dep_ in ("dobj", "pobj", "nsubj") else []
        if v.dep_ == "pobj" and h.dep_ == "prep":
            return self._subject(h.head, depth + 1)
        return []

    def _slot(self, t: Any, slot: str) -> list[Actor] | None:
        """Actors in one target slot; None when the slot is empty in the text."""
        if slot == "dobj":
            obj = self._object(t)
            return None if obj is None else self._actors_of(obj)
        if slot == "dative":
            d = next((c for c in t.children if c.dep_ in ("dative", "iobj")), None)
            if d is None:
                return None
            if d.lower_ == "to":
                d = next((c for c in d.children if c.dep_ == "pobj"), None)
            return None if d is None else self._actors_of(d)
        if slot.startswith("prep:"):
            objs = self._pobjs(t, slot[5:])
            if objs:
                objs += self._as_well_as(t)
            return None if not objs else [a for o in objs for a in self._actors_of(o)]
        if slot == "csubj":
            x = next((c for c in t.children if c.dep_ == "ccomp"), None)
            subj = None if x is None else next((c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            return None if subj is None else self._actors_of(subj)
        if slot == "xdobj":
            holders = [t] + [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
            x = next((c for h in holders for c in h.children if c.dep_ in ("xcomp", "acl")), None)
            return None if x is None else self._slot(x, "dobj")
        return None

    def _targets(self, t: Any, slots: Iterable[str], sources: list[Actor]) -> tuple[Actor | None, ...] | None:
        """The first slot holding an actor other than the source itself ("deploy to its base")."""
        own = {(s.key, s.role) for s in sources}
        for slot in slots:
            if slot == "none":
                return (None,)
            found = [a for a in self._slot(t, slot) or () if (a.key, a.role) not in own
                     and not (a.key in {k for k, _ in own} and a.role is None)]
            if found:
                return tuple(found)
        return None

    def _verb_trigger(self, t: Any, rule: VerbRule) -> Trigger | None:
        sources = self._subject(t) if "speaker" not in rule.flags else self._reporter(t)
        if not sources and any(c.dep_ == "auxpass" for c in t.children) and any(
                c.kind == "dobj" and c.words for c in rule.conditions):
            # "U.S. and EU sanctions will be lifted", "Russian troops were withdrawn": with no agent,
            # the owner of the thing acted on did it
            patient = next((c for c in t.children if c.dep_ == "nsubjpass"), None)
            if patient is not None and not self._actors.get(patient.i):
                sources = [a for x in [patient, *patient.conjuncts] for c in x.children
                           if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i < x.i
                           for a in self._actors_of(c) if a.key]
        if not sources and rule.cameo.startswith("17") and any(c.dep_ == "auxpass" for c in t.children):
            sources = self._authorities(t)  # "three generals were arrested": by the authorities
        if not sources:
            return None
        if len(sources) > 1 and self._reciprocal(t):
            return Trigger(t, rule.cameo, rule.flags, tuple(sources), (None,), reciprocal=True)
        targets = self._targets(t, rule.targets, sources)
        if "converse" in rule.flags:  # "Ukraine received tanks from Germany": Germany gave them
            givers = tuple(a for a in targets or () if a is not None)
            return Trigger(t, rule.cameo, rule.flags, givers, tuple(sources)) if givers else None
        pair = False
        cooperative = (rule.cameo[:2] in ("03", "05", "06", "08") or rule.cameo.startswith("0871")) and \
            not rule.cameo.startswith(tuple(self.cues.third_party_code))
        if ("sym" in rule.flags or cooperative) and len(sources) > 1 and (targets is None or targets == (None,)):
            targets, pair = (None,), True
        if targets is None:
            named = self._object(t) is not None or any(
                self._pobjs(t, s[5:]) for s in rule.targets if s.startswith("prep:"))
            if "require_actor" in rule.flags or not named:
                return None
            targets = ()  # an object that is no actor ("called on the international community to press
            # the military …"): look for one inside it
        if "require_actor" in rule.flags and targets == (None,) and not pair:
            return None  # (co-subjects acting together name both sides: "X and Y established ties")
        return Trigger(t, rule.cameo, rule.flags, tuple(sources), targets, pair)

    def _noun_trigger(self, t: Any) -> Trigger | None:
        for rule in self.lexicon.nouns.get(t.lemma_.lower(), ()):
            trig = self._noun_rule(t, rule)
            if trig is not None:
                return trig
        return None

    def _noun_rule(self, t: Any, rule: NounRule) -> Trigger | None:
        needs = {w for f in rule.flags if f.startswith("needs=") for w in f[6:].split("|")}
        if needs and not any(c.lower_ in needs for c in t.children if c.dep_ in ("compound", "amod")):
            return None
        if "pair" in rule.flags:
            objs = self._pobjs(t, "between")
            if not objs and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
                objs = self._pobjs(t.head, "between")  # "clashes erupted between X and Y" 
            people = [a for o in objs for a in self._actors_of(o)]
            if len(people) < 2:
                return None
            return Trigger(t, rule.cameo, rule.flags, tuple(people), (None,), True)
        sources: list[Actor] = []
        for slot in rule.sources:
            if slot in ("poss", "amod", "compound"):
                sources = [a for c in t.children if c.dep_ == slot for a in self._actors_of(c)]
            elif slot == "agent":
                acl = next((c for c in t.children if c.dep_ == "acl"), None)
                sources = self._subject(acl) if acl is not None else []
            elif slot.startswith("prep:"):
                sources = [a for o in self._pobjs(t, slot[5:]) for a in self._actors_of(o)]
            elif slot == "domestic":  # "protests against Nkurunziza's bid": the target's own people
                against = [a for o in self._pobjs(t, "against") for x in o.subtree for a in self._actors.get(x.i, ())]
                sources = [country_actor(a.country, "(people)", "CVL") for a in against[:1] if a.country]
            if sources:
                break
        governor = governing_verb(t) or self._support_verb(t)
        if not sources and governor is not None and not rule.sources[0].startswith("prep"):
            sources = self._subject(governor)  # "Israel responded with strikes in Lebanon"
            passive = next((c for c in governor.children if c.dep_ == "nsubjpass"), None)
            if not sources and passive is not None:  # "agents may have been involved in the killing"
                sources = self._actors_of(passive)
        if not sources:
            return None
        targets: tuple[Actor | None, ...] | None = None
        for slot in rule.targets:
            if slot == "none":
                targets = (None,)
                break
            if slot == "governor":
                gov = t.head.head if t.dep_ == "pobj" else t.head
                found = self._subject(gov) if gov.pos_ in ("VERB", "AUX") else []
                if not found and gov.pos_ == "VERB" and t.dep_ == "pobj":  # "soldiers were killed in a rebel attack"
                    found = [a for c in gov.children if c.dep_ == "nsubjpass" for a in self._actors_of(c)]
            elif slot == "govobj":
                found = self._slot(governor, "dobj") or [] if governor is not None else []
            elif slot.startswith("prep:"):
                found = [a for o in self._pobjs(t, slot[5:]) for a in self._actors_of(o)]
                acl = next((c for c in t.children if c.dep_ == "acl"), None)
                if not found and acl is not None:
                    found = [a for o in self._pobjs(acl, slot[5:]) for a in self._actors_of(o)]
                if not found and governor is not None:  # "acted in solidarity with the Palestinians"
                    found = [a for o in self._pobjs(governor, slot[5:]) if o.i != t.i for a in self._actors_of(o)]
            else:
                found = []
            if found:
                targets = tuple(found)
                break
        if targets is None:
            return None
        if "sym" in rule.flags and len(sources) > 1 and targets == (None,):
            return Trigger(t, rule.cameo, rule.flags, tuple(sources), (None,), True)  # "their joint drills"
        return Trigger(t, rule.cameo, rule.flags, tuple(sources), targets)

    def _support_verb(self, t: Any) -> Any:
        """The light verb whose object the event noun is ("launched an attack", "imposed
        sanctions", "held talks", "sanctions were imposed"): its subject does the event."""
        node = t
        while node.dep_ == "conj" and node.head is not node:  # "launched strikes and raids"
            node = node.head
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in self.cues.partitive:
            node = node.head.head  # "held three hours of talks", "launched a wave of strikes"
        if node.dep_ not in ("dobj", "obj", "nsubjpass"):
            return None
        verb = node.head
        if verb.pos_ not in ("VERB", "AUX"):
            return None
        lemma = verb.lemma_.lower()
        prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
        if prt and f"{lemma} {prt}" in self.cues.light_verb or lemma in self.cues.light_verb:
            return verb
        if lemma in self.cues.weighing_verb:  # "the EU is considering sanctions": the EU's, if any
            return verb
        return None

    def _events(self, trig: Trigger, document: Document, sentences: list[Any],
                sent_index: dict[int, int]) -> list[Event]:
        t = trig.token
        si = sent_index[t.i]
        sent = sentences[si]
        info = self.cameo.get(trig.cameo)
        willing = self._willing(t)
        if willing and info.root in self.cues.intent_of_root:
            info = self.cameo.get(self.cues.intent_of_root[info.root])  # "ready to hold talks": 036, said now
        mode = mode_of(t, intent=info.root in ("03", "13") or "intent" in trig.flags)
        if "negate" in trig.flags and mode == "asserted":
            mode = "negated"
        pairs: list[tuple[Actor, Actor | None]] = []
        if trig.reciprocal:
            pairs = [(a, b) for a in trig.sources for b in trig.sources if a.key != b.key]
        elif trig.pair:
            first = trig.sources[0]
            pairs = [(first, other) for other in trig.sources[1:]]
        else:
            pairs = [(s, tg) for s in trig.sources for tg in trig.targets]
        attributed, quoted = attribution(t), quote(t, sent)
        out = []
        inferred = False
        if not trig.pair and not trig.reciprocal and trig.targets in ((None,), ()):
            embedded = t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("dobj", "pobj") and info.quad_class >= 3 and \
                self._rules.get((t.head.head if t.dep_ == "pobj" else t.head).i) is not None
            # "condemned the Russian invasion": a conflict named inside another coded act is background;
            # its target is only what the phrase itself names
            local = trig.targets == () or "sym" in trig.flags or embedded
            partners = frozenset(a.key for a in trig.sources if a.key)
            pairs = []
            for s in trig.sources:
                implied = self._infer_target(t, s, info.code, local_only=local, partners=partners,
                                             verdict="verdict" in trig.flags)
                if not implied and info.root in self.cues.addressed_root and not local:
                    implied = [None]  # "China rejected the ruling": a rejection of no one named
                pairs += [(s, g) for g in implied]
            inferred = True
        symmetric = ("sym" in trig.flags or trig.pair) and not willing  # a readiness has a direction
        for src, tgt in pairs:
            if not inferred and tgt is not None and src.key == tgt.key and (
                    src.role == tgt.role or not src.role or not tgt.role):
                continue
            if src.key is None:
                continue
            if tgt is not None and src.key == tgt.key and info.code[:3] in ("042", "043"):
                continue  # travelling at home is no visit
            conf = 0.4 if inferred else 0.7
            code = info
            if src.role in ("OPP", "CVL") and info.root in ("18", "19") and "sym" not in trig.flags:
                code = self.cameo.get("145")  # crowds storming and attacking: violent protest
            elif src.role in ("OPP", "CVL") and info.code == "114":
                code = self.cameo.get("141")  # people protesting against something: a demonstration
            elif info.code == "172" and tgt is not None and tgt.key and tgt.key != src.key:
                code = self.cameo.get("163")  # a ban on another state's airlines or goods: an embargo
            elif src.role in ("COP", "MIL") and tgt is not None and tgt.role in ("OPP", "CVL", "EDU") \
                    and info.root in ("18", "19") and src.key == tgt.key:
                code = self.cameo.get("175")  # police firing on their own protesters: violent repression
            out.append(Event(
                article_id=document.article.id, sentence=sent.text, sentence_index=si,
                span=(sent.start_char, sent.end_char), source=src, target=tgt,
                cameo=code.code, root=code.root, quad_class=code.quad_class, goldstein=code.goldstein,
                plover=code.plover, mode=mode, trigger=t.text, attributed_to=attributed, quote=quoted,
                confidence=conf, symmetric=symmetric, trigger_span=(t.idx, t.idx + len(t.text)),
                inferred=inferred))
        return out
