"""The metrics above the tabs: events, participants, organisations and themes, and the span covered."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.services.data import ORGANIZATION, Data
from dashboard.services.filters import View


def show(data: Data, view: View) -> None:
    ep = view.event_participants
    c = st.columns(4)
    c[0].metric("Events", f"{len(view.events):,}")
    c[1].metric(
        "Participants",
        f"{ep['participant_id'].nunique():,}",
        help="Distinct persons, organisations and states taking part (and, if switched on, only mentioned)",
    )
    c[2].metric("Organisations", f"{ep.loc[ep['kind'] == ORGANIZATION, 'participant_id'].nunique():,}")
    c[3].metric("Themes", f"{view.event_themes['theme_id'].nunique():,}")
    first = view.events["start_date"].min()
    last = view.events["end_date"].fillna(view.events["start_date"]).max()
    if pd.notna(first):
        st.caption(
            f"Date span covered: **{first:%Y-%m-%d}** to **{last:%Y-%m-%d}** "
            f"({len(view.events):,} of {len(data.events):,} events)"
        )
