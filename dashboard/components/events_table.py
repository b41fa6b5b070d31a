"""The Events tab's table: sortable and searchable, the most recent first; a row or the box below it
chooses the event whose details follow (dashboard/components/event_details.py)."""

from __future__ import annotations

import streamlit as st

from dashboard.services.filters import View

ROW_LIMIT = 5_000  # rows sent to the browser's table; beyond this the page gets sluggish
PICK = "event_pick"  # the chosen event's ID, kept in the session
_SHOWN = "_table_ids"  # the IDs of the rows the table shows, in its order

COLUMNS = {
    "start_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
    "title": st.column_config.TextColumn("Event", width="large"),
    "event_type": "Type",
    "place": "Place",
    "organisations": "Organisations",
    "participants": "Participants",
    "themes": "Themes",
    "n_sources": "Reports",
}


def _pick_from_table() -> None:
    # Selecting a row in the table chooses the event shown below it.
    sel = st.session_state.get("events_table")
    rows = sel.selection.rows if sel is not None else []
    shown = st.session_state.get(_SHOWN, [])
    if rows and rows[0] < len(shown):
        st.session_state[PICK] = shown[rows[0]]


def show(view: View) -> str:
    """Draw the table and the event chooser; returns the chosen event's ID."""
    ev = view.events.sort_values("start_date", ascending=False, kind="stable")
    if len(ev) > ROW_LIMIT:
        st.caption(
            f"Showing the {ROW_LIMIT:,} most recent of {len(ev):,} events: narrow the filters, "
            "or download the full table from the Downloads tab."
        )
        ev = ev.head(ROW_LIMIT)
    ids = list(ev["event_id"])
    st.session_state[_SHOWN] = ids
    # A table cell is plain text: titles and names show as written.
    st.dataframe(
        ev[list(COLUMNS)].reset_index(drop=True),
        hide_index=True,
        on_select=_pick_from_table,
        selection_mode="single-row",
        key="events_table",
        column_config=COLUMNS,
    )
    titles = dict(zip(ev["event_id"], ev["title"].fillna(ev["event_id"]), strict=False))
    dates = dict(zip(ev["event_id"], ev["start_date"].dt.strftime("%Y-%m-%d").fillna("????"), strict=False))
    if st.session_state.get(PICK) not in titles:
        st.session_state[PICK] = ids[0]
    return st.selectbox(
        "Event details (or select a row above)",
        ids,
        key=PICK,
        format_func=lambda e: f"{dates[e]} · {titles[e]}",
    )
