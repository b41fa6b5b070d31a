"""Filter state <-> URL query parameters, and filtering the fixture tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.data import Data
from dashboard.filters import (
    FilterState,
    Options,
    apply_filters,
    describe,
    parse_query,
    to_query,
    without_bound_dates,
)

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tables"


def ids(data: Data, **kw: object) -> set[str]:
    return set(apply_filters(data, FilterState(**kw)).events["event_id"])  # type: ignore[arg-type]


def test_no_filter_keeps_everything(data: Data) -> None:
    view = apply_filters(data, FilterState())
    assert len(view.events) == 12
    assert len(view.event_participants) == len(data.event_participants)


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"themes": ("terrorism",)}, 4),
        ({"themes": ("terrorism", "youth")}, 4),  # any of
        ({"themes": ("terrorism", "youth"), "theme_match": "all"}, 2),
        ({"themes": ("elections", "water"), "theme_match": "all"}, 0),
        ({"orgs": ("SCO",)}, 11),
        ({"orgs": ("OSCE",)}, 10),
        ({"orgs": ("SCO RATS",)}, 1),
        ({"persons": ("Vladimir Norov",)}, 2),
        ({"countries": ("KAZ",)}, 2),
        ({"countries": ("AFG",)}, 2),  # no event is held there; it takes part in two
        ({"types": ("conference",)}, 3),
        ({"formats": ("video",)}, 2),
        ({"q": "Dushanbe"}, 2),
        ({"q": "norov"}, 2),
        ({"start": dt.date(2020, 1, 1)}, 5),
        ({"start": dt.date(2004, 10, 1), "end": dt.date(2004, 12, 31)}, 1),  # overlaps 19 Sep - 3 Oct
        ({"end": dt.date(2004, 9, 18)}, 0),
        ({"themes": ("terrorism",), "orgs": ("UNOCT",)}, 1),
    ],
)
def test_filter_counts(data: Data, kw: dict, expected: int) -> None:
    assert len(ids(data, **kw)) == expected


def test_filtered_link_tables_belong_to_filtered_events(data: Data) -> None:
    view = apply_filters(data, FilterState(themes=("elections",)))
    assert set(view.events["event_id"]) == {"ev-2004-kaz-elections", "ev-2024-uzb-elections"}
    assert set(view.event_participants["event_id"]) == set(view.events["event_id"])
    assert set(view.event_themes["theme_id"]) == {
        "elections",
        "human-rights",
        "inter-organisational-cooperation",
    }


def test_parse_query_valid(options: Options) -> None:
    state, notes = parse_query(
        {
            "start": "2010-01-01",
            "end": ["2020-12-31"],
            "theme": ["terrorism", "youth"],
            "theme_match": "all",
            "org": ["SCO"],
            "person": "Vladimir Norov",
            "type": "meeting",
            "format": "video",
            "country": "KAZ",
            "q": " Vienna ",
        },
        options,
    )
    assert notes == []
    assert state == FilterState(
        start=dt.date(2010, 1, 1),
        end=dt.date(2020, 12, 31),
        themes=("terrorism", "youth"),
        theme_match="all",
        orgs=("SCO",),
        persons=("Vladimir Norov",),
        types=("meeting",),
        formats=("video",),
        countries=("KAZ",),
        q="Vienna",
    )


def test_parse_query_drops_bad_values_with_notes(options: Options) -> None:
    state, notes = parse_query(
        {
            "start": "2010/01/01",
            "end": "2021-02-30",
            "theme": ["terrorism", "nope"],
            "org": "NOPE",
            "theme_match": "most",
            "utm_source": "x",
        },
        options,
    )
    assert state == FilterState(themes=("terrorism",))
    text = " ".join(notes)
    for fragment in (
        "utm_source",
        "start='2010/01/01'",
        "end='2021-02-30'",
        "'nope'",
        "'NOPE'",
        "theme_match",
    ):
        assert fragment in text
    assert len(notes) == 6


def test_parse_query_start_after_end(options: Options) -> None:
    state, notes = parse_query({"start": "2020-01-01", "end": "2010-01-01"}, options)
    assert state.start is None and state.end is None
    assert "after the end" in notes[0]


def test_to_query_is_readable_and_minimal(options: Options) -> None:
    state = FilterState(
        start=options.min_date,
        end=dt.date(2019, 12, 31),
        themes=("terrorism", "youth"),
        orgs=("SCO", "OSCE"),
        q="vienna",
    )
    q = to_query(state, options)
    # The start equals the data's first date, so it is left out; lists are repeated parameters.
    assert q == {
        "end": ["2019-12-31"],
        "theme": ["terrorism", "youth"],
        "org": ["SCO", "OSCE"],
        "q": ["vienna"],
    }
    assert to_query(FilterState(), options) == {}
    assert "theme_match" not in to_query(FilterState(theme_match="all"), options)  # no themes: no effect


def _states(options: Options) -> st.SearchStrategy[FilterState]:
    def subset(values: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
        return st.lists(st.sampled_from(values), unique=True, max_size=3).map(tuple)

    day = st.dates(min_value=dt.date(2004, 1, 1), max_value=dt.date(2024, 12, 31))
    return st.builds(
        FilterState,
        start=st.none() | day,
        end=st.none() | day,
        themes=subset(options.themes),
        theme_match=st.sampled_from(["any", "all"]),
        orgs=subset(options.orgs),
        persons=subset(options.persons),
        types=subset(options.types),
        formats=subset(options.formats),
        countries=subset(options.countries),
        q=st.text(alphabet="abc é-", max_size=10).map(str.strip),
    )


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_query_round_trip(options: Options, data: st.DataObject) -> None:
    state = data.draw(_states(options))
    if state.start and state.end and state.start > state.end:
        state = FilterState(**{**state.__dict__, "start": state.end, "end": state.start})
    if not state.themes:
        state = FilterState(**{**state.__dict__, "theme_match": "any"})
    parsed, notes = parse_query(to_query(state), options)  # no options: keep the dates as they are
    assert notes == []
    assert parsed == state


def test_describe_for_file_names() -> None:
    assert describe(FilterState()) == "all"
    name = describe(FilterState(start=dt.date(2010, 1, 1), themes=("terrorism",), orgs=("SCO RATS",), q="a b"))
    assert name == "2010-01-01_to_end_theme-terrorism_org-sco-rats_q-a-b"
    assert len(describe(FilterState(persons=tuple(f"Person number {i}" for i in range(20))))) <= 80


def test_fixture_folder_exists() -> None:
    assert (FIXTURES / "events.csv").is_file()


def test_without_bound_dates(options: Options) -> None:
    state = FilterState(start=options.min_date, end=dt.date(2030, 1, 1), themes=("youth",))
    assert without_bound_dates(state, options) == FilterState(themes=("youth",))
    inside = FilterState(start=dt.date(2010, 1, 1), end=dt.date(2011, 1, 1))
    assert without_bound_dates(inside, options) == inside
