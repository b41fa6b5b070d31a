"""Figure builders, checked on their traces and values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.services import charts
from dashboard.services.colours import PALETTE, org_colour, theme_colour, type_colour
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, apply_filters


@pytest.fixture(scope="module")
def view(data: Data):
    return apply_filters(data, FilterState())


def _is_empty_figure(fig: go.Figure) -> bool:
    return len(fig.data) == 0 and "No events" in fig.layout.annotations[0].text


def test_timeline_one_trace_per_type_all_events(view) -> None:
    fig = charts.timeline(view.events)
    names = [t.name for t in fig.data]
    assert names == sorted(view.events["event_type"].unique())
    assert sum(len(t.x) for t in fig.data) == 12
    conf = next(t for t in fig.data if t.name == "conference")
    assert len(conf.x) == 3
    assert conf.marker.color == type_colour("conference")
    assert set(conf.y) == {"conference"}
    # Hover text carries title, place, participants and themes.
    hover = next(h for h in conf.text if "Astana Summit" in h)
    assert "Astana, KAZ" in hover and "Muratbek Imanaliev" in hover and "Security architecture" in hover
    assert fig.layout.title.text == "Events over time"
    assert fig.layout.xaxis.title.text == "Date"


def test_timeline_by_leading_org(view) -> None:
    fig = charts.timeline(view.events, "leading_org")
    by_name = {t.name: len(t.x) for t in fig.data}
    assert by_name == {"ODIHR": 2, "OSCE": 5, "SCO": 2, "UNOCT": 1, "UNODC": 1, "UNRCCA": 1}
    assert next(t for t in fig.data if t.name == "SCO").marker.color == org_colour("SCO")


def test_timeline_uses_webgl_for_many_points() -> None:
    n = charts.WEBGL_THRESHOLD + 1
    ev = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "title": "t",
            "event_type": "meeting",
            "start_date": pd.date_range("2000-01-01", periods=n, freq="D"),
            "end_date": pd.NaT,
        }
    )
    fig = charts.timeline(ev)
    assert isinstance(fig.data[0], go.Scattergl) and len(fig.data[0].x) == n


@pytest.mark.parametrize("period", ["year", "quarter", "month"])
def test_counts_by_period_stack_sums_to_event_count(view, period: str) -> None:
    fig = charts.counts_by_period(view.events, period)
    assert fig.layout.barmode == "stack"
    assert sum(int(np.sum(t.y)) for t in fig.data) == 12
    assert len(fig.data) == view.events["event_type"].nunique()


def test_counts_by_year_values(view) -> None:
    fig = charts.counts_by_period(view.events, "year")
    obs = next(t for t in fig.data if t.name == "observation")
    assert {x: y for x, y in zip(obs.x, obs.y, strict=True) if y} == {2004: 1, 2024: 1}
    other = next(t for t in fig.data if t.name == "other")
    assert {x: y for x, y in zip(other.x, other.y, strict=True) if y} == {2024: 1}
    assert fig.layout.xaxis.title.text == "Year" and fig.layout.yaxis.title.text == "Events"


def test_counts_by_month_bins(view) -> None:
    fig = charts.counts_by_period(view.events, "month")
    meet = next(t for t in fig.data if t.name == "meeting")
    assert pd.Timestamp("2019-11-01") in list(pd.to_datetime(meet.x))
    with pytest.raises(ValueError):
        charts.counts_by_period(view.events, "week")


def test_top_organisations_values_and_colours(view) -> None:
    fig = charts.top_actors(view.event_participants, "organization")
    bar = fig.data[0]
    values = dict(zip(bar.y, bar.x, strict=True))
    assert values["SCO"] == 11 and values["OSCE"] == 10 and values["ODIHR"] == 2
    assert list(bar.y)[-1] == "SCO"  # largest drawn at the top
    assert list(bar.marker.color)[-1] == org_colour("SCO")


def test_top_persons_have_roles(view) -> None:
    counts = charts.actor_counts(view.event_participants, "person")
    top = counts.set_index("label")
    assert top.loc["Vladimir Norov", "events"] == 2
    assert top.loc["Vladimir Norov", "roles"] == "Secretary-General"
    assert list(counts["label"][:2]) == ["Thomas Greminger", "Vladimir Norov"]
    fig = charts.top_actors(view.event_participants, "person", n=3)
    assert len(fig.data[0].y) == 3
    assert "Roles: Secretary General" in " ".join(fig.data[0].hovertext)


def test_top_states(view) -> None:
    fig = charts.top_actors(view.event_participants, "state")
    values = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert values == {"KAZ": 2, "AUT": 2, "TJK": 2, "AFG": 2, "CHN": 1, "TKM": 1, "UZB": 1}


def test_co_participation_matrix(view) -> None:
    fig = charts.co_participation(view.event_participants, "organization")
    hm = fig.data[0]
    names = list(hm.x)
    assert names[:2] == ["SCO", "OSCE"]
    m = np.array(hm.text)
    assert m[0, 1] == m[1, 0] == 9  # SCO and OSCE share nine events
    assert m[0, 0] == 11  # the diagonal text keeps each one's own count
    assert np.isnan(np.array(hm.z, dtype=float)[0, 0])  # but it is not coloured
    assert (m == m.T).all()


def test_actor_timeline(data: Data, view) -> None:
    ep = view.event_participants
    ids = ep.loc[ep["label"] == "Vladimir Norov", "event_id"].unique()
    fig = charts.actor_timeline(view.events[view.events["event_id"].isin(ids)], "Vladimir Norov")
    assert fig.layout.title.text == "Events of Vladimir Norov"
    assert sum(len(t.x) for t in fig.data) == 2


def test_theme_frequencies(view) -> None:
    fig = charts.theme_frequencies(view.event_themes)
    bar = fig.data[0]
    values = dict(zip(bar.y, bar.x, strict=True))
    assert values["Terrorism"] == 4 and values["Drug trafficking"] == 3 and values["Elections"] == 2
    assert list(bar.y)[-1] == "Terrorism"
    colours = dict(zip(bar.customdata, bar.marker.color, strict=True))
    assert colours["terrorism"] == theme_colour("terrorism")


def test_theme_year_heatmap(view) -> None:
    fig = charts.theme_year_heatmap(view.event_themes, view.events)
    hm = fig.data[0]
    z = np.array(hm.z)
    assert list(hm.x) == list(range(2004, 2025))  # every year, including those with no event
    assert z.sum() == len(view.event_themes)
    row = list(hm.y).index("Terrorism")
    assert dict(zip(hm.x, z[row], strict=True))[2019] == 1
    assert z[row].sum() == 4


def test_theme_cooccurrence(view) -> None:
    fig = charts.theme_cooccurrence(view.event_themes)
    hm = fig.data[0]
    names = list(hm.x)
    m = np.array(hm.text)
    i, j = names.index("Terrorism"), names.index("Youth")
    assert m[i, j] == 2
    assert m[names.index("Elections"), names.index("Human rights")] == 2


def test_every_builder_copes_with_empty_frames(view) -> None:
    figs = charts.all_figures(view.events.iloc[:0], view.event_participants.iloc[:0], view.event_themes.iloc[:0])
    assert len(figs) == 9
    for name, fig in figs.items():
        assert _is_empty_figure(fig), name
        assert fig.layout.title.text, name


def test_all_figures_have_titles_and_axis_labels(view) -> None:
    figs = charts.all_figures(view.events, view.event_participants, view.event_themes)
    for name, fig in figs.items():
        assert fig.layout.title.text, name
        assert fig.layout.xaxis.title.text, name


def test_colours_stable_and_distinct() -> None:
    assert theme_colour("terrorism") == theme_colour("terrorism") == PALETTE[0]
    themes = ["terrorism", "extremism", "separatism", "drug-trafficking", "cybersecurity"]
    assert len({theme_colour(t) for t in themes}) == len(themes)
    assert org_colour("SCO") != org_colour("OSCE")
    assert org_colour("New Org") == org_colour("New Org") in PALETTE  # hashed, but stable
    assert org_colour(None) == type_colour(None)
    assert (
        len(
            {
                type_colour(t)
                for t in [
                    "meeting",
                    "visit",
                    "conference",
                    "forum",
                    "consultation",
                    "briefing",
                    "signing",
                    "observation",
                    "other",
                ]
            }
        )
        == 9
    )


def test_timeline_large_view_keeps_every_point_with_lean_hover() -> None:
    n = charts.RICH_HOVER_LIMIT + 1
    ev = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "title": [f"Meeting {i}" for i in range(n)],
            "event_type": ["meeting", "visit"] * (n // 2) + ["visit"],
            "start_date": pd.date_range("1990-01-01", periods=n, freq="D"),
            "end_date": pd.NaT,
            "place": "Vienna, AUT",
        }
    )
    fig = charts.timeline(ev)
    assert sum(len(t.x) for t in fig.data) == n
    first = fig.data[0]
    assert first.x[0] == pd.Timestamp("1990-01-01").value / 1e6  # epoch milliseconds on a date axis
    assert fig.layout.xaxis.type == "date"
    assert first.text[0] == "Meeting 0" and "%{x|%Y-%m-%d}" in first.hovertemplate


def test_count_axes_show_whole_numbers(view) -> None:
    assert charts.counts_by_period(view.events, "year").layout.yaxis.dtick == 1
    assert charts.top_actors(view.event_participants, "person").layout.xaxis.dtick == 1  # at most 2 events each
    assert charts.top_actors(view.event_participants, "organization").layout.xaxis.dtick is None  # SCO: 11
    assert charts.theme_frequencies(view.event_themes).layout.xaxis.tickformat == ",d"


def test_text_from_data_is_shown_as_text_in_charts(view) -> None:
    ep = view.event_participants.copy()
    evil = "<a href='https://example.org'>click</a> & <b>bold</b>"
    ep.loc[ep["label"] == "SCO", "label"] = evil
    ep.loc[ep["name"] == "Shanghai Cooperation Organisation", "name"] = evil
    bar = charts.top_actors(ep, "organization").data[0]
    shown = "&lt;a href='https://example.org'&gt;click&lt;/a&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    assert shown in list(bar.y) and "<a " not in "".join(bar.y)
    assert "<b>" + shown + "</b>" in "".join(bar.hovertext)  # the hover's own <b> stays, the data's is text
    assert shown in list(charts.co_participation(ep).data[0].x)
    events = view.events.copy()
    events["title"] = "<i>title</i>"
    hover = "".join(charts.timeline(events).data[0].text)
    assert "&lt;i&gt;title&lt;/i&gt;" in hover and "<i>" not in hover
    assert charts.actor_timeline(events, "<b>x</b>").layout.title.text == "Events of &lt;b&gt;x&lt;/b&gt;"
