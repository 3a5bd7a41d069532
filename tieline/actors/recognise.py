"""Recognise actors in a parsed article and resolve them within the article.

For every noun-phrase head (and every country adjective) the recogniser looks
at the phrase's core (compounds, modifiers, possessors, ``of``-phrases and
appositions), finds knowledge-base names in it and composes one coded
:class:`Actor` per actor (several for "the presidents of Turkmenistan and
Kyrgyzstan").  Within the article it resolves surnames of people introduced
with a title, pronouns, "the two leaders" and bare institutions ("the army").
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from tieline.actors.clues import (Facts, dateline_country, first_other, opposed_country, place_country,
                                  preceding_country, scene_country, speaker_country, entry_facts)
from tieline.actors.describe import (antecedent, commander_country, group_role, load_descriptions,
                                    load_org_nouns, load_place_nouns, own_place, sponsors_of)
from tieline.actors.lexicon import Lexicon, Match
from tieline.actors.pronouns import PERSON_PRONOUNS, PLACE_NOUNS, POPULAR_ROLES, PronounResolver
from tieline.model import Actor, Mention

logger = logging.getLogger(__name__)

CORE_DEPS = frozenset({"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod", "nummod", "det"})
CORE_PREPS = frozenset({"of", "from", "to"})
PAIR_NOUNS = frozenset({"leader", "country", "nation", "side", "neighbour", "neighbor", "government", "ally",
                        "rival", "party",
                        "state", "power", "capital", "army", "military", "president", "minister"})
VAGUE_MODIFIERS = frozenset({"western", "foreign", "regional", "international", "european", "african",
                             "arab", "asian", "gulf", "other", "several", "neighbouring", "neighboring",
                             "allied", "global", "world", "some", "many", "two", "three", "local"})
PROPERTY_NOUNS = frozenset({"territory", "town", "city", "village", "position", "base", "outpost", "post", "settlement",
                            "tanker", "supertanker", "ship", "vessel", "drone", "aircraft", "plane", "jet",
                            "embassy", "consulate", "warship", "frigate", "destroyer", "submarine", "satellite",
                            "pilot", "national", "citizen", "diplomat", "journalist", "soldier", "airman"})
HARDWARE = frozenset({"missile", "rocket", "shell", "drone", "bomb", "jet", "warplane", "aircraft", "tank",
                      "artillery", "warship", "frigate", "submarine", "weapon", "helicopter", "fighter jet",
                      "plane", "vessel", "ship"})
ORG_NOUNS = frozenset({"alliance", "bloc", "organisation", "organization", "body", "union", "fund",
                       "agency", "council", "community", "commission", "bank"})
INSTITUTION_ROLES = frozenset({"GOV", "MIL", "COP", "LEG", "JUD"})
QUANTITY_NOUNS = frozenset({"hundred", "thousand", "million", "dozen", "score", "tens", "hundreds", "thousands",
                            "millions", "dozens", "scores", "group", "crowd"})


def actor_code(country: str | None, org: str | None, role: str | None, org_codes: dict[str, str]) -> str:
    if org and not country:
        return org_codes.get(org, "IGO" + org)
    base = country or ""
    if role and role not in ("IGO",):
        base += role
    return base


@dataclass
class ArticleContext:
    """Per-article resolution state (built and discarded inside one call)."""

    day: dt.date | None
    index: Any = None  # tieline.parse.index.DocIndex of the article
    names: dict[str, Actor] = field(default_factory=dict)
    history: list[tuple[int, Actor, bool]] = field(default_factory=list)  # (token, actor, is_person)
    countries: Counter = field(default_factory=Counter)
    resolved: dict[int, list[Actor]] = field(default_factory=dict)  # token index -> actors found there
    bodies: dict[str, str] = field(default_factory=dict)  # "junta" -> the country a clue gave it
    heads: dict[str, Actor] = field(default_factory=dict)  # "ministry" -> the last "Foreign Ministry of X"


class ActorRecogniser(PronounResolver):
    def __init__(self, lexicon: Lexicon, org_codes: dict[str, str]) -> None:
        self.lexicon = lexicon
        self.org_codes = org_codes
        self.words = load_descriptions()
        self.place_nouns = load_place_nouns()
        self.org_nouns = load_org_nouns()

    # -- public ---------------------------------------------------------
    def recognise(self, doc: Any, day: dt.date | None) -> list[Mention]:
        from tieline.parse.index import DocIndex

        index = DocIndex.of(doc)
        matches = self.lexicon.match(doc)
        cover: dict[int, Match] = {}
        for m in matches:
            if _inside_person_name(doc, m, index):
                continue
            for i in range(m.start, m.end):
                cover[i] = m
        ctx = ArticleContext(day, index)
        sent_of: dict[int, int] = {}
        si = -1
        for t in doc:
            if t.i == 0 or t.is_sent_start:
                si += 1
            sent_of[t.i] = si
        mentions: list[Mention] = []
        pending: list[tuple[Any, str, frozenset[str], str | None]] = []
        by_head: dict[int, Actor] = {}
        dateline = dateline_country(doc, cover, day)
        for tok in doc:
            if not self._is_head(tok, cover):
                continue
            actors = self._resolve(tok, cover, ctx)
            if actors is None:  # "the militant group", "the rebels": the armed group named last
                ante = self._described(tok, cover, ctx)
                actors = [(ante, "description")] if ante is not None else None
            if actors is None:
                title = self._title(tok, cover)
                if title is None and tok.ent_type_ == "PERSON":
                    title = next((self._title(c, cover) for c in tok.children if c.dep_ in ("compound", "appos")
                                  and self._title(c, cover) is not None), None)
                if title is None and (tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITY_NOUNS):
                    inner = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                                  for p in c.children if p.dep_ == "pobj"), None)
                    title = self._title(inner, cover) if inner is not None else None
                    if title is not None and title.role not in POPULAR_ROLES:
                        title = None
                if title is not None and title.derived:  # PETRARCH2's role nouns code only when composed
                    title = self.lexicon.hand_title(tok.lower_) or self.lexicon.hand_title(tok.lemma_.lower())
                if title is not None and title.phrase in HARDWARE:
                    title = None
                if title is not None and (title.role in INSTITUTION_ROLES and self._bare(tok, cover)
                                          or title.role in POPULAR_ROLES):
                    role = title.role
                    for c in tok.children:  # "student leaders": the modifier's popular role
                        ct = self._title(c, cover) if c.dep_ in ("compound", "amod") else None
                        if ct is not None and ct.role in POPULAR_ROLES and role in INSTITUTION_ROLES:
                            role = ct.role
                    sponsors = sponsors_of(tok, cover, day, self.words, entry_facts)
                    clue = first_other(sponsors, own_place(tok, cover, day, self.words, entry_facts),
                                        commander_country(tok, by_head, self.words)
                                        if role in INSTITUTION_ROLES else None,
                                        speaker_country(tok, by_head), place_country(tok, by_head),
                                        preceding_country(tok, by_head),
                                        scene_country(tok, cover, day) if role in POPULAR_ROLES | {"COP", "MIL"}
                                        else None,
                                        opposed_country(tok, cover, day) if role in ("OPP", "CVL") else None)
                    if clue:
                        ctx.bodies[title.phrase] = clue
                    same = self._same_noun(tok, ctx) if clue is None and not sponsors else None
                    if same is not None:  # "the ministry" after "the Foreign Ministry of X": X's
                        actors = [(same, "description")]
                        ctx.resolved.setdefault(tok.i, [same])
                        by_head.setdefault(tok.i, same)
                        mentions.append(Mention(tok.idx, tok.idx + len(tok.text), sent_of[tok.i], same,
                                                "description", tok.i))
                        continue
                    home = first_other(sponsors, clue, ctx.bodies.get(title.phrase), dateline)
                    one_person = title.person and tok.tag_ not in ("NNS", "NNPS")
                    if home is None or one_person or tok.ent_type_ == "PERSON":
                        pending.append((tok, role, sponsors, clue))  # people without a country wait for the whole article
                        continue
                    actor = Actor(_phrase(tok), home, home, None, role, actor_code(home, None, role, self.org_codes))
                    actors = [(actor, "description")]
                else:
                    continue
            if len(actors) == 1 and actors[0][1] == "title" and tok.ent_type_ != "PERSON" and \
                    self._title(tok, cover) is not None:
                ctx.heads[tok.lemma_.lower()] = actors[0][0]
            ctx.resolved.setdefault(tok.i, [a for a, _k in actors])
            by_head.setdefault(tok.i, actors[0][0])
            for actor, kind in actors:
                mentions.append(Mention(tok.idx, tok.idx + len(tok.text), sent_of[tok.i], actor, kind, tok.i))
        if pending and ctx.countries:  # people and bodies no clue placed: dateline, else most frequent
            for tok, role, sponsors, clue in pending:
                home = first_other(sponsors, clue, speaker_country(tok, by_head), place_country(tok, by_head),
                                    preceding_country(tok, by_head), dateline,
                                    *(c for c, _n in ctx.countries.most_common()))
                if home is None:
                    continue
                actor = Actor(_phrase(tok), home, home, None, role, actor_code(home, None, role, self.org_codes))
                mentions.append(Mention(tok.idx, tok.idx + len(tok.text), sent_of[tok.i], actor, "description", tok.i))
        mentions.sort(key=lambda m: (m.start, m.head))
        return mentions

    # -- helpers --------------------------------------------------------
    def _described(self, tok: Any, cover: dict[int, Match], ctx: ArticleContext) -> Actor | None:
        title = self._title(tok, cover)
        role = group_role(tok, title.role if title is not None else None, self.words)
        found = antecedent(tok, role, ctx.history) if role else None
        if found is None and role:
            found = self._named_group(tok, role, cover, ctx)
        if found is None:
            return None
        return Actor(_phrase(tok), found.name, found.country, found.org, found.role, found.code)

    def _named_group(self, tok: Any, role: str, cover: dict[int, Match], ctx: ArticleContext) -> Actor | None:
        """A group of ``role`` the text named earlier only as a modifier ("Israel struck Hamas targets.
        The militant group …"): the nearest such name before ``tok``."""
        i = tok.i - 1
        while i >= 0:
            m = cover.get(i)
            if m is not None:
                for e in m.entries:
                    f = entry_facts(e, ctx.day) if e.kind == "group" else None
                    if f is not None and f.role == role and f.country:
                        return Actor(f.name, f.name, f.country, None, f.role, actor_code(f.country, None, f.role,
                                                                                        self.org_codes))
                i = m.start
            i -= 1
        return None

    def _recent_country(self, tok: Any, ctx: ArticleContext) -> str | None:
        """"The country": the country named most, but not the subject of the phrase's own verb
        ("Australia has poured aid into the country" is not Australia)."""
        verb = tok
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        own = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        mine = {a.country for i in own for a in ctx.resolved.get(i, ())}
        for _i, actor, _p in reversed(ctx.history):
            if _i < tok.i and _i not in own and actor.country and actor.country not in mine:
                return actor.country
        return None

    def _place_noun(self, tok: Any, cover: dict[int, Match]) -> frozenset[str] | None:
        """The countries "the kingdom", "the Gulf kingdom", "the Pacific nation" can stand for, or
        None when the phrase is no such description (no "the", or a name of the knowledge base in it)."""
        kids = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or tok.i in cover and not self._title(
                tok, cover):
            return None
        head = tok.lemma_.lower()
        if head not in self.place_nouns and head not in PLACE_NOUNS:
            return None
        words = [tok] + [c for c in kids if c.dep_ in ("compound", "amod")]
        fits = [self.place_nouns[w.lemma_.lower()] for w in words if w.lemma_.lower() in self.place_nouns]
        if not fits:
            return None
        fit = frozenset.intersection(*fits)  # "the Gulf kingdom": Gulf states that are kingdoms
        if any(c.i in cover or c.dep_ not in ("det", "amod", "compound") for c in kids if c.lower_ != "the"):
            return None  # "the Saudi kingdom" is coded by its adjective; "the kingdom's king" by its own rules
        return fit

    def _same_noun(self, tok: Any, ctx: ArticleContext) -> Actor | None:
        """"The ministry", "the leaders": a definite noun with no other modifier stands for the last
        actor named with the same noun and a country or organisation of its own."""
        kids = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or \
                any(c.dep_ in ("amod", "compound", "nmod", "nummod", "poss", "prep", "appos") for c in kids):
            return None
        found = ctx.heads.get(tok.lemma_.lower())
        if found is None:
            return None
        return Actor(_phrase(tok), found.name, found.country, found.org, found.role, found.code)

    def _is_head(self, tok: Any, cover: dict[int, Match]) -> bool:
        m = cover.get(tok.i)
        if m is not None and tok.i == m.end - 1 and tok.pos_ in ("ADV", "X", "INTJ", "VERB") and tok.dep_ != "amod" \
                and any(e.kind in ("capital", "city", "country", "metonym", "organization", "group", "person")
                        for e in m.entries):
            return True  # a name the tagger misread ("BEIRUT/RB —")
        if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            if tok.dep_ in ("compound", "flat") and tok.head.pos_ in ("NOUN", "PROPN"):
                # a state or body naming whose thing it is: "the U.S. decision", "EU sanctions"
                return tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.i in cover and \
                    tok.head.i not in cover and \
                    cover[tok.i].end - 1 == tok.i and any(e.kind in ("country", "organization") for e in cover[tok.i].entries)
            return True
        # country adjectives used as actors: "Ukrainian counteroffensive", "Israeli warplanes"
        return tok.i in cover and tok.pos_ in ("ADJ", "VERB", "PROPN") and tok.dep_ == "amod" and any(
            e.kind in ("adjective", "demonym", "country") for e in cover[tok.i].entries)

    def _core(self, tok: Any) -> list[Any]:
        out, stack = [], [tok]
        while stack:
            t = stack.pop()
            out.append(t)
            for c in t.children:
                if c.dep_ == "amod" and c.lower_ in self.words.sponsors:
                    continue  # "Iran-backed militias": the sponsor is no part of the group
                if c.dep_ in CORE_DEPS:
                    stack.append(c)
                    if c.dep_ == "amod":  # "Hungarian and Romanian officials"
                        stack.extend(_conjuncts(c))
                elif c.dep_ == "prep" and t.pos_ in ("NOUN", "PROPN") and (
                        c.lower_ in CORE_PREPS or c.lower_ in self.words.speaker_preps
                        and t.lemma_.lower() in self.words.speakers):  # "a spokeswoman for the Kremlin"
                    for p in c.children:
                        if p.dep_ == "pobj":
                            stack.append(p)
                            stack.extend(_conjuncts(p))  # "the leaders of Niger, Ivory Coast and Senegal"
        return out

    def _title(self, tok: Any, cover: dict[int, Match]) -> Any:
        m = cover.get(tok.i)
        if m is not None:
            for e in m.entries:
                if e.kind == "title":
                    return e.record
        return None

    def _bare(self, tok: Any, cover: dict[int, Match]) -> bool:
        for c in tok.children:
            if c.i in cover and any(e.kind == "block" for e in cover[c.i].entries):
                return False  # "West African leaders" are no one country's
            if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i not in cover and \
                    (c.lower_ in VAGUE_MODIFIERS or c.pos_ == "PROPN" and c.ent_type_ != "PERSON"
                     or c.text[:1].isupper() and not c.is_sent_start and c.ent_type_ != "PERSON"):
                # "the Baltic states", "Kurdish fighters": a proper adjective the knowledge base lacks
                return False
            if c.dep_ == "det" and c.lower_ not in ("the", "its", "their", "no"):
                return False
            if c.dep_ == "nummod":
                return False
        return True

    def _resolve(self, tok: Any, cover: dict[int, Match], ctx: ArticleContext) -> list[tuple[Actor, str]] | None:
        low = tok.lower_
        if tok.pos_ == "PRON":
            return self._pronoun(tok, ctx)
        if low in PAIR_NOUNS or tok.lemma_ in PAIR_NOUNS:
            pair = self._pair(tok, ctx)
            if pair:
                return pair
        if tok.lemma_.lower() in ORG_NOUNS and any(c.lower_ == "the" for c in tok.children) and len(
                list(tok.children)) == 1:  # "the alliance", "the bloc": the organisation last named
            fit = self.org_nouns.get(tok.lemma_.lower())
            for _i, actor, _p in reversed(ctx.history):
                if actor.org and not actor.country and _i < tok.i and (fit is None or actor.org in fit):
                    return [(actor, "description")]
        fitting = self._place_noun(tok, cover)
        if fitting is not None:  # "the kingdom", "the island nation": the last country named that fits
            for _i, actor, _p in reversed(ctx.history):
                if _i < tok.i and actor.country in fitting:
                    c = actor.country
                    return [(Actor(_phrase(tok), c, c, None, None, c), "description")]
            return None
        if tok.lemma_.lower() in PLACE_NOUNS and any(c.lower_ == "the" for c in tok.children) and len(
                list(tok.children)) == 1:
            recent = self._recent_country(tok, ctx)
            if recent:
                return [(Actor(_phrase(tok), recent, recent, None, None, recent), "description")]
        core = self._core(tok)
        core_ids = {t.i for t in core}
        own = cover.get(tok.i)
        own_facts = [f for f in (entry_facts(e, ctx.day) for e in own.entries) if f] if own else []
        own_facts.sort(key=lambda f: f.kind == "former")  # people in office on the day first
        title = self._title(tok, cover)
        # modifiers: matches elsewhere in the core, nearest first
        mods: list[Facts] = []
        seen: set[int] = {id(own)} if own else set()
        # nearest first, but of several modifiers before the head the leftmost ("Syrian Turkmen rebels")
        for t in sorted(core, key=lambda t: (t.i > tok.i, t.i if t.i < tok.i else t.i - tok.i)):
            m = cover.get(t.i)
            if m is None or id(m) in seen:
                continue
            seen.add(id(m))
            for e in m.entries:
                f = entry_facts(e, ctx.day)
                if f:
                    mods.append(f)
                    break
        registered = self._registered(tok, ctx)
        owners: list[Actor] = []
        own_country = any(c.dep_ in ("amod", "compound") and c.i in cover and
                          any(e.kind in ("adjective", "country") for e in cover[c.i].entries) for c in tok.children)
        for c in tok.children:  # "its troops", "the two countries' ministers": possessors resolved earlier
            if c.pos_ == "PRON" and own_country:
                continue  # "his Chinese counterpart": the adjective's country, not the possessor's
            if c.dep_ == "poss" and (c.pos_ == "PRON" or len(ctx.resolved.get(c.i, ())) > 1):
                owners = [a for a in ctx.resolved.get(c.i, ()) if a.country or a.org]
                for owner in reversed(owners):
                    mods.insert(0, Facts(owner.country, owner.org, owner.role, owner.name, False, "pronoun"))
        ent_person = tok.ent_type_ == "PERSON"
        actors: list[tuple[Actor, str]] = []
        known_person = False  # a person of the knowledge base or one registered earlier, whatever NER says
        if own_facts and own.entries[0].kind != "title":
            f = own_facts[0]
            country, org, role = f.country, f.org, f.role
            if not country and not org:
                return None
            actor = self._make(tok, country, org, role, f.name)
            if f.person:
                self._register(tok, actor, ctx)
            known_person = f.person
            actors.append((actor, f.kind))
        elif registered is not None:
            known_person = True
            actors.append((registered, "surname"))
        else:
            # a title, a person's name with a title, or an institution, coded from its modifiers
            role = title.role if title is not None else None
            person = title.person if title is not None else False
            for t in core:
                if t.i != tok.i and role is None:
                    tt = self._title(t, cover)
                    if tt is not None and t.dep_ in ("compound", "appos", "amod", "flat"):
                        role, person = tt.role, tt.person
                    elif t.dep_ == "appos":
                        reg = self._registered(t, ctx)
                        if reg is not None:
                            return [(reg, "apposition")]
            for c in tok.children:  # "student leaders", "opposition leader": the modifier's role
                ct = self._title(c, cover) if c.dep_ in ("compound", "amod") else None
                if ct is not None and ct.role in POPULAR_ROLES | {"OPP"} and role in ("GOV", None):
                    role = ct.role
            country_facts = [f for f in mods if f.country or f.org]
            people = [f for f in mods if f.person]
            if people:
                f = people[0]
                actor = self._make(tok, f.country, f.org, f.role, f.name)
                self._register(tok, actor, ctx)
                return [(actor, "apposition")]
            if not country_facts:
                return None
            if role is None and not ent_person and tok.lemma_.lower() in PROPERTY_NOUNS:
                role = ""
            if role is None and not ent_person:
                # a plain noun with a country modifier ("Russian-occupied cities") is no actor,
                # except for groups of people and state property ("a US warship" has a title)
                return None
            # several countries joined by "and" inside the of-phrase: one actor each
            keys = []
            for f in country_facts:
                k = (f.country, f.org)
                if k not in keys:
                    keys.append(k)
            if len(keys) > 1 and not (tok.tag_ == "NNS" and (self._of_conj(tok) or self._amod_conj(tok)
                                                             or len(owners) > 1)):
                keys = keys[:1]
            group_role = next((f.role for f in country_facts if f.kind in ("group", "organization")), None)
            if group_role and role in ("GOV", None):
                role = group_role  # "FARC leader", "UN envoy": the body's role, not a government's
            for country, org in keys:
                name = _phrase(tok)
                actor = self._make(tok, country, org, role or "GOV" if ent_person else role, name)
                if ent_person or person:
                    self._register(tok, actor, ctx)
                actors.append((actor, "title"))
        for actor, _kind in actors:
            if actor.country:
                ctx.countries[actor.country] += 1
            ctx.history.append((tok.i, actor, known_person or _is_person(tok, actor)
                                or bool(title is not None and title.person)))
        return actors or None

    def _amod_conj(self, tok: Any) -> bool:
        return any(c.dep_ == "amod" and any(x.dep_ == "conj" for x in c.children) for c in tok.children)

    def _of_conj(self, tok: Any) -> bool:
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.dep_ == "pobj" and any(
            x.dep_ == "conj" for x in p.children) for p in c.children) for c in tok.children)

    def _make(self, tok: Any, country: str | None, org: str | None, role: str | None, name: str) -> Actor:
        role = role or None
        return Actor(_phrase(tok), name, country, org, role, actor_code(country, org, role, self.org_codes))

    def _register(self, tok: Any, actor: Actor, ctx: ArticleContext) -> None:
        if tok.ent_type_ != "PERSON":
            return
        bounds = ctx.index.person(tok.i)
        if bounds is None:
            return
        full = tok.doc[bounds[0]:bounds[1]].text
        ctx.names[full.lower()] = actor
        parts = full.split()
        if len(parts) > 1:
            ctx.names.setdefault(parts[-1].lower(), actor)
            ctx.names.setdefault(parts[0].lower(), actor)

    def _registered(self, tok: Any, ctx: ArticleContext) -> Actor | None:
        if tok.pos_ != "PROPN":
            return None
        bounds = ctx.index.ents[tok.i]
        if bounds is not None:
            text = tok.doc[bounds[0]:bounds[1]].text.lower()
            if text in ctx.names:
                return ctx.names[text]
        return ctx.names.get(tok.lower_)

