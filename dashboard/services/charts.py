"""Figure builders: plain functions, data frame in, Plotly figure out.

No Streamlit here, so each builder is tested directly on its traces and values. Every builder copes with
an empty frame by returning a figure that says so, and takes its colours from services/colours.py, so a
theme or organisation has the same colour in every chart. Plotly reads a little HTML in labels and hovers
(<b>, <br>, <a href>): every text from the data is escaped first, so it shows as written.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.services.colours import UNKNOWN, org_colour, theme_colour, type_colour
from dashboard.services.data import ORGANIZATION, PERSON, STATE
from dashboard.services.safe_text import plot

EMPTY_MESSAGE = "No events match the current filters."
# Above this many points WebGL draws far faster than SVG; below it SVG looks crisper.
WEBGL_THRESHOLD = 2000
# Up to this many events the timeline draws one point per event. Above it, the browser would draw tens of
# thousands of marks (seconds of software rendering on a machine without a GPU, megabytes of payload): the
# timeline draws one circle per event type, colour and period instead, its area the number of events.
POINT_LIMIT = 5_000
# The binned timeline takes the finest period (month, quarter, year) that keeps it under this many circles.
MAX_BINS = 1_500
HEATMAP_SCALE = "Viridis"  # perceptually even and legible on light and dark backgrounds
PERSON_COLOUR = "#4c78a8"
STATE_COLOUR = "#54a24b"
PERIODS = ("month", "quarter", "year")


def _count_axis(fig: go.Figure, top: float) -> None:
    # Counts are whole numbers: no "0.5 events" ticks on small data, and room for the labels outside.
    fig.update_xaxes(tickformat=",d", rangemode="tozero", range=[0, top * 1.12 + 0.5])
    if top <= 10:
        fig.update_xaxes(dtick=1)


def _base(fig: go.Figure, title: str, x: str | None = None, y: str | None = None, height: int = 420) -> go.Figure:
    # No template: Streamlit applies its light or dark theme on top; exports set their own.
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"title": None},
    )
    if x is not None:
        fig.update_xaxes(title_text=x)
    if y is not None:
        fig.update_yaxes(title_text=y)
    return fig


def empty_figure(title: str, message: str = EMPTY_MESSAGE) -> go.Figure:
    """A figure with no data and a centred note, for views the filters left empty."""
    fig = go.Figure()
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _base(fig, title, height=300)


def _text(s: pd.Series | np.ndarray | list) -> pd.Series:
    """Data text for Plotly, vectorised: its <, > and & shown as themselves, not read as markup."""
    s = pd.Series(s, dtype="object").fillna("").astype(str)
    return s.str.replace("&", "&amp;", regex=False).str.replace("<", "&lt;", regex=False).str.replace(
        ">", "&gt;", regex=False
    )


def _short(s: pd.Series, limit: int = 120) -> pd.Series:
    s = s.fillna("").astype(str)
    s = s.where(s.str.len() <= limit, s.str.slice(0, limit - 1) + "…")
    return pd.Series(_text(s).to_numpy(), index=s.index)


def _hover(events: pd.DataFrame) -> pd.Series:
    """Hover text built column-wise (fast for 100,000 events) rather than row by row."""
    date = events["start_date"].dt.strftime("%Y-%m-%d").fillna("date unknown")
    end = events["end_date"].dt.strftime("%Y-%m-%d") if "end_date" in events else None
    if end is not None:
        date = date + ("–" + end).fillna("")
    blank = pd.Series("", index=events.index)
    text = "<b>" + _short(events["title"], 90) + "</b><br>" + date
    text = text + "<br>Place: " + _short(events.get("place", blank))
    for label, col in (
        ("Participants", "participants"),
        ("Organisations", "organisations"),
        ("Themes", "themes"),
    ):
        text = text + f"<br>{label}: " + _short(events.get(col, blank))
    return text


def timeline(events: pd.DataFrame, color_by: str = "event_type", title: str = "Events over time") -> go.Figure:
    """Every event as a point on a time axis, one row per event type, coloured by `color_by`
    ("event_type" or "leading_org"); one trace per colour group. Above POINT_LIMIT events the points are
    binned per period (binned_timeline)."""
    if events.empty or events["start_date"].notna().sum() == 0:
        return empty_figure(title)
    ev = events[events["start_date"].notna()]
    if len(ev) > POINT_LIMIT:
        return binned_timeline(ev, color_by, title)
    colour_fn = type_colour if color_by == "event_type" else org_colour
    groups = ev[color_by].fillna("(none)").astype(str)
    x_all = ev["start_date"].to_numpy()
    text_all = _hover(ev).to_numpy()
    scatter = go.Scattergl if len(ev) > WEBGL_THRESHOLD else go.Scatter
    rows = _text(ev["event_type"].fillna("other")).to_numpy()
    fig = go.Figure()
    for key in sorted(groups.unique()):
        sel = (groups == key).to_numpy()
        colour = UNKNOWN if key == "(none)" else colour_fn(key)
        fig.add_trace(
            scatter(
                x=x_all[sel],
                y=rows[sel],
                mode="markers",
                name=plot(key),
                text=text_all[sel],
                hovertemplate="%{text}<extra></extra>",
                marker={
                    "color": colour,
                    "size": 11 if len(ev) < 500 else 5,
                    "opacity": 0.85,
                    "line": {"width": 0},
                },
            )
        )
    fig.update_yaxes(categoryorder="category descending")
    fig.update_xaxes(type="date")
    legend = "Event type" if color_by == "event_type" else "Leading organisation"
    fig.update_layout(legend={"title": {"text": legend}})
    n_rows = ev["event_type"].nunique()
    return _base(fig, title, "Date", "Event type", height=min(460, max(260, 45 * n_rows + 150)))


def _bins(ev: pd.DataFrame, groups: pd.Series, rows: pd.Series) -> tuple[str, pd.DataFrame]:
    """Events counted per (row, colour group, period), with the finest period that stays under MAX_BINS.
    One group-by over the events (per month); quarters and years add up the months."""
    months = ev["start_date"].to_numpy().astype("datetime64[M]")
    frame = pd.DataFrame({"row": rows.to_numpy(), "group": groups.to_numpy(), "p": months})
    counts = frame.groupby(["row", "group", "p"], sort=True).size().rename("n").reset_index()
    for period in PERIODS:
        if period != "month":
            m = counts["p"].to_numpy().astype("datetime64[M]")
            if period == "quarter":
                start = m - (m.astype(np.int64) % 3).astype("timedelta64[M]")
            else:
                start = m.astype("datetime64[Y]").astype("datetime64[M]")
            counts = (
                counts.assign(p=start.astype("datetime64[ns]"))
                .groupby(["row", "group", "p"], sort=True)["n"].sum().reset_index()
            )
        if len(counts) <= MAX_BINS or period == PERIODS[-1]:
            counts["p"] = pd.to_datetime(counts["p"])
            return period, counts
    raise AssertionError("unreachable")


def _period_label(starts: pd.Series, period: str) -> pd.Series:
    if period == "month":
        return starts.dt.strftime("%Y-%m")
    if period == "quarter":
        return starts.dt.year.astype(str) + " Q" + starts.dt.quarter.astype(str)
    return starts.dt.year.astype(str)


def binned_timeline(events: pd.DataFrame, color_by: str = "event_type", title: str = "Events over time") -> go.Figure:
    """The timeline of a large view: per event type (row), colour group and month, quarter or year, one
    circle in the middle of the period whose area is the number of events. Same rows, colours and legend
    as the point timeline; at most MAX_BINS circles (or one per type, group and year), whatever the number
    of events. Where several colour groups share a row, each has its own lane within the row."""
    ev = events[events["start_date"].notna()]
    if ev.empty:
        return empty_figure(title)
    colour_fn = type_colour if color_by == "event_type" else org_colour
    groups = ev[color_by].fillna("(none)").astype(str)
    rows = ev["event_type"].fillna("other").astype(str)
    period, counts = _bins(ev, groups, rows)
    months = {"month": 1, "quarter": 3, "year": 12}[period]
    starts = counts["p"].to_numpy().astype("datetime64[M]")
    nexts = (starts + np.timedelta64(months, "M")).astype("datetime64[ns]")
    middle = counts["p"] + (pd.Series(nexts, index=counts.index) - counts["p"]) / 2
    row_names = sorted(rows.unique(), reverse=True)  # as the point timeline: "category descending"
    row_pos = {name: i for i, name in enumerate(row_names)}
    group_names = sorted(groups.unique())
    lanes = len(group_names) if color_by != "event_type" else 1
    lane_height = 0.8 / lanes
    biggest = float(counts["n"].max())
    # The largest circle about as tall as a lane and no wider than a period's share of the axis (about
    # 900 px wide), so neighbours barely overlap; the smallest still visible.
    diameter = min(26.0, 40.0 * lane_height, max(6.0, 900.0 / counts["p"].nunique()))
    label = _period_label(counts["p"], period)
    fig = go.Figure()
    for j, key in enumerate(group_names):
        part = counts["group"] == key
        c = counts[part]
        offset = 0.0 if lanes == 1 else (j - (lanes - 1) / 2) * lane_height
        y = c["row"].map(row_pos).to_numpy(dtype=float) + offset
        colour = UNKNOWN if key == "(none)" else colour_fn(key)
        hover = (
            "<b>" + c["n"].map("{:,}".format) + " events</b><br>"
            + _text(c["row"]).to_numpy() + ", " + label[part].to_numpy()
        )
        fig.add_trace(
            go.Scatter(
                x=middle[part].to_numpy(),
                y=y,
                mode="markers",
                name=plot(key),
                hovertext=hover,
                hovertemplate="%{hovertext}<extra>%{fullData.name}</extra>",
                marker={
                    "color": colour,
                    "size": c["n"].to_numpy(),
                    "sizemode": "area",
                    "sizeref": biggest / diameter**2,
                    "sizemin": 2,
                    "opacity": 0.75,
                    "line": {"width": 0},
                },
            )
        )
    fig.update_yaxes(
        tickmode="array",
        tickvals=list(range(len(row_names))),
        ticktext=[plot(r) for r in row_names],
        range=[-0.6, len(row_names) - 0.4],
        zeroline=False,
        showgrid=False,
    )
    fig.update_xaxes(type="date")
    legend = "Event type" if color_by == "event_type" else "Leading organisation"
    fig.update_layout(legend={"title": {"text": legend}, "itemsizing": "constant"})
    height = min(520, max(280, int(45 * len(row_names) * lanes**0.5) + 150))
    fig = _base(fig, title, "Date", "Event type", height=height)
    note = f"{len(ev):,} events: one circle per type and {period}, its area the number of events"
    fig.update_layout(title={"subtitle": {"text": note}})
    return fig


def period_start(dates: pd.Series, period: str) -> pd.Series:
    """The first day of the month, quarter or year each date falls in."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    code = {"month": "M", "quarter": "Q", "year": "Y"}[period]
    return dates.dt.to_period(code).dt.start_time


