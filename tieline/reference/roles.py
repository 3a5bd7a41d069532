"""CAMEO actor role codes (``GOV``, ``MIL``, ...) and their names.

Read from ``data/cameo-actor-roles.tsv``; every row is validated (three
upper-case letters, a name, no duplicates).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

_CODE = re.compile(r"^[A-Z]{3}$")


def parse_roles(text: str, source: str = "cameo-actor-roles.tsv") -> dict[str, str]:
    """Role code -> name; a bad row raises ``ValueError`` naming ``source`` and line."""
    roles: dict[str, str] = {}
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != ["code", "name"]:
        raise ValueError(f"{source}:1: header must be 'code<TAB>name'")
    for number, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not _CODE.match(parts[0]) or not parts[1].strip():
            raise ValueError(f"{source}:{number}: want a three-letter code and a name: {line!r}")
        if parts[0] in roles:
            raise ValueError(f"{source}:{number}: duplicate code {parts[0]}")
        roles[parts[0]] = parts[1].strip()
    return roles


@functools.lru_cache(maxsize=1)
def load_roles() -> dict[str, str]:
    """The packaged role table, read once."""
    text = resources.files("tieline.reference").joinpath(
        "data", "cameo-actor-roles.tsv").read_text(encoding="utf-8")
    return parse_roles(text)
