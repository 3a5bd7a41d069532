"""What the command line and the HTTP API ask the store, as typed records.

* :func:`find_events` -- one page of happenings with the total of matches
  (``showing 20 of 1,234``); asserted events only unless ``modes`` says
  otherwise (a mode, a list of modes, or ``"all"``).
* :func:`show_event` -- the evidence of one happening: every mention with its
  article, date, outlet, the sentence trimmed of page noise and the spans of
  the trigger and both actors in it, mode and attribution.
* :func:`codebook` -- the CAMEO event codes with Goldstein value, quad class
  and PLOVER type, searchable; :func:`actor_codes` -- countries,
  organisations and roles likewise.
* :func:`check_actor` -- an unknown actor term raises :class:`UnknownActor`
  (an :class:`~tieline.errors.InputError`) with "did you mean" suggestions.

Nothing here prints; the CLI (``tieline events``, ``show``, ``codes``) and
the HTTP API render these records.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from tieline.errors import InputError
from tieline.store.database import EventStore
from tieline.store.queries import ORDERS, StoredEvent, StoredMention, count_events, \
    event_mentions, events, events_page, get_event

Span = tuple[int, int]


class UnknownActor(InputError):
    """An actor term that matches no known country, organisation or stored actor."""

    def __init__(self, term: str, suggestions: Sequence[str] = ()) -> None:
        self.term = term
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else \
            " (see `tieline codes --actors`)"
        super().__init__(f"no actor {term}{hint}")


class UnknownEvent(InputError):
    """An event id that is not in the store."""

    def __init__(self, event_id: int) -> None:
        self.event_id = event_id
        super().__init__(f"no event {event_id} in the store (see `tieline events`)")


# -- events with their total ---------------------------------------------------------------

@dataclass(frozen=True)
class EventPage:
    """One page of matching happenings and how many match in all."""

    total: int
    offset: int
    limit: int | None
    events: tuple[StoredEvent, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "offset": self.offset, "limit": self.limit,
                "events": [e.to_dict() for e in self.events]}


def find_events(store: EventStore, *, actor: str | None = None,
                between: tuple[str, str] | None = None, root: str | None = None,
                modes: str | Sequence[str] | None = None, mode: str | None = None,
                since: dt.date | None = None, until: dt.date | None = None,
                text: str | None = None, precision: str | None = None,
                limit: int | None = 20, offset: int = 0, order: str = "date") -> EventPage:
    """Matching happenings (see :func:`tieline.store.queries.events`) and their total.

    ``limit`` ``0`` or ``None`` means all.  Unknown actors raise
    :class:`UnknownActor`.
    """
    if order not in ORDERS:
        raise InputError(f"order must be one of {', '.join(ORDERS)}")
    if limit is not None and limit < 0 or offset < 0:
        raise InputError("limit and offset must not be negative")
    for term in (actor, *(between or ())):
        if term is not None:
            check_actor(store, term)
    filters: dict[str, Any] = {"actor": actor, "between": between, "root": root,
                               "modes": modes, "mode": mode, "since": since, "until": until,
                               "text": text, "precision": precision}
    if limit:
        total, found = events_page(store, limit=limit, offset=offset, order=order, **filters)
    else:
        total = count_events(store, **filters)
        found = events(store, limit=None, offset=offset, order=order, **filters)
    return EventPage(total, offset, limit or None, tuple(found))


# -- the evidence of one event ---------------------------------------------------------------

@dataclass(frozen=True)
class MentionEvidence:
    """One report of a happening.  Spans are ``[start, end)`` into ``sentence``
    (the stored sentence trimmed of page noise); None when not found."""

    mention_id: int
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    date: dt.date | None
    date_precision: str | None
    date_text: str | None
    sentence: str
    trigger: str
    trigger_span: Span | None
    source_text: str | None
    source_code: str | None
    source_span: Span | None
    target_text: str | None
    target_code: str | None
    target_span: Span | None
    cameo: str
    mode: str
    attributed_to: str | None
    quote: str | None
    confidence: float
    symmetric: bool
    inferred: bool

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("published", "date"):
            if out[key] is not None:
                out[key] = out[key].isoformat()
        for key in ("trigger_span", "source_span", "target_span"):
            if out[key] is not None:
                out[key] = list(out[key])
        return out

    def marked(self) -> str:
        """The sentence with ``*trigger*``, ``{source}`` and ``<target>`` marked."""
        marks = [(self.trigger_span, "*", "*"), (self.source_span, "{", "}"),
                 (self.target_span, "<", ">")]
        inserts: list[tuple[int, int, str]] = []
        for span, left, right in marks:
            if span is not None:
                inserts.append((span[0], 1, left))
                inserts.append((span[1], 0, right))
        text = self.sentence
        for position, _, mark in sorted(inserts, reverse=True):
            text = text[:position] + mark + text[position:]
        return text


@dataclass(frozen=True)
class EventEvidence:
    """A happening with every mention behind it, oldest article first."""

    event: StoredEvent
    mentions: tuple[MentionEvidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**self.event.to_dict(), "mentions": [m.to_dict() for m in self.mentions]}


_NOISE_LINE = re.compile(
    r"^\s*(photo|image|picture|video|file photo|credit|read also|related|advertisement|"
    r"share|follow us|subscribe)\b.*$", re.IGNORECASE)


def trim_sentence(sentence: str, keep: Sequence[Span | None] = ()) -> tuple[str, int]:
    """The sentence without page noise: lines of furniture ("Photo: ...",
    "Read also: ...") that hold none of the ``keep`` spans are dropped, and
    runs of white space collapse to one space at the ends.  Returns the text
    and the offset of its first character in ``sentence`` (spans inside the
    kept text shift by it; white space inside is kept so spans stay exact)."""
    spans = [s for s in keep if s is not None]
    lines: list[tuple[int, str]] = []
    position = 0
    for line in sentence.splitlines(keepends=True):
        lines.append((position, line))
        position += len(line)

    def held(start: int, line: str) -> bool:
        return any(start <= s < start + len(line) for s, _ in spans)

    kept = [(start, line) for start, line in lines
            if line.strip() and (held(start, line) or not _NOISE_LINE.match(line))]
    if not kept:
        return sentence.strip(), len(sentence) - len(sentence.lstrip())
    first, last = kept[0], kept[-1]
    begin, end = first[0], last[0] + len(last[1])
    text = sentence[begin:end]
    lead = len(text) - len(text.lstrip())
    return text.strip(), begin + lead


def _find(sentence: str, needle: str | None, near: int | None) -> Span | None:
    if not needle:
        return None
    hits = [m.start() for m in re.finditer(re.escape(needle), sentence)]
    if not hits:
        hits = [m.start() for m in re.finditer(re.escape(needle), sentence, re.IGNORECASE)]
    if not hits:
        return None
    start = min(hits, key=lambda h: abs(h - near)) if near is not None else hits[0]
    return (start, start + len(needle))


def _evidence(mention: StoredMention, title: str | None) -> MentionEvidence:
    e = mention.event
    trigger_span: Span | None = None
    if e.trigger_span is not None:
        start, end = e.trigger_span[0] - e.span[0], e.trigger_span[1] - e.span[0]
        if 0 <= start < end <= len(e.sentence):
            trigger_span = (start, end)
    if trigger_span is None:
        trigger_span = _find(e.sentence, e.trigger or None, None)
    near = trigger_span[0] if trigger_span else None
    source_span = _find(e.sentence, e.source.text if e.source else None, near)
    target_span = _find(e.sentence, e.target.text if e.target else None, near)
    if source_span and target_span and source_span == target_span:
        target_span = None
    text, shift = trim_sentence(e.sentence, (trigger_span, source_span, target_span))

    def moved(span: Span | None) -> Span | None:
        if span is None:
            return None
        start, end = span[0] - shift, span[1] - shift
        return (start, end) if 0 <= start < end <= len(text) else None

    return MentionEvidence(
        mention_id=mention.mention_id, article_id=e.article_id, title=title, url=mention.url,
        outlet=mention.outlet, published=mention.published, date=e.date,
        date_precision=e.date_precision, date_text=e.date_text, sentence=text,
        trigger=e.trigger, trigger_span=moved(trigger_span),
        source_text=e.source.text if e.source else None,
        source_code=e.source.code or None if e.source else None, source_span=moved(source_span),
        target_text=e.target.text if e.target else None,
        target_code=e.target.code or None if e.target else None, target_span=moved(target_span),
        cameo=e.cameo, mode=e.mode, attributed_to=e.attributed_to, quote=e.quote,
        confidence=e.confidence, symmetric=e.symmetric, inferred=e.inferred)


def show_event(store: EventStore, event_id: int) -> EventEvidence:
    """The happening ``event_id`` with every mention (raises :class:`UnknownEvent`)."""
    event = get_event(store, int(event_id))
    if event is None:
        raise UnknownEvent(int(event_id))
    mentions = event_mentions(store, event.event_id)
    ids = sorted({m.event.article_id for m in mentions})
    titles = dict(store.con.execute(
        "SELECT article_id, title FROM articles WHERE list_contains(?, article_id)",
        [ids]).fetchall()) if ids else {}
    return EventEvidence(event, tuple(_evidence(m, titles.get(m.event.article_id))
                                      for m in mentions))


# -- codebook and actor codes -----------------------------------------------------------------

@dataclass(frozen=True)
class CodebookEntry:
    code: str
    root: str
    description: str
    quad_class: int
    goldstein: float
    plover: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def codebook(query: str | None = None) -> tuple[CodebookEntry, ...]:
    """CAMEO event codes; ``query`` matches a code prefix ("19", "193") or words
    of the description or the PLOVER type (case-insensitive)."""
    from tieline.reference.cameo import load_cameo

    entries = [CodebookEntry(c.code, c.root, c.description, c.quad_class, c.goldstein, c.plover)
               for c in load_cameo().codes.values()]
    entries.sort(key=lambda e: e.code)
    if not query or not query.strip():
        return tuple(entries)
    q = query.strip()
    if q.isdigit():
        return tuple(e for e in entries if e.code.startswith(q))
    words = q.casefold().split()
    return tuple(e for e in entries
                 if all(w in f"{e.description} {e.plover or ''}".casefold() for w in words))


@dataclass(frozen=True)
class ActorCode:
    """An actor code: ``kind`` is ``country``, ``organization`` or ``role``."""

    code: str
    name: str
    kind: str
    cameo: str | None = None  # the CAMEO code of an organisation (IGOWSTNAT)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def actor_codes(query: str | None = None) -> tuple[ActorCode, ...]:
    """Country (ISO 3166 alpha-3), organisation and role codes; ``query``
    matches a code or words of a name (case-insensitive)."""
    from tieline.actors.kb import load_knowledge_base
    from tieline.reference.roles import load_roles

    kb = load_knowledge_base()
    found = [ActorCode(c.iso3, c.name, "country") for c in kb.countries]
    found += [ActorCode(o.id, o.name, "organization", o.cameo or None) for o in kb.organizations]
    found += [ActorCode(code, name, "role") for code, name in load_roles().items()]
    if not query or not query.strip():
        return tuple(found)
    q = query.strip().casefold()
    return tuple(a for a in found
                 if a.code.casefold().startswith(q) or (a.cameo or "").casefold() == q
                 or all(w in a.name.casefold() for w in q.split()))


def _store_knows(store: EventStore, term: str) -> bool:
    condition = ("source_key = $t OR target_key = $t OR starts_with(source_code, $t) "
                 "OR starts_with(target_code, $t)") if len(term) >= 3 else \
        "source_key = $t OR target_key = $t OR source_code = $t OR target_code = $t"
    return bool(store.con.execute(f"SELECT 1 FROM events WHERE {condition} LIMIT 1",
                                  {"t": term}).fetchall())


def _kb_knows(term: str) -> bool:
    from tieline.actors.kb import load_knowledge_base
    from tieline.reference.roles import load_roles

    kb = load_knowledge_base()
    countries = {c.iso3 for c in kb.countries}
    if term in countries or any(o.id == term for o in kb.organizations):
        return True
    if len(term) >= 3 and any((o.cameo or "").startswith(term) for o in kb.organizations):
        return True
    roles = set(load_roles())
    rest = term[3:]
    return (term[:3] in countries and len(rest) % 3 == 0
            and all(rest[i:i + 3] in roles for i in range(0, len(rest), 3)))


def suggest_actors(store: EventStore | None, term: str, n: int = 3) -> tuple[str, ...]:
    """Known actor codes close to ``term`` ("RUSIA" -> RUS, "Germany" -> DEU)."""
    from tieline.actors.kb import load_knowledge_base

    kb = load_knowledge_base()
    t = term.strip().casefold()
    by_name: dict[str, str] = {}
    for c in kb.countries:
        for name in (c.name, *c.aliases, *c.adjectives):
            by_name.setdefault(name.casefold(), c.iso3)
    for o in kb.organizations:
        for name in (o.name, *o.aliases):
            by_name.setdefault(name.casefold(), o.id)
    codes = {c.iso3 for c in kb.countries} | {o.id for o in kb.organizations}
    if store is not None:
        for (key,) in store.con.execute(
                "SELECT DISTINCT source_key FROM events WHERE source_key IS NOT NULL UNION "
                "SELECT DISTINCT target_key FROM events WHERE target_key IS NOT NULL").fetchall():
            codes.add(key)
    found: list[str] = []
    if t in by_name:
        found.append(by_name[t])
    found += [by_name[name] for name in difflib.get_close_matches(t, list(by_name), n, 0.75)]
    found += difflib.get_close_matches(term.strip().upper(), sorted(codes), n, 0.6)
    return tuple(dict.fromkeys(found))[:n]


def check_actor(store: EventStore | None, term: str) -> str:
    """``term`` upper-cased if it names an actor the store holds or the knowledge
    base knows (country, organisation, country + roles such as RUSGOV);
    otherwise :class:`UnknownActor` with suggestions."""
    code = term.strip().upper()
    if not code:
        raise InputError("empty actor")
    if (store is not None and _store_knows(store, code)) or _kb_knows(code):
        return code
    raise UnknownActor(code, suggest_actors(store, term))


def actor_name(code: str) -> str | None:
    """A readable name for an actor code: "RUS" -> "Russia", "RUSGOV" -> "Russia
    (government)", "NATO" or "IGOWSTNAT" -> the organisation; None when unknown."""
    from tieline.actors.kb import load_knowledge_base
    from tieline.reference.roles import load_roles

    code = code.strip().upper()
    kb = load_knowledge_base()
    countries = {c.iso3: c.name for c in kb.countries}
    if code in countries:
        return countries[code]
    for o in kb.organizations:
        if code in (o.id.upper(), (o.cameo or "").upper()):
            return o.name
    roles = load_roles()
    rest = code[3:]
    if code[:3] in countries and rest and len(rest) % 3 == 0 and all(
            rest[i:i + 3] in roles for i in range(0, len(rest), 3)):
        names = ", ".join(roles[rest[i:i + 3]] for i in range(0, len(rest), 3))
        return f"{countries[code[:3]]} ({names})"
    return None
