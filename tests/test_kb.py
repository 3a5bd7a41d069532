"""The actor knowledge base: loading, lookups, validity dates, validation errors."""
from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

from tieline.actors import kb as kbmod
from tieline.actors.kb import ROLES, KnowledgeBase, Person, load_knowledge_base, parse_people, \
    read_knowledge_base

TESTS = Path(__file__).resolve().parent
DATA = Path(kbmod.__file__).resolve().parent / "data"
PEOPLE_FILES = sorted((DATA / "people").glob("*.tsv"))
D = dt.date

UN_MEMBERS = """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU
EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL
MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL
POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA
SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE""".split()

HEADER = "name\taliases\tkey\trole\toffice\tvalid_from\tvalid_to\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _forms(kb: KnowledgeBase, surface: str) -> list[tuple[str, Any]]:
    return [(kind, rec) for s, kind, rec in kb.surface_forms() if s.lower() == surface.lower()]


def test_kb_loads_once_and_caches() -> None:
    """Loaded once per process (its speed is measured by benchmarks, not asserted here)."""
    load_knowledge_base.cache_clear()
    load_knowledge_base(())  # the hand-written files alone
    first = load_knowledge_base()  # with PETRARCH2's ~20,000 office holders under them
    assert load_knowledge_base() is first
    assert first.countries and first.organizations and first.groups and first.people and first.titles


def test_kb_has_every_un_member_and_the_observers(kb: KnowledgeBase) -> None:
    assert len(set(UN_MEMBERS)) == 193
    codes = {c.iso3 for c in kb.countries}
    missing = set(UN_MEMBERS + ["TWN", "XKX", "PSE", "VAT"]) - codes
    assert not missing
    russia = kb.country("rus")
    assert russia is not None and russia.name == "Russia"
    assert kb.country("ZZZ") is None


def test_kb_congo_alone_is_the_democratic_republic(kb: KnowledgeBase) -> None:
    countries = [rec.iso3 for kind, rec in _forms(kb, "Congo") if kind == "country"]
    assert countries == ["COD"]


def test_kb_metonym_kremlin_is_russia(kb: KnowledgeBase) -> None:
    [(kind, rec)] = _forms(kb, "the Kremlin")
    assert kind == "metonym" and rec.country == "RUS" and rec.org is None and rec.role == "GOV"


def test_kb_org_alias_security_council_is_un(kb: KnowledgeBase) -> None:
    [(kind, rec)] = _forms(kb, "Security Council")
    assert kind == "organization" and rec.id == "UN" and rec.cameo.startswith("IGO")


def test_kb_group_hezbollah_is_lebanese(kb: KnowledgeBase) -> None:
    [(kind, rec)] = _forms(kb, "Hezbollah")
    assert kind == "group" and rec.country == "LBN" and rec.role in ROLES


def test_kb_title_foreign_minister_is_a_government_person(kb: KnowledgeBase) -> None:
    [(kind, rec)] = _forms(kb, "foreign minister")
    assert kind == "title" and rec.role == "GOV" and rec.person is True
    assert rec.plural == "foreign ministers"


def test_kb_surface_forms_yield_no_title_plurals(kb: KnowledgeBase) -> None:
    titles = [s for s, kind, _ in kb.surface_forms() if kind == "title"]
    assert "foreign ministers" not in titles and "foreign minister" in titles


def test_kb_surface_kinds_are_known(kb: KnowledgeBase) -> None:
    kinds = {kind for _, kind, _ in kb.surface_forms()}
    assert kinds == {"country", "adjective", "demonym", "capital", "metonym", "organization", "group",
                     "person", "title"}


def test_kb_no_common_word_aliases(kb: KnowledgeBase) -> None:
    people_forms = {s.lower() for s, kind, _ in kb.surface_forms() if kind == "person"}
    assert not people_forms & {"may", "khan", "wu", "ban", "turk", "wang", "kim"}


def test_kb_raisi_in_office_by_date(kb: KnowledgeBase) -> None:
    assert [(p.country, p.role) for p in kb.people_named("Raisi", D(2022, 9, 16))] == [("IRN", "GOV")]
    assert kb.people_named("raisi", D(2025, 1, 1)) == ()


@pytest.mark.parametrize("day, in_office", [(D(2017, 8, 30), True), (D(2025, 6, 1), True),
                                            (D(2022, 1, 1), False), (D(2016, 12, 31), False)])
def test_kb_trump_two_spells(kb: KnowledgeBase, day: dt.date, in_office: bool) -> None:
    found = kb.people_named("Trump", day)
    assert bool(found) is in_office
    assert all(p.country == "USA" and p.role == "GOV" for p in found)


