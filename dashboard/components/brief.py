"""The "Download brief" buttons: one self-contained HTML file of the current view (filters in words, key
figures, charts, top events with their sources), named after the filters, and the same as PDF when a
Chrome or Chromium on the server can print it. Built only when clicked."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import plotly.graph_objects as go
import streamlit as st

from dashboard.services import brief, export
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, Options, View


def show(
    data: Data,
    view: View,
    state: FilterState,
    options: Options,
    figures: Callable[[], Mapping[str, go.Figure]] | None = None,
    key: str = "brief",
) -> None:
    """The button; `figures` gives the charts to include (default: events per year, themes, top
    organisations and the map of the view). Charts are PNG images when Chrome or Chromium is on the server."""

    def page() -> str:
        figs = figures() if figures is not None else brief.standard_figures(view, options.country_names)
        return brief.brief_html(data, view, state, options, figs, image=brief.default_image())

    row = st.container(horizontal=True, vertical_alignment="center")
    row.download_button(
        "Download brief",
        data=lambda: page().encode("utf-8"),
        file_name=brief.file_name(state),
        mime="text/html",
        key=f"dl-{key}",
        on_click="ignore",
        icon=":material/description:",
        help="One HTML file of this view: the filters in words, key figures, charts and the top events with "
        "their sources. It opens offline.",
    )
    row.download_button(
        "PDF",
        data=lambda: brief.brief_pdf(page()),
        file_name=brief.file_name(state, "pdf"),
        mime="application/pdf",
        key=f"dl-{key}-pdf",
        on_click="ignore",
        disabled=export.chrome_path() is None,
        help="The brief as PDF, printed by the Chrome or Chromium on the server.",
    )
