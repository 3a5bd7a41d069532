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


def test_clues_dateline_of_two_places_takes_the_story_country(pipeline):
    text = ("Troops surround parliament\nHARARE/JOHANNESBURG —\nSoldiers blocked the roads to parliament on Wednesday, "
            "witnesses said, after Zimbabwe's ruling party met. Zimbabwean state television was off the air.")
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


def test_clues_dateline_of_several_countries_needs_a_clear_story(pipeline):
    text = ("Talks stall\nLONDON/ACCRA/LOME —\nGhana and Togo traded accusations on Monday. "
            "Togo said Ghanaian troops had crossed the border, and Ghana denied it. "
            "Opposition parties demanded the resignation of Togolese President Faure Gnassingbe.")
    found = codes(pipeline, text)
    assert all(not c.startswith("GBR") for w, cs in found.items() if w != "LONDON" for c in cs), found
    assert found["parties"] == ["TGOOPP"], found  # whom they oppose: the president's country


def test_recognise_pronoun_subject_prefers_previous_subject(pipeline):
    found = codes(pipeline, "Peruvian President Dina Boluarte met Gustavo Petro in Lima. She said the border would reopen.",
                  published="2023-06-01")
    assert found["She"] == ["PERGOV"], found


def test_recognise_place_noun_takes_last_fitting_country(pipeline):
    text = "Vietnam sent coast guard ships near the Philippines. The islands said they would protest to Hanoi."
    assert codes(pipeline, text)["islands"] == ["PHL"], codes(pipeline, text)
    text = "Iran seized a tanker. The kingdom said nothing."
    assert "kingdom" not in codes(pipeline, text)  # no kingdom named: no actor


def test_recognise_institution_directed_by_a_leader_is_theirs(pipeline):
    text = "Kenya and Uganda disagree. Ugandan President Yoweri Museveni ordered the army to secure the lake."
    assert codes(pipeline, text, published="2021-05-01")["army"] == ["UGAMIL"]


def test_describe_place_nouns_rejects_bad_rows():
    from tieline.actors.describe import parse_place_nouns

    assert parse_place_nouns("noun\tcountry\nisland\tCUB\n")["island"] == frozenset({"CUB"})
    for bad, where in (("noun\tcountry\tnote\nisland\tCUB\n", ":1:"), ("noun\tcountry\nisland\tCuba\n", ":2:"),
                       ("noun\tcountry\nisland\tCUB\tx\n", ":2:"), ("noun\tcountry\nisland\tCUB\nisland\tCUB\n", ":3:")):
        with pytest.raises(ValueError, match=where):
            parse_place_nouns(bad)


def test_describe_place_nouns_name_countries_of_the_knowledge_base():
    from tieline.actors.describe import load_place_nouns
    from tieline.actors.kb import load_knowledge_base

    isos = {c.iso3 for c in load_knowledge_base().countries}
    for noun, countries in load_place_nouns().items():
        assert countries <= isos, (noun, countries - isos)


def test_describe_descriptions_reject_unknown_kind():
    from tieline.actors.describe import parse_descriptions

    assert "order" in parse_descriptions("kind\tword\ncommand\torder\n").commands
    with pytest.raises(ValueError, match="descriptions.tsv:2: unknown kind"):
        parse_descriptions("kind\tword\ncommandd\torder\n")


def test_recognise_the_country_is_the_last_named_not_the_subject(pipeline):
    text = ("Fiji and Australia discussed the storm damage on Monday. "
            "Australia has sent millions of dollars in aid to the country since 2010.")
    assert codes(pipeline, text)["country"] == ["FJI"], codes(pipeline, text)


def test_recognise_it_after_a_subject_body_is_that_body(pipeline):
    text = "The Kenyan foreign ministry summoned the Somali ambassador. It said the remarks were hostile."
    assert codes(pipeline, text)["It"] == ["KENGOV"], codes(pipeline, text)


def test_recognise_two_countries_are_no_organisation(pipeline):
    text = "Norway and Iceland asked to join the EU. Hungary objected to the two countries' requests."
    assert sorted(codes(pipeline, text)["countries"]) == ["ISL", "NOR"], codes(pipeline, text)


def test_recognise_two_sides_are_the_story_pair(pipeline):
    text = ("Serbia and Kosovo resumed talks in Brussels on Monday. Serbia wants guarantees for its minority, "
            "and Kosovo wants recognition. Hungary said it backed the process. "
            "Diplomats said the two sides were still far apart.")
    assert sorted(codes(pipeline, text)["sides"]) == ["SRB", "XKX"], codes(pipeline, text)


