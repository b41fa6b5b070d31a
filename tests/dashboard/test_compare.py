"""services/compare.py on the fixture tables: periods from the address (with notes on bad values),
themes and actors side by side with counts, shares and change, small numbers marked, new and gone, and
each row's events as an address."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest

from dashboard.services import compare
from dashboard.services.filters import FilterState

D = dt.date
PERIODS = compare.Periods(D(2015, 1, 1), D(2024, 12, 31), D(2004, 1, 1), D(2014, 12, 31))


def test_default_periods_split_the_years(options) -> None:
    p = compare.default_periods(options)
    assert p == compare.Periods(D(2014, 1, 1), D(2024, 12, 31), D(2004, 1, 1), D(2013, 12, 31))
    assert p.words() == "2014–2024 compared with 2004–2013"


def test_periods_from_the_address(options) -> None:
    params = {"cmp_start": "2021-01-01", "cmp_end": "2024-12-31", "base_start": "2015-01-01",
              "base_end": "2020-12-31"}
    p, notes = compare.parse_periods(params, options)
    assert p == compare.Periods(D(2021, 1, 1), D(2024, 12, 31), D(2015, 1, 1), D(2020, 12, 31)) and notes == []
    assert compare.periods_query(p) == {k: [v] for k, v in params.items()}


def test_bad_periods_are_noted_and_replaced(options) -> None:
    p, notes = compare.parse_periods(
        {"cmp_start": "2021-02-30", "cmp_end": "soon", "base_start": "2015-01-01", "base_end": "2010-01-01"},
        options)
    assert p == compare.default_periods(options)
    assert notes == [
        "Ignored cmp_start '2021-02-30': there is no such date.",
        "Ignored cmp_end 'soon': dates are written YYYY-MM-DD.",
        "Ignored base_start 2015-01-01 and base_end 2010-01-01: the start is after the end.",
    ]


def test_span_words() -> None:
    assert compare.span_words(D(2015, 1, 1), D(2020, 12, 31)) == "2015–2020"
    assert compare.span_words(D(2015, 1, 1), D(2015, 12, 31)) == "2015"
    assert compare.span_words(D(2015, 3, 1), D(2016, 2, 29)) == "2015-03-01 to 2016-02-29"


@pytest.fixture(scope="module")
def both(data):
    return compare.views(data, FilterState(), PERIODS)


def test_each_period_is_filtered_by_its_dates(both) -> None:
    now, base = both
    assert compare.summary(now, base) == {"events": 8, "base_events": 4}
    assert now.events["start_date"].min().year >= 2015 and base.events["start_date"].max().year <= 2014


def test_sidebar_filters_apply_to_both(data) -> None:
    now, base = compare.views(data, FilterState(themes=("terrorism",), start=D(2000, 1, 1)), PERIODS)
    assert compare.summary(now, base) == {"events": 2, "base_events": 2}


def test_theme_table_counts_shares_and_change(both) -> None:
    table = compare.theme_table(*both)
    assert list(table.columns) == compare.COLUMNS
    terror = table.set_index("key").loc["terrorism"]
    assert (terror["count"], terror["base_count"]) == (2, 2)
    assert terror["share"] == pytest.approx(2 / 8) and terror["base_share"] == pytest.approx(2 / 4)
    assert terror["change"] == 0 and terror["share_change"] == pytest.approx(2 / 8 - 2 / 4)
    assert terror["status"] == "down" and bool(terror["small"])
    assert set(table["status"]) <= set(compare.STATUSES)


def test_new_and_gone(both) -> None:
    table = compare.theme_table(*both)
    new, gone = compare.new_and_gone(table)
    statuses = table.set_index("label")["status"]
    assert new and all(statuses[x] == "new" for x in new)
    assert "Cybersecurity" in new
    assert all(table.set_index("label").loc[g, "count"] == 0 for g in gone)


def test_actor_table_counts_those_that_took_part(data, both) -> None:
    table = compare.actor_table(*both)
    assert "NATO" not in set(table["label"])  # only mentioned in 2023
    with_mentioned = compare.actor_table(*compare.views(data, FilterState(mentioned=True), PERIODS))
    nato = with_mentioned.set_index("label").loc["NATO"]
    assert nato["status"] == "new" and nato["kind"] == "organization"
    persons = compare.actor_table(*both, kind="person")
    assert set(persons["kind"]) == {"person"}


def test_small_numbers_are_marked(both) -> None:
    table = compare.actor_table(*both)
    sco = table.set_index("label").loc["SCO"]
    assert (sco["count"], sco["base_count"]) == (7, 4) and bool(sco["small"])  # 4 in the baseline: small
    assert all(table["small"] == ((table["count"] < compare.SMALL) | (table["base_count"] < compare.SMALL)))


def test_each_row_links_to_its_events(options, both) -> None:
    state = FilterState(formats=("video",))
    themes = compare.with_links(compare.theme_table(*both), state, PERIODS, "theme", options)
    link = themes.set_index("key").loc["terrorism", "events"]
    assert link.startswith("?")
    q = parse_qs(link[1:])
    assert q == {"start": ["2015-01-01"], "end": ["2024-12-31"], "theme": ["terrorism"], "format": ["video"],
                 "tab": ["events"]}
    actors = compare.with_links(compare.actor_table(*both), FilterState(), PERIODS, "actor", options)
    by = actors.set_index("label")
    assert parse_qs(by.loc["SCO", "base_events"][1:])["org"] == ["SCO"]
    assert parse_qs(by.loc["Vladimir Norov", "events"][1:])["person"] == ["Vladimir Norov"]
    assert parse_qs(by.loc["TJK", "events"][1:])["country"] == ["TJK"]


def test_a_link_to_an_actor_only_mentioned_includes_them(options) -> None:
    q = parse_qs(compare.events_query(FilterState(), D(2023, 1, 1), D(2023, 12, 31), "org", "NATO", options)[1:])
    assert q["mentioned"] == ["1"]


def test_comparison_figure_side_by_side_and_hatched(both) -> None:
    table = compare.theme_table(*both)
    fig = compare.comparison_figure(table, PERIODS, "Themes")
    assert [t.name for t in fig.data] == ["Baseline 2004–2014", "Period 2015–2024"]
    assert fig.layout.barmode == "group"
    assert "Hatched: fewer than 5 events" in fig.layout.title.subtitle.text
    period = fig.data[1]
    assert all(shape == "/" for shape in period.marker.pattern.shape)  # every count here is under 5
    assert "read with care" in period.customdata[0][1]


def test_empty_comparison(data) -> None:
    now, base = compare.views(data, FilterState(q="no such words anywhere"), PERIODS)
    table = compare.theme_table(now, base)
    assert table.empty
    assert "No events in either period" in compare.comparison_figure(table, PERIODS).layout.annotations[0].text
    assert compare.with_links(table, FilterState(), PERIODS, "theme").empty
