"""components/chart.py: a figure with PNG / SVG / HTML buttons named after what it shows and the filters;
without a browser on the server, PNG and SVG are off and a note says why."""

from __future__ import annotations

import json

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    from dashboard.components import chart
    from dashboard.services import charts

    chart.show(charts.theme_frequencies(data.event_themes), "theme-frequencies", state, "freq")


def test_chart_and_its_downloads(run, data, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/usr/bin/chromium")
    at = run(script, data=data, state=FilterState(orgs=("SCO RATS",)))
    fig = at.get("plotly_chart")[0]
    assert json.loads(fig.proto.config)["toImageButtonOptions"]["filename"] == "sco-osce_theme-frequencies_org-sco-rats"
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["PNG", "SVG", "HTML"]
    assert all(b.proto.deferred_file_id for b in buttons)  # rendered only on click


def test_without_a_browser_png_and_svg_are_off(run, data, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    at = run(script, data=data, state=FilterState())
    disabled = {b.proto.label: b.proto.disabled for b in at.get("download_button")}
    assert disabled == {"PNG": True, "SVG": True, "HTML": False}
    assert "need Chrome or Chromium" in at.caption[0].value
