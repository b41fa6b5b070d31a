"""Start the real app with `streamlit run` on a free loopback port, and a headless Debian Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, ROOT, running_app

REPORTS = ROOT / "data" / "reports"


@pytest.fixture(scope="session")
def tables_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus, built by the real ETL: the browser sees what a user sees on first start."""
    from etl.build import build

    out = tmp_path_factory.mktemp("tables") / "processed"
    result = build(REPORTS, out, progress=False)
    assert result.tables is not None and not result.skipped
    return out


@pytest.fixture(scope="session")
def tables(tables_dir: Path) -> dict:
    import pandas as pd

    return {name: pd.read_parquet(tables_dir / f"{name}.parquet")
            for name in ("events", "event_themes", "event_participants", "participants")}


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory, tables_dir: Path) -> Iterator[str]:
    log = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    with open(log, "wb") as out, running_app(tables_dir, out) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    # No skip: the browser test is part of every run, and scripts/setup.sh --dev installs chromium.
    assert Path(CHROMIUM).is_file(), f"no Chromium at {CHROMIUM}: run scripts/setup.sh --dev (apt-get install chromium)"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, app_url: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
