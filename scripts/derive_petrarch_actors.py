#!/usr/bin/env python3
"""Derive tieline's secondary actor files from PETRARCH2's Phoenix dictionaries.

    python scripts/derive_petrarch_actors.py [--source DIR] [--out DIR]

reads ``Phoenix.agents.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``, ``Phoenix.Countries.actors.txt`` and
``Phoenix.discards.txt`` (MIT, Open Event Data Alliance; default
``../shared/reference/petrarch2``) and writes, in tieline's own formats
(``tieline/actors/data/SOURCES.md``), into ``tieline/actors/data/petrarch``:

- ``titles.tsv``: role nouns (``POLICE [~COP]``) with their role, plural and
  whether they name one person or a body;
- ``groups.tsv``: armed groups and firms keyed by their country
  (``[GRCREB]``, ``[MNCUSA]``);
- ``metonyms.tsv``: names of international organisations that have an id in the
  guide (``[IGOUNO...]`` -> ``UN``), by longest CAMEO-code prefix;
- ``people.tsv``: office holders with their date-bounded spells (``ELI`` spells,
  out of office, are left out: tieline codes people outside every spell as
  elites by itself);
- ``discards.tsv``: phrases marking sports, business and other stories or
  sentences not to code (``+`` = the whole story).

The output is a pure function of the input files and tieline's own
``countries.tsv``, ``organizations.tsv`` and ``titles.tsv`` (used to check keys and
to leave out what the hand-written files already say): running it twice gives
the same bytes.  Hand-written rows win over derived ones at load time
(``tieline/actors/kb.py``).
"""
from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2"
DEFAULT_OUT = ROOT / "tieline" / "actors" / "data" / "petrarch"
KB_DATA = ROOT / "tieline" / "actors" / "data"

#: PETRARCH country codes that tieline spells otherwise.
COUNTRY_ALIASES = {"KSV": "XKX", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS"}

#: PETRARCH agent role codes -> tieline roles.  Armed and criminal groups are REB
#: (tieline has no CRM or UAF role), religious and health codes fold into REL and CVL.
AGENT_ROLES = {
    "GOV": "GOV", "MIL": "MIL", "COP": "COP", "LEG": "LEG", "JUD": "JUD", "OPP": "OPP", "REB": "REB",
    "CRM": "REB", "UAF": "REB", "RAD": "REB", "BUS": "BUS", "CVL": "CVL", "HLH": "CVL", "AGR": "CVL",
    "LAB": "CVL", "REF": "CVL", "PPL": "CVL", "MED": "MED", "EDU": "EDU", "SPY": "SPY", "NGO": "NGO",
    "HRI": "NGO", "ENV": "CVL", "PTY": "POL", "REL": "REL", "MUS": "REL", "CHR": "REL", "JEW": "REL",
    "HIN": "REL", "BUD": "REL", "CTH": "REL", "PRO": "REL",
}
#: Components that decide a compound agent code whatever comes first ("MUSLIM_MILITANT [~MUSUAF]").
ARMED = ("UAF", "REB", "CRM", "RAD")
#: Roles an office holder's spell may carry (``ELI`` is out of office and left out).
PERSON_ROLES = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "OPP", "REB", "SPY"})
#: Last words of agent phrases that name a body, not one person.
BODY_WORDS = frozenset("""
army armies police force forces government governments ministry ministries party parties council councils
court courts parliament parliaments assembly assemblies congress senate cabinet administration regime junta
military navy guard guards militia militias group groups movement movements opposition union unions
committee committees commission commissions agency agencies office offices department departments authority
authorities bureau bureaux bureaus service services company companies firm firms corporation corporations
industry industries media press newspaper newspapers network networks station stations bank banks board
boards coalition coalitions front fronts alliance alliances organization organizations organisation
organisations society societies community communities staff personnel troops people population public
brigade brigades battalion battalions unit units division divisions corps regiment regiments squad squads
fleet fleets legislature legislatures tribunal tribunals judiciary procuracy procuratorate prosecutor's
leadership establishment faction factions wing wings mob mobs crowd crowds gang gangs cartel cartels
clergy church churches mosque mosques students youth workers women men
""".split())
#: Single-word names of at most this many letters are taken for acronyms and must match in capitals.
ACRONYM_MAX = 4


