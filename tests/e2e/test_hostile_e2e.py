"""End to end: reports and an address written to attack the page, in the real app in chromium.

Text from reports and from the address must show as the characters it is: no link other than a
source's own http(s) address, no markdown or HTML from data drawn, no script run, no bidi override.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from playwright.sync_api import Page, expect

RENDER_TIMEOUT = 60_000
HOSTILE_QUERY = urlencode(
    [
        ("org", "[Session expired](https://example.org/login)"),
        ("org", "<img src=x onerror=alert(4)>"),
        *(("person", f"Person {i}") for i in range(500)),
        ("start", "2021-02-30"),
        ("theme", "**bold**"),
        ("q\u202e", "x"),
    ]
)


def as_shown(text: str) -> str:
    """Text as the page shows it: an invisible word joiner keeps "https://", "www." and "a@b" from
    becoming links."""
    return re.sub(r"(?<=:)(?=/)|(?<=www)(?=\.)|(?<=@)", "\u2060", text)


def foreign_links(page: Page) -> list[str]:
    """Links that lead away from the page, other than those in an event's list of sources."""
    return page.evaluate(
        """() => [...document.querySelectorAll('a[href]')]
            .filter(a => !a.closest('.st-key-sources'))
            .map(a => a.getAttribute('href'))
            .filter(h => !h.startsWith('#'))"""
    )


def assert_nothing_rendered_from_data(page: Page) -> None:
    assert foreign_links(page) == []
    for tag, text in (("strong", "bold"), ("em", "Evil"), ("code", "Vienna"), ("code", "code"), ("a", "click"),
                      ("a", "Session expired"), ("a", "Phish"), ("em", "star"), ("code", "tick")):
        expect(page.locator(tag, has_text=text)).to_have_count(0)
    expect(page.locator("img[src='x']")).to_have_count(0)
    expect(page.locator(".stMarkdown script")).to_have_count(0)
    body = page.inner_text("body")
    assert "\u202e" not in body
    assert "Traceback" not in body and "Something went wrong" not in body


def choose_event(page: Page, words: str) -> None:
    box = page.get_by_test_id("stSelectbox").filter(has_text="Event details")
    box.locator("input").click()
    page.keyboard.type(words)
    page.keyboard.press("Enter")


def test_hostile_reports_and_address(page: Page, hostile_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url + "?" + HOSTILE_QUERY)
    page.wait_for_selector(".js-plotly-plot", timeout=RENDER_TIMEOUT)
    alerts = page.get_by_test_id("stAlert")
    expect(alerts.filter(has_text="Ignored start '2021-02-30': there is no such date.")).to_have_count(1)
    expect(alerts.filter(has_text=as_shown("'[Session expired](https://example.org/login)'"))).to_have_count(1)
    expect(alerts.filter(has_text="'Person 0', 'Person 1', 'Person 2' and 497 more.")).to_have_count(1)
    expect(alerts.filter(has_text="'**bold**'")).to_have_count(1)
    assert_nothing_rendered_from_data(page)

    page.get_by_role("tab", name="Events").click()
    for words, title in (
        ("Election", "Election observed [click](javascript:alert(1)) ```code```"),
        ("bold", "**bold** SCO and OSCE meet in `Vienna` [Session expired](https://example.org/login)"),
    ):
        choose_event(page, words)
        expect(page.get_by_role("heading", name=as_shown(title), exact=True)).to_be_visible()
        sources = page.locator(".st-key-sources")
        expect(sources).to_contain_text(as_shown(title))
        expect(sources.locator("a")).to_have_count(0)  # data: and javascript: addresses are no links
        expect(page.locator("mark").first).to_be_visible()
        assert_nothing_rendered_from_data(page)
    expect(page.locator(".st-key-sources")).to_contain_text("<img src=x onerror=alert(1)> _Evil_ News evil")
    expect(page.locator(".st-key-sources")).to_contain_text("file h1_*star*_`tick`.txt")
    expect(page.locator(".report-text").first).to_contain_text("**drug trafficking** <script>alert(2)</script>")
    assert dialogs == []
