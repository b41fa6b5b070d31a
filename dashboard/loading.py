"""The tables, loaded once per tables folder and version and shared by every session, and read ahead of
the first visitor.

`load_tables` is the one cached loader (st.cache_resource): the page calls it on every run, and
`preload` calls it in a background thread when the server process starts (dashboard/app.py's lifespan),
so the first visitor finds the tables read, or waits for the read already under way instead of starting
another one (the cache computes a value once and holds other callers of the same key until it is there).

The key is the resolved folder and the table files' names, sizes and mtimes (services/data.py:
`tables_signature`), so the page reads one resolved version of the output folder: a rebuild, or a symlink
switched to a new build, gives a new key and the next run loads that version whole; a preload of a version
that was replaced before anyone asked for it is simply never used.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.services.data import Data, load_data, resolve_folder, tables_signature
from dashboard.services.filters import Options, options_from

log = logging.getLogger("dashboard")
THREAD_NAME = "dashboard-preload"


class _QuietPreload(logging.Filter):
    # The cache warns that a thread without a session ("missing ScriptRunContext") called it. For the
    # preload that is the point, and the warning would only puzzle whoever reads the server log; the
    # warning stays for every other thread.
    def filter(self, record: logging.LogRecord) -> bool:
        return record.threadName != THREAD_NAME


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_QuietPreload())


@st.cache_resource(show_spinner="Loading tables…", max_entries=4)
def load_tables(folder: str, signature: tuple) -> tuple[Data, Options]:
    """The tables of `folder` (already resolved) with their joins, and the filters' options.

    cache_resource, not cache_data: cache_data unpickles a fresh copy on every rerun, which for 100,000
    events costs more than the filtering itself. The frames are treated as read-only. `signature` is only
    part of the key (see the module's docstring)."""
    data = load_data(folder)
    return data, options_from(data)


def current(folder: Path | str) -> tuple[Data, Options]:
    """The tables of the version `folder` points to now (loaded, or taken from the cache)."""
    real = resolve_folder(folder)
    return load_tables(str(real), tables_signature(real))


def preload(folder: Path | str, warm: Callable[[Data], None] | None = None) -> threading.Thread:
    """Start reading the tables of `folder` in a daemon thread and return it; then `warm(data)`, if given,
    makes what the first page shows (see dashboard/app.py).

    Nothing it meets is raised: missing or unreadable tables are the page's to explain (it calls the loader
    again and shows what is wrong), so the thread only logs one line."""

    def run() -> None:
        t0 = time.perf_counter()
        try:
            data, _ = current(folder)
        except Exception as exc:  # noqa: BLE001 - the page reports it when someone visits
            log.info("tables of %s not preloaded: %s: %s", folder, type(exc).__name__, exc)
            return
        log.info("tables of %s preloaded in %.1f s", folder, time.perf_counter() - t0)
        if warm is None:
            return
        try:
            warm(data)
        except Exception as exc:  # noqa: BLE001 - the page makes the same figures itself, and shows any error
            log.info("first page of %s not made ahead: %s: %s", folder, type(exc).__name__, exc)

    thread = threading.Thread(target=run, name=THREAD_NAME, daemon=True)
    thread.start()
    return thread


def lifespan_preloading(folder: Callable[[], Path], warm: Callable[[Data], None] | None = None
                        ) -> Callable[[Any], Any]:
    """An st.App lifespan that starts `preload(folder(), warm)` when the server starts, without delaying it:
    the server answers at once, and a visitor arriving during the read waits for that read."""

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        preload(folder(), warm)
        yield None

    return lifespan