# -- reading PETRARCH's actor format -----------------------------------------
@dataclass(frozen=True)
class Code:
    code: str  # e.g. ISRGOV, IGOUNO
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Record:
    names: tuple[str, ...]  # the first is the entry's name, the rest its synonyms and '+' aliases
    codes: tuple[Code, ...]
    line: int


_CODE = re.compile(r"\[([^\]]*)\]")


def read_text(path: Path) -> str:
    """The file's text; lines that are not UTF-8 are read as Latin-1 (the Countries file mixes both)."""
    out = []
    for raw in path.read_bytes().splitlines():
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("latin-1"))
    return "\n".join(out)


def parse_date(text: str) -> dt.date | None:
    """``YYMMDD`` (years up to 30 are 20xx) or ``YYYYMMDD``; day or month 00 is the first; None when bad."""
    text = text.strip()
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
        month, day = int(text[2:4]), int(text[4:6])
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    else:
        return None
    month, day = max(month, 1), max(day, 1)
    if not 1 <= month <= 12:
        return None
    for d in (day, 30, 29, 28):  # 31 April -> 30 April
        try:
            return dt.date(year, month, d) if d <= day else None
        except ValueError:
            continue
    return None


def parse_code(inner: str) -> Code | None:
    """``ISRGOV 920713-951104``, ``SWEGOV >080101``, ``AFGGOV <100101``, ``AFGELI`` -> a Code."""
    parts = inner.split(None, 1)
    if not parts or not re.fullmatch(r"[A-Z~]+", parts[0]):
        return None
    code, rest = parts[0], (parts[1].replace(" ", "") if len(parts) > 1 else "")
    if not rest:
        return Code(code, None, None)
    if rest.startswith(">"):
        start = parse_date(rest[1:])
        return Code(code, start, None) if start else None
    if rest.startswith("<"):
        end = parse_date(rest[1:])
        return Code(code, None, end) if end else None
    if "-" in rest:
        a, b = rest.split("-", 1)
        start, end = parse_date(a), parse_date(b)
        if start is None or end is None or start > end:
            return None
        return Code(code, start, end)
    return None


def read_actors(text: str) -> Iterator[Record]:
    """Entries of a PETRARCH actor file: a name line, ``+`` alias lines, indented code lines.

    Name lines without codes of their own share the codes that follow them (PETRARCH's
    synonym blocks); a name line after code lines opens a new entry.
    """
    names: list[str] = []
    codes: list[Code] = []
    first_line = 0
    closed = False  # the current entry has had its codes
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        found = [c for c in (parse_code(m) for m in _CODE.findall(line)) if c]
        if line[0] in " \t":
            codes.extend(found)
            closed = True
            continue
        if not line.startswith("+") and closed:
            if names and codes:
                yield Record(tuple(names), tuple(codes), first_line)
            names, codes, closed = [], [], False
        if not names:
            first_line = number
        name = _CODE.sub(" ", line).lstrip("+").strip()
        if name:
            names.append(name)
        if found:
            codes.extend(found)
            closed = True
    if names and codes:
        yield Record(tuple(names), tuple(codes), first_line)


# -- names ---------------------------------------------------------------------
def surface(name: str) -> str | None:
    """``ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_`` -> ``Aden Abyan Islamic Army``; short single words stay
    capitals (acronyms, matched exactly by the lexicon)."""
    text = re.sub(r"\([^)]*\)", " ", name).replace("_", " ")
    text = " ".join(text.split()).strip(" -,.;:'")
    if not text or "+" in text or "!" in text or not re.search(r"[A-Za-z]", text):
        return None
    words = text.split()
    if len(words) == 1 and len(text.replace(".", "")) <= ACRONYM_MAX:
        return text.upper()
    return " ".join(_cap(w) for w in words)


