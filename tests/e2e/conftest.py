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


# Invented reports whose titles, sources, URLs, file names and text hold markdown, HTML, backticks,
# a data: and a javascript: URL, and a right-to-left override (U+202E).
HOSTILE_REPORTS = {
    "h1_*star*_`tick`.txt": (
        "---\n"
        'title: "**bold** SCO and OSCE meet in `Vienna` [Session expired](https://example.org/login)"\n'
        'url: "data:text/html,<script>alert(1)</script>"\n'
        'source: "<img src=x onerror=alert(1)> _Evil_ News \\u202eevil"\n'
        "published: 2021-03-02\n"
        "---\n"
        "On 1 March 2021 SCO Secretary-General Vladimir Norov met OSCE Secretary General Helga Schmid in "
        "Vienna. They discussed terrorism and **drug trafficking** <script>alert(2)</script> "
        "[more](javascript:alert(3)).\n"
    ),
    "h2.txt": (
        "---\n"
        'title: "Election \\u202eobserved [click](javascript:alert(1)) ```code```"\n'
        'url: "javascript:alert(1)"\n'
        'source: "[Phish](https://example.org/phish)"\n'
        "published: 2022-11-21\n"
        "---\n"
        "On 20 November 2022 observers of the SCO and of OSCE/ODIHR observed the early presidential "
        "election in Kazakhstan. The SCO mission was headed by SCO Secretary-General Zhang Ming. "
        "See www.example.org/login or https://example.org/login.\n"
    ),
}


@pytest.fixture(scope="session")
def hostile_tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile reports, built by the real ETL."""
    from etl.build import build

    reports = tmp_path_factory.mktemp("hostile-reports")
    for name, text in HOSTILE_REPORTS.items():
        (reports / name).write_text(text, encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-tables") / "processed"
    result = build(reports, out, progress=False)
    assert result.tables is not None and not result.skipped
    return out


@pytest.fixture(scope="session")
def hostile_url(tmp_path_factory: pytest.TempPathFactory, hostile_tables: Path) -> Iterator[str]:
    log = tmp_path_factory.mktemp("streamlit-hostile") / "streamlit.log"
    with open(log, "wb") as out, running_app(hostile_tables, out) as url:
        yield url
