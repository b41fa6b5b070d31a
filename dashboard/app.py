"""The Streamlit page: `streamlit run dashboard/app.py [-- --data DIR]`.

This script sets the page up, loads the tables (cached) and hands them to the components, one per view:

    sidebar        filters, kept in the page address       components/sidebar.py, url_state.py
    overview       metrics                                 components/overview.py
    Timeline       events over time, counts per period     components/timeline.py
    Participation  top actors, one actor, who meets whom   components/participation.py
    Themes         frequencies, by year, together          components/themes.py
    Events         table, then one event in full           components/events_table.py, event_details.py
    Downloads      CSV, ZIP, Excel                         components/downloads.py

Only the open tab is computed and sent: the tabs rerun the script when another one is opened, and the open
one is kept in the address (`?tab=themes`, dashboard/url_state.py), so a copied link opens the same tab.

The work without Streamlit (loading, filtering, charts, exports, safe text) is in dashboard/services/.
It imports `dashboard` and `etl` as installed packages (scripts/setup.sh installs the project editable).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import streamlit as st

from dashboard import loading, url_state
from dashboard.components import (
    actor_page,
    brief,
    compare,
    downloads,
    event_details,
    events_table,
    overview,
    participation,
    sidebar,
    status,
    themes,
    timeline,
)
from dashboard.components import map as map_view
from dashboard.services.data import (
    DEFAULT_DATA_DIR,
    Data,
    TablesMissingError,
    TablesUnreadableError,
    resolve_folder,
)
from dashboard.services.filters import FilterState, apply_filters

TITLE = "SCO–OSCE interactions"
TABS = tuple(url_state.TABS.values())


def data_dir(argv: list[str] | None = None) -> Path:
    """Tables folder: `-- --data DIR` on the streamlit command line, else $DASHBOARD_DATA, else default."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--data")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    chosen = args.data or os.environ.get("DASHBOARD_DATA")
    return Path(chosen).expanduser() if chosen else DEFAULT_DATA_DIR


def page(folder: Path) -> None:
    st.title(TITLE, anchor=False)
    real = resolve_folder(folder)
    try:
        data, options = loading.current(real)
    except TablesMissingError as exc:
        status.no_tables(exc.folder, exc.missing)
        return
    except TablesUnreadableError as exc:
        status.unreadable(real, exc)
        return
    if data.events.empty:
        status.no_tables(real, ["events (the table is empty)"])
        return

    state, notes = sidebar.show(options)
    status.notes(notes)
    view = apply_filters(data, state)
    if view.events.empty:
        status.nothing_matches(options)
        return
    overview.show(data, view, state)
    brief.show(data, view, state, options)
    views = {
        "timeline": lambda: timeline.show(data, view, state),
        "participation": lambda: participation.show(view, state),
        "themes": lambda: themes.show(view, state),
        "actor": lambda: actor_page.show(data, view, state, options),
        "compare": lambda: compare.show(data, state, options),
        "map": lambda: map_view.show(view, state, options),
        "events": lambda: event_details.show(data, events_table.show(view, data), options),
        "downloads": lambda: downloads.show(data, view, state, options),
    }
    # Lazy tabs: opening a tab reruns the script, and only the open tab's view is computed and sent.
    tabs = st.tabs(TABS, key=url_state.TAB_KEY, on_change="rerun")
    for name, tab in zip(url_state.TABS, tabs, strict=True):
        if tab.open:
            with tab:
                views[name]()
    url_state.write_url(state, options)  # again: the table may have moved to its last page


def warm_first_page(data: Data) -> None:
    """What the first page shows without filters (the metrics and the Timeline tab's figures), made when the
    server has read the tables, so that the first visitor finds it made (Data.remembered)."""
    state = FilterState()
    view = apply_filters(data, state)
    overview.figures(data, view, state)
    timeline.remember_first_page(data, view, state)


def main() -> None:
    st.set_page_config(page_title=TITLE, layout="wide", page_icon="🤝")
    try:
        page(data_dir())
    except Exception as exc:  # noqa: BLE001 - the user sees one sentence; the log keeps the traceback
        status.failure(exc)


if __name__ == "__main__":
    # A script run of the page (streamlit runs this file as __main__ for every visit and rerun, AppTest too).
    main()
else:
    # `streamlit run dashboard/app.py` finds this ASGI app, imports this file once as a module when the
    # server starts, and serves this same file as the page. Its lifespan starts reading the tables then,
    # so the first visitor does not wait for the read.
    lifespan = loading.lifespan_preloading(data_dir, warm_first_page)
    app = st.App(__file__, lifespan=lifespan)
