"""Events by place, for the map: each event at its city, or at its state when the reports name no city.

Free of Streamlit, and offline: the points come from the editable gazetteer etl/knowledge/coordinates.yaml
(the cities of places.yaml, a point for each state of countries.yaml), and the map is a plain
longitude/latitude scatter over a grid of meridians and parallels. Plotly's geographic maps (scatter_geo)
fetch their coastlines from a CDN when drawn, and no country outlines ship with the project's packages, so
none are drawn: the points are labelled with their place instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.services.charts import empty_figure
from dashboard.services.safe_text import plot
from etl.knowledge import load_knowledge_file

CITY, STATE_LEVEL = "city", "state"  # how precisely an event is placed
LEVEL_WORDS = {CITY: "city", STATE_LEVEL: "state only (no city named)"}
# Mid tones, legible on Streamlit's light and dark backgrounds; states in a muted grey-blue.
LEVEL_COLOURS = {CITY: "#1f77b4", STATE_LEVEL: "#9d755d"}
GRID_STEP = 15  # degrees between the grid's lines
MAX_SIZE = 30.0  # diameter in pixels of the place with most events


@dataclass(frozen=True)
class Gazetteer:
    """Latitude and longitude of cities (by the canonical name of places.yaml) and states (by ISO alpha-3)."""

    cities: Mapping[str, tuple[float, float]]
    states: Mapping[str, tuple[float, float]]


def _point(value: object) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    return None


def gazetteer(coordinates: Mapping | None = None, countries: Mapping | None = None) -> Gazetteer:
    """The gazetteer from coordinates.yaml (or the mapping given): a state's entry is a point or a city's
    name; a state without an entry stands at its `capital` in countries.yaml."""
    coordinates = coordinates if coordinates is not None else load_knowledge_file("coordinates.yaml")
    countries = countries if countries is not None else load_knowledge_file("countries.yaml")
    cities = {str(k): p for k, v in (coordinates.get("cities") or {}).items() if (p := _point(v)) is not None}
    states: dict[str, tuple[float, float]] = {}
    for state in (countries or {}).get("states", []):
        capital = state.get("capital")
        if capital in cities:
            states[str(state["iso3"])] = cities[capital]
    for iso3, value in (coordinates.get("states") or {}).items():
        point = _point(value) or (cities.get(value) if isinstance(value, str) else None)
        if point is not None:
            states[str(iso3)] = point
    return Gazetteer(cities, states)


PLACE_COLUMNS = ["place", "city", "country", "level", "lat", "lon", "events", "titles"]


def locate(events: pd.DataFrame, gaz: Gazetteer) -> pd.DataFrame:
    """Each event's point: its city's (canonical spelling, else as written) when the gazetteer has it,
    else its state's. Columns event_id, city, country, level, lat, lon; NaN where neither is known."""
    city = events["city_canonical"].fillna(events["city"]) if "city_canonical" in events else events["city"]
    city = city.astype("object").where(city.notna(), None)
    country = events["country"].astype("object").where(events["country"].notna(), None)
    city_pt = city.map(lambda c: gaz.cities.get(c) if isinstance(c, str) else None)
    state_pt = country.map(lambda c: gaz.states.get(c) if isinstance(c, str) else None)
    point = city_pt.where(city_pt.notna(), state_pt)
    level = np.where(city_pt.notna(), CITY, np.where(state_pt.notna(), STATE_LEVEL, None))
    return pd.DataFrame({
        "event_id": events["event_id"].to_numpy(),
        "city": np.where(city_pt.notna(), city, None),
        "country": country.to_numpy(),
        "level": level,
        "lat": [p[0] if p else np.nan for p in point],
        "lon": [p[1] if p else np.nan for p in point],
    })


