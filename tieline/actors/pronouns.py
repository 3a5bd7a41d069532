"""Pronouns and plural descriptions within an article: "he", "it", "they", "the two sides",
"both countries".  A mixin of :class:`tieline.actors.recognise.ActorRecogniser` (it reads the
recogniser's article context: what was named where, and as whose subject)."""
from __future__ import annotations

from typing import Any

from tieline.model import Actor
from tieline.parse.words import RELATIVE_PRONOUNS

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
MAIN_PAIR_NOUNS = frozenset({"side"})  # "the two sides" are the story's two parties, not the last two named
GROUP_COUNTS = {"two": 2, "both": 2}  # "the two sides", "both countries" ("the three countries" measured worse)
PERSON_NOUNS = frozenset({"leader", "president", "minister", "premier", "chancellor", "head", "counterpart"})
PLACE_NOUNS = frozenset({"country", "nation", "island", "islands", "kingdom", "republic", "state"})
POPULAR_ROLES = frozenset({"OPP", "CVL", "REB", "EDU"})


class PronounResolver:
    """Resolution of pronouns and "the two X" (methods of the recogniser; ``ctx`` is its
    per-article ``ArticleContext``)."""

    def _pronoun(self, tok: Any, ctx: Any) -> list[tuple[Actor, str]] | None:
        low = tok.lower_
        speaker = self._speaker_of_clause(tok, ctx)
        if speaker is not None and (low in THING_PRONOUNS | PLURAL_PRONOUNS or low in PERSON_PRONOUNS and speaker[1]):
            return [(a, "pronoun") for a in speaker[0]]
        if low in PERSON_PRONOUNS:
            subject = self._subject_person(tok, ctx)
            if subject is not None:
                return [(subject, "pronoun")]
            for _i, actor, is_person in reversed(ctx.history):
                if is_person and _i < tok.i and tok.doc[_i].tag_ not in ("NNS", "NNPS"):  # "he" is no "leaders"
                    return [(actor, "pronoun")]
        elif low in THING_PRONOUNS:
            if tok.dep_ == "dobj" and any(c.dep_ == "oprd" for c in tok.head.children):
                return None  # "calling it a provocation": a thing said of, no actor
            subject = self._subject_person(tok, ctx, person=False) if low == "it" else None
            if subject is not None:  # "The Indian ministry summoned the envoy. It said …": the ministry
                return [(subject, "pronoun")]
            main = _main_clause_subject(tok, ctx)
            if main is not None and low == "its":  # "X cut ties after protesters stormed its embassy"
                return [(main, "pronoun")]
            for _i, actor, is_person in reversed(ctx.history):
                if not is_person and _i < tok.i:
                    return [(actor, "pronoun")]
        elif low in PLURAL_PRONOUNS:
            last = self._last_group(tok, ctx, subjects=True) if tok.dep_ in ("nsubj", "nsubjpass") else []
            last = last or self._last_group(tok, ctx)
            if last:
                return [(a, "pronoun") for a in last]
        return None

    def _subject_person(self, tok: Any, ctx: Any, person: bool = True) -> Actor | None:
        """"Merkel met Macron. She said …": a pronoun subject stands first for the person (or, for
        "it", the body) who was the subject of the sentence before (or of its own sentence, before
        it), not the last named."""
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            return None
        doc = tok.doc
        start = ctx.index.sents[tok.i][0]
        floor = ctx.index.sents[start - 1][0] if start > 0 else start
        for i, actor, is_person in reversed(ctx.history):
            if i >= tok.i:
                continue
            if i < floor:
                break
            t = doc[i]
            if is_person != person or t.tag_ in ("NNS", "NNPS") or t.pos_ == "PRON" or \
                    not person and not (actor.country or actor.org):
                continue
            while t.dep_ in ("compound", "flat", "appos") and t.head is not t:
                t = t.head
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in ("ROOT", "conj", "ccomp"):
                return actor
        return None

    def _speaker_of_clause(self, tok: Any, ctx: Any) -> tuple[list[Actor], bool] | None:
        """"Hezbollah fired …, saying it acted …": the subject of a reported clause is, first of
        all, whoever reports it (for "it"/"they"; for "he"/"she" only when that is a person)."""
        if tok.dep_ != "nsubj" or tok.head.dep_ != "ccomp":
            return None
        verb = tok.head.head
        for _ in range(3):
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    subj = verb.head
                found = ctx.resolved.get(subj.i)
                if not found:
                    return None
                is_person = any(p for i, _a, p in ctx.history if i == subj.i)
                return found, is_person
            if verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head is verb:
                return None
            verb = verb.head
        return None

    def _last_group(self, tok: Any, ctx: Any, subjects: bool = False) -> list[Actor]:
        """The actors of the most recent plural mention (a conjunction of actors or a plural
        noun) in this sentence or the two before it; with ``subjects``, of the most recent that
        was a subject in this sentence or the one before ("Egyptian and Qatari mediators met Hamas
        officials. They urged …": the mediators)."""
        doc = tok.doc
        start = ctx.index.sents[tok.i][0]
        for _ in range(1 if subjects else 2):  # two sentences back (one for subjects)
            if start > 0:
                start = ctx.index.sents[start - 1][0]
        floor = start
        for i, actor, _p in reversed(ctx.history):
            if i >= tok.i:
                continue
            if i < floor:
                break
            t = doc[i]
            if t.pos_ == "PRON":
                continue
            if subjects:
                top = t.head if t.dep_ == "conj" else t
                while top.dep_ in ("compound", "flat", "appos") and top.head is not top:
                    top = top.head
                if top.dep_ not in ("nsubj", "nsubjpass") or top.head.dep_ not in ("ROOT", "conj", "ccomp"):
                    continue
            heads = [t] + [c for c in t.children if c.dep_ == "conj"]
            if t.dep_ == "conj":
                heads = [t.head] + [c for c in t.head.children if c.dep_ == "conj"]
            if len(heads) > 1:
                found = [a for j, a, _ in ctx.history if doc[j] in heads]
                uniq = list({(a.country, a.org): a for a in found}.values())
                if len(uniq) > 1:
                    return uniq
            if t.tag_ in ("NNS", "NNPS"):
                return list({(a.country, a.org): a for a in ctx.resolved.get(i, [actor])}.values())
        return []

    def _pair(self, tok: Any, ctx: Any) -> list[tuple[Actor, str]] | None:
        if tok.tag_ not in ("NNS", "NNPS"):
            return None
        count = next((GROUP_COUNTS[c.lower_] for c in tok.children if c.lower_ in GROUP_COUNTS),
                     GROUP_COUNTS.get(doc_prev(tok)))
        if count is None:
            return None
        keys: list[Actor] = []
        people_only = tok.lemma_.lower() in PERSON_NOUNS
        states_only = tok.lemma_.lower() in PLACE_NOUNS  # "the two countries" are no organisation
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        doers = {(verb.head.i if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl" else c.i)
                 for c in verb.children if c.dep_ == "nsubj"} | {
            p.i for c in verb.children if c.dep_ == "agent" for p in c.children}
        excluded = {(a.country, a.org) for i in doers for a in ctx.resolved.get(i, ())
                    if a.role not in POPULAR_ROLES}
        if tok.lemma_.lower() in MAIN_PAIR_NOUNS and count == 2:
            # "the two sides": the two parties the story is about, the countries it names most
            top = [c for c, _n in ctx.countries.most_common() if (c, None) not in excluded][:2]
            if len(top) == 2:
                last = {a.country: a for _i, a, _p in ctx.history if _i < tok.i and a.country in top}
                if len(last) == 2:
                    return [(last[c], "description") for c in top]
        for _i, actor, _p in reversed(ctx.history):
            if _i >= tok.i or (people_only and not _p) or (actor.country, actor.org) in excluded or \
                    states_only and not actor.country:
                continue
            if all((a.country, a.org) != (actor.country, actor.org) for a in keys):
                keys.append(actor)
            if len(keys) == count:
                break
        if len(keys) < count:
            return None
        return [(a, "description") for a in reversed(keys)]


def _main_clause_subject(tok: Any, ctx: Any) -> Actor | None:
    """The subject of the main clause, for a pronoun inside an adverbial clause attached to it."""
    node = tok
    for _ in range(8):
        if node.head is node:
            return None
        if node.dep_ == "advcl":
            subj = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            found = ctx.resolved.get(subj.i) if subj is not None else None
            return found[0] if found and not found[0].role else None
        node = node.head
    return None


def doc_prev(tok: Any) -> str:
    return tok.doc[tok.i - 1].lower_ if tok.i > 0 else ""
