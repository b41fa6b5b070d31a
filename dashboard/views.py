"""The Streamlit page, section by section. app.py only sets the page up and calls `main`.

Everything heavy lives in plain modules (data, filters, figures, export); this module wires them to
widgets and keeps the filter state in the URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import charts, export
from dashboard.data import (
    DEFAULT_DATA_DIR,
    Data,
    TablesMissing,
    TablesUnreadable,
    load_data,
    tables_signature,
)
from dashboard.evidence import highlight
from dashboard.filters import (
    FilterState,
    Options,
    View,
    apply_filters,
    describe,
    options_from,
    parse_query,
    to_query,
    without_bound_dates,
)

TITLE = "SCO–OSCE interactions"
TABLE_ROW_LIMIT = 5_000  # rows sent to the browser's table; beyond this the page gets sluggish
ACTOR_KINDS = {"Organisations": "organization", "Persons": "person", "States": "state", "All": None}

# Widget keys of the filters; their values are the single source of truth while the page is open.
K = {
    "start": "f_start",
    "end": "f_end",
    "themes": "f_theme",
    "theme_match": "f_theme_match",
    "orgs": "f_org",
    "persons": "f_person",
    "types": "f_type",
    "formats": "f_format",
    "countries": "f_country",
    "q": "f_q",
}
APPLIED_URL = "_applied_url"  # the query string the widgets were last synced from/to


def data_dir(argv: list[str] | None = None) -> Path:
    """Tables folder: `-- --data DIR` on the streamlit command line, else $DASHBOARD_DATA, else default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.data or os.environ.get("DASHBOARD_DATA")
    return Path(chosen).expanduser().resolve() if chosen else DEFAULT_DATA_DIR


@st.cache_resource(show_spinner="Loading tables…", max_entries=4)
def _cached(folder: str, signature: tuple) -> tuple[Data, Options]:
    # cache_resource, not cache_data: cache_data unpickles a fresh copy on every rerun, which for
    # 100,000 events costs more than the filtering itself. The frames are treated as read-only.
    # `signature` (file sizes and mtimes) is part of the key so that a rebuild is picked up.
    data = load_data(folder)
    return data, options_from(data)


def no_tables(folder: Path, missing: list[str]) -> None:
    st.info(
        f"**No tables to show yet.** The folder `{folder}` lacks: {', '.join(missing)}.\n\n"
        "Build them from the reports in `data/reports` with\n\n"
        "```\npython -m etl build\n```\n\n"
        "then reload this page (or set up, build and start everything at once with `bash scripts/start.sh`). "
        "To show another "
        "folder of tables: `streamlit run dashboard/app.py -- --data DIR`."
    )


# ---------------------------------------------------------------------------------------------- filters


def _set_widgets(state: FilterState, options: Options) -> None:
    """Put a state into the filter widgets (allowed before they are drawn, or in a callback)."""
    ss = st.session_state
    lo, hi = options.min_date, options.max_date

    def clamp(d: dt.date | None, default: dt.date | None) -> dt.date | None:
        if d is None or lo is None or hi is None:
            return default
        return min(max(d, lo), hi)

    ss[K["start"]] = clamp(state.start, lo)
    ss[K["end"]] = clamp(state.end, hi)
    ss[K["themes"]] = list(state.themes)
    ss[K["theme_match"]] = "all of" if state.theme_match == "all" else "any of"
    for attr in ("orgs", "persons", "types", "formats", "countries"):
        ss[K[attr]] = list(getattr(state, attr))
    ss[K["q"]] = state.q


def _from_widgets() -> FilterState:
    ss = st.session_state
    return FilterState(
        start=ss.get(K["start"]),
        end=ss.get(K["end"]),
        themes=tuple(ss.get(K["themes"], ())),
        theme_match="all" if ss.get(K["theme_match"]) == "all of" else "any",
        orgs=tuple(ss.get(K["orgs"], ())),
        persons=tuple(ss.get(K["persons"], ())),
        types=tuple(ss.get(K["types"], ())),
        formats=tuple(ss.get(K["formats"], ())),
        countries=tuple(ss.get(K["countries"], ())),
        q=(ss.get(K["q"]) or "").strip(),
    )


def reset_filters(options: Options) -> None:
    """Callback of the "Reset filters" buttons."""
    _set_widgets(FilterState(), options)