def _cap(word: str) -> str:
    if len(word) <= ACRONYM_MAX and "." in word:  # U.N., U.S.
        return word.upper()
    return "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))


def acronyms(name: str) -> list[str]:
    """``(ETA)`` -> ``["ETA"]``: parenthesised capitals of three to six letters."""
    return [a for a in re.findall(r"\(([A-Z][A-Z0-9-]{2,5})\)", name)]


# -- tieline's own data, for keys and precedence ---------------------------------
@dataclass(frozen=True)
class Tieline:
    countries: frozenset[str]
    org_codes: tuple[tuple[str, str], ...]  # (cameo code, id), longest code first
    title_phrases: frozenset[str]  # lower-cased hand title phrases and plurals
    prefixes: tuple[str, ...]  # lower-cased title phrases and country adjectives a person alias may start with


def read_tieline(data: Path = KB_DATA) -> Tieline:
    def rows(name: str) -> list[list[str]]:
        lines = (data / name).read_text(encoding="utf-8").splitlines()[1:]
        return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]

    countries = rows("countries.tsv")
    orgs = sorted(((r[3], r[0]) for r in rows("organizations.tsv")), key=lambda p: (-len(p[0]), p))
    titles = rows("titles.tsv")
    phrases = {r[0].lower() for r in titles} | {r[1].lower() for r in titles if r[1]}
    adjectives = {a.lower() for r in countries for a in r[3].split("|") if a}
    return Tieline(frozenset(r[0] for r in countries), tuple(orgs), frozenset(phrases),
                   tuple(sorted(phrases | adjectives)))


def country_of(code: str, known: frozenset[str]) -> str | None:
    iso = COUNTRY_ALIASES.get(code[:3], code[:3])
    return iso if iso in known else None


def org_of(code: str, tl: Tieline) -> str | None:
    return next((oid for cameo, oid in tl.org_codes if code.startswith(cameo)), None)


# -- agents ----------------------------------------------------------------------
_AGENT = re.compile(r"^(?P<phrase>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\}\s*)?\[(?P<code>[^\]]*)[\]}]")
#: Words after which a phrase's head noun ends ("ministry of justice": the head is "ministry").
HEAD_ENDS = ("of", "for", "to", "in", "on", "at", "with", "from")
#: Words a complete role phrase does not end with (PETRARCH's prefixes such as "AMBASSADOR_AT").
OPEN_ENDS = frozenset(HEAD_ENDS) | {"the", "a", "an", "and", "or"}


def agent_role(code: str) -> str | None:
    """``~COP`` -> COP, ``~MUSUAF`` -> REB, ``~GOVMED`` -> GOV; None for codes that name no role."""
    code = code.strip().lstrip("~")
    if not code or "~" in code or len(code) % 3:
        return None
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    if parts[0] != "GOV" and any(p in ARMED for p in parts):
        return "REB"
    return AGENT_ROLES.get(parts[0])


def _head_index(words: list[str]) -> int:
    """The index of the phrase's head noun: the word before the first preposition, else the last."""
    for i, w in enumerate(words):
        if i and w in HEAD_ENDS:
            return i - 1
    return len(words) - 1


def plural(phrase: str) -> str:
    """The regular plural of the phrase's head word (PETRARCH leaves regular plurals to the coder);
    empty for a head that already ends in s."""
    words = phrase.split(" ")
    h = _head_index(words)
    low = words[h]
    if low.endswith("s"):
        return ""
    if low.endswith("man") and not low.endswith(("human", "german", "ottoman")):
        low = low[:-3] + "men"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        low = low[:-1] + "ies"
    elif low.endswith(("x", "z", "ch", "sh")):
        low = low + "es"
    else:
        low = low + "s"
    return " ".join(words[:h] + [low] + words[h + 1:])


def _norm(phrase: str) -> str:
    return " ".join(phrase.replace("_", " ").lower().split()).strip(" -")


