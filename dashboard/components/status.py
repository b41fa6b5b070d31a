"""What the page shows instead of (or above) its views: no tables yet, a table that cannot be read,
notes on the address, no event matching, and an unexpected failure. Folder names and notes are data, so
they are escaped (dashboard/services/safe_text.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from dashboard import url_state
from dashboard.services.filters import Options
from dashboard.services.safe_text import md

log = logging.getLogger("dashboard")


def no_tables(folder: Path, missing: list[str]) -> None:
    st.info(
        f"**No tables to show yet.** The folder {md(folder)} lacks: {md(', '.join(missing))}.\n\n"
        "Build them from the reports in `data/reports` with\n\n"
        "```\npython -m etl build\n```\n\n"
        "then reload this page (or set up, build and start everything at once with `bash scripts/start.sh`). "
        "To show another folder of tables: `streamlit run dashboard/app.py -- --data DIR`."
    )


def unreadable(folder: Path, reason: object) -> None:
    st.error(f"A table in {md(folder)} could not be read ({md(reason)}). "
             "Rebuild the tables with `python -m etl build`.")


def notes(texts: list[str]) -> None:
    for text in texts:
        st.warning(md(text), icon="⚠️")


def nothing_matches(options: Options) -> None:
    st.warning("No events match these filters.")
    st.button("Reset filters", key="reset_empty", on_click=url_state.reset, args=(options,), type="primary")


def failure(exc: BaseException) -> None:
    """One plain sentence on the page; the traceback goes to the server log only."""
    log.error("dashboard failed", exc_info=exc)
    st.error(
        f"Something went wrong while drawing the dashboard: {md(type(exc).__name__)}: {md(exc)}. "
        "Try resetting the filters; if it persists, rebuild the tables with `python -m etl build`."
    )