def _url() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def filter_sidebar(options: Options) -> tuple[FilterState, list[str]]:
    """Draw the filters; keep them and the URL in step. Returns the state and notes on dropped params.

    The URL wins when it changed from outside (first load, a pasted link, back/forward); otherwise the
    widgets win and the URL is rewritten from them, which pushes a browser history entry.
    """
    raw = _url()
    url_state, notes = parse_query(raw, options)
    canonical = to_query(url_state, options)
    if st.session_state.get(APPLIED_URL) != canonical:
        _set_widgets(url_state, options)
        st.session_state[APPLIED_URL] = canonical

    sb = st.sidebar
    sb.header("Filters")
    sb.date_input("From", key=K["start"], min_value=options.min_date, max_value=options.max_date, format="YYYY-MM-DD")
    sb.date_input("To", key=K["end"], min_value=options.min_date, max_value=options.max_date, format="YYYY-MM-DD")
    sb.multiselect("Themes", options.themes, key=K["themes"], format_func=lambda t: options.theme_labels.get(t, t))
    sb.radio(
        "Match themes",
        ["any of", "all of"],
        key=K["theme_match"],
        horizontal=True,
        help="'any of': events with at least one chosen theme; 'all of': events with every one.",
    )
    sb.multiselect("Organisations", options.orgs, key=K["orgs"])
    sb.multiselect("Persons", options.persons, key=K["persons"])
    sb.multiselect("Event type", options.types, key=K["types"])
    sb.multiselect("Format", options.formats, key=K["formats"])
    sb.multiselect(
        "State",
        options.countries,
        key=K["countries"],
        format_func=lambda c: f"{options.country_names.get(c, c)} ({c})" if c in options.country_names else c,
        help="Events held in the state or in which it took part.",
    )
    sb.text_input("Search", key=K["q"], placeholder="words in titles, places, names, themes")
    sb.button("Reset filters", key="reset_sidebar", on_click=reset_filters, args=(options,))

    state = without_bound_dates(_from_widgets(), options)
    if state.start and state.end and state.start > state.end:
        notes.append("The 'From' date is after the 'To' date, so no event can match.")
    wanted = to_query(state, options)
    if wanted != raw:
        st.query_params.from_dict(wanted)
    st.session_state[APPLIED_URL] = wanted
    sb.caption("The filters are in the page address: copy it to share this view.")
    return state, notes


# ---------------------------------------------------------------------------------------------- charts


def chart(fig: go.Figure, what: str, state: FilterState, key: str) -> None:
    """Show a figure with its PNG / SVG / HTML downloads. Images are rendered only on click."""
    base = export.file_name(what, state, "png")[:-4]
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": base, "format": "png", "scale": 2}}
    st.plotly_chart(fig, config=config, key=f"chart-{key}")
    can_render = export.chrome_path() is not None
    row = st.container(horizontal=True, vertical_alignment="center")
    downloads = (
        ("PNG", lambda: export.figure_image(fig, "png"), "png", "image/png", can_render),
        ("SVG", lambda: export.figure_image(fig, "svg"), "svg", "image/svg+xml", can_render),
        ("HTML", lambda: export.figure_html(fig, base), "html", "text/html", True),
    )
    # Deferred downloads: Streamlit calls these only when the button is clicked, so kaleido never runs
    # on a plain rerun.
    for label, make, extension, mime, enabled in downloads:
        row.download_button(label, data=make, file_name=f"{base}.{extension}", mime=mime,
                            key=f"{extension}-{key}", disabled=not enabled, on_click="ignore")
    if not can_render:
        row.caption(
            "PNG and SVG need Chrome or Chromium on the server (e.g. `apt-get install chromium`); "
            "it is not installed. HTML and the data downloads work."
        )


def overview(data: Data, view: View) -> None:
    ep = view.event_participants
    c = st.columns(4)
    c[0].metric("Events", f"{len(view.events):,}")
    c[1].metric(
        "Participants",
        f"{ep['participant_id'].nunique():,}",
        help="Distinct persons, organisations and states taking part",
    )
    c[2].metric("Organisations", f"{ep.loc[ep['kind'] == 'organization', 'participant_id'].nunique():,}")
    c[3].metric("Themes", f"{view.event_themes['theme_id'].nunique():,}")
    first = view.events["start_date"].min()
    last = view.events["end_date"].fillna(view.events["start_date"]).max()
    if pd.notna(first):
        st.caption(
            f"Date span covered: **{first:%Y-%m-%d}** to **{last:%Y-%m-%d}** "
            f"({len(view.events):,} of {len(data.events):,} events)"
        )


def timeline_tab(data: Data, view: View, state: FilterState) -> None:
    choices = {"Event type": "event_type"}
    if data.has_leading_org:
        choices["Leading organisation"] = "leading_org"
    by = st.radio("Colour by", list(choices), horizontal=True, key="colour_by")
    chart(charts.timeline(view.events, choices[by]), "timeline", state, "timeline")
    period = st.radio("Count per", list(charts.PERIODS), index=2, horizontal=True, key="period")
    chart(charts.counts_by_period(view.events, period), f"events-per-{period}", state, "counts")


