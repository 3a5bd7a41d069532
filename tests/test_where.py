"""The ``place`` stage: a real gazetteer, whole names, ambiguous names decided by the article."""
from __future__ import annotations

import functools
import gzip
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tieline
from tieline.model import Location
from tieline.where.gazetteer import (GAZETTEER_HEADER, Place, build_gazetteer, fold, load_gazetteer,
                                     parse_gazetteer, parse_places)
from tieline.where.golden import distance_km, read_golden, score_golden
from tieline.where.resolve import Resolver

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "places_golden.tsv"
#: floors slightly under what benchmarks/bench_places.py measures (see README)
COUNTRY_FLOOR = 0.96
COORDINATES_FLOOR = 0.96


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@functools.lru_cache(maxsize=1)
def _pipeline():
    from tieline.pipeline import Pipeline

    return Pipeline.from_config()


def _events(text: str, published: str = "2022-09-16"):
    """``tieline.extract`` with one pipeline loaded for the whole module."""
    doc = tieline.extract_article(tieline.make_article(text, published=published), pipeline=_pipeline())
    return list(doc.events)


def _place(text: str) -> Location | None:
    events = _events(text)
    located = [e.location for e in events if e.location is not None]
    return located[0] if located else None


def test_where_golden_file_meets_the_floors():
    rows = read_golden(GOLDEN)
    assert len(rows) >= 80
    score = score_golden(rows)
    misses = [(o.gold.mention, o.gold.country, o.found) for o in score.misses()]
    assert score.country_share >= COUNTRY_FLOOR, misses
    assert score.coordinates_share >= COORDINATES_FLOOR, misses


def test_where_golden_file_covers_every_kind():
    rows = read_golden(GOLDEN)
    kinds = {r.feature for r in rows}
    assert kinds == {"country", "admin1", "city", "place"}
    assert sum(r.lat is not None for r in rows) >= 70


def test_where_multiword_names_are_kept_whole():
    loc = _place("Iran seized a foreign oil tanker in the Strait of Hormuz on Monday, the US Navy said.")
    assert loc is not None and loc.name == "Strait of Hormuz" and loc.feature == "place"
    assert loc.lat is None and loc.lon is None  # no coordinates are made up
    loc = _place("Russian President Vladimir Putin met Chinese leader Xi Jinping in Samarkand on Thursday.")
    assert loc is not None and (loc.name, loc.country, loc.feature) == ("Samarkand", "UZB", "city")
    assert distance_km(loc.lat, loc.lon, 39.654, 66.960) < 25


def test_where_a_place_is_a_country_only_when_it_is_one():
    loc = _place("Chinese officials met Taiwanese envoys in Taipei last week.")
    assert loc is not None and (loc.country, loc.feature) == ("TWN", "city")
    loc = _place("Russian and Georgian diplomats met in Georgia on Monday.")
    assert loc is not None and (loc.country, loc.feature) == ("GEO", "country")


def test_where_ambiguous_names_follow_the_article(gazetteer):
    r = Resolver(gazetteer)
    assert r.choose("Paris").country == "FRA"
    assert (r.choose("Paris", qualifier="Texas").country, r.choose("Paris", qualifier="Texas").admin1) == \
        ("USA", "TX")
    assert r.choose("Tripoli").country == "LBY"
    assert r.choose("Tripoli", countries={"LBN": 2}).country == "LBN"
    assert r.choose("Georgia").feature == "country"
    assert r.choose("Georgia", countries={"USA": 3}).feature == "admin1"
    assert r.choose("Columbia", qualifier="Missouri").admin1 == "MO"
    assert r.choose("Hyderabad", countries={"PAK": 1}).country == "PAK"


def test_where_venues_take_their_city_coordinates(gazetteer):
    (kremlin, _), = gazetteer.lookup("the Kremlin")
    assert (kremlin.feature, kremlin.country) == ("place", "RUS")
    assert distance_km(kremlin.lat, kremlin.lon, 55.752, 37.617) < 5


def test_where_location_carries_the_new_fields():
    loc = Location("Paris", "USA", 33.66, -95.56, admin1="TX", feature="city", geonames_id=4717560)
    assert loc.to_dict() == {"name": "Paris", "country": "USA", "lat": 33.66, "lon": -95.56, "admin1": "TX",
                             "feature": "city", "geonames_id": 4717560}
    assert Location("Somewhere").feature == "place"


def test_where_gazetteer_rejects_bad_rows():
    header = "\t".join(GAZETTEER_HEADER)
    good = "1\tParis\t\tcity\tFRA\t11\t48.85\t2.35\t2138551\t1"
    assert parse_gazetteer([header, good])[0][0].name == "Paris"
    for bad, problem in [(good.replace("city", "town"), "bad feature"),
                         (good.replace("48.85", "98.85"), "bad coordinates"),
                         (good.replace("\t2.35", "\t"), "bad coordinates"),
                         (good + "\textra", "columns"),
                         (good.replace("2138551", "many"), "invalid literal")]:
        with pytest.raises(ValueError, match=f"gazetteer.tsv:2: .*{problem}"):
            parse_gazetteer([header, bad])
    with pytest.raises(ValueError, match="bad header"):
        parse_gazetteer(["name\tcountry"])


