"""services/brief.py: one self-contained HTML file of the current view: the filters in words, key
figures, charts (inlined PNG, or the interactive figure with plotly.js inlined), top events with dates,
places, participants and sources; links only to http(s) addresses; report text escaped; a file name that
says what and which filters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from dashboard.services import brief, export
from dashboard.services.filters import FilterState, apply_filters

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 32


def test_file_name_says_what_and_which_filters() -> None:
    state = FilterState(themes=("terrorism",), start=dt.date(2015, 1, 1), end=dt.date(2020, 12, 31))
    assert brief.file_name(state) == "sco-osce-brief_theme-terrorism_2015-2020.html"
    assert brief.file_name(FilterState()) == "sco-osce-brief_all.html"
    assert brief.file_name(FilterState(orgs=("SCO RATS",), start=dt.date(2015, 3, 2)), "pdf") == \
        "sco-osce-brief_org-sco-rats_2015-03-02-end.pdf"
    hostile = FilterState(q="<b>x</b>/../", mentioned=True)
    assert brief.file_name(hostile) == "sco-osce-brief_q-b-x-b_with-mentioned.html"


def test_filters_in_words(options) -> None:
    state = FilterState(themes=("terrorism", "extremism"), theme_match="all", countries=("KAZ",), q="summit",
                        start=dt.date(2010, 1, 1))
    words = brief.filters_in_words(state, options)
    assert words[0] == "Dates: 2010-01-01 to the last event"
    assert "Themes (all of): Terrorism, Extremism" in words
    assert "States: Kazakhstan" in words
    assert "Text searched: “summit”" in words
    assert words[-1].startswith("Actors counted: those that took part")
    assert brief.filters_in_words(FilterState(), options)[0] == "No filters: every event."


def test_key_figures(data) -> None:
    view = apply_filters(data, FilterState(orgs=("ODIHR",)))
    figures = brief.key_figures(data, view)
    assert figures["Events"] == str(len(view.events))
    assert figures["Span"] == "2004-09-19 to 2024-10-27"


@pytest.fixture(scope="module")
def page(data, options) -> str:
    state = FilterState(themes=("elections",))
    view = apply_filters(data, state)
    return brief.brief_html(data, view, state, options, brief.standard_figures(view, options.country_names),
                            image=lambda fig: PNG, made=dt.datetime(2026, 1, 2, 3, 4))


def test_brief_with_images(page) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('src="data:image/png;base64,') == 4
    assert "<li>Themes: Elections</li>" in page
    assert "Made 2026-01-02 03:04" in page
    assert "Kazakhstan parliamentary elections observed" in page
    assert "Astana, KAZ" in page  # places
    assert "Robert L. Barry" in page  # participants
    assert '<a href="https://example.org/odihr/kaz-2004" rel="noopener noreferrer">' in page
    assert "<script" not in page  # images: no plotly.js needed


def test_self_contained_nothing_fetched(page) -> None:
    # Links to sources are the only addresses; nothing is loaded from elsewhere.
    assert re.findall(r'(?:src|href)="(?!data:)([^"]*)"', page) == re.findall(r'href="(https?://[^"]*)"', page)
    assert "<link" not in page


def test_brief_without_images_inlines_plotly_once(data, options) -> None:
    view = apply_filters(data, FilterState())
    page = brief.brief_html(data, view, FilterState(), options, brief.standard_figures(view, options.country_names))
    assert page.count("plotly.js v") >= 1
    assert page.count('class="plotly-graph-div"') == 4
    assert not re.search(r'<script[^>]+src="http', page)  # plotly.js inlined, not from a CDN


def test_a_chart_that_cannot_be_rendered_goes_in_interactive(data, options) -> None:
    view = apply_filters(data, FilterState())

    def broken(fig):
        raise RuntimeError("no browser")

    figs = dict(list(brief.standard_figures(view, options.country_names).items())[:1])
    page = brief.brief_html(data, view, FilterState(), options, figs, image=broken)
    assert 'class="plotly-graph-div"' in page and '<div class="chart"><img' not in page


def test_hostile_report_text_is_escaped_and_bad_links_are_text(data, options) -> None:
    eid = "ev-2017-beijing-visit"
    events = data.events.copy()
    events.loc[events["event_id"] == eid, "title"] = "<script>alert(1)</script> **bold** \u202eevil"
    events.loc[events["event_id"] == eid, "n_sources"] = 99  # first among the top events
    docs = data.documents.copy()
    doc = docs["doc_id"] == "d-2017-beijing-visit-1"
    docs.loc[doc, "title"] = '<img src=x onerror=alert(1)> "quoted"'
    docs.loc[doc, "url"] = "javascript:alert(1)"
    docs.loc[doc, "source"] = "[Phish](https://example.org/phish)"
    hostile = dataclasses.replace(data, events=events, documents=docs)
    view = apply_filters(hostile, FilterState())
    page = brief.brief_html(hostile, view, FilterState(q="<b>"), options, {})
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** evil" in page
    assert "&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;" in page
    assert "javascript:" not in page and "\u202e" not in page
    assert 'href="https://example.org/phish"' not in page  # markdown in the data is not a link
    assert "Text searched: “&lt;b&gt;”" in page


def test_top_events_most_reported_then_recent(data) -> None:
    top = brief.top_events(data, apply_filters(data, FilterState()), n=3)
    assert len(top) == 3
    assert top.iloc[0]["event_id"] == "ev-2020-osce-asrc"  # the one event with two reports
    assert {s["doc_id"] for s in top.iloc[0]["sources"]} == {"d-2020-osce-asrc-1", "d-2020-osce-asrc-2"}


@pytest.mark.skipif(export.chrome_path() is None, reason="no Chrome/Chromium to print PDF on this machine")
def test_pdf_printed_by_the_browser(data, options) -> None:
    view = apply_filters(data, FilterState(themes=("elections",)))
    pdf = brief.brief_pdf(brief.brief_html(data, view, FilterState(themes=("elections",)), options, {}))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5_000


def test_no_pdf_without_a_browser(monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    with pytest.raises(export.ExportUnavailableError):
        brief.brief_pdf("<!DOCTYPE html><p>x</p>")


def test_corrected_only_is_said_and_named(options) -> None:
    state = FilterState(corrected=True)
    assert "Only events with a fact a correction changed" in brief.filters_in_words(state, options)
    assert brief.file_name(state) == "sco-osce-brief_corrected.html"
