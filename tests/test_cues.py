"""The event coder's cue-word lists: one validated data file."""
import pytest

from tieline.events.cues import load_cues, parse_cues


def test_cues_bundled_file_loads_every_list():
    cues = load_cues()
    assert "launch" in cues.light_verb and "carry out" in cues.light_verb
    assert "will" in cues.planned_aux and "say" in cues.say


def test_cues_unknown_list_is_an_error_with_file_and_line():
    text = load_cues.__wrapped__ and "# comment\nplanned_aux will\nbogus_list word\n"
    with pytest.raises(ValueError, match=r"x\.txt:3: unknown cue list 'bogus_list'"):
        parse_cues(text, "x.txt")


def test_cues_missing_list_is_an_error():
    with pytest.raises(ValueError, match="cue lists missing"):
        parse_cues("planned_aux will\n", "x.txt")


def test_cues_intent_of_root_reads_root_code_pairs_and_rejects_others():
    from tieline.events.cues import load_cues, parse_cues
    from importlib import resources

    assert load_cues().intent_of_root["04"] == "036"
    text = resources.files("tieline.events").joinpath("data", "cues.txt").read_text(encoding="utf-8")
    bad = text.replace("intent_of_root   04=036", "intent_of_root   04:036")
    with pytest.raises(ValueError, match="intent_of_root items are ROOT=CODE"):
        parse_cues(bad, "c.txt")


def test_cues_mode_lists_read_multiword_cues():
    cues = load_cues()
    assert "plan" in cues.planned_noun and "yet" in cues.pending_adv
    assert "later this" in cues.future_time and "rule out" in cues.negating_governor
    assert "take" in cues.joining_verb and "propose" in cues.hypothetical_governor
