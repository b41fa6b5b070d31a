"""The page address <-> FilterState: parsing never fails, notes are plain and short, round trips hold."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.services.filters import FilterState, Options
from dashboard.url_state import parse_query, to_query, without_bound_dates


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
        "start '2010/01/01': dates are written YYYY-MM-DD",
        "end '2021-02-30': there is no such date",
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
        mentioned=st.booleans(),
        corrected=st.booleans(),
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


def test_without_bound_dates(options: Options) -> None:
    state = FilterState(start=options.min_date, end=dt.date(2030, 1, 1), themes=("youth",))
    assert without_bound_dates(state, options) == FilterState(themes=("youth",))
    inside = FilterState(start=dt.date(2010, 1, 1), end=dt.date(2011, 1, 1))
    assert without_bound_dates(inside, options) == inside


def test_mentioned_switch_in_the_address(options: Options) -> None:
    state, notes = parse_query({"mentioned": "1", "org": ["NATO", "SCO"]}, options)
    assert notes == [] and state == FilterState(mentioned=True, orgs=("NATO", "SCO"))
    assert to_query(state, options) == {"org": ["NATO", "SCO"], "mentioned": ["1"]}
    state, notes = parse_query({"org": ["NATO", "SCO"]}, options)
    assert state == FilterState(orgs=("SCO",))
    assert notes == [
        "Ignored org 'NATO': only mentioned in the reports, never taking part "
        "(switch on 'Include actors only mentioned' to use it)."
    ]
    state, notes = parse_query({"mentioned": "yes"}, options)
    assert state == FilterState() and "mentioned=1" in notes[0]
    assert parse_query({"mentioned": "0"}, options) == (FilterState(), [])


def test_corrected_switch_in_the_address(options: Options) -> None:
    state, notes = parse_query({"corrected": "1"}, options)
    assert notes == [] and state == FilterState(corrected=True)
    assert to_query(state, options) == {"corrected": ["1"]}
    state, notes = parse_query({"corrected": "yes"}, options)
    assert state == FilterState() and "corrected=1" in notes[0]
    assert parse_query({"corrected": "0"}, options) == (FilterState(), [])


def test_notes_on_hostile_values_are_short_and_plain(options: Options) -> None:
    params = {
        "org": ["[Session expired](https://example.org/login)", *(f"org{i}" for i in range(500))],
        "start": "2021-02-30",
        "end": "\u202e2020-01-01",
        "**x**": "1",
    }
    state, notes = parse_query(params, options)
    assert state == FilterState()
    assert notes == [
        "Ignored unknown URL parameter(s): '**x**'.",
        "Ignored start '2021-02-30': there is no such date.",
        "Ignored end '2020-01-01': dates are written YYYY-MM-DD.",  # the override is not shown
        "Ignored unknown org value(s): '[Session expired](https://example.org/login)', 'org0', 'org1' "
        "and 498 more.",
    ]


def test_search_text_loses_bidi_controls(options: Options) -> None:
    assert parse_query({"q": " \u202eVienna\u2066 "}, options) == (FilterState(q="Vienna"), [])


def test_long_search_is_shortened(options: Options) -> None:
    state, notes = parse_query({"q": "x" * 500}, options)
    assert len(state.q) == 200 and notes == ["Shortened the search text to 200 characters."]


def test_place_in_the_address() -> None:
    from dashboard.url_state import Place, parse_place, place_query

    assert parse_place({}) == (Place(), [])
    assert parse_place({"tab": "Themes"}) == (Place(tab="themes"), [])
    place, notes = parse_place({"tab": "events", "page": "3", "rows": "500"})
    assert notes == [] and place == Place(tab="events", page=3, rows=500)
    assert place_query(place) == {"tab": ["events"], "page": ["3"], "rows": ["500"]}
    # The table's page and rows go in the address only with the Events tab, and only when not the defaults.
    assert place_query(Place(tab="themes", page=3, rows=500)) == {"tab": ["themes"]}
    assert place_query(Place()) == {}
    place, notes = parse_place({"tab": "[x](https://example.org)", "page": "-1", "rows": "7"})
    assert place == Place()
    assert notes == [
        "Ignored tab '[x](https://example.org)': the tabs are timeline, participation, themes, actor, compare, map, "
        "events, downloads.",
        "Ignored page '-1': pages are numbered 1, 2, 3…",
        "Ignored rows '7': rows per page are 50, 100, 500, 1000.",
    ]


def test_place_parameters_are_not_unknown_to_the_filters(options: Options) -> None:
    assert parse_query({"tab": "themes", "page": "2", "rows": "50"}, options) == (FilterState(), [])


def test_an_actor_in_the_address_opens_the_actor_page_and_keeps_its_view_parameters() -> None:
    from dashboard.url_state import Place, parse_place, view_query

    assert parse_place({"actor": "SCO"}) == (Place(tab="actor"), [])
    assert parse_place({"actor": "SCO", "tab": "map"})[0] == Place(tab="map")  # an explicit tab wins
    params = {"actor": "SCO", "cmp_start": "2015-01-01", "theme": "terrorism"}
    assert view_query(params, "actor") == {"actor": ["SCO"]}
    assert view_query(params, "compare") == {"cmp_start": ["2015-01-01"]}
    assert view_query(params, "timeline") == {}
