"""The Timeline tab: every event on a time axis, and events per month, quarter or year."""

from __future__ import annotations

import streamlit as st

from dashboard.components import chart
from dashboard.services import charts
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, View


def show(data: Data, view: View, state: FilterState) -> None:
    choices = {"Event type": "event_type"}
    if data.has_leading_org:
        choices["Leading organisation"] = "leading_org"
    by = st.radio("Colour by", list(choices), horizontal=True, key="colour_by")
    # Remembered by the filters: the same view gives the same figures to every visitor (Data.remembered).
    figure = data.remembered(("timeline", state, choices[by]), lambda: charts.timeline(view.events, choices[by]))
    chart.show(figure, "timeline", state, "timeline")
    period = st.radio("Count per", list(charts.PERIODS), index=2, horizontal=True, key="period")
    counts = data.remembered(("counts", state, period), lambda: charts.counts_by_period(view.events, period))
    chart.show(counts, f"events-per-{period}", state, "counts")
