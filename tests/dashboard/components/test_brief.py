"""components/brief.py: the "Download brief" button (and PDF, off without a browser), built only on click,
and its file: HTML of the view with the filters in words."""

from __future__ import annotations

import datetime as dt

from dashboard.services.filters import FilterState


def script(data, state, options) -> None:
    from dashboard.components import brief
    from dashboard.services.filters import apply_filters

    brief.show(data, apply_filters(data, state), state, options, figures=lambda: {})


def test_button_built_only_on_click(run, data, options) -> None:
    state = FilterState(themes=("terrorism",), start=dt.date(2015, 1, 1), end=dt.date(2020, 12, 31))
    at = run(script, data=data, state=state, options=options)
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Download brief", "PDF"]
    assert all(b.proto.deferred_file_id for b in buttons)  # built only when clicked


def test_pdf_off_without_a_browser(run, data, options, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run(script, data=data, state=FilterState(), options=options)
    disabled = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert disabled == {"Download brief": False, "PDF": True}


def test_the_file_is_the_brief_of_the_view(data, options, monkeypatch) -> None:
    # What the button's deferred callable returns, without a browser: HTML naming the filters.
    from dashboard.services import brief
    from dashboard.services.filters import apply_filters

    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    assert brief.default_image() is None
    state = FilterState(orgs=("ODIHR",))
    view = apply_filters(data, state)
    page = brief.brief_html(data, view, state, options, brief.standard_figures(view, options.country_names),
                            image=brief.default_image())
    assert "<li>Organisations: ODIHR</li>" in page and 'class="plotly-graph-div"' in page
    assert brief.file_name(state) == "sco-osce-brief_org-odihr.html"