def counts_by_period(events: pd.DataFrame, period: str = "year") -> go.Figure:
    """Number of events per month, quarter or year, stacked by event type."""
    title = f"Events per {period}, by type"
    ev = events[events["start_date"].notna()] if not events.empty else events
    if ev.empty:
        return empty_figure(title)
    start = period_start(ev["start_date"], period)
    counts = (
        pd.DataFrame({"p": start, "t": ev["event_type"].fillna("other").astype(str)})
        .groupby(["p", "t"])
        .size()
        .unstack(fill_value=0)
        .sort_index()
    )
    fig = go.Figure()
    for t in sorted(counts.columns):
        x = counts.index.year if period == "year" else counts.index
        fig.add_trace(
            go.Bar(
                x=x,
                y=counts[t].to_numpy(),
                name=plot(t),
                marker_color=type_colour(t),
                hovertemplate=plot(t).replace("%", "%%") + ": %{y}<extra>%{x}</extra>",
            )
        )
    fig.update_layout(barmode="stack", legend={"title": {"text": "Event type"}, "traceorder": "normal"})
    fig.update_yaxes(tickformat=",d", rangemode="tozero")
    if counts.sum(axis=1).max() <= 10:
        fig.update_yaxes(dtick=1)  # whole events only: no repeated "1, 1, 2, 2" ticks
    return _base(fig, title, period.capitalize(), "Events")