def participation_tab(view: View, state: FilterState) -> None:
    ep = view.event_participants
    cols = st.columns(3)
    for col, kind, what in zip(
        cols,
        ("person", "organization", "state"),
        ("top-persons", "top-organisations", "top-states"),
        strict=True,
    ):
        with col:
            chart(charts.top_actors(ep, kind), what, state, what)
    st.subheader("Events of one actor")
    ranked = pd.concat([charts.actor_counts(ep, k).assign(kind=k) for k in ("organization", "person", "state")])
    ranked = ranked.sort_values(["events", "label"], ascending=[False, True], kind="stable")
    if ranked.empty:
        st.caption("No actors in these events.")
    else:
        labels = dict(zip(ranked["label"], ranked["events"], strict=False))
        actor = st.selectbox("Actor", list(labels), key="actor", format_func=lambda a: f"{a} ({labels[a]} events)")
        ids = ep.loc[ep["label"] == actor, "event_id"].unique()
        chart(
            charts.actor_timeline(view.events[view.events["event_id"].isin(ids)], actor),
            f"events-of-{actor}",
            state,
            "actor",
        )
    kind_label = st.radio("Who meets whom among", list(ACTOR_KINDS), horizontal=True, key="co_kind")
    chart(charts.co_participation(ep, ACTOR_KINDS[kind_label]), "who-meets-whom", state, "co")


def themes_tab(view: View, state: FilterState) -> None:
    c1, c2 = st.columns([2, 3])
    with c1:
        chart(charts.theme_frequencies(view.event_themes), "theme-frequencies", state, "theme-freq")
    with c2:
        chart(charts.theme_year_heatmap(view.event_themes, view.events), "themes-by-year", state, "theme-year")
    chart(charts.theme_cooccurrence(view.event_themes), "themes-together", state, "theme-co")


def _pick_from_table() -> None:
    # Selecting a row in the table chooses the event shown below it.
    sel = st.session_state.get("events_table")
    rows = sel.selection.rows if sel is not None else []
    shown = st.session_state.get("_table_ids", [])
    if rows and rows[0] < len(shown):
        st.session_state["event_pick"] = shown[rows[0]]


def events_tab(data: Data, view: View, options: Options) -> None:
    ev = view.events.sort_values("start_date", ascending=False, kind="stable")
    if len(ev) > TABLE_ROW_LIMIT:
        st.caption(
            f"Showing the {TABLE_ROW_LIMIT:,} most recent of {len(ev):,} events: narrow the filters, "
            "or download the full table from the Downloads tab."
        )
        ev = ev.head(TABLE_ROW_LIMIT)
    table = ev[
        ["start_date", "title", "event_type", "place", "organisations", "participants", "themes", "n_sources"]
    ].reset_index(drop=True)
    st.session_state["_table_ids"] = list(ev["event_id"])
    st.dataframe(
        table,
        hide_index=True,
        on_select=_pick_from_table,
        selection_mode="single-row",
        key="events_table",
        column_config={
            "start_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "title": st.column_config.TextColumn("Event", width="large"),
            "event_type": "Type",
            "place": "Place",
            "organisations": "Organisations",
            "participants": "Participants",
            "themes": "Themes",
            "n_sources": "Reports",
        },
    )
    ids = list(ev["event_id"])
    titles = dict(zip(ev["event_id"], ev["title"].fillna(ev["event_id"]), strict=False))
    dates = dict(zip(ev["event_id"], ev["start_date"].dt.strftime("%Y-%m-%d").fillna("????"), strict=False))
    if st.session_state.get("event_pick") not in titles:
        st.session_state["event_pick"] = ids[0]
    eid = st.selectbox(
        "Event details (or select a row above)",
        ids,
        key="event_pick",
        format_func=lambda e: f"{dates[e]} · {titles[e]}",
    )
    event_details(data, eid, options)


