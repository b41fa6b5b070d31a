"""The Themes tab: how often each theme comes up, themes by year, and themes that come up together."""

from __future__ import annotations

import streamlit as st

from dashboard.components import chart
from dashboard.services import charts
from dashboard.services.filters import FilterState, View


def show(view: View, state: FilterState) -> None:
    c1, c2 = st.columns([2, 3])
    with c1:
        chart.show(charts.theme_frequencies(view.event_themes), "theme-frequencies", state, "theme-freq")
    with c2:
        chart.show(charts.theme_year_heatmap(view.event_themes, view.events), "themes-by-year", state, "theme-year")
    chart.show(charts.theme_cooccurrence(view.event_themes), "themes-together", state, "theme-co")
