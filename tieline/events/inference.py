"""What the coder infers beyond the words of one clause: implied targets ("condemned the launch":
whoever launched), the referent of "the decision" / "both sides", verdicts ("called the order
unacceptable"), reciprocal and willing constructions.  A mixin of :class:`EventCoder`, which holds
the article's state (``_done``, ``_actors``, ``_salience``, ``_doc``, ``cues``, ``cameo``).
"""
from __future__ import annotations

from typing import Any

from tieline.events.syntax import clause_verb, country_actor, lemma_of, symmetric_code, temporal
from tieline.model import Actor


class Inference:
    """Methods of :class:`tieline.events.coder.EventCoder` that read beyond one clause."""

    # provided by EventCoder
    _done: list[Any]
    _actors: dict[int, list[Actor]]
    _salience: Any
    _doc: Any
    cues: Any
    cameo: Any

    def _predicate(self, t: Any) -> list[Any]:
        """What the verb says its object is: "called the move a provocation", "called the order
        unacceptable" (parsed as an adjective after its noun), "described it as dangerous", and in a
        reported clause "said the law was a breach of …" / "said the strikes were illegal"."""
        obj = self._object(t)
        heads = [x for x in t.children if x.dep_ == "oprd"]
        if obj is not None:  # also a quoted predicate parsed as the object's apposition
            heads += [x for x in obj.children if x.dep_ in ("amod", "appos") and x.i > obj.i]
        for h in [t] + ([obj] if obj is not None else []):
            heads += [o for p in h.children if p.dep_ == "prep" and p.lower_ == "as"
                      for o in p.children if o.dep_ in ("pobj", "amod", "acomp")]
        for x in t.children:
            if x.dep_ == "ccomp" and x.i > t.i:
                heads += [a for a in x.children if a.dep_ in ("attr", "acomp")]
        out: list[Any] = []
        while heads:  # each head with its modifiers ("a clear provocation", "an act of aggression"), not its clauses
            h = heads.pop()
            out.append(h)
            for c in h.children:
                if c.dep_ in ("amod", "compound", "advmod", "acomp", "nmod"):
                    out.append(c)  # "a serious and dangerous development"
                    out.extend(x for x in c.children if x.dep_ == "conj")
                elif c.dep_ == "conj":
                    heads.append(c)
                elif c.dep_ == "prep" and c.lower_ == "of":
                    out.extend(o for o in c.children if o.dep_ == "pobj")
        return out

    def _judged(self, t: Any) -> Any:
        """The thing a verdict is about: the object ("called the order unacceptable") or the
        subject of the reported clause ("said the law was a breach")."""
        x = next((c for c in t.children if c.dep_ == "ccomp" and c.i > t.i
                  and any(a.dep_ in ("attr", "acomp") for a in c.children)), None)
        obj = self._object(t) if x is None else \
            next((c for c in x.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if obj is None or obj.pos_ != "NOUN":
            return None  # a pronoun ("described it as …") may name the last verdict's object: left alone
        return obj if any(d.dep_ in ("det", "poss") and d.lower_ not in ("a", "an", "any", "some")
                          for d in obj.children) else None

    def _last_fight(self) -> list[Actor]:
        """The two "both sides" names: the latest pair that fought or met (a symmetric event), else
        the latest pair in conflict."""
        for e in reversed(self._done):
            if e.target is not None and e.target.key and e.target.key != e.source.key and \
                    (e.quad_class == 4 or e.symmetric and e.confidence >= 0.7):
                return [e.source, e.target]
        return []

    def _willing(self, t: Any) -> bool:
        """"ready / willing / prepared to …": a stated readiness (CAMEO 03), not the act itself."""
        node = clause_verb(t)
        return node is not None and node.dep_ == "xcomp" and node.head.lemma_.lower() in self.cues.willing

    @staticmethod
    def _reciprocal(t: Any) -> bool:
        """The verb's object or its owner is "each other" / "one another" ("accused each other
        of shelling", "expelled each other's diplomats", "blamed one another for")."""
        def each_other(x: Any) -> bool:
            kids = {c.lower_ for c in x.children}
            return x.lower_ == "other" and "each" in kids or x.lower_ in ("another", "one") and \
                bool(kids & {"one", "another"})
        for c in t.children:
            if c.dep_ in ("dobj", "obj", "dative"):
                if each_other(c) or any(each_other(p) for p in c.children if p.dep_ == "poss"):
                    return True
            if c.dep_ == "prep" and not temporal(c):
                if any(each_other(o) for o in c.children if o.dep_ == "pobj"):
                    return True
        return False

    def _refers(self, noun: Any) -> bool:
        """A definite noun that names an event told earlier ("the strikes", "this decision")."""
        return noun.lemma_.lower() in self.cues.referring_noun and \
            any(d.lower_ in ("the", "this", "that", "these", "those") for d in noun.children)

    def _happening(self, noun: Any) -> bool:
        """A noun that names a happening: where it happens is whom it concerns ("condemned the
        coup in Niger", "criticised the elections in Venezuela")."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        return noun.lemma_.lower() in self.cues.situation_noun or noun.lower_ in self.cues.situation_noun

    def _referent(self, obj: Any, source: Actor) -> list[Actor]:
        """Whose event "the launch" / "the decision" refers back to: the latest event named by
        a related word, else the article's lead event; its source, or its target when the
        source is the one speaking now."""
        lemma = obj.lemma_.lower()
        related = self.cues.back_reference.get(lemma, frozenset()) | {lemma}
        matching = [e for e in self._done if lemma_of(e, self._doc) == lemma] or \
            [e for e in self._done if e.trigger.lower() in related or lemma_of(e, self._doc) in related]
        if not matching:
            doer = self._earlier_doer(obj, source, related)
            if doer:
                return doer
        # "the accord" is usually the story's own deal: the first told; "the attack", the latest
        order = matching if lemma in self.cues.lead_referent else list(reversed(matching))
        candidates = order if matching else self._done[:3]
        for e in candidates:
            both = [e.source] + ([e.target] if e.target is not None and e.target.text else [])
            if e.source.key == source.key and e.source.role != source.role and e.source.role and source.role:
                return [e.source]  # "the army accused the RSF … The RSF denied the charge": the army
            if e.confidence >= 0.7 and e.target is not None and len({a.key for a in both}) == 2 and \
                    symmetric_code(e.cameo):
                return [a for a in both if a.key != source.key]
            if e.source.key != source.key:
                return [e.source]
            if len(both) == 2 and both[1].key and both[1].key != source.key:
                return [both[1]]
            if len(both) == 2 and both[1].key == source.key and both[0].role != both[1].role:
                return [both[1]]  # a domestic deal (government and rebels): domestic again
        return []

    def _earlier_doer(self, noun: Any, source: Actor, related: frozenset[str]) -> list[Actor]:
        """Who did what "the annexation" / "the order" names when no event was coded for it: the
        subject of the latest earlier verb of that word ("Russia annexed Crimea … the annexation")."""
        lemma = noun.lemma_.lower()
        for v in reversed(self._doc[:noun.i]):
            if v.pos_ != "VERB":
                continue
            vl = v.lemma_.lower()
            if vl in related or len(vl) >= 4 and lemma.startswith(vl[:max(4, len(vl) - 2)]):
                doers = [a for a in self._subject(v) if a.key and a.key != source.key]
                if doers:
                    return doers[:1]
        return []

    def _infer_target(self, t: Any, source: Actor, code: str, *, local_only: bool = False,
                      partners: frozenset[str] = frozenset(), verdict: bool = False) -> list[Actor]:
        """Targets the text implies: an actor in the trigger's complements; the actor of
        an earlier event the object refers back to ("condemned the launch"); else the
        article's most salient other actor, or the source's own country for domestic events.
        ``partners`` are the keys of the source's co-subjects ("France and Germany condemned …"):
        they act alongside the source and are never its implied target."""
        holders = [c for c in t.children if c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "dative",
                                                       "nsubjpass", "oprd")
                   or c.dep_ == "advcl" and c.tag_ == "VBG" and not any(m.dep_ == "mark" for m in c.children)]
        obj = self._object(t)
        if obj is not None and obj not in holders:
            holders.insert(0, obj)
        if code.startswith("083") and source.country:  # resignations and concessions are domestic
            return [country_actor(source.country, "")]
        violent = code[:2] in ("18", "19", "20")
        judged = self._judged(t) if verdict else None
        if judged is not None and not self._actors.get(judged.i):
            ref = self._referent(judged, source)  # "called the order unacceptable": whose order
            if ref:
                return ref
        if obj is not None and self._refers(obj):
            ref = self._referent(obj, source)  # "condemned the strikes as a violation of …": whose strikes
            if ref:
                return ref
        own = {y.i for y in t.subtree} if obj is not None and obj.i == t.head.i else set()
        for c in holders:
            places = {y.i for p in c.subtree if p.dep_ == "prep" and p.lower_ in self.cues.locative_prep and not violent
                      and not self._happening(p.head) for y in p.subtree} | own  # "a ceasefire brokered by A and B": not B's target
            places |= {y.i for r in c.subtree if r.dep_ == "relcl" for y in r.subtree}
            for x in c.subtree:
                if x.i in places:
                    continue
                for a in self._actors.get(x.i, ()):
                    if a.key and a.key != source.key and a.key not in partners:
                        # "talks between Israel and Hamas": every actor of the list
                        more = [b for y in x.conjuncts if y.i not in places for b in self._actors.get(y.i, ())
                                if b.key and b.key not in (source.key, a.key) and b.key not in partners]
                        return [a, *more]
        referring = [obj] if obj is not None else []
        referring += [o for h in [t] + referring for p in h.children if p.dep_ == "prep"
                      and p.lower_ in ("against", "over", "on", "about", "for") for o in p.children if o.dep_ == "pobj"]
        for noun in referring:
            if self._refers(noun):
                ref = self._referent(noun, source)
                if ref:
                    return ref
        insurgent = source.role == "REB" and code[:2] in ("18", "19", "20")
        popular = source.role in ("OPP", "CVL", "EDU")
        if (code.startswith(tuple(self.cues.domestic_code)) or insurgent or popular) and source.country:
            if not local_only or obj is not None or popular:  # "rallied against the tax law": at home
                return [country_actor(source.country, "")]
        if local_only:
            return []
        verb = clause_verb(t)
        if verb is not None and verb.dep_ == "conj":  # "condemned the launch but stopped short of sanctions"
            for e in self._done:
                if e.trigger == verb.head.text and e.span[0] <= verb.head.idx < e.span[1] and \
                        e.target is not None and e.source.key == source.key and e.target.key != source.key \
                        and (int(e.root) >= 9) == (int(code[:2]) >= 9):  # both conflict or both cooperation
                    return [e.target]
        anchor = verb if verb is not None else t
        again = [x.lower_ for x in anchor.children if x.dep_ in ("advmod", "dobj", "conj", "npadvmod")] + \
            [x.lower_ for x in anchor.head.children if x.dep_ == "dobj"]
        for e in reversed(self._done if set(again) & self.cues.repetition else ()):
            # "… and Libya also cut ties", "followed suit": the same act as before, on the same target
            if e.cameo[:3] == code[:3] and e.target is not None and e.target.key and e.target.text \
                    and e.target.key != source.key and e.source.key != source.key and e.source.key not in partners:
                return [e.target]
        if self.cameo.get(code).goldstein < 0:  # a hostile response: whoever last acted hostilely on the source
            for e in reversed(self._done):
                if e.target is not None and e.target.key == source.key and e.source.key != source.key \
                        and e.target.text and e.goldstein < 0:
                    return [e.source]
            for e in self._done[:2]:  # else the doer of the story's lead event
                if e.goldstein < 0 and e.source.key and e.source.key != source.key:
                    return [e.source]
        if not self._salience or code[:2] in self.cues.addressed_root:
            return []  # a statement, demand or rejection addressed to no one named: no target is implied
        for key, _n in self._salience.most_common():
            if key != source.key:
                return [country_actor(key, "")]
        return []

    # -- events ------------------------------------------------------------
