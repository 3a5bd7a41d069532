"""CAMEO event codes (quad class, Goldstein) and the CAMEO→PLOVER table.

The PLOVER table is CC BY-SA 4.0, (c) the Open Event Data Alliance: see
``data/LICENSE-PLOVER.md``.
"""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from importlib import resources

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameoCode:
    code: str
    root: str
    quad_class: int
    goldstein: float
    description: str
    plover: str | None


@dataclass(frozen=True)
class CameoTable:
    codes: dict[str, CameoCode]

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; unknown 4-digit codes fall back to their 3-digit parent."""
        while code and code not in self.codes:
            code = code[:-1]
        if not code:
            raise KeyError(code)
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes


def _read(name: str) -> str:
    return resources.files("tieline.reference").joinpath("data", name).read_text(encoding="utf-8")


def _plover_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _read("CAMEO2PLOVER-2021.txt").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        code, rest = line.split(":", 1)
        code = code.strip()
        parts = [p.strip() for p in rest.split(",")]
        if code.isdigit() and parts and parts[0]:
            table[code] = parts[0]
    return table


@functools.lru_cache(maxsize=1)
def load_cameo() -> CameoTable:
    """Read the bundled CAMEO code list joined with the PLOVER conversion."""
    plover = _plover_table()
    codes: dict[str, CameoCode] = {}
    lines = _read("cameo-event-codes.tsv").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        code, root, quad, goldstein, description = line.split("\t")[:5]
        pl = plover.get(code)
        parent = code
        while pl is None and len(parent) > 2:
            parent = parent[:-1]
            pl = plover.get(parent)
        codes[code] = CameoCode(code, root, int(quad), float(goldstein), description, pl)
    logger.debug("loaded %d CAMEO codes", len(codes))
    return CameoTable(codes)