def _actors(ep: pd.DataFrame, kind: str) -> pd.DataFrame:
    return ep[ep["kind"] == kind] if not ep.empty else ep


def actor_counts(ep: pd.DataFrame, kind: str) -> pd.DataFrame:
    """Per actor of a kind: events, most frequent roles, affiliation; most active first."""
    rows = _actors(ep, kind)
    if rows.empty:
        return pd.DataFrame(columns=["label", "name", "events", "roles", "affiliation"])
    g = rows.groupby("label", sort=False)
    out = pd.DataFrame(
        {
            "events": g["event_id"].nunique(),
            "name": g["name"].first(),
            "affiliation": g["affiliation"].first(),
        }
    )
    roles = (
        rows.dropna(subset=["role"])
        .groupby(["label", "role"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["label", "n"], ascending=[True, False])
        .groupby("label")
        .head(3)
        .groupby("label")["role"]
        .agg("; ".join)
    )
    out["roles"] = roles.reindex(out.index).fillna("")
    out = out.reset_index().sort_values(["events", "label"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


KIND_TITLES = {PERSON: "persons", ORGANIZATION: "organisations", STATE: "states"}


def top_actors(ep: pd.DataFrame, kind: str, n: int = 15) -> go.Figure:
    """The n actors of a kind (one of the contract's ACTOR_KINDS) in most events, with their roles."""
    title = f"Top {KIND_TITLES.get(kind, kind)} by number of events"
    counts = actor_counts(ep, kind).head(n)
    if counts.empty:
        return empty_figure(title)
    counts = counts.iloc[::-1]  # horizontal bars draw bottom-up; keep the largest at the top
    if kind == ORGANIZATION:
        colours = [org_colour(x) for x in counts["label"]]
    elif kind == PERSON:
        # A person takes the colour of their organisation, so people line up with their side.
        colours = [org_colour(a) if isinstance(a, str) else PERSON_COLOUR for a in counts["affiliation"]]
    else:
        colours = [STATE_COLOUR] * len(counts)
    roles = _text(counts["roles"]).to_numpy()
    hover = (
        "<b>"
        + _text(counts["name"]).to_numpy()
        + "</b><br>"
        + counts["events"].astype(str).to_numpy()
        + " events"
        + np.where(roles != "", "<br>Roles: " + roles, "")
    )
    fig = go.Figure(
        go.Bar(
            x=counts["events"].to_numpy(),
            y=_text(counts["label"]).to_numpy(),
            orientation="h",
            marker_color=colours,
            text=counts["events"].to_numpy(),
            textposition="outside",
            cliponaxis=False,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=counts["label"].to_numpy(),  # the actor's label as the tables have it, for a click
            name=KIND_TITLES.get(kind, kind),
        )
    )
    _count_axis(fig, float(counts["events"].max()))
    return _base(fig, title, "Events", None, height=max(300, 28 * len(counts) + 100))


def actor_timeline(events: pd.DataFrame, actor: str) -> go.Figure:
    """The events of one actor over time (events already restricted to that actor)."""
    return timeline(events, "event_type", title=f"Events of {plot(actor)}")


def _matrix(rows: pd.DataFrame, key: str, n: int) -> tuple[list[str], np.ndarray]:
    """Co-occurrence counts of the n most frequent `key` values over events.

    Entry (i, j) is the number of events with both i and j; the diagonal holds each one's own count.
    Built with integer codes and a dense events × n matrix: fast even for 100,000 events.
    """
    pairs = rows[["event_id", key]].dropna().drop_duplicates()
    top = pairs[key].value_counts()
    top = top[top.index.sort_values()].sort_values(ascending=False, kind="stable").head(n)
    names = list(top.index)
    pairs = pairs[pairs[key].isin(names)]
    ev_codes, _ = pd.factorize(pairs["event_id"])
    col = pd.Categorical(pairs[key], categories=names).codes
    a = np.zeros((ev_codes.max() + 1 if len(ev_codes) else 0, len(names)), dtype=np.int32)
    a[ev_codes, col] = 1
    return names, a.T @ a


def _heatmap_matrix(names: list[str], m: np.ndarray, title: str, axis: str, hover_unit: str) -> go.Figure:
    z = m.astype(float)
    np.fill_diagonal(z, np.nan)  # an actor "meets itself" in all its events: it would swamp the scale
    shown = list(_text(names))
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=shown,
            y=shown,
            colorscale=HEATMAP_SCALE,
            zmin=0,
            text=m,
            texttemplate="%{z}",
            colorbar={"title": {"text": hover_unit}},
            hovertemplate="%{y} + %{x}: %{z} " + hover_unit + "<extra></extra>",
            hoverongaps=False,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return _base(fig, title, axis, axis, height=max(380, 30 * len(names) + 160))


def co_participation(ep: pd.DataFrame, kind: str | None = ORGANIZATION, n: int = 12) -> go.Figure:
    """Who meets whom: events shared by each pair of the n most active actors (of a kind, or all)."""
    label = KIND_TITLES.get(kind or "", "participants")
    title = f"Who meets whom: shared events of the top {label}"
    rows = ep if kind is None else _actors(ep, kind)
    if rows.empty or rows["event_id"].nunique() == 0:
        return empty_figure(title)
    names, m = _matrix(rows, "label", n)
    return _heatmap_matrix(names, m, title, label.capitalize(), "events")


def theme_frequencies(et: pd.DataFrame) -> go.Figure:
    """Number of events per theme, most frequent at the top, each bar in its theme's colour."""
    title = "Themes by number of events"
    if et.empty:
        return empty_figure(title)
    g = et.groupby("theme_id")
    counts = pd.DataFrame({"events": g["event_id"].nunique(), "label": g["label"].first()}).reset_index()
    counts = counts.sort_values(["events", "label"], ascending=[True, False], kind="stable")
    fig = go.Figure(
        go.Bar(
            x=counts["events"].to_numpy(),
            y=_text(counts["label"]).to_numpy(),
            orientation="h",
            marker_color=[theme_colour(t) for t in counts["theme_id"]],
            text=counts["events"].to_numpy(),
            textposition="outside",
            cliponaxis=False,
            name="themes",
            customdata=_text(counts["theme_id"]).to_numpy(),
            hovertemplate="%{y}: %{x} events<extra>%{customdata}</extra>",
        )
    )
    _count_axis(fig, float(counts["events"].max()))
    return _base(fig, title, "Events", None, height=max(300, 24 * len(counts) + 100))


def theme_year_heatmap(et: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Events per theme and year, every year of the span shown (gaps are zeros, not missing columns)."""
    title = "Themes by year"
    if et.empty or events.empty:
        return empty_figure(title)
    years = events.set_index("event_id")["year"]
    rows = et[["event_id", "label"]].drop_duplicates().assign(year=lambda d: d["event_id"].map(years))
    rows = rows.dropna(subset=["year"])
    if rows.empty:
        return empty_figure(title)
    table = pd.crosstab(rows["label"], rows["year"].astype(int))
    span = range(int(table.columns.min()), int(table.columns.max()) + 1)
    table = table.reindex(columns=span, fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]
    fig = go.Figure(
        go.Heatmap(
            z=table.to_numpy(),
            x=list(table.columns),
            y=list(_text(list(table.index))),
            colorscale=HEATMAP_SCALE,
            zmin=0,
            colorbar={"title": {"text": "events"}},
            hovertemplate="%{y}, %{x}: %{z} events<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(dtick=1 if len(span) <= 25 else 5)
    return _base(fig, title, "Year", "Theme", height=max(320, 22 * len(table) + 140))


def theme_cooccurrence(et: pd.DataFrame, n: int = 15) -> go.Figure:
    """Which themes come up together: events shared by each pair of the n most frequent themes."""
    title = "Themes that come up together"
    if et.empty:
        return empty_figure(title)
    names, m = _matrix(et, "label", n)
    return _heatmap_matrix(names, m, title, "Theme", "events")


def all_figures(
    view_events: pd.DataFrame,
    ep: pd.DataFrame,
    et: pd.DataFrame,
    period: str = "year",
    color_by: str = "event_type",
) -> dict[str, go.Figure]:
    """Every overview figure of the dashboard for one filtered view (used by the benchmark too)."""
    return {
        "timeline": timeline(view_events, color_by),
        "counts": counts_by_period(view_events, period),
        "top-persons": top_actors(ep, PERSON),
        "top-organisations": top_actors(ep, ORGANIZATION),
        "top-states": top_actors(ep, STATE),
        "co-participation": co_participation(ep, ORGANIZATION),
        "theme-frequencies": theme_frequencies(et),
        "theme-year": theme_year_heatmap(et, view_events),
        "theme-cooccurrence": theme_cooccurrence(et),
    }