def derive_agents(text: str, tl: Tieline) -> list[tuple[str, str, str, str]]:
    """(phrase, plural, role, person) rows for the agents file's role nouns."""
    subs: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line.strip())
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
    out: dict[str, tuple[str, str, str, str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        m = _AGENT.match(line)
        if not m:
            continue
        role = agent_role(m.group("code"))
        if role is None:
            continue
        given = m.group("plural")
        for phrase in _expand(m.group("phrase"), subs):
            words = re.sub(r"^(?:a|an|the) ", "", _norm(phrase))
            if not re.fullmatch(r"[a-z][a-z .'-]*[a-z.]", words) or len(words) < 3 \
                    or words.rsplit(" ", 1)[-1] in OPEN_ENDS:
                continue
            if words in tl.title_phrases or words in out:
                continue
            split = words.split(" ")
            head = split[_head_index(split)]
            many = head.endswith(("men", "ies")) or head in PLURAL_ONLY
            form = "" if given is not None and not given.strip() else _norm(given) if given else plural(words)
            person = "0" if many or head in BODY_WORDS else "1"
            out[words] = (words, "" if many else form, role, person)
    plurals = {row[1] for row in out.values() if row[1]}
    rows = []
    for phrase, row in sorted(out.items()):
        if phrase in plurals and row[1] == "":
            continue  # the plural of another row ("ministers for finance")
        if row[1] in tl.title_phrases:
            row = (row[0], "", row[2], row[3])
        rows.append(row)
    return rows


PLURAL_ONLY = frozenset({"people", "police", "troops", "staff", "personnel", "clergy", "youth", "media",
                         "press", "forces", "authorities"})


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    """Substitution sets (``!MINIST! FOR_FINANCE``) as whole words only; glued ones are dropped."""
    phrase = phrase.strip()
    for key, values in subs.items():
        if key in phrase:
            if re.search(rf"[A-Za-z]{re.escape(key)}|{re.escape(key)}[A-Za-z]", phrase):
                return []
            return [p for v in values for p in _expand(phrase.replace(key, f" {v} "), subs)]
    return [phrase]


# -- organisations and armed groups -------------------------------------------------
def derive_groups(texts: Iterable[str], tl: Tieline, excluded: frozenset[str] = frozenset()
                  ) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """Groups with a country (armed groups, firms) and aliases of the guide's organisations.

    Returns ``(groups rows, metonym rows)``: groups as (name, aliases, iso3, role), organisation
    names as (phrase, org id, role IGO).  People (names with a dated code) are left to
    :func:`derive_people`; codes with no country and no guide id are left out.
    """
    groups: dict[str, tuple[str, ...]] = {}
    metonyms: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for rec in read_actors(text):
            if any(c.start or c.end for c in rec.codes):
                continue  # people with spells
            code = rec.codes[0].code
            forms = _forms(rec.names, excluded)
            if not forms:
                continue
            org = org_of(code, tl) if code.startswith("IGO") else None
            if org:
                for f in forms:
                    metonyms.setdefault(f.lower(), (f, org, "IGO"))
                continue
            if code.startswith("MNC"):
                iso, role = country_of(code[3:], tl.countries), "BUS"
            else:
                iso = country_of(code, tl.countries)
                role = {"REB": "REB", "MIL": "MIL", "OPP": "OPP", "GOV": "GOV", "BUS": "BUS", "MED": "MED",
                        "COP": "COP", "SPY": "SPY", "CRM": "REB", "UAF": "REB"}.get(code[3:6])
            if iso is None or role is None:
                continue
            name = forms[0]
            if name.lower() in groups:
                continue
            groups[name.lower()] = (name, "|".join(forms[1:]), iso, role)
    return sorted(groups.values()), sorted(metonyms.values())


MONTHS = frozenset("january february march april may june july august september october november december"
                   .split())
EXCLUSIONS = Path(__file__).resolve().parent / "data" / "petrarch_exclusions.txt"
DISCARD_EXCLUSIONS = Path(__file__).resolve().parent / "data" / "petrarch_discard_exclusions.txt"


def read_exclusions(text: str, source: str = "petrarch_exclusions.txt") -> frozenset[str]:
    """The names not to take (one a line, ``#`` comments); a line that is not words, or a
    duplicate, is an error naming the line."""
    out: set[str] = set()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lower()
        if not line or line.startswith("#"):
            continue
        if not re.fullmatch(r"[a-z][a-z' .-]*", line):
            raise ValueError(f"{source}:{number}: not a name: {raw.strip()!r}")
        if line in out:
            raise ValueError(f"{source}:{number}: duplicate {line!r}")
        out.add(line)
    return frozenset(out)


def _unwanted(form: str, excluded: frozenset[str]) -> bool:
    """Forms that would match ordinary text: dates ("21 June"), numbers, excluded words."""
    low = form.lower()
    words = low.split()
    if words and words[0] == "the":  # the lexicon drops a leading "the": "The Foundation" would be "Foundation"
        words = words[1:]
        if len(words) == 1 and not form.split()[-1].isupper():
            return True
    return len(words) <= 2 and (low[:1].isdigit() or bool(MONTHS & set(words))) or low in excluded


def _forms(names: Iterable[str], excluded: frozenset[str] = frozenset()) -> list[str]:
    """Distinct surfaces of an entry; single words are kept only as acronyms or names of six letters or more."""
    out: list[str] = []
    for raw in names:
        for form in [surface(raw), *acronyms(raw)]:
            if not form or form.lower() in (o.lower() for o in out) or _unwanted(form, excluded):
                continue
            if " " not in form and not form.isupper() and len(form) < 6:
                continue
            if form.isupper() and len(form.replace(".", "")) < 3:
                continue
            out.append(form)
    return out


# -- office holders -------------------------------------------------------------------
def derive_people(texts: Iterable[str], tl: Tieline) -> list[tuple[str, ...]]:
    """(name, aliases, key, role, office, valid_from, valid_to) rows, one per merged spell."""
    rows: dict[tuple[str, str, str, str], tuple[str, ...]] = {}
    seen: set[str] = set()
    for text in texts:
        for rec in read_actors(text):
            if not any(c.start or c.end for c in rec.codes):
                continue
            names = [n for n in (surface(r) for r in rec.names) if n and len(n.split()) >= 2]
            names = [n for i, n in enumerate(names) if i == 0 or not _titled(n, tl)]
            names = list(dict.fromkeys(names))
            if not names or names[0].lower() in seen or _titled(names[0], tl):
                continue
            spells = _spells(rec.codes, tl)
            if not spells:
                continue
            seen.add(names[0].lower())
            aliases = "|".join(n for n in names[1:] if n.lower() != names[0].lower())
            for key, role, start, end in spells:
                s, e = start.isoformat() if start else "", end.isoformat() if end else ""
                rows[(names[0], s, key, role)] = (names[0], aliases, key, role, f"PETRARCH2 {key}{role}", s, e)
    return sorted(rows.values())


def _titled(name: str, tl: Tieline) -> bool:
    low = name.lower()
    return any(low.startswith(p + " ") for p in tl.prefixes)


def _spells(codes: Iterable[Code], tl: Tieline) -> list[tuple[str, str, dt.date | None, dt.date | None]]:
    """Merged spells per (key, role); overlapping or adjacent spells of one office become one."""
    found: dict[tuple[str, str], list[tuple[dt.date, dt.date]]] = {}
    for c in codes:
        code = c.code
        if code.startswith("IGO"):
            key, role = org_of(code, tl), "IGO"
        else:
            key, role = country_of(code, tl.countries), code[3:6]
        if key is None or role not in PERSON_ROLES | {"IGO"}:
            continue
        found.setdefault((key, role), []).append((c.start or dt.date.min, c.end or dt.date.max))
    out = []
    for (key, role), spans in sorted(found.items()):
        spans.sort()
        merged = [list(spans[0])]
        for a, b in spans[1:]:
            last = merged[-1]
            if last[1] == dt.date.max or a <= last[1] + dt.timedelta(days=1):
                last[1] = max(last[1], b)
            else:
                merged.append([a, b])
        for a, b in merged:
            out.append((key, role, None if a == dt.date.min else a, None if b == dt.date.max else b))
    return out


# -- discards -------------------------------------------------------------------------
def derive_discards(text: str, excluded: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(phrase, scope) rows; scope ``story`` for ``+`` lines, else ``sentence``.  Bare numbers (years),
    commented-out lines and ``excluded`` phrases are left out."""
    out: dict[str, tuple[str, str]] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        story = line.startswith("+")
        phrase = " ".join(line.lstrip("+").replace("_", " ").split()).lower()
        if not phrase or not re.search(r"[a-z]", phrase) or phrase in excluded:
            continue
        scope = "story" if story else "sentence"
        if phrase not in out or scope == "story":
            out[phrase] = (phrase, scope)
    return sorted(out.values())


# -- writing ------------------------------------------------------------------------------
HEADER_NOTE = ("# Derived by scripts/derive_petrarch_actors.py from PETRARCH2's {source} "
               "(MIT, Open Event Data Alliance: see LICENSE.txt here). Do not edit: rerun the script.")


def _tsv(path: Path, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]], source: str) -> int:
    lines = ["\t".join(columns), HEADER_NOTE.format(source=source)]
    count = 0
    for row in rows:
        lines.append("\t".join(row))
        count += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def derive(source: Path, out: Path, data: Path = KB_DATA) -> dict[str, int]:
    """Write every derived file into ``out``; returns row counts per file."""
    tl = read_tieline(data)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source / "LICENSE", out / "LICENSE.txt")
    agents = derive_agents(read_text(source / "Phoenix.agents.txt"), tl)
    intl = read_text(source / "Phoenix.International.actors.txt")
    milnon = read_text(source / "Phoenix.MilNonState.actors.txt")
    countries = read_text(source / "Phoenix.Countries.actors.txt")
    groups, metonyms = derive_groups([milnon, intl], tl, read_exclusions(EXCLUSIONS.read_text(encoding="utf-8")))
    people = derive_people([countries, intl], tl)
    discards = derive_discards(read_text(source / "Phoenix.discards.txt"),
                               read_exclusions(DISCARD_EXCLUSIONS.read_text(encoding="utf-8")))
    return {
        "titles.tsv": _tsv(out / "titles.tsv", ("phrase", "plural", "role", "person"), agents,
                           "Phoenix.agents.txt"),
        "groups.tsv": _tsv(out / "groups.tsv", ("name", "aliases", "iso3", "role"), groups,
                           "Phoenix.MilNonState.actors.txt and Phoenix.International.actors.txt"),
        "metonyms.tsv": _tsv(out / "metonyms.tsv", ("phrase", "key", "role"), metonyms,
                             "Phoenix.International.actors.txt"),
        "people.tsv": _tsv(out / "people.tsv", ("name", "aliases", "key", "role", "office", "valid_from",
                                                "valid_to"), people,
                           "Phoenix.Countries.actors.txt and Phoenix.International.actors.txt"),
        "discards.tsv": _tsv(out / "discards.tsv", ("phrase", "scope"), discards, "Phoenix.discards.txt"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="PETRARCH2 dictionary folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    missing = [n for n in ("LICENSE", "Phoenix.agents.txt", "Phoenix.International.actors.txt",
                           "Phoenix.MilNonState.actors.txt", "Phoenix.Countries.actors.txt",
                           "Phoenix.discards.txt") if not (args.source / n).is_file()]
    if missing:
        print(f"error: {args.source}: missing {', '.join(missing)}", file=sys.stderr)
        return 2
    for name, count in derive(args.source, args.out).items():
        print(f"{name}\t{count} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
