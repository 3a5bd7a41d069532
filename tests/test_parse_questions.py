"""A question's opening auxiliary is not part of the name after it ("Will Washington lift …?")."""
from functools import lru_cache

import pytest

from tieline.parse.nlp import load_model, parse_words, question_openers


@lru_cache(maxsize=1)
def load_nlp():
    return load_model()


def test_parse_question_opener_leaves_the_name():
    nlp = load_nlp()
    doc = nlp("Will Washington lift sanctions on Venezuela?")
    assert "Washington" in [e.text for e in doc.ents]
    assert "Will Washington" not in [e.text for e in doc.ents]


def test_parse_question_opener_only_in_questions():
    doc = load_nlp()("Will Smith said he would go.")
    assert "Will Smith" in [e.text for e in doc.ents]


def test_parse_question_openers_file_is_valid():
    assert {"will", "could", "did"} <= question_openers()


def test_parse_words_rejects_a_bad_row_with_file_and_line():
    with pytest.raises(ValueError, match="q.txt:2"):
        parse_words("# header\nWill Not\n", "q.txt")
