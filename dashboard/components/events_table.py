"""The Events tab's table: the filtered events, most recent first, one page at a time (rows per page and
page number kept in the address: `tab=events&page=3&rows=500`); a row or the box below it chooses the
event whose details follow (dashboard/components/event_details.py)."""

from __future__ import annotations

import math

import streamlit as st

from dashboard.services.corrections import event_marks
from dashboard.services.data import Data
from dashboard.services.filters import View
from dashboard.url_state import DEFAULT_PAGE_SIZE, PAGE_KEY, PAGE_SIZES, ROWS_KEY

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
    "corrected": st.column_config.TextColumn(
        "Corrected", help="✎: a fact of the event was changed by the corrections file; the note says why."
    ),
}


def _pick_from_table() -> None:
    # Selecting a row in the table chooses the event shown below it.
    sel = st.session_state.get("events_table")
    rows = sel.selection.rows if sel is not None else []
    shown = st.session_state.get(_SHOWN, [])
    if rows and rows[0] < len(shown):
        st.session_state[PICK] = shown[rows[0]]


def _first_page() -> None:
    st.session_state[PAGE_KEY] = 1


def page_bounds(n: int, page: int, rows: int) -> tuple[int, int, int]:
    """(first row, end row, page) of a page of `rows` rows among `n`; a page beyond the last is the last."""
    pages = max(1, math.ceil(n / rows))
    page = min(max(1, page), pages)
    return (page - 1) * rows, min(page * rows, n), page


def show(view: View, data: Data | None = None) -> str:
    """Draw the table (one page of it) and the event chooser; returns the chosen event's ID."""
    ss = st.session_state
    n = len(view.events)
    rows = ss.get(ROWS_KEY, DEFAULT_PAGE_SIZE)
    if rows not in PAGE_SIZES:
        rows = ss[ROWS_KEY] = DEFAULT_PAGE_SIZE
    pages = max(1, math.ceil(n / rows))
    first, end, page = page_bounds(n, int(ss.get(PAGE_KEY) or 1), rows)
    ss[PAGE_KEY] = page  # a page beyond the last (an old link, fewer events) shows the last
    # Most recent first, undated last; only the dates are sorted, and only the page's rows are taken.
    dates = view.events["start_date"].reset_index(drop=True).sort_values(ascending=False, kind="stable")
    ev = view.events.iloc[dates.index[first:end]]
    ev = ev.assign(corrected=event_marks(data, ev["event_id"]) if data is not None else "")

    bar = st.container(horizontal=True, vertical_alignment="bottom")
    bar.selectbox("Rows per page", PAGE_SIZES, key=ROWS_KEY, on_change=_first_page, width=140)
    bar.number_input("Page", min_value=1, max_value=pages, step=1, key=PAGE_KEY, width=140)
    bar.caption(
        f"Events {first + 1:,}–{end:,} of {n:,}, most recent first (page {page:,} of {pages:,}). "
        "Sorting a column sorts this page; the Downloads tab has every event."
    )
    ids = list(ev["event_id"])
    ss[_SHOWN] = ids
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
    if ss.get(PICK) not in titles:
        ss[PICK] = ids[0]
    return st.selectbox(
        "Event details (or select a row above, from this page)",
        ids,
        key=PICK,
        format_func=lambda e: f"{dates[e]} · {titles[e]}",
    )