def test_recognise_it_described_as_something_is_no_actor(pipeline):
    text = ("Seoul protested to Tokyo on Monday. Japan passed the new defence law on Friday, "
            "and the Chinese foreign ministry criticised the law, calling it a threat to the region.")
    assert "it" not in codes(pipeline, text), codes(pipeline, text)


def test_clues_commander_places_the_second_of_two_officers(pipeline):
    text = ("Armenia and Turkey exchanged notes. Later Turkish President Recep Tayyip Erdogan ordered his interior "
            "minister and the chief of the general staff to close the border.")
    found = codes(pipeline, text, published="2021-04-01")
    assert found["chief"] == ["TURMIL"], found


def test_recognise_three_conjoined_countries_each_give_an_actor(pipeline):
    found = codes(pipeline, "Lula spoke with the presidents of Chile, Peru and Colombia on Friday.", published="2023-05-01")
    assert sorted(found["presidents"]) == ["CHLGOV", "COLGOV", "PERGOV"], found
    found = codes(pipeline, "Polish, Czech and Slovak officials met in Warsaw.")
    assert sorted(found["officials"]) == ["CZEGOV", "POLGOV", "SVKGOV"], found


def test_kb_epithets_of_states(pipeline):
    found = codes(pipeline, "The Islamic Republic accused the Jewish state of sabotage.")
    assert found["Republic"] == ["IRN"] and found["state"] == ["ISR"], found


def test_describe_group_named_only_as_a_modifier(pipeline):
    text = "Turkey bombed PKK positions in northern Iraq. The militant group said three fighters died."
    assert codes(pipeline, text)["group"] == ["TURREB"], codes(pipeline, text)


def test_describe_sponsored_group_is_the_armed_group(pipeline):
    text = "The Houthis attacked a tanker off Yemen. The Iran-backed group said it acted for Gaza."
    found = codes(pipeline, text)
    assert found["group"] == ["YEMREB"] and found["it"] == ["YEMREB"], found


def test_recognise_they_as_subject_is_the_previous_subject_group(pipeline):
    text = "Turkish and Qatari mediators met Taliban officials in Doha. They urged the movement to reopen schools."
    assert sorted(codes(pipeline, text)["They"]) == ["QATGOV", "TURGOV"], codes(pipeline, text)


def test_recognise_region_word_narrows_place_noun(pipeline):
    text = "Vanuatu recognised Kosovo, and Serbia protested. Belgrade said the Pacific nation had been misled."
    assert codes(pipeline, text)["nation"] == ["VUT"], codes(pipeline, text)
    text = "Bahrain and Egypt restored flights. The Gulf kingdom also reopened its airspace."
    assert codes(pipeline, text)["kingdom"] == ["BHR"], codes(pipeline, text)


def test_recognise_former_soviet_republic_and_himalayan_kingdom(pipeline):
    text = "Moscow warned Moldova on Monday. The former Soviet republic recalled its ambassador."
    assert codes(pipeline, text)["republic"] == ["MDA"], codes(pipeline, text)
    text = "India and Nepal agreed on a power line. The Himalayan nation will export electricity."
    assert codes(pipeline, text)["nation"] == ["NPL"], codes(pipeline, text)


def test_recognise_the_alliance_is_the_last_alliance_not_the_un(pipeline):
    text = ("NATO sent ships to the Baltic, and UN Secretary-General Antonio Guterres called for calm. "
            "The alliance said the patrols would continue.")
    assert codes(pipeline, text, published="2023-01-10")["alliance"] == ["IGOWSTNAT"], codes(pipeline, text)


def test_describe_org_nouns_reject_bad_rows_and_name_known_organisations():
    from tieline.actors.describe import load_org_nouns, parse_org_nouns
    from tieline.actors.kb import load_knowledge_base

    for bad, where in (("noun\torg\textra\nbloc\tEU\n", ":1:"), ("noun\torg\nbloc\teu\n", ":2:"),
                       ("noun\torg\nbloc\tEU\tx\n", ":2:"), ("noun\torg\nbloc\tEU\nbloc\tEU\n", ":3:")):
        with pytest.raises(ValueError, match=where):
            parse_org_nouns(bad)
    ids = {o.id for o in load_knowledge_base().organizations}
    for noun, orgs in load_org_nouns().items():
        assert orgs <= ids, (noun, orgs - ids)
