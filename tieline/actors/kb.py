"""The actor knowledge base: countries, organisations, groups, people, titles, metonyms.

The data are tab-separated files in ``tieline/actors/data`` (see ``SOURCES.md``
there), read with :mod:`importlib.resources` on first use -- nothing is read at
import time.  Every row is validated; a bad row raises :class:`ValueError`
naming the file and line, e.g. ``people/x.tsv:12: unknown key 'XYZ'``.

The ``parse_*`` functions take the file's text and a ``source`` label so they
can be tested on data written anywhere; :func:`read_knowledge_base` reads a
whole data directory; :func:`load_knowledge_base` reads the packaged one once.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

logger = logging.getLogger(__name__)

ROLES = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "POL", "OPP", "REB", "CVL",
                   "BUS", "MED", "REL", "EDU", "IGO", "NGO", "SPY"})

#: Capitals kept for places but not offered as names: they are common English words.
UNNAMED_CAPITALS = frozenset({"male", "victoria"})

COUNTRY_COLUMNS = ("iso3", "name", "aliases", "adjectives", "demonyms", "capital",
                   "capital_lat", "capital_lon", "region")
ORGANIZATION_COLUMNS = ("id", "name", "aliases", "cameo", "adjectives")
GROUP_COLUMNS = ("name", "aliases", "iso3", "role")
METONYM_COLUMNS = ("phrase", "key", "role")
TITLE_COLUMNS = ("phrase", "plural", "role", "person")
PEOPLE_COLUMNS = ("name", "aliases", "key", "role", "office", "valid_from", "valid_to")

_ISO3 = re.compile(r"^[A-Z]{3}$")

#: The secondary sources in ``data/petrarch`` (derived from PETRARCH2 by
#: ``scripts/derive_petrarch_actors.py``), read under the hand-written files, which win.
SECONDARY = ("agents", "organizations", "people")


# -- records -----------------------------------------------------------------
@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str | None
    lat: float | None
    lon: float | None
    region: str | None


@dataclass(frozen=True)
class Organization:
    id: str
    name: str
    aliases: tuple[str, ...]
    cameo: str
    adjectives: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    org: str | None
    role: str
    office: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    def holds_office_on(self, day: dt.date | None) -> bool:
        """True when ``day`` is None or inside ``[valid_from, valid_to]`` (both inclusive, open when empty)."""
        if day is None:
            return True
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to


@dataclass(frozen=True)
class Title:
    phrase: str
    plural: str
    role: str
    person: bool
    derived: bool = False  # from PETRARCH2's agents: codes an actor only with a country word or owner


@dataclass(frozen=True)
class Metonym:
    phrase: str
    country: str | None
    org: str | None
    role: str


@dataclass(frozen=True)
class KnowledgeBase:
    countries: tuple[Country, ...]
    organizations: tuple[Organization, ...]
    groups: tuple[Group, ...]
    people: tuple[Person, ...]
    titles: tuple[Title, ...]
    metonyms: tuple[Metonym, ...]

    @functools.cached_property
    def _by_iso3(self) -> dict[str, Country]:
        return {c.iso3: c for c in self.countries}

    @functools.cached_property
    def _people_by_name(self) -> dict[str, tuple[Person, ...]]:
        index: dict[str, list[Person]] = {}
        for p in self.people:
            for n in _unique((p.name, *p.aliases)):
                index.setdefault(n.casefold(), []).append(p)
        return {k: tuple(v) for k, v in index.items()}

    def country(self, iso3: str) -> Country | None:
        return self._by_iso3.get(iso3.upper())

    def organization(self, org_id: str) -> Organization | None:
        return next((o for o in self.organizations if o.id == org_id), None)

    def people_named(self, name: str, on: dt.date | None = None) -> tuple[Person, ...]:
        """People with ``name`` as name or alias (case-insensitive), in office ``on`` when given."""
        found = self._people_by_name.get(name.strip().casefold(), ())
        if on is None:
            return found
        return tuple(p for p in found if p.holds_office_on(on))

    def surface_forms(self) -> Iterator[tuple[str, str, object]]:
        """Every (surface text, kind, record) pair, once each.

        Order matters to the lexicon (the first entry of a shared surface wins):
        country names, adjectives, demonyms, metonyms (so "Brussels" is the EU
        before it is Belgium's capital), capitals, organisations, groups,
        people (latest spell in office first, so an undated article gets the
        current office), titles.  Title plurals are left to the caller
        (``Title.plural``).  A group name with a qualifier ("Vox (Spain)") is
        yielded as written, so it only matches literally; its aliases carry it.
        """
        seen: set[tuple[str, str, int]] = set()

        def emit(forms: Iterable[str], kind: str, record: object) -> Iterator[tuple[str, str, object]]:
            for form in forms:
                form = form.strip()
                key = form[4:] if kind != "title" and form.lower().startswith("the ") else form
                marker = (key.lower(), kind, id(record))
                if key and marker not in seen:
                    seen.add(marker)
                    yield form, kind, record

        for c in self.countries:
            yield from emit((c.name, *c.aliases), "country", c)
        for c in self.countries:
            yield from emit(c.adjectives, "adjective", c)
        for c in self.countries:
            yield from emit(c.demonyms, "demonym", c)
        for m in self.metonyms:
            yield from emit((m.phrase,), "metonym", m)
        for c in self.countries:
            names = {n.lower() for n in (c.name, *c.aliases)}
            if c.capital and c.capital.lower() not in names and c.capital.lower() not in UNNAMED_CAPITALS:
                yield from emit((c.capital,), "capital", c)
        for o in self.organizations:
            yield from emit((o.name, *o.aliases, *o.adjectives), "organization", o)
        for g in self.groups:
            yield from emit((g.name, *g.aliases), "group", g)
        for p in sorted(self.people, key=_latest_first):
            yield from emit((p.name, *p.aliases), "person", p)
        for t in self.titles:
            yield from emit((t.phrase,), "title", t)


def _latest_first(person: Person) -> tuple[int, int]:
    end = person.valid_to or dt.date.max
    start = person.valid_from or dt.date.min
    return (-end.toordinal(), -start.toordinal())


# -- parsing -----------------------------------------------------------------
@dataclass(frozen=True)
class _Keys:
    """The keys a row may point at: ISO3 codes and organisation ids."""

    countries: frozenset[str]
    organizations: frozenset[str] = field(default_factory=frozenset)

    def split(self, key: str, where: str) -> tuple[str | None, str | None]:
        if key in self.countries:
            return key, None
        if key in self.organizations:
            return None, key
        raise ValueError(f"{where}: unknown key {key!r}")


def _rows(text: str, source: str, columns: tuple[str, ...]) -> Iterator[tuple[str, list[str]]]:
    """Yield ``("source:line", fields)`` for each data row; blank and ``#`` lines are skipped."""
    lines = text.splitlines()
    if not lines or tuple(h.strip() for h in lines[0].split("\t")) != columns:
        expected = " <tab> ".join(columns)
        raise ValueError(f"{source}:1: header must be {expected}")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        where = f"{source}:{number}"
        if len(fields) != len(columns):
            raise ValueError(f"{where}: expected {len(columns)} columns, found {len(fields)}")
        yield where, fields


def _list(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split("|") if p.strip())


def _required(value: str, column: str, where: str) -> str:
    if not value:
        raise ValueError(f"{where}: empty {column}")
    return value


def _role(value: str, where: str) -> str:
    if value not in ROLES:
        raise ValueError(f"{where}: unknown role {value!r}")
    return value


def _float(value: str, column: str, where: str, limit: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{where}: bad {column} {value!r}") from None
    if not -limit <= number <= limit:
        raise ValueError(f"{where}: {column} {value!r} out of range")
    return number


def _date(value: str, column: str, where: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{where}: bad {column} {value!r} (want YYYY-MM-DD)") from None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _no_duplicates(keys: Iterable[tuple[str, str]], what: str) -> None:
    seen: set[str] = set()
    for where, key in keys:
        if key in seen:
            raise ValueError(f"{where}: duplicate {what} {key!r}")
        seen.add(key)


def parse_countries(text: str, source: str = "countries.tsv") -> tuple[Country, ...]:
    out: list[Country] = []
    keys: list[tuple[str, str]] = []
    for where, (iso3, name, aliases, adjs, dems, capital, lat, lon, region) in _rows(text, source, COUNTRY_COLUMNS):
        if not _ISO3.match(iso3):
            raise ValueError(f"{where}: bad iso3 {iso3!r}")
        keys.append((where, iso3))
        out.append(Country(iso3, _required(name, "name", where), _list(aliases), _list(adjs), _list(dems),
                           capital or None, _float(lat, "capital_lat", where, 90),
                           _float(lon, "capital_lon", where, 180), region or None))
    _no_duplicates(keys, "iso3")
    return tuple(out)


def parse_organizations(text: str, source: str = "organizations.tsv") -> tuple[Organization, ...]:
    out: list[Organization] = []
    keys: list[tuple[str, str]] = []
    for where, (oid, name, aliases, cameo, adjs) in _rows(text, source, ORGANIZATION_COLUMNS):
        keys.append((where, _required(oid, "id", where)))
        out.append(Organization(oid, _required(name, "name", where), _list(aliases),
                                _required(cameo, "cameo", where), _list(adjs)))
    _no_duplicates(keys, "id")
    return tuple(out)


def parse_groups(text: str, countries: Iterable[str], source: str = "groups.tsv") -> tuple[Group, ...]:
    known = frozenset(countries)
    out: list[Group] = []
    for where, (name, aliases, iso3, role) in _rows(text, source, GROUP_COLUMNS):
        if iso3 and iso3 not in known:
            raise ValueError(f"{where}: unknown key {iso3!r}")
        out.append(Group(_required(name, "name", where), _list(aliases), iso3 or None, _role(role, where)))
    return tuple(out)


def parse_metonyms(text: str, countries: Iterable[str], organizations: Iterable[str],
                   source: str = "metonyms.tsv") -> tuple[Metonym, ...]:
    keys = _Keys(frozenset(countries), frozenset(organizations))
    out: list[Metonym] = []
    for where, (phrase, key, role) in _rows(text, source, METONYM_COLUMNS):
        country, org = keys.split(key, where)
        out.append(Metonym(_required(phrase, "phrase", where), country, org, _role(role, where)))
    return tuple(out)


def parse_titles(text: str, source: str = "titles.tsv") -> tuple[Title, ...]:
    out: list[Title] = []
    keys: list[tuple[str, str]] = []
    for where, (phrase, plural, role, person) in _rows(text, source, TITLE_COLUMNS):
        if person not in ("0", "1"):
            raise ValueError(f"{where}: person must be 0 or 1, not {person!r}")
        keys.append((where, _required(phrase, "phrase", where).lower()))
        out.append(Title(phrase, plural, _role(role, where), person == "1"))
    _no_duplicates(keys, "phrase")
    return tuple(out)


def parse_people(text: str, countries: Iterable[str], organizations: Iterable[str],
                 source: str = "people.tsv") -> tuple[Person, ...]:
    keys = _Keys(frozenset(countries), frozenset(organizations))
    out: list[Person] = []
    for where, (name, aliases, key, role, office, start, end) in _rows(text, source, PEOPLE_COLUMNS):
        country, org = keys.split(key, where)
        valid_from, valid_to = _date(start, "valid_from", where), _date(end, "valid_to", where)
        if valid_from and valid_to and valid_from > valid_to:
            raise ValueError(f"{where}: valid_from {start} is after valid_to {end}")
        out.append(Person(_required(name, "name", where), _list(aliases), country, org,
                          _role(role, where), office, valid_from, valid_to))
    return tuple(out)


# -- loading -----------------------------------------------------------------
def _text(root: Traversable, name: str) -> str:
    return root.joinpath(name).read_text(encoding="utf-8")


def people_files(root: Traversable | Path) -> list[Traversable]:
    """The ``people/*.tsv`` files under a data directory, sorted by name."""
    folder = root.joinpath("people")
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir() if f.name.endswith(".tsv") and f.is_file()), key=lambda f: f.name)


def read_knowledge_base(root: Traversable | Path, secondary: Iterable[str] = SECONDARY) -> KnowledgeBase:
    """Read and validate every file of the data directory ``root``, then the ``secondary``
    sources of its ``petrarch`` folder (see :data:`SECONDARY`)."""
    countries = parse_countries(_text(root, "countries.tsv"))
    organizations = parse_organizations(_text(root, "organizations.tsv"))
    isos = [c.iso3 for c in countries]
    orgs = [o.id for o in organizations]
    clash = set(isos) & set(orgs)
    if clash:
        raise ValueError(f"organizations.tsv: ids also used as country codes: {sorted(clash)}")
    people: list[Person] = []
    for f in people_files(root):
        people.extend(parse_people(f.read_text(encoding="utf-8"), isos, orgs, source=f"people/{f.name}"))
    kb = KnowledgeBase(
        countries=countries,
        organizations=organizations,
        groups=parse_groups(_text(root, "groups.tsv"), isos),
        people=tuple(people),
        titles=parse_titles(_text(root, "titles.tsv")),
        metonyms=parse_metonyms(_text(root, "metonyms.tsv"), isos, orgs),
    )
    which = frozenset(s for s in secondary if s)
    unknown = which - set(SECONDARY)
    if unknown:
        raise ValueError(f"unknown actor sources {sorted(unknown)} (known: {', '.join(SECONDARY)})")
    folder = root.joinpath("petrarch")
    if which and folder.is_dir():
        kb = _with_secondary(kb, folder, which, isos, orgs)
    logger.debug("knowledge base: %d countries, %d organisations, %d groups, %d people, %d titles, %d metonyms",
                 len(kb.countries), len(kb.organizations), len(kb.groups), len(kb.people),
                 len(kb.titles), len(kb.metonyms))
    return kb


def _with_secondary(kb: KnowledgeBase, folder: Traversable | Path, which: frozenset[str],
                    isos: list[str], orgs: list[str]) -> KnowledgeBase:
    """Add the derived rows that say nothing the hand-written ones already say: a derived name,
    alias or title phrase that is already a surface of the knowledge base is left out (and a
    derived person or group with such a name altogether)."""
    taken = {_bare_form(form) for form, _kind, _rec in kb.surface_forms()}
    taken |= {t.plural.lower() for t in kb.titles if t.plural}

    def free(form: str) -> bool:
        return _bare_form(form) not in taken

    titles, groups, metonyms, people = kb.titles, kb.groups, kb.metonyms, kb.people
    if "agents" in which:
        titles += tuple(replace(t, derived=True) for t in parse_titles(_text(folder, "titles.tsv"),
                                                                        "petrarch/titles.tsv")
                        if free(t.phrase) and (not t.plural or free(t.plural)))
    if "organizations" in which:
        groups += tuple(replace(g, aliases=tuple(a for a in g.aliases if free(a)))
                        for g in parse_groups(_text(folder, "groups.tsv"), isos, "petrarch/groups.tsv")
                        if free(g.name))
        metonyms += tuple(m for m in parse_metonyms(_text(folder, "metonyms.tsv"), isos, orgs,
                                                    "petrarch/metonyms.tsv") if free(m.phrase))
    if "people" in which:
        people += tuple(p for p in parse_people(_text(folder, "people.tsv"), isos, orgs, "petrarch/people.tsv")
                        if all(free(n) for n in (p.name, *p.aliases)))
    return replace(kb, titles=titles, groups=groups, metonyms=metonyms, people=people)


def _bare_form(form: str) -> str:
    form = form.strip().lower()
    return form[4:] if form.startswith("the ") else form


def data_root() -> Traversable:
    """The packaged data directory."""
    return resources.files("tieline.actors").joinpath("data")


@functools.lru_cache(maxsize=4)
def load_knowledge_base(secondary: tuple[str, ...] = SECONDARY) -> KnowledgeBase:
    """The packaged knowledge base with the ``secondary`` sources, read once per process."""
    return read_knowledge_base(data_root(), secondary)


def org_codes(kb: KnowledgeBase) -> Mapping[str, str]:
    """Organisation id -> CAMEO code."""
    return {o.id: o.cameo for o in kb.organizations}
