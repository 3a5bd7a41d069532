"""The verb and noun dictionaries: every row validated, hand rows win over derived ones."""
import pytest

from tieline.events.lexicon import (LexiconError, load_event_lexicon, merge_nouns, merge_verbs, parse_nouns,
                                    parse_verbs)

CODES = frozenset({"040", "111", "190", "163"})


def test_lexicon_bundled_files_load_with_derived_rows_after_hand_rows():
    full, hand = load_event_lexicon(), load_event_lexicon(derived=False)
    assert len(full.verbs) > len(hand.verbs)
    assert all(r.file.endswith("verbs.txt") for r in full.verbs["meet"])  # a verb with hand rows keeps only them
    derived = [r for rules in full.verbs.values() for r in rules if r.file.endswith("verbs_petrarch.txt")]
    assert derived and all("require_actor" in r.flags for r in derived)
    assert all(r.file.endswith("verbs.txt") for rules in hand.verbs.values() for r in rules)


@pytest.mark.parametrize("row, message", [
    ("meet  dobjj=talks  dobj  040", r"v\.txt:2: unknown condition kind 'dobjj'"),
    ("meet  pobj:=talks  dobj  040", r"v\.txt:2: unknown condition kind 'pobj:'"),
    ("meet  dobj  dobj  040", r"v\.txt:2: condition 'dobj' without '='"),
    ("meet  *  dobj,prep  040", r"v\.txt:2: unknown target slot 'prep'"),
    ("meet  *  object  040", r"v\.txt:2: unknown target slot 'object'"),
    ("meet  *  dobj  040  symm", r"v\.txt:2: unknown flag 'symm'"),
    ("meet  *  dobj  999", r"v\.txt:2: unknown CAMEO code 999"),
    ("meet  *  dobj", r"v\.txt:2: expected at least 4 columns"),
    ("call  pred=@censure  dobj  111", r"v\.txt:2: unknown word set '@censure'"),
    ("@Bad word", r"v\.txt:2: a word set is '@name word word"),
    ("@censure", r"v\.txt:2: a word set is '@name word word"),
])
def test_lexicon_verb_row_errors_name_file_and_line(row, message):
    with pytest.raises(LexiconError, match=message):
        parse_verbs("# header\n" + row + "\n", CODES, "v.txt")


@pytest.mark.parametrize("row, message", [
    ("attack  poss,owner  prep:on  190", r"n\.txt:2: unknown source slot 'owner'"),
    ("attack  poss  on  190", r"n\.txt:2: unknown target slot 'on'"),
    ("attack  poss  prep:on  190  paired", r"n\.txt:2: unknown flag 'paired'"),
    ("attack  poss  prep:on  190  needs=", r"n\.txt:2: unknown flag 'needs='"),
])
def test_lexicon_noun_row_errors_name_file_and_line(row, message):
    with pytest.raises(LexiconError, match=message):
        parse_nouns("# header\n" + row + "\n", CODES, "n.txt")


def test_lexicon_known_kinds_slots_and_flags_parse():
    rules = parse_verbs("condemn  dobj=attack|raid,pobj:on=kyiv,cneg  dobj,prep:over,none  111  block say\n"
                        "hold+up  prep=with  prep:with,dative,xdobj,csubj  040  sym require_actor speaker\n",
                        CODES, "v.txt")
    assert rules[0].conditions[0].words == frozenset({"attack", "raid"})
    assert rules[1].particle == "up" and rules[1].flags == frozenset({"sym", "require_actor", "speaker"})
    nouns = parse_nouns("sanction  poss,agent,prep:by,domestic  prep:on,governor,govobj,none  163  sym pair "
                        "needs=joint\n", CODES, "n.txt")
    assert nouns[0].sources == ("poss", "agent", "prep:by", "domestic")


def test_lexicon_word_sets_expand_in_conditions_and_continue_over_rows():
    rules = parse_verbs("@censure illegal sham\n@censure farce\ncall  pred=@censure|threat  dobj  111  verdict\n",
                        CODES, "v.txt")
    assert rules[0].conditions[0].words == frozenset({"illegal", "sham", "farce", "threat"})
    assert rules[0].flags == frozenset({"verdict"}) and len(rules) == 1


def test_lexicon_hand_rows_win_over_derived_rows():
    hand = parse_verbs("attack  *  dobj  190\n", CODES, "verbs.txt")
    derived = parse_verbs("attack  dobj=talks  dobj  040\nattack+on  *  dobj  190\nraid  *  dobj  190\n",
                          CODES, "verbs_petrarch.txt")
    merged = merge_verbs(hand, derived)
    assert [(r.particle, r.file) for r in merged["attack"]] == [(None, "verbs.txt"), ("on", "verbs_petrarch.txt")]
    assert [r.file for r in merged["raid"]] == ["verbs_petrarch.txt"]
    nh = parse_nouns("attack  poss  prep:on  190\n", CODES, "nouns.txt")
    nd = parse_nouns("attack  amod  prep:on  190\nraid  amod  prep:on  190\n", CODES, "nouns_petrarch.txt")
    nouns = merge_nouns(nh, nd)
    assert [r.file for r in nouns["attack"]] == ["nouns.txt"] and [r.file for r in nouns["raid"]] == ["nouns_petrarch.txt"]