def places(events: pd.DataFrame, gaz: Gazetteer, country_names: Mapping[str, str] | None = None,
           titles: int = 5) -> tuple[pd.DataFrame, int]:
    """Events counted per place (a city, or a state for events without a known city), most events first,
    with up to `titles` of their titles, most recent first; and the number of events that could not be placed."""
    if events.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS), 0
    names = country_names or {}
    loc = locate(events, gaz)
    placed = loc[loc["lat"].notna()].copy()
    unplaced = len(loc) - len(placed)
    if placed.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS), unplaced
    placed["place"] = [
        f"{c}, {names.get(s, s)}" if lvl == CITY and s else (c if lvl == CITY else names.get(s, s))
        for c, s, lvl in zip(placed["city"], placed["country"], placed["level"], strict=True)
    ]
    ev = events.set_index("event_id")
    placed["date"] = placed["event_id"].map(ev["start_date"])
    placed["title"] = placed["event_id"].map(ev["title"]).fillna("")
    placed = placed.sort_values("date", ascending=False, kind="stable", na_position="last")
    g = placed.groupby(["place", "level"], sort=False)
    out = pd.DataFrame({
        "city": g["city"].first(), "country": g["country"].first(), "lat": g["lat"].first(),
        "lon": g["lon"].first(), "events": g["event_id"].nunique(),
        "titles": g["title"].agg(lambda s: list(s.head(titles))),
    }).reset_index()
    out = out.sort_values(["events", "place"], ascending=[False, True], kind="stable")
    return out[PLACE_COLUMNS].reset_index(drop=True), unplaced


def _bounds(lo: float, hi: float, pad: float, floor: float, ceil: float, least: float) -> tuple[float, float]:
    span = max(hi - lo, least)
    mid = (hi + lo) / 2
    lo, hi = mid - span / 2 - pad, mid + span / 2 + pad
    return max(lo, floor), min(hi, ceil)


def map_figure(pl: pd.DataFrame, unplaced: int = 0, title: str = "Events by place") -> go.Figure:
    """A map of events by place: one circle per city (or state, for events without a city), its area the
    number of events, labelled with the place; a grid of meridians and parallels every GRID_STEP degrees
    behind it. Longitude and latitude are plain axes at equal scale, so nothing is fetched to draw it."""
    if pl.empty:
        note = f" ({unplaced:,} events without a known place)" if unplaced else ""
        return empty_figure(title, "No event of the current filters has a place on the map" + note + ".")
    biggest = float(pl["events"].max())
    fig = go.Figure()
    for level in (CITY, STATE_LEVEL):  # states on top: their point is often their capital's
        part = pl[pl["level"] == level]
        if part.empty:
            continue
        hover = [
            f"<b>{plot(p)}</b><br>{n:,} event{'s' if n != 1 else ''}"
            + ("<br>placed by state: no city named" if level == STATE_LEVEL else "")
            + "".join(f"<br>· {plot(t[:90])}" for t in ts)
            + (f"<br>… and {n - len(ts):,} more" if n > len(ts) else "")
            for p, n, ts in zip(part["place"], part["events"], part["titles"], strict=True)
        ]
        fig.add_trace(go.Scatter(
            x=part["lon"].to_numpy(), y=part["lat"].to_numpy(), mode="markers+text",
            name=LEVEL_WORDS[level], text=[plot(p.split(",")[0]) for p in part["place"]],
            textposition="top center" if level == CITY else "bottom center",
            hovertext=hover, hovertemplate="%{hovertext}<extra></extra>",
            marker={"size": part["events"].to_numpy(), "sizemode": "area", "sizeref": biggest / MAX_SIZE**2,
                    "sizemin": 6, "color": LEVEL_COLOURS[level], "opacity": 0.7 if level == CITY else 1.0,
                    "symbol": "circle" if level == CITY else "diamond-open",
                    "line": {"width": 0 if level == CITY else 2, "color": LEVEL_COLOURS[level]}},
        ))
    x0, x1 = _bounds(float(pl["lon"].min()), float(pl["lon"].max()), 6, -180, 180, 30)
    y0, y1 = _bounds(float(pl["lat"].min()), float(pl["lat"].max()), 5, -90, 90, 16)
    fig.update_xaxes(range=[x0, x1], dtick=GRID_STEP, title_text="Longitude (°)", zeroline=False,
                     ticksuffix="°", showgrid=True)
    # Equal degrees on both axes (a plate carrée map): one degree of latitude as long as one of longitude.
    fig.update_yaxes(range=[y0, y1], dtick=GRID_STEP, title_text="Latitude (°)", zeroline=False,
                     ticksuffix="°", showgrid=True, scaleanchor="x", scaleratio=1)
    subtitle = "Circle area: number of events; ◇ events placed only by their state"
    if unplaced:
        subtitle += f"; {unplaced:,} event{'s' if unplaced != 1 else ''} without a known place not shown"
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "subtitle": {"text": subtitle}},
        height=560, margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"title": None, "itemsizing": "constant"},
    )
    return fig
