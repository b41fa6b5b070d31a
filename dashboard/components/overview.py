"""The metrics above the tabs: events, participants, organisations and themes, and the span covered."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.services.data import ORGANIZATION, Data
from dashboard.services.filters import FilterState, View


def show(data: Data, view: View, state: FilterState) -> None:
    """The metrics of `view`, which `state` made."""
    events, participants, organisations, themes, first, last = figures(data, view, state)
    c = st.columns(4)
    c[0].metric("Events", f"{events:,}")
    c[1].metric(
        "Participants",
        f"{participants:,}",
        help="Distinct persons, organisations and states taking part (and, if switched on, only mentioned)",
    )
    c[2].metric("Organisations", f"{organisations:,}")
    c[3].metric("Themes", f"{themes:,}")
    if pd.notna(first):
        st.caption(
            f"Date span covered: **{first:%Y-%m-%d}** to **{last:%Y-%m-%d}** "
            f"({events:,} of {len(data.events):,} events)"
        )


def figures(data: Data, view: View, state: FilterState) -> tuple:
    """Events, participants, organisations, themes, first and last day of `view`, which `state` made:
    remembered by it for the next visitor (Data.remembered)."""
    return data.remembered(("overview", state), lambda: _figures(view))


def _figures(view: View) -> tuple:
    ep = view.event_participants
    first = view.events["start_date"].min()
    last = view.events["end_date"].fillna(view.events["start_date"]).max()
    return (len(view.events), ep["participant_id"].nunique(),
            ep.loc[ep["kind"] == ORGANIZATION, "participant_id"].nunique(), view.event_themes["theme_id"].nunique(),
            first, last)
