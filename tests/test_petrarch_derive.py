"""scripts/derive_petrarch_verbs.py: PETRARCH2's CAMEO verb dictionary to tieline verb rules."""
import hashlib
import importlib.util
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tieline.events.lexicon import parse_verbs
from tieline.reference.cameo import load_cameo

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.txt"
DERIVED = ROOT / "tieline" / "events" / "data" / "verbs_petrarch.txt"

_spec = importlib.util.spec_from_file_location("derive_petrarch_verbs", ROOT / "scripts" / "derive_petrarch_verbs.py")
D = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = D
_spec.loader.exec_module(D)

CODES = frozenset(load_cameo().codes)
IRREGULAR = {"sped": "speed", "hurried": "hurry", "hurries": "hurry"}

DICTIONARY = """\
# a small dictionary in PETRARCH2's format
####### SYNONYM SETS #######
&FOOD
+FOOD
+RICE
+GRAIN_

####### VERB PATTERNS #######

---  ACCELERATE   [---]  ---
RUSH
HURRY {HURRIES HURRYING HURRIED }
- * (TO)                                              [042:043]     # RUSH
- * AID                                               [070]         # RUSH
- * &FOOD                                             [073]         # RUSH
- * POLICE (TO BORDER)                                [153]         # RUSH
- * (BEFORE COURT)                                    [:173]        # APPEAR
- * NOTHING                                           [---]         # NULL
- * HELP (TO +)                                       [1213]        # NOT IN CAMEO

---  ATTACK   [190]  ---
ATTACK
SAY
- * (WITH &FOOD)                                      [073]
- * TALKS                                             [040:040]
######## TRANSFORMATIONS #######
"""


def derive(text=DICTIONARY, **kw):
    return D.derive(text, lambda w: IRREGULAR.get(w, w), CODES, **kw)


def rows_of(rows, lemma):
    return [r.text().split() for r in rows if r.lemma == lemma]


def test_petrarch_derive_every_verb_form_gets_every_pattern():
    rows, _ = derive()
    rush, hurry = rows_of(rows, "rush"), rows_of(rows, "hurry")
    assert [r[1:] for r in rush] == [r[1:] for r in hurry]  # both forms of the block, the same rules
    conds = {r[1]: r[3] for r in rush}
    assert conds["dobj=aid"] == "070"
    assert conds["dobj=food|grain|rice"] == "073"  # a synonym set as alternatives
    assert conds["dobj=police,pobj:to=border"] == "153"
    assert conds["prep=to"] == "042"  # the source's code of a source:target pair


def test_petrarch_derive_codes_are_checked_and_mapped_or_dropped_with_counts():
    rows, counts = derive()
    assert all(r.code in CODES for r in rows)
    c = counts.counter
    assert c["dropped: code only for the target's reverse event ([:X])"] == 1
    assert c["dropped: null code (---)"] >= 1
    assert c["mapped: 1213 -> 121 (not in the CAMEO table)"] == 1
    assert any(r.code == "121" and r.targets[0] == "prep:to" for r in rows)  # "+" marks the target


def test_petrarch_derive_bare_rows_only_on_request_and_never_for_reporting_verbs():
    rows, counts = derive()
    assert not any(r.conditions == () for r in rows)
    rows, counts = derive(bare="all")
    bare = {r.lemma: r.code for r in rows if r.conditions == ()}
    assert bare == {"attack": "190"}  # "say" is a reporting verb; ACCELERATE has no code of its own
    assert counts.counter["bare rows dropped: ambiguous or reporting verb"] == 1


def test_petrarch_derive_symmetric_codes_and_named_targets():
    rows, _ = derive()
    talks = [r for r in rows if r.lemma == "attack" and r.code == "040"][0]
    assert "sym" in talks.flags and "require_actor" in talks.flags
    rows, _ = derive(require_target=False)
    assert not any("require_actor" in r.flags for r in rows)


def test_petrarch_derive_output_is_deterministic_and_loads():
    a, ca = derive()
    b, cb = derive()
    out = D.render(a, ca, Path("CAMEO.2.0.txt"), "0" * 64, "2026-01-01")
    assert out == D.render(b, cb, Path("CAMEO.2.0.txt"), "0" * 64, "2026-01-01")
    assert "# source: CAMEO.2.0.txt" in out and "sha256 " + "0" * 64 in out
    assert len(parse_verbs(out, CODES, "out.txt")) == len(a)


def test_petrarch_derive_missing_section_is_a_clear_error():
    with pytest.raises(D.DictionaryError, match="VERB PATTERNS"):
        derive("just some text\n")


WORDS = st.sampled_from(["*", "+", "$", "^", "(", ")", "{", "}", "TO", "ON", "AID", "&FOOD", "&NOSUCH", "A",
                         "THE", "OUT", "UP", "BY/WITH", "X_Y", "%", "-", "[", "]", "#"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(WORDS, max_size=8).map(" ".join), max_size=6),
       st.sampled_from(["[190]", "[---]", "[:173]", "[1213]", "[040:040]", "[x]", ""]))
def test_petrarch_derive_hostile_patterns_never_crash_and_always_load(bodies, code):
    text = DICTIONARY.replace("######## TRANSFORMATIONS", "".join(f"- {b} {code}\n" for b in bodies)
                              + "######## TRANSFORMATIONS")
    rows, counts = derive(text)
    out = D.render(rows, counts, Path("x.txt"), "0" * 64, "2026-01-01")
    assert len(parse_verbs(out, CODES, "out.txt")) == len(rows)


def test_petrarch_derive_committed_file_matches_its_source():
    head = DERIVED.read_text(encoding="utf-8")[:4000]
    digest = re.search(r"sha256 ([0-9a-f]{64})", head).group(1)
    date = re.search(r"# date: (\S+)", head).group(1)
    if not SOURCE.exists():
        pytest.skip("../shared/reference/petrarch2 is not beside this checkout")
    data = SOURCE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == digest
    rows, counts = D.derive_with_model(data.decode("utf-8", errors="replace"))
    assert D.render(rows, counts, SOURCE, digest, date) == DERIVED.read_text(encoding="utf-8")


def test_petrarch_derive_condition_words_get_lemmas_and_lose_stems():
    text = DICTIONARY.replace("- * AID  ", "- * (FOR VIOLAT)  ").replace("- * TALKS", "- * FORCES")
    english = frozenset({"police", "border", "force", "food", "rice", "grain", "aid"})
    rows, counts = derive(text, english=english, noun_lemma=lambda w: w[:-1] if w.endswith("es") else w)
    conds = {r.text().split()[1] for r in rows}
    assert "dobj=force|forces" in conds
    assert not any("violat" in c for c in conds)
    assert counts.counter["rows dropped: a condition has no English word (a PETRARCH stem)"] >= 1


def test_petrarch_derive_a_pattern_coded_in_two_roots_is_dropped():
    text = DICTIONARY.replace("- * TALKS", "- * DISPUTE  [039]\n- * DISPUTE  [050]\n- * TRUCE  [036]\n"
                              "- * TRUCE  [030]\n- * TALKS")
    rows, counts = derive(text)
    conds = {(r.text().split()[1], r.code) for r in rows if r.lemma == "attack"}
    assert not any(c == "dobj=dispute" for c, _ in conds)
    assert ("dobj=truce", "030") in conds  # one root: the later code wins
    assert counts.counter["rows dropped: the dictionary codes the same verb and pattern in two roots"] == 2  # attack, say