def test_kb_holds_office_on_bounds() -> None:
    p = Person("A B", (), "USA", None, "GOV", "x", D(2020, 1, 1), D(2020, 12, 31))
    assert p.holds_office_on(None)
    assert p.holds_office_on(D(2020, 1, 1)) and p.holds_office_on(D(2020, 12, 31))
    assert not p.holds_office_on(D(2019, 12, 31)) and not p.holds_office_on(D(2021, 1, 1))
    open_ended = Person("A B", (), "USA", None, "GOV", "x", None, None)
    assert open_ended.holds_office_on(D(1900, 1, 1))


def test_kb_person_key_becomes_country_or_org(kb: KnowledgeBase) -> None:
    [un] = kb.people_named("Guterres", D(2020, 1, 1))
    assert un.org == "UN" and un.country is None and un.role == "IGO"
    [lavrov] = kb.people_named("Lavrov", D(2020, 1, 1))
    assert lavrov.country == "RUS" and lavrov.org is None


def test_kb_undated_person_forms_list_the_latest_spell_first(kb: KnowledgeBase) -> None:
    first: Any = next(rec for s, kind, rec in kb.surface_forms() if kind == "person" and s == "Guterres")
    assert first.org == "UN" and first.office == "Secretary-General"


@pytest.mark.parametrize("path", PEOPLE_FILES, ids=lambda p: p.name)
def test_kb_people_file_validates(kb: KnowledgeBase, path: Path) -> None:
    isos = [c.iso3 for c in kb.countries]
    orgs = [o.id for o in kb.organizations]
    people = parse_people(path.read_text(encoding="utf-8"), isos, orgs, source=f"people/{path.name}")
    assert people
    for p in people:
        assert (p.country is None) != (p.org is None)
        assert p.role in ROLES


def _golden() -> list[dict[str, str]]:
    with (TESTS / "data" / "kb_golden.tsv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@pytest.mark.parametrize("row", _golden(), ids=lambda r: f"{r['name']}@{r['date']}")
def test_kb_golden_people(kb: KnowledgeBase, row: dict[str, str]) -> None:
    found = kb.people_named(row["name"], D.fromisoformat(row["date"]))
    if not row["key"]:
        assert found == ()
        return
    assert found, f"nobody named {row['name']!r} in office on {row['date']}"
    assert {(p.country or p.org, p.role) for p in found} == {(row["key"], row["role"])}


@pytest.mark.parametrize("line, message", [
    ("Jane Doe\t\tXYZ\tGOV\tPresident\t2020-01-01\t\n", "unknown key 'XYZ'"),
    ("Jane Doe\t\tUSA\tBOSS\tPresident\t2020-01-01\t\n", "unknown role 'BOSS'"),
    ("Jane Doe\t\tUSA\tGOV\tPresident\t2020-13-01\t\n", "bad valid_from"),
    ("Jane Doe\t\tUSA\tGOV\tPresident\t2021-01-01\t2020-01-01\n", "after valid_to"),
    ("Jane Doe\t\tUSA\tGOV\tPresident\t2020-01-01\n", "expected 7 columns"),
    ("\t\tUSA\tGOV\tPresident\t\t\n", "empty name"),
])
def test_kb_bad_people_rows_name_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "x.tsv"
    path.write_text(HEADER + "John Doe\tDoe\tUSA\tGOV\tPresident\t\t\n" + line, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"^people/x\.tsv:3: .*{message}"):
        parse_people(path.read_text(encoding="utf-8"), ["USA"], ["UN"], source="people/x.tsv")


def test_kb_bad_header_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"^people/x\.tsv:1: header"):
        parse_people("name\tkey\n", ["USA"], [], source="people/x.tsv")


def test_kb_bad_file_in_data_directory_fails_the_load(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    (root / "people" / "zz_bad.tsv").write_text(HEADER + "Jane Doe\t\tXYZ\tGOV\tPresident\t\t\n",
                                                encoding="utf-8")
    with pytest.raises(ValueError, match=r"^people/zz_bad\.tsv:2: unknown key 'XYZ'"):
        read_knowledge_base(root)


def test_kb_bad_rows_in_other_files(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    groups = root / "groups.tsv"
    groups.write_text(groups.read_text(encoding="utf-8") + "Bad Group\t\tUSA\tCRIME\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^groups\.tsv:\d+: unknown role 'CRIME'"):
        read_knowledge_base(root)
