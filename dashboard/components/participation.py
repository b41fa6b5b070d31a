"""The Participation tab: top persons, organisations and states, one actor's events over time, and who
meets whom. It counts the participations of the view: actors that took part, or also those only
mentioned when the sidebar switch is on."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.components import chart, sidebar
from dashboard.services import charts
from dashboard.services.data import ORGANIZATION, PERSON, STATE
from dashboard.services.filters import FilterState, View, slug

KINDS = {"Organisations": ORGANIZATION, "Persons": PERSON, "States": STATE, "All": None}
TOP = ((PERSON, "top-persons"), (ORGANIZATION, "top-organisations"), (STATE, "top-states"))


def show(view: View, state: FilterState) -> None:
    ep = view.event_participants
    for col, (kind, what) in zip(st.columns(len(TOP)), TOP, strict=True):
        with col:
            chart.show(charts.top_actors(ep, kind), what, state, what, on_pick=open_actor_page)
    st.caption("Click a bar to open that actor's page.")
    st.subheader("Events of one actor", anchor=False)
    ranked = pd.concat([charts.actor_counts(ep, k).assign(kind=k) for k in (ORGANIZATION, PERSON, STATE)])
    ranked = ranked.sort_values(["events", "label"], ascending=[False, True], kind="stable")
    if ranked.empty:
        st.caption("No actors in these events.")
    else:
        counts = dict(zip(ranked["label"], ranked["events"], strict=False))
        actor = st.selectbox("Actor", list(counts), key="actor", format_func=lambda a: f"{a} ({counts[a]} events)")
        ids = ep.loc[ep["label"] == actor, "event_id"].unique()
        chart.show(
            charts.actor_timeline(view.events[view.events["event_id"].isin(ids)], actor),
            f"events-of-{slug(actor)}",
            state,
            "actor",
        )
    kind_label = st.radio("Who meets whom among", list(KINDS), horizontal=True, key="co_kind")
    chart.show(charts.co_participation(ep, KINDS[kind_label]), "who-meets-whom", state, "co")


def open_actor_page(label: object) -> None:
    """Open the Actor tab on the actor whose bar was clicked, the filters kept (the address says so)."""
    if isinstance(label, str) and label:
        sidebar.open_actor_page(label)
        st.rerun()
