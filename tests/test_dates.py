"""Tests for tieline.when.dates: finding and resolving date expressions."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tieline.when.dates import PRECISIONS, DateMention, date_for, find_dates

GOLDEN = Path(__file__).parent / "data" / "dates_golden.tsv"
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
FRIDAY = dt.date(2022, 9, 16)


def _golden_rows() -> list[dict[str, str]]:
    with GOLDEN.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _golden_rows()


def test_dates_golden_file_is_large_enough() -> None:
    assert len(ROWS) >= 80
    assert all(row["future"] in ("0", "1") for row in ROWS)
    assert all(row["expected_precision"] in ("", *PRECISIONS) for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[f"{i}:{r['text'][:40]}" for i, r in enumerate(ROWS)])
def test_dates_golden(row: dict[str, str]) -> None:
    text = row["text"]
    published = dt.date.fromisoformat(row["published"])
    mentions = find_dates(text, published, future=row["future"] == "1")
    for m in mentions:
        assert m.text == text[m.start:m.end]
    want = row["expected_text"]
    if not row["expected_date"]:
        if not want:
            assert mentions == []
        else:
            lo = text.index(want)
            hi = lo + len(want)
            assert not [m for m in mentions if m.start < hi and m.end > lo], mentions
        return
    found = [m for m in mentions if m.text == want]
    assert found, f"{want!r} not in {[m.text for m in mentions]}"
    assert found[0].date == dt.date.fromisoformat(row["expected_date"])
    assert found[0].precision == row["expected_precision"]


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(WEEKDAY_NAMES))
def test_dates_weekday_past_is_within_the_week_before(published: dt.date, name: str) -> None:
    (m,) = find_dates(f"Officials said on {name} that talks had failed.", published)
    assert 0 <= (published - m.date).days <= 6
    assert m.date.weekday() == WEEKDAY_NAMES.index(name)
    assert m.precision == "day"


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(WEEKDAY_NAMES))
def test_dates_weekday_future_is_within_the_week_after(published: dt.date, name: str) -> None:
    (m,) = find_dates(f"The envoy will visit on {name}.", published, future=True)
    assert 0 <= (m.date - published).days <= 6
    assert m.date.weekday() == WEEKDAY_NAMES.index(name)


@given(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.sampled_from(WEEKDAY_NAMES))
def test_dates_last_and_next_weekday_are_strict(published: dt.date, name: str) -> None:
    last, nxt = find_dates(f"It began last {name} and ends next {name}.", published)
    assert 1 <= (published - last.date).days <= 7
    assert 1 <= (nxt.date - published).days <= 7


@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.-/$MayrchJunedoTsFiWkl")), max_size=60),
       st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), st.booleans())
def test_dates_spans_are_consistent_on_any_text(
    text: str, published: dt.date, future: bool
) -> None:
    mentions = find_dates(text, published, future=future)
    ends = [m.end for m in mentions]
    for prev_end, m in zip([0, *ends], mentions):
        assert prev_end <= m.start < m.end <= len(text)
        assert m.text == text[m.start:m.end]
        assert m.precision in PRECISIONS


def test_dates_mentions_are_in_text_order_and_disjoint() -> None:
    text = "On Monday, a day after the March 3 vote, troops left; in 2019 they returned last week."
    mentions = find_dates(text, FRIDAY)
    assert [m.text for m in mentions] == ["On Monday", "March 3", "in 2019", "last week"]


def test_dates_future_flips_months_and_days() -> None:
    past = find_dates("in October, on Oct. 17", FRIDAY)
    fut = find_dates("in October, on Oct. 17", FRIDAY, future=True)
    assert [m.date.year for m in past] == [2021, 2021]
    assert [m.date.year for m in fut] == [2022, 2022]


def test_dates_explicit_direction_ignores_future_flag() -> None:
    (m,) = find_dates("They met last Thursday.", FRIDAY, future=True)
    assert m.date == dt.date(2022, 9, 15)
    (m,) = find_dates("Prices rose last month.", FRIDAY, future=True)
    assert m.date == dt.date(2022, 8, 15)


def test_dates_offset_without_a_date_is_skipped() -> None:
    assert find_dates("Talks began a day after the president flew to Asmara.", FRIDAY) == []
    assert find_dates("Hours before the vote, polls closed.", FRIDAY) == []


def test_dates_offset_anchors_to_preceding_date() -> None:
    text = "Police said on Friday, September 9, that the men had been held two days earlier."
    mentions = find_dates(text, FRIDAY)
    assert mentions[-1].text == "two days earlier"
    assert mentions[-1].date == dt.date(2022, 9, 7)


def test_dates_guarded_months_need_context() -> None:
    assert find_dates("May told parliament the March would go ahead.", FRIDAY) == []
    texts = [m.text for m in find_dates("in May, by March, May 5, March 2019", FRIDAY)]
    assert texts == ["in May", "by March", "May 5", "March 2019"]


def test_dates_accepts_datetime_published() -> None:
    (m,) = find_dates("yesterday", dt.datetime(2022, 9, 16, 23, 30))
    assert m.date == dt.date(2022, 9, 15)
    assert type(m.date) is dt.date


def test_dates_rejects_non_date_published() -> None:
    with pytest.raises(TypeError):
        find_dates("yesterday", "2022-09-16")  # type: ignore[arg-type]


def test_dates_mention_is_frozen_and_validated() -> None:
    m = DateMention(0, 9, "yesterday", FRIDAY, "day")
    with pytest.raises(dataclasses.FrozenInstanceError):
        m.start = 3  # type: ignore[misc]
    with pytest.raises(ValueError):
        DateMention(0, 9, "yesterday", FRIDAY, "hour")
    with pytest.raises(ValueError):
        DateMention(5, 2, "x", FRIDAY, "day")


def test_dates_date_for_prefers_window() -> None:
    text = "After talks on Monday, the two leaders signed the accord on Wednesday."
    anchor = text.index("signed")
    near = date_for(text, anchor, FRIDAY)
    assert near is not None and near.text == "on Wednesday"
    first_clause = (0, text.index(","))
    inside = date_for(text, anchor, FRIDAY, window=first_clause)
    assert inside is not None and inside.text == "on Monday"
    assert inside.date == dt.date(2022, 9, 12)


def test_dates_date_for_falls_back_when_window_is_empty() -> None:
    text = "The minister said on Thursday that troops had withdrawn."
    m = date_for(text, text.index("withdrawn"), FRIDAY, window=(text.index("troops"), len(text)))
    assert m is not None and m.text == "on Thursday"


def test_dates_date_for_nearest_and_tie_goes_forward() -> None:
    text = "On Monday X; attacked on Tuesday"
    m = date_for(text, text.index("attacked"), FRIDAY)
    assert m is not None and m.text == "on Tuesday"
    text = "Monday met Tuesday"
    m = date_for(text, text.index("met"), FRIDAY)
    assert m is not None and m.text == "Tuesday"


def test_dates_date_for_future() -> None:
    text = "The president will visit Kyiv on Saturday."
    m = date_for(text, text.index("visit"), FRIDAY, future=True)
    assert m is not None and m.date == dt.date(2022, 9, 17)


def test_dates_date_for_none_without_dates() -> None:
    assert date_for("Troops fired on protesters.", 7, FRIDAY) is None
    assert date_for("", 0, FRIDAY) is None


def test_dates_page_without_publication_date_reads_its_dateline() -> None:
    from tieline.api import extract

    dated = extract("LIMA, June 9, 2021 — Peru expelled the Bolivian ambassador on Tuesday.", published=None)
    assert [(e.root, e.date) for e in dated] == [("16", dt.date(2021, 6, 8))]
    undated = extract("Peru expelled the Bolivian ambassador on Tuesday.", published=None)
    assert [e.date for e in undated] == [None]