def _conjuncts(tok: Any) -> list[Any]:
    """The words conjoined to ``tok`` however the parser chains them ("A, B and C": B under A, C under B)."""
    out, stack = [], [tok]
    while stack:
        for x in stack.pop().children:
            if x.dep_ == "conj":
                out.append(x)
                stack.append(x)
    return out


def _inside_person_name(doc: Any, m: Match, index: Any) -> bool:
    """A country word inside a person's name ("Volker Turk", "Mark English") is part of the name."""
    if not all(e.kind in ("demonym", "adjective", "country", "capital", "city") for e in m.entries):
        return False
    if doc[m.start].text.isupper():  # a dateline's capital, however the tagger read it
        return False
    bounds = index.person(m.start)
    return bounds is not None and bounds[0] <= m.start and m.end <= bounds[1] and \
        bounds[1] - bounds[0] > m.end - m.start


def _is_person(tok: Any, actor: Actor) -> bool:
    return tok.ent_type_ == "PERSON" or tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS or \
        tok.lemma_ in ("president", "minister", "leader", "spokesman", "spokeswoman", "secretary",
                       "premier", "chancellor", "king", "ambassador", "envoy", "official", "general")


def _phrase(tok: Any) -> str:
    """The words of the mention: the head with its compounds, modifiers and flat names."""
    ids = [tok.i] + [c.i for c in tok.children if c.dep_ in ("compound", "flat", "amod", "poss") and c.i < tok.i]
    left = min(ids)
    return tok.doc[left:tok.i + 1].text
