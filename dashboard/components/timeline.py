"""The Timeline tab: every event on a time axis, and events per month, quarter or year."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from dashboard.components import chart
from dashboard.services import charts
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, View

DEFAULT_COLOUR = "event_type"
DEFAULT_PERIOD = charts.PERIODS[2]


def show(data: Data, view: View, state: FilterState) -> None:
    choices = {"Event type": DEFAULT_COLOUR}
    if data.has_leading_org:
        choices["Leading organisation"] = "leading_org"
    by = st.radio("Colour by", list(choices), horizontal=True, key="colour_by")
    chart.show(timeline_figure(data, view, state, choices[by]), "timeline", state, "timeline")
    period = st.radio("Count per", list(charts.PERIODS), index=charts.PERIODS.index(DEFAULT_PERIOD), horizontal=True,
                      key="period")
    chart.show(counts_figure(data, view, state, period), f"events-per-{period}", state, "counts")


# Remembered by the filters: the same view gives the same figures to every visitor (Data.remembered).
def timeline_figure(data: Data, view: View, state: FilterState, colour: str) -> go.Figure:
    return data.remembered(("timeline", state, colour), lambda: charts.timeline(view.events, colour))


def counts_figure(data: Data, view: View, state: FilterState, period: str) -> go.Figure:
    return data.remembered(("counts", state, period), lambda: charts.counts_by_period(view.events, period))


def remember_first_page(data: Data, view: View, state: FilterState) -> None:
    """Make the figures the tab opens with (see dashboard/app.py: `warm_first_page`)."""
    timeline_figure(data, view, state, DEFAULT_COLOUR)
    counts_figure(data, view, state, DEFAULT_PERIOD)
