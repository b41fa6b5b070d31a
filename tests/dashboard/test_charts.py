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


def _large_events(n: int, seed: int = 3) -> pd.DataFrame:
    """A synthetic view of n events over 21 years, nine types, three leading organisations, a few undated."""
    rng = np.random.default_rng(seed)
    types = np.array(["meeting", "visit", "conference", "forum", "consultation", "briefing", "signing",
                      "observation", "other"])
    start = pd.Timestamp("2004-01-01") + pd.to_timedelta(rng.integers(0, 7670, n), unit="D")
    ev = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "title": [f"Meeting {i}" for i in range(n)],
            "event_type": types[rng.integers(0, len(types), n)],
            "start_date": start,
            "end_date": pd.NaT,
            "leading_org": np.array(["SCO", "OSCE", "ODIHR", None], dtype=object)[rng.integers(0, 4, n)],
        }
    )
    ev.loc[ev.index[:10], "start_date"] = pd.NaT
    return ev


@pytest.mark.parametrize("n", [charts.POINT_LIMIT + 11, 100_000])
@pytest.mark.parametrize("color_by", ["event_type", "leading_org"])
def test_timeline_of_a_large_view_is_binned_with_bounded_marks(n: int, color_by: str) -> None:
    ev = _large_events(n)
    fig = charts.timeline(ev, color_by)
    marks = sum(len(t.x) for t in fig.data)
    # One circle per type, colour and period (the finest period that keeps under MAX_BINS circles; here at
    # worst 9 types x 4 colours x 21 years = 756), whatever the number of events.
    assert marks <= charts.MAX_BINS
    assert all(isinstance(t, go.Scatter) for t in fig.data)  # SVG: a few hundred circles draw fast
    # Same meaning: every dated event is counted once, in its colour group, on its type's row.
    assert sum(int(np.sum(t.marker.size)) for t in fig.data) == n - 10
    groups = ev.loc[ev["start_date"].notna(), color_by].fillna("(none)")
    assert {t.name: int(np.sum(t.marker.size)) for t in fig.data} == groups.value_counts().to_dict()
    rows = list(fig.layout.yaxis.ticktext)
    assert rows == sorted(ev["event_type"].unique(), reverse=True)
    assert fig.layout.title.text == "Events over time" and "one circle per type" in fig.layout.title.subtitle.text
    assert len(fig.to_json()) < 300_000  # the payload no longer grows with the events


def test_binned_timeline_counts_per_period() -> None:
    # 6,000 meetings on one day each month of 2020 and 2021, all SCO: 24 circles of 250 in the months' middles.
    days = pd.date_range("2020-01-01", "2021-12-01", freq="MS")
    ev = pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(6000)],
            "title": "t",
            "event_type": "meeting",
            "start_date": np.repeat(days, 250),
            "end_date": pd.NaT,
            "leading_org": "SCO",
        }
    )
    fig = charts.timeline(ev)
    (trace,) = fig.data
    assert list(trace.marker.size) == [250] * 24
    assert pd.Timestamp(trace.x[0]) == pd.Timestamp("2020-01-16 12:00")  # the middle of January 2020
    assert trace.hovertext[0] == "<b>250 events</b><br>meeting, 2020-01"
    assert "month" in fig.layout.title.subtitle.text


def test_binned_timeline_takes_coarser_periods_when_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    ev = _large_events(20_000)
    monkeypatch.setattr(charts, "MAX_BINS", 400)
    fig = charts.timeline(ev)
    assert "year" in fig.layout.title.subtitle.text  # 9 types x 84 quarters > 400 circles
    assert sum(int(np.sum(t.marker.size)) for t in fig.data) == 20_000 - 10


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
