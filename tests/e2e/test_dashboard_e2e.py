"""End to end: the real app in Debian's Chromium, driven by Playwright."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT = ROOT / "docs" / "screenshot.png"
# The README's picture is rewritten only when asked: `UPDATE_SCREENSHOT=1 pytest tests/e2e`.
UPDATE_SCREENSHOT = os.environ.get("UPDATE_SCREENSHOT") == "1"
RENDER_TIMEOUT = 60_000  # the first load compiles and caches the tables


def events_metric(page: Page):
    return page.get_by_test_id("stMetric").filter(has_text="Events").get_by_test_id("stMetricValue")


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector(".js-plotly-plot", timeout=RENDER_TIMEOUT)


# Expected counts come from the built tables themselves, not from the dashboard's code.
def with_theme(tables: dict, theme: str) -> int:
    themes = tables["event_themes"]
    return themes.loc[themes["theme_id"] == theme, "event_id"].nunique()


def with_org(tables: dict, short_name: str) -> int:
    """Events the organisation took part in (not those that only mention it), or led."""
    links = tables["event_participants"].merge(tables["participants"], on="participant_id")
    took_part = links[(links["short_name"] == short_name) & (links["involvement"] == "took-part")]
    events = tables["events"]
    return len(set(took_part["event_id"]) | set(events.loc[events["leading_org"] == short_name, "event_id"]))


def test_loads_and_draws_charts(page: Page, app_url: str, tables: dict) -> None:
    total = len(tables["events"])
    open_app(page, app_url)
    expect(events_metric(page)).to_have_text(str(total))
    # Plotly drew the timeline: one SVG point per dated event in the visible tab.
    timeline = page.locator(".js-plotly-plot").first
    expect(timeline.locator(".scatterlayer .point")).to_have_count(int(tables["events"]["start_date"].notna().sum()))
    expect(timeline.locator(".gtitle")).to_have_text("Events over time")
    expect(page.get_by_text("Traceback")).to_have_count(0)


def test_filter_by_theme_with_widget_then_back(page: Page, app_url: str, tables: dict) -> None:
    total, terrorism = len(tables["events"]), with_theme(tables, "terrorism")
    assert 0 < terrorism < total
    open_app(page, app_url)
    themes = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Themes")
    themes.locator("input").click()
    page.keyboard.type("Terrorism")
    page.keyboard.press("Enter")
    expect(events_metric(page)).to_have_text(str(terrorism))
    expect(page).to_have_url(app_url + "?theme=terrorism")
    expect(page.locator(".js-plotly-plot").first.locator(".scatterlayer .point")).to_have_count(terrorism)
    page.go_back()
    expect(events_metric(page)).to_have_text(str(total))
    page.go_forward()
    expect(events_metric(page)).to_have_text(str(terrorism))


def test_filter_by_theme_through_url_and_download_png(page: Page, app_url: str, tables: dict) -> None:
    open_app(page, app_url + "?theme=elections&theme=nope")
    expect(events_metric(page)).to_have_text(str(with_theme(tables, "elections")))
    expect(page.get_by_test_id("stSidebar").get_by_text("Elections")).to_be_visible()
    expect(page.get_by_text("Ignored unknown theme value(s): 'nope'.")).to_be_visible()
    png = page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.locator("button")
    with page.expect_download(timeout=RENDER_TIMEOUT) as info:
        png.click()
    download = info.value
    assert download.suggested_filename == "sco-osce_timeline_theme-elections.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 10_000


def test_tab_opens_from_the_url_and_is_kept_in_it(page: Page, app_url: str, tables: dict) -> None:
    open_app(page, app_url + "?theme=terrorism&tab=themes")
    expect(page.get_by_role("tab", name="Themes")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text("Themes by number of events")
    # Only the open tab was computed and sent: no timeline on the page.
    expect(page.locator(".js-plotly-plot .gtitle").filter(has_text="Events over time")).to_have_count(0)
    expect(events_metric(page)).to_have_text(str(with_theme(tables, "terrorism")))
    page.get_by_role("tab", name="Participation").click()
    expect(page).to_have_url(app_url + "?theme=terrorism&tab=participation")
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text("Top persons by number of events")
    page.go_back()
    expect(page.get_by_role("tab", name="Themes")).to_have_attribute("aria-selected", "true")
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text("Themes by number of events")


def test_event_details_and_screenshot(page: Page, app_url: str, tables: dict) -> None:
    open_app(page, app_url + "?org=SCO")
    expect(events_metric(page)).to_have_text(str(with_org(tables, "SCO")))
    page.get_by_role("tab", name="Events").click()
    expect(page.get_by_text("Report text")).to_be_visible()
    expect(page.locator("mark").first).to_be_visible()
    expect(page).to_have_url(app_url + "?org=SCO&tab=events")
    page.get_by_role("tab", name="Timeline").click()
    expect(page.locator(".js-plotly-plot .gtitle").first).to_have_text("Events over time")
    if not UPDATE_SCREENSHOT:
        return
    page.set_viewport_size({"width": 1440, "height": 1500})  # tall enough for both timeline charts
    page.wait_for_timeout(2000)  # let plotly finish its transitions and resizes before the picture
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
