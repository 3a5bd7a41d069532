"""PETRARCH2's actor dictionaries: the converter (scripts/derive_petrarch_actors.py), the derived
files under the hand-written knowledge base, and what they let the recogniser code."""
from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from tieline.actors.kb import SECONDARY, load_knowledge_base, read_knowledge_base
from tieline.api import make_article
from tieline.model import Document
from tieline.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2"
DERIVED = ROOT / "tieline" / "actors" / "data" / "petrarch"
D = dt.date


def _script():
    spec = importlib.util.spec_from_file_location("derive_petrarch_actors", ROOT / "scripts" / "derive_petrarch_actors.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def script():
    return _script()


@pytest.fixture(scope="module")
def tl(script):
    return script.read_tieline()


# -- the converter -----------------------------------------------------------------
def test_actors_petrarch_codes_read_dates_and_bounds(script) -> None:
    C = script.Code
    assert script.parse_code("ISRGOV 920713-951104") == C("ISRGOV", D(1992, 7, 13), D(1995, 11, 4))
    assert script.parse_code("SWEGOV >080101") == C("SWEGOV", D(2008, 1, 1), None)
    assert script.parse_code("AFGGOV <100101") == C("AFGGOV", None, D(2010, 1, 1))
    assert script.parse_code("AFGELI") == C("AFGELI", None, None)
    assert script.parse_code("USAGOV 19930120-20010120") == C("USAGOV", D(1993, 1, 20), D(2001, 1, 20))
    assert script.parse_code("USAGOV 950431-960101").start == D(1995, 4, 30)  # 31 April -> 30 April
    for bad in ("ISRGOV 951104-920713", "ISRGOV 9207", "isrgov", "ISRGOV >xx"):
        assert script.parse_code(bad) is None


def test_actors_petrarch_agents_become_role_titles(script, tl) -> None:
    text = """
!MINIST! = MINISTER, MINISTRY
POLICE {} [~COP]
LAWMAKER [~LEG]
COMBATANT [~UAF]
CONGRESSMAN {CONGRESSMEN} [~LEG]
MUSLIM_MILITANT [~MUSUAF]
!MINIST!_OF_MINES [~GOV]
THE_PODIATRIST [~HLH]
AMBASSADOR_AT [~GOV]
UNCODED [~]
"""
    rows = {r[0]: r[1:] for r in script.derive_agents(text, tl)}
    assert "police" not in rows and "lawmaker" not in rows  # the hand-written titles say it already
    assert rows["combatant"] == ("combatants", "REB", "1")
    assert rows["muslim militant"] == ("muslim militants", "REB", "1")
    assert rows["minister of mines"] == ("ministers of mines", "GOV", "1")
    assert rows["ministry of mines"] == ("ministries of mines", "GOV", "0")
    assert rows["podiatrist"] == ("podiatrists", "CVL", "1")  # no leading article
    assert "ambassador at" not in rows and "uncoded" not in rows


def test_actors_petrarch_groups_by_country_and_igos_by_guide_id(script, tl) -> None:
    text = """
ABU_SAYYAF_GROUP_(ASG)_ [PHLREB]
+ABU_SAYYAF_
TIGERS_ [SWZREB]
21_JUNE_ [GRCREB]
BOEING_ [MNCUSA]
THE_FOUNDATION_ [USAREB]
UNITED_NATIONS_CHILDRENS_FUND_ [IGOUNOAGR]
+UNICEF_
SOME_UNKNOWN_BODY_ [XYZREB]
"""
    groups, metonyms = script.derive_groups([text], tl, script.read_exclusions("tigers\n"))
    by_name = {g[0]: g for g in groups}
    assert by_name["Abu Sayyaf Group"] == ("Abu Sayyaf Group", "ASG|Abu Sayyaf", "PHL", "REB")
    assert by_name["Boeing"][2:] == ("USA", "BUS")
    assert not any("Tigers" in g[0] or "June" in g[0] or "Unknown" in g[0] or "Foundation" in g[0] for g in groups)
    assert ("United Nations Childrens Fund", "UN", "IGO") in metonyms
    assert ("Unicef", "UN", "IGO") in metonyms  # matched in any case but lower


def test_actors_petrarch_office_holders_keep_their_spells(script, tl) -> None:
    text = """
YITZHAK_RABIN_
+PRIME_MINISTER_RABIN_
\t[ISRGOV 740603-770422]
\t[ISRGOV 920713-951104]
\t[ISRELI 770423-920712]
SOMEONE_SOLO_
\t[ZZZGOV 010101-020101]
"""
    rows = script.derive_people([text], tl)
    assert rows == [
        ("Yitzhak Rabin", "", "ISR", "GOV", "PETRARCH2 ISRGOV", "1974-06-03", "1977-04-22"),
        ("Yitzhak Rabin", "", "ISR", "GOV", "PETRARCH2 ISRGOV", "1992-07-13", "1995-11-04"),
    ]  # the titled alias and the ELI spell are left out; an unknown country drops the entry


def test_actors_petrarch_discards_keep_their_scope(script) -> None:
    rows = script.derive_discards("+WORLD_CUP\nSTOCK_EXCHANGE\n1998\n# COMMENT\nTHIRD_ROUND\n",
                                  frozenset({"third round"}))
    assert rows == [("stock exchange", "sentence"), ("world cup", "story")]
    script.read_exclusions(script.DISCARD_EXCLUSIONS.read_text(encoding="utf-8"))


def test_actors_petrarch_exclusions_are_validated(script) -> None:
    assert script.read_exclusions("# names\nFalcon\n\nla liga\n") == {"falcon", "la liga"}
    with pytest.raises(ValueError, match="x.txt:2: duplicate"):
        script.read_exclusions("falcon\nfalcon\n", "x.txt")
    with pytest.raises(ValueError, match=":1: not a name"):
        script.read_exclusions("123\n")
    script.read_exclusions(script.EXCLUSIONS.read_text(encoding="utf-8"))


@pytest.mark.skipif(not SOURCE.is_dir(), reason="../shared/reference/petrarch2 not present")
def test_actors_petrarch_derived_files_are_deterministic_and_current(script, tmp_path) -> None:
    counts = script.derive(SOURCE, tmp_path / "a")
    script.derive(SOURCE, tmp_path / "b")
    assert counts["people.tsv"] > 10_000 and counts["groups.tsv"] > 1_000 and counts["titles.tsv"] > 1_000
    for name in (*counts, "LICENSE.txt"):
        first = (tmp_path / "a" / name).read_bytes()
        assert first == (tmp_path / "b" / name).read_bytes(), name
        assert first == (DERIVED / name).read_bytes(), f"{name} is stale: rerun scripts/derive_petrarch_actors.py"


def test_actors_petrarch_script_reports_missing_sources(script, tmp_path, capsys) -> None:
    assert script.main(["--source", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "missing LICENSE" in capsys.readouterr().err


# -- the derived files under the hand-written ones ----------------------------------
def test_actors_petrarch_files_carry_provenance() -> None:
    assert "MIT License" in (DERIVED / "LICENSE.txt").read_text(encoding="utf-8")
    for name in ("titles.tsv", "groups.tsv", "metonyms.tsv", "people.tsv", "discards.tsv"):
        second = (DERIVED / name).read_text(encoding="utf-8").splitlines()[1]
        assert second.startswith("# Derived by scripts/derive_petrarch_actors.py") and "LICENSE.txt" in second


def test_actors_petrarch_hand_rows_win() -> None:
    full, hand = load_knowledge_base(), load_knowledge_base(())
    assert len(full.people) > len(hand.people) + 10_000
    # a person of the hand-written files is not added again from PETRARCH2
    for name in ("Recep Tayyip Erdogan", "Vladimir Putin"):
        assert full.people_named(name) == hand.people_named(name)
    hand_titles = {t.phrase for t in hand.titles}
    assert all(t.derived for t in full.titles if t.phrase not in hand_titles)
    assert not any(t.derived for t in full.titles if t.phrase in hand_titles)
    rabin = full.people_named("Yitzhak Rabin", D(1995, 3, 1))
    assert [(p.country, p.role) for p in rabin] == [("ISR", "GOV")]
    assert not full.people_named("Yitzhak Rabin", D(1985, 3, 1))


def test_actors_petrarch_sources_are_chosen_and_checked() -> None:
    from tieline.actors.kb import data_root

    only_people = read_knowledge_base(data_root(), ("people",))
    hand = load_knowledge_base(())
    assert only_people.titles == hand.titles and only_people.groups == hand.groups
    with pytest.raises(ValueError, match="unknown actor sources"):
        read_knowledge_base(data_root(), ("verbs",))
    assert set(SECONDARY) == {"agents", "organizations", "people"}


def test_actors_petrarch_unknown_source_setting_is_a_config_error() -> None:
    from tieline.config import Config
    from tieline.errors import ConfigError

    with pytest.raises(ConfigError, match="actor_sources"):
        Pipeline.from_config(Config(actor_sources=("verbs",)))


# -- what the recogniser codes with them ---------------------------------------------
@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.from_config()


def _codes(pipeline, text: str, published: str) -> dict[str, set[str]]:
    doc = pipeline.process([Document(article=make_article(text, published=published, title=""))])[0]
    out: dict[str, set[str]] = {}
    for m in doc.mentions:
        out.setdefault(doc.doc[m.head].text, set()).add(m.actor.code)
    return out


@pytest.mark.parametrize("text,published,word,expected", [
    ("Israeli Prime Minister Yitzhak Rabin met King Hussein on Tuesday.", "1995-03-01", "Rabin", "ISRGOV"),
    ("Greek riot police fired tear gas at the crowd.", "2024-02-01", "police", "GRCCOP"),
    ("Iranian lawmakers approved the bill.", "2024-02-01", "lawmakers", "IRNLEG"),
    ("The Turkish foreign ministry summoned the envoy.", "2024-02-01", "ministry", "TURGOV"),
    ("Kenyan medics treated the wounded.", "2024-02-01", "medics", "KENCVL"),
    ("Abu Sayyaf gunmen kidnapped two tourists.", "2024-02-01", "gunmen", "PHLREB"),
    ("The gunmen fled before dawn.", "2024-02-01", "gunmen", "-"),
])
def test_actors_petrarch_codes_in_text(pipeline, text, published, word, expected) -> None:
    codes = _codes(pipeline, text, published)
    if expected == "-":
        assert word not in codes, codes
    else:
        assert expected in codes.get(word, set()), codes


# -- discards -----------------------------------------------------------------------
def test_actors_petrarch_discard_rows_are_validated() -> None:
    from tieline.actors.discards import parse_discards, read_discards

    rows = parse_discards("phrase\tscope\n# note\nWorld Cup\tstory\ntennis\tsentence\n")
    assert [(r.words, r.story) for r in rows] == [(("world", "cup"), True), (("tennis",), False)]
    for bad, message in [("phrase\n", "header"), ("phrase\tscope\nx\tpage\n", ":2: scope"),
                         ("phrase\tscope\nx\tstory\nX\tstory\n", ":3: duplicate"),
                         ("phrase\tscope\nx\n", ":2: expected 2 columns"), ("phrase\tscope\n\tstory\n", "empty")]:
        with pytest.raises(ValueError, match=message):
            parse_discards(bad, source="d.tsv")
    assert len(read_discards()) > 300


def test_actors_petrarch_discards_mark_sentences_and_stories(pipeline) -> None:
    def discarded(text: str) -> tuple[int, ...]:
        return pipeline.process([Document(article=make_article(text, published="2024-02-01", title=""))])[0].discarded

    politics = "Russia expelled two British diplomats on Monday. Britain condemned the move."
    assert discarded(politics) == ()
    assert discarded("Brazil won the World Cup final on Sunday. " + politics) == (0, 1, 2)  # a sports story
    later = politics + " Ministers met again. They talked for hours. Officials said nothing. " \
        "England may skip the World Cup in Russia."
    assert discarded(later) == (5,)  # far from the lead, a story phrase marks its sentence only
    assert discarded(politics + " The tennis star withdrew.") == (2,)
    from tieline.config import Config

    bare = Pipeline.from_config(Config(actor_sources=("agents", "organizations", "people")))
    doc = bare.process([Document(article=make_article("Brazil won the World Cup.", published="2024-02-01"))])[0]
    assert doc.discarded == ()