def test_where_places_file_rejects_unknown_cities():
    cities = {("moscow", "RUS"): Place("Moscow", "city", "RUS", "48", 55.75, 37.62)}
    head = "name\taliases\tcountry\tcity\n"
    (kremlin, _), = parse_places(head + "Kremlin\t\tRUS\tMoscow\n", cities=cities)
    assert (kremlin.lat, kremlin.admin1) == (55.75, "48")
    with pytest.raises(ValueError, match="places.tsv:2: no city 'Atlantis'"):
        parse_places(head + "Kremlin\t\tRUS\tAtlantis\n", cities=cities)
    with pytest.raises(ValueError, match="places.tsv:2: bad country"):
        parse_places(head + "Kremlin\t\tRussia\t\n", cities=cities)


def test_where_golden_file_rejects_bad_rows(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("text\tmention\tcountry\tlat\tlon\tfeature\nMet in Paris.\tLyon\tFRA\t\t\tcity\n")
    with pytest.raises(ValueError, match="g.tsv:2: the mention 'Lyon' is not in the text"):
        read_golden(path)


def test_where_packaged_gazetteer_is_gzipped_geonames():
    path = Path(tieline.__file__).parent / "where" / "data" / "gazetteer.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        assert f.readline().rstrip("\n").split("\t") == GAZETTEER_HEADER


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_where_lookup_of_any_name_never_raises(name):
    g = build_gazetteer([(Place("Paris", "city", "FRA", "11", 48.85, 2.35, 2138551), ("Lutetia",))])
    r = Resolver(g)
    assert fold(fold(name)) == fold(name) or fold(name).startswith("the ")
    place = r.choose(name, countries={"FRA": 1}, hint="city", qualifier=name)
    assert place is None or place.name == "Paris"


def test_where_event_names_are_placed_at_their_place():
    loc = _place("China condemned Taiwan at the Beijing Winter Olympics.")
    assert loc is not None and (loc.name, loc.country, loc.feature) == ("Beijing", "CHN", "city")
    assert _place("Police arrested protesters at the Olympics on Friday.") is None


def test_where_words_file_rejects_unknown_and_missing_lists():
    from tieline.where.words import load_words, parse_words

    words = load_words()
    assert "in" in words.locative and words.weak_locative <= words.locative
    with pytest.raises(ValueError, match="words.txt:1: unknown word list 'nearby'"):
        parse_words("nearby in at\n")
    with pytest.raises(ValueError, match="missing: event_noun, topic_prep"):
        parse_words("locative in\nweak_locative in\nregion_noun state\ncity_noun city\narea_noun coast\n")


def test_where_an_event_takes_places_of_its_own_clause_only():
    # "in Somalia" belongs to "contributes", not to the asking
    text = ("Ethiopia contributes soldiers to the African Union force in Somalia, and Mogadishu has "
            "asked Ethiopia to withdraw them.")
    events = _events(text, "2024-11-14")
    asked = [e for e in events if e.trigger.startswith("ask")]
    assert asked and all(e.location is None for e in asked)
    loc = _place("Police in Peru detained more than 300 people on Saturday.")
    assert loc is not None and (loc.country, loc.feature) == ("PER", "country")


def test_where_weak_prepositions_on_nouns_are_no_places():
    events = _events("The United States ambassador to Japan criticised North Korea on Monday.", "2024-10-16")
    assert all(e.location is None or e.location.country != "JPN" for e in events)


_WORDS = ["in", "at", "near", "off", "to", "on", "the", "of", ",", ".", "Paris", "Texas", "Strait", "Hormuz",
          "Georgia", "Russia", "met", "attacked", "Olympics", "Beijing", "region", "city", "Kharkiv", "’s",
          "Gaza", "Sea", "Black", "troops", "Tripoli", "Lebanese", "police", "arrested", "protesters", "Ülgen",
          "New", "York", "Columbia", "Missouri", "\n", "(", ")", "—", "Kremlin", "Washington", "visit"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=30))
def test_where_hostile_text_gives_valid_places_or_none(words):
    from tieline.model import Article

    doc = _pipeline()(Article(id="h", text=" ".join(words)))
    for e in doc.events:
        loc = e.location
        if loc is None:
            continue
        assert loc.feature in ("country", "admin1", "city", "place") and loc.name
        assert (loc.lat is None) == (loc.lon is None)
        assert loc.lat is None or (-90 <= loc.lat <= 90 and -180 <= loc.lon <= 180)
        assert loc.feature != "country" or loc.lat is None


def test_where_headline_names_cut_after_of_are_made_whole():
    loc = _place("Iran seizes British-flagged tanker in Strait of Hormuz; London warns of consequences")
    assert loc is not None and loc.name == "Strait of Hormuz"


def test_where_a_country_after_on_is_a_target_not_a_place():
    assert _place("The United States imposed sanctions on Russia on Monday.") is None


def test_where_places_of_other_clauses_are_not_the_events():
    text = ("Prime Minister Theresa May ordered 23 Russian diplomats to leave Britain after Moscow failed "
            "to explain how a nerve agent came to be used against a former agent in Salisbury.")
    events = _events(text, "2018-03-14")
    ordered = [e for e in events if e.trigger == "ordered"]
    assert ordered and all(e.location is None or e.location.name != "Salisbury" for e in ordered)


def test_where_coordinated_places_are_both_found():
    from tieline.where.resolve import locate

    doc = _pipeline()(tieline.make_article("Russian missiles struck apartment buildings in Kyiv and Kharkiv."))
    resolver = next(s for s in _pipeline().stages if s.name == "place").resolver
    found = [(m.text, m.location.country) for m in locate(doc, resolver)]
    assert ("Kyiv", "UKR") in found and ("Kharkiv", "UKR") in found
