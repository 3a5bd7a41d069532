"""scripts/derive_petrarch_nouns.py: event nouns from PETRARCH2's support-verb patterns and verbs."""
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from tieline.events.cues import load_cues
from tieline.events.lexicon import parse_nouns, parse_verbs
from tieline.reference.cameo import load_cameo

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
DERIVED = ROOT / "tieline" / "events" / "data" / "nouns_petrarch.txt"


def _load(name):
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        mod = importlib.util.module_from_spec(spec)
        sys.modules[name] = mod
        spec.loader.exec_module(mod)
    return sys.modules[name]


V = _load("derive_petrarch_verbs")
N = _load("derive_petrarch_nouns")
CODES = frozenset(load_cameo().codes)
LIGHT = frozenset({"launch", "carry out", "stage", "impose", "hold"})

DICTIONARY = """\
####### SYNONYM SETS #######
&WEAPON
+RIFLE
+ROCKET
####### VERB PATTERNS #######
---  LAUNCH   [---]  ---
LAUNCH
+CARRY_OUT
STAGE
- * RAID                                              [190]         # LAUNCH
- * RAID                                              [190]         # CARRY_OUT
- * &WEAPON                                           [194]         # LAUNCH
- * {MOCK RAID}                                       [062]         # STAGE
- * PROTEST                                           [141]         # STAGE
- * STATE (OF EMERGENCY)                              [1724]        # LAUNCH
- * STATE (OF EMERGENCY)                              [1724]        # STAGE
---  RAID   [190]  ---
RAID
---  PROTEST   [141]  ---
PROTEST
######## TRANSFORMATIONS #######
"""
HAND = parse_verbs("invade  *  dobj,none  192\ncondemn  *  dobj  111\nphone  *  dobj  041\n"
                   "crack+down  *  prep:on  175\nsay  *  none  010  say\n", CODES, "verbs.txt")
WORDNET = frozenset({"invasion", "condemnation", "condemning", "phonation", "crackdown", "saying"})


def derive(text=DICTIONARY, **kw):
    return N.derive_nouns(text, lambda w: w, lambda w: w, CODES, LIGHT, 2, HAND, WORDNET, **kw)


def nouns_of(rows):
    return {r.split()[0]: r.split() for r in rows}


def test_petrarch_nouns_support_verb_objects_need_two_verbs_and_a_bare_literal_noun():
    rows, counts = derive()
    got = nouns_of(rows)
    assert got["raid"][3] == "190" and got["raid"][1] == "poss,amod,compound"
    assert "protest" not in got  # one support verb only
    assert "rifle" not in got and "rocket" not in got  # a synonym set's things
    assert "state" not in got  # qualified by its phrase
    assert counts.counter["support objects skipped: from a synonym set (things, not happenings)"] == 2


def test_petrarch_nouns_nominalisations_of_hand_verbs_checked_against_wordnet():
    got = nouns_of(derive()[0])
    assert got["invasion"][2].split(",")[:2] == ["prep:of", "prep:on"] and got["invasion"][3] == "192"
    assert got["condemnation"][3] == "111"  # the -ion form, not "condemning"
    assert got["crackdown"][3] == "175"
    assert "phonation" not in got and "saying" not in got  # a false friend; a reporting verb


def test_petrarch_nouns_hostile_roots_only_by_default_and_rows_load():
    rows, counts = derive()
    assert all(r.split()[3][:2] in N.CONFLICT_ROOTS for r in rows)
    assert "none" not in " ".join(rows)  # the target must be named
    wide, _ = derive(all_roots=True)
    out = N.render(wide, counts, Path("x.txt"), "0" * 64, "2026-01-01")
    assert len(parse_nouns(out, CODES, "x.txt")) == len(wide) >= len(rows)


def test_petrarch_nouns_nominalisation_forms():
    assert N.nominalisations("invade")[:4] == ["invadion", "invadation", "invadeation", "invasion"]
    assert "deployment" in N.nominalisations("deploy") and "shelling" in N.nominalisations("shell")
    assert N.nominalisations("pull", "out") == ["pullout"]


def test_petrarch_nouns_committed_file_matches_its_source():
    head = DERIVED.read_text(encoding="utf-8")[:4000]
    digest = re.search(r"sha256 ([0-9a-f]{64})", head).group(1)
    date = re.search(r"# date: (\S+)", head).group(1)
    if not SOURCE.exists():
        pytest.skip("../shared/reference/petrarch2 is not beside this checkout")
    data = SOURCE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    rows, counts = N.derive_nouns(data.decode("utf-8", errors="replace"), V.spacy_lemmatiser(),
                                  V.spacy_noun_lemmatiser(), V.cameo_codes(), load_cues().light_verb, 2,
                                  N.hand_verb_rules(), N.wordnet_nouns())
    assert N.render(rows, counts, SOURCE, digest, date) == DERIVED.read_text(encoding="utf-8")
