"""Actor reference within an article: datelines, coordinated adjectives, "the ministry" after
"the Foreign Ministry of X" (tieline/actors/recognise.py, clues.py).  Sentences are the project's own."""
import pytest

from tieline.api import make_article
from tieline.model import Document
from tieline.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.from_config()


def codes(pipeline, text: str, published: str = "2021-03-01") -> dict[str, list[str]]:
    """The codes of every mention, by its head word, in order."""
    doc = pipeline.process([Document(article=make_article(text, published=published, title=""))])[0]
    out: dict[str, list[str]] = {}
    for m in doc.mentions:
        out.setdefault(doc.doc[m.head].text, []).append(m.actor.code)
    return out


def test_clues_dateline_of_organisation_seat_gives_no_country(pipeline):
    text = ("BRUSSELS —\nPolice arrested three opposition figures on Tuesday. "
            "Rwandan officials said the three had planned unrest in Kigali.")
    found = codes(pipeline, text)
    assert found["Police"] == ["RWACOP"], found
    assert all(not c.startswith("BEL") for cs in found.values() for c in cs), found


def test_clues_dateline_of_two_places_takes_the_first(pipeline):
    text = ("Troops surround parliament\nHARARE/JOHANNESBURG —\nSoldiers blocked the roads to parliament on Wednesday, "
            "witnesses said, as South African envoys flew in.")
    found = codes(pipeline, text)
    assert found["Soldiers"] == ["ZWEMIL"], found


def test_clues_dateline_country_of_the_story_still_counts(pipeline):
    text = ("LIMA —\nPolice fired tear gas at demonstrators outside Congress on Friday, "
            "a day after Peru's president dissolved the chamber.")
    found = codes(pipeline, text)
    assert found["Police"] == ["PERCOP"], found


def test_recognise_coordinated_adjectives_with_possessor(pipeline):
    found = codes(pipeline, "Blinken said he had spoken to his Indian and Japanese counterparts on Friday.")
    assert sorted(found["counterparts"]) == ["INDGOV", "JPNGOV"], found


def test_recognise_possessor_pronoun_without_adjective_still_owns(pipeline):
    found = codes(pipeline, "Egypt said its troops would stay on the border.")
    assert found["troops"] == ["EGYMIL"], found


def test_recognise_bare_definite_noun_takes_last_same_noun(pipeline):
    text = ("The Foreign Ministry of Ghana summoned the Togolese ambassador on Monday. "
            "The ministry said the border incident was unacceptable.")
    found = codes(pipeline, text)
    assert found["ministry"] == ["GHAGOV"], found


def test_recognise_bare_definite_plural_takes_organisation_of_same_noun(pipeline):
    text = ("African Union leaders met in Addis Ababa on Sunday and suspended Guinea. "
            "Guinean soldiers had seized power a week earlier. "
            "The leaders also demanded the release of the detained president.")
    found = codes(pipeline, text)
    assert found["leaders"][-1] == "IGOAFRAFU", found
