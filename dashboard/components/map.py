"""The map: the filtered events by place, one circle per city sized by its number of events, and events
whose reports name a state but no city at that state's point. Drawn offline from the gazetteer
etl/knowledge/coordinates.yaml (services/geo.py); the places and their counts are listed below it."""

from __future__ import annotations

import streamlit as st

from dashboard.components import chart
from dashboard.services import geo
from dashboard.services.filters import FilterState, Options, View


@st.cache_resource(show_spinner=False)
def _gazetteer() -> geo.Gazetteer:
    return geo.gazetteer()


def show(view: View, state: FilterState, options: Options) -> None:
    places, unplaced = geo.places(view.events, _gazetteer(), options.country_names)
    chart.show(geo.map_figure(places, unplaced), "map", state, "map")
    if places.empty:
        return
    by_state = int(places.loc[places["level"] == geo.STATE_LEVEL, "events"].sum())
    st.caption(
        f"{int(places['events'].sum()):,} events on the map at {len(places):,} places"
        + (f"; {by_state:,} of them placed by their state, their reports naming no city" if by_state else "")
        + (f"; {unplaced:,} without a known place" if unplaced else "")
        + ". Points come from etl/knowledge/coordinates.yaml; no country outlines are drawn."
    )
    st.dataframe(
        places.assign(level=places["level"].map(geo.LEVEL_WORDS))[["place", "level", "events", "lat", "lon"]],
        hide_index=True,
        key="map-places",
        column_config={
            "place": "Place",
            "level": "Placed by",
            "events": "Events",
            "lat": st.column_config.NumberColumn("Latitude", format="%.2f"),
            "lon": st.column_config.NumberColumn("Longitude", format="%.2f"),
        },
    )