def event_details(data: Data, eid: str, options: Options) -> None:
    """Sources with links, participants with roles, themes with evidence, and the highlighted texts."""
    ev = data.events[data.events["event_id"] == eid].iloc[0]
    st.subheader(str(ev["title"]))
    when = f"{ev['start_date']:%Y-%m-%d}" if pd.notna(ev["start_date"]) else "date unknown"
    if pd.notna(ev["end_date"]) and ev["end_date"] != ev["start_date"]:
        when += f" to {ev['end_date']:%Y-%m-%d}"
    st.caption(f"{when} · {ev['event_type']} · {ev['place'] or 'place unknown'} · format: {ev['format']}")
    src = data.event_sources[data.event_sources["event_id"] == eid]
    docs = data.documents[data.documents["doc_id"].isin(src["doc_id"])]
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Sources**")
        for d in docs.itertuples(index=False):
            link = f"[{d.title}]({d.url})" if isinstance(d.url, str) and d.url else str(d.title)
            published = f", {d.published:%Y-%m-%d}" if pd.notna(d.published) else ""
            st.markdown(
                f"- {link} ({d.source if isinstance(d.source, str) else 'source unknown'}{published}; `{d.file}`)"
            )
        st.markdown("**Participants**")
        ep = data.event_participants[data.event_participants["event_id"] == eid]
        st.dataframe(ep[["name", "kind", "role", "evidence"]], hide_index=True, key=f"ep-{eid}")
    with c2:
        st.markdown("**Themes**")
        et = data.event_themes[data.event_themes["event_id"] == eid].sort_values("score", ascending=False)
        st.dataframe(
            et[["label", "score", "evidence"]],
            hide_index=True,
            key=f"et-{eid}",
            column_config={"score": st.column_config.NumberColumn(format="%.2f")},
        )
        figs = data.figures[data.figures["event_id"] == eid]
        if not figs.empty:
            st.markdown("**Figures**")
            st.dataframe(figs[["value", "what", "evidence"]], hide_index=True, key=f"fig-{eid}")
    st.markdown("**Report text** (highlighted: evidence the tables rest on; hover for what it supports)")
    for i, d in enumerate(docs.itertuples(index=False)):
        spans = data.mentions[data.mentions["doc_id"] == d.doc_id]
        with st.expander(str(d.title), expanded=i == 0):
            body = highlight(d.text if isinstance(d.text, str) else "", spans, dict(options.theme_labels))
            st.markdown(f'<div class="report-text">{body}</div>', unsafe_allow_html=True)


def downloads_tab(data: Data, view: View, state: FilterState) -> None:
    st.markdown(
        f"The **{len(view.events):,} filtered events** with their participants, themes, sources and "
        "evidence sentences. The Excel workbook has one sheet per table, a *data dictionary* sheet and "
        "the filters used."
    )
    slug = describe(state)

    def tables() -> dict[str, pd.DataFrame]:
        return export.export_tables(data, view)

    c = st.columns(3)
    c[0].download_button(
        "Events (CSV)",
        data=lambda: export.csv_bytes(tables()["events"]),
        file_name=f"{export.PREFIX}_events_{slug}.csv",
        mime="text/csv",
        key="dl-csv",
        on_click="ignore",
    )
    c[1].download_button(
        "All tables (ZIP of CSV)",
        data=lambda: export.zip_bytes(tables()),
        file_name=f"{export.PREFIX}_tables_{slug}.zip",
        mime="application/zip",
        key="dl-zip",
        on_click="ignore",
    )
    c[2].download_button(
        "Excel workbook",
        data=lambda: export.xlsx_bytes(tables(), state),
        file_name=f"{export.PREFIX}_tables_{slug}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="dl-xlsx",
        on_click="ignore",
    )


# ---------------------------------------------------------------------------------------------- page


def page(folder: Path) -> None:
    st.title(TITLE)
    try:
        data, options = _cached(str(folder), tables_signature(folder))
    except TablesMissing as exc:
        no_tables(exc.folder, exc.missing)
        return
    except TablesUnreadable as exc:
        st.error(f"A table in `{folder}` could not be read ({exc}). Rebuild the tables with `python -m etl build`.")
        return
    if data.events.empty:
        no_tables(folder, ["events (the table is empty)"])
        return

    state, notes = filter_sidebar(options)
    for note in notes:
        st.warning(note, icon="⚠️")
    view = apply_filters(data, state)
    if view.events.empty:
        st.warning("No events match these filters.")
        st.button("Reset filters", key="reset_empty", on_click=reset_filters, args=(options,), type="primary")
        return
    overview(data, view)
    tabs = st.tabs(["Timeline", "Participation", "Themes", "Events", "Downloads"])
    with tabs[0]:
        timeline_tab(data, view, state)
    with tabs[1]:
        participation_tab(view, state)
    with tabs[2]:
        themes_tab(view, state)
    with tabs[3]:
        events_tab(data, view, options)
    with tabs[4]:
        downloads_tab(data, view, state)


def main() -> None:
    st.set_page_config(page_title=TITLE, layout="wide", page_icon="🤝")
    folder = data_dir()
    try:
        page(folder)
    except Exception as exc:  # the user never sees a traceback; the log keeps it for developers
        import logging

        logging.getLogger("dashboard").exception("dashboard failed")
        st.error(
            f"Something went wrong while drawing the dashboard: {type(exc).__name__}: {exc}. "
            "Try resetting the filters; if it persists, rebuild the tables with `python -m etl build`."
        )
