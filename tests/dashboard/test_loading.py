"""The tables read once per folder and version, ahead of the first visitor (dashboard/loading.py), and the
server entry in dashboard/app.py that starts that read."""

from __future__ import annotations

import asyncio
import importlib.util
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit import config
from streamlit.web.server.app_discovery import discover_asgi_app

from dashboard import loading

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "dashboard" / "app.py"
FIXTURES = ROOT / "tests" / "fixtures" / "tables"


@pytest.fixture(autouse=True)
def fresh_cache():
    loading.load_tables.clear()
    yield
    loading.load_tables.clear()


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException]:
    errors: list[BaseException] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: errors.append(args.exc_value))
    return errors


def test_preload_fills_the_cache_the_page_reads(tmp_path: Path, thread_errors) -> None:
    folder = tmp_path / "tables"
    shutil.copytree(FIXTURES, folder)
    thread = loading.preload(folder)
    thread.join(60)
    assert not thread.is_alive() and not thread_errors
    data, options = loading.current(folder)
    assert len(data.events) == 12 and "terrorism" in options.themes
    # The page's call is served by the preloaded value, not a second read.
    assert loading.current(folder)[0] is data


def test_a_changed_table_is_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    shutil.copytree(FIXTURES, folder)
    loading.preload(folder).join(60)
    before, _ = loading.current(folder)
    events = pd.read_csv(folder / "events.csv", dtype=str, keep_default_na=False)
    events.iloc[:5].to_csv(folder / "events.csv", index=False)
    after, _ = loading.current(folder)
    assert after is not before
    assert len(before.events) == 12 and len(after.events) == 5


def test_a_symlink_switched_to_another_build_is_followed(tmp_path: Path) -> None:
    first, second = tmp_path / "v1", tmp_path / "v2"
    shutil.copytree(FIXTURES, first)
    shutil.copytree(FIXTURES, second)
    events = pd.read_csv(second / "events.csv", dtype=str, keep_default_na=False)
    events.iloc[:3].to_csv(second / "events.csv", index=False)
    link = tmp_path / "processed"
    link.symlink_to(first)
    loading.preload(link).join(60)
    assert loading.current(link)[0].folder == first.resolve()
    link.unlink()
    link.symlink_to(second)
    data, _ = loading.current(link)
    assert data.folder == second.resolve() and len(data.events) == 3


def test_preload_of_missing_tables_raises_nothing(tmp_path: Path, thread_errors) -> None:
    thread = loading.preload(tmp_path / "nothing here")
    thread.join(60)
    assert not thread.is_alive()
    assert thread_errors == []


def test_streamlit_run_finds_the_server_entry_and_it_preloads(monkeypatch: pytest.MonkeyPatch) -> None:
    # `streamlit run dashboard/app.py` serves it as an ASGI app only if it finds the assignment.
    assert discover_asgi_app(APP).is_asgi_app
    monkeypatch.setattr(config, "_main_script_path", config._main_script_path)
    monkeypatch.setenv("DASHBOARD_DATA", str(FIXTURES))
    monkeypatch.setattr("sys.argv", [str(APP)])
    spec = importlib.util.spec_from_file_location("dashboard_app_as_module", APP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # as uvicorn imports it: not __main__, so no page is drawn
    assert isinstance(module.app, st.App) and module.app.script_path == APP
    started: list[threading.Thread] = []
    real_preload = loading.preload
    monkeypatch.setattr(loading, "preload", lambda *a, **k: started.append(real_preload(*a, **k)) or started[-1])

    async def lifespan() -> None:
        async with module.lifespan(module.app):
            pass

    asyncio.run(lifespan())
    assert len(started) == 1
    started[0].join(60)
    data, _ = loading.current(FIXTURES)
    assert len(data.events) == 12


def test_the_first_page_made_ahead_is_not_made_again_for_the_first_visitor(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from dashboard.services import charts

    monkeypatch.setenv("DASHBOARD_DATA", str(FIXTURES))
    made: list[str] = []
    for name in ("timeline", "counts_by_period"):
        real = getattr(charts, name)
        monkeypatch.setattr(charts, name, lambda *a, _real=real, _name=name: made.append(_name) or _real(*a))

    def visit() -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60).run()
        assert not at.exception and len(at.get("plotly_chart")) == 2
        return at

    visit()  # without the warm-up the page makes its figures
    assert made == ["timeline", "counts_by_period"]
    loading.load_tables.clear()
    made.clear()
    spec = importlib.util.spec_from_file_location("dashboard_app_as_module", APP)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    thread = loading.preload(FIXTURES, module.warm_first_page)
    thread.join(60)
    assert made == ["timeline", "counts_by_period"]  # made by the preload
    visit()
    assert made == ["timeline", "counts_by_period"]  # and not again by the page
