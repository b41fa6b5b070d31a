"""components/timeline.py: the timeline and the counts per period, each with its downloads."""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    from dashboard.components import timeline
    from dashboard.services.filters import apply_filters

    timeline.show(data, apply_filters(data, state), state)


def test_two_charts_with_downloads_named_after_the_filters(run, data) -> None:
    at = run(script, data=data, state=FilterState(themes=("terrorism",)))
    charts = at.get("plotly_chart")
    assert len(charts) == 2
    names = [json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in charts]
    assert names == ["sco-osce_timeline_theme-terrorism", "sco-osce_events-per-year_theme-terrorism"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["PNG", "SVG", "HTML"] * 2
    points = sum(len(t["x"]) for t in json.loads(charts[0].proto.spec)["data"])
    assert points == 4


def test_colour_by_leading_organisation_and_period(run, data) -> None:
    at = run(script, data=data, state=FilterState())
    assert at.radio(key="colour_by").options == ["Event type", "Leading organisation"]
    at.radio(key="colour_by").set_value("Leading organisation").run()
    at.radio(key="period").set_value("month").run()
    assert not at.exception
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert {t["name"] for t in spec["data"]} == {"ODIHR", "OSCE", "SCO", "UNOCT", "UNODC", "UNRCCA"}
    assert json.loads(at.get("plotly_chart")[1].proto.spec)["layout"]["title"]["text"] == "Events per month, by type"



def test_a_second_visitor_with_the_same_filters_gets_the_figures_already_made(run, monkeypatch) -> None:
    from dashboard.services import charts
    from dashboard.services.data import load_data

    made: list[str] = []
    real = charts.timeline
    monkeypatch.setattr(charts, "timeline", lambda events, by: made.append(by) or real(events, by))
    # Tables of its own, so that nothing is remembered yet.
    data = load_data(Path(__file__).resolve().parents[2] / "fixtures" / "tables")
    first = run(script, data=data, state=FilterState(themes=("terrorism",)))
    second = run(script, data=data, state=FilterState(themes=("terrorism",)))
    assert made == ["event_type"]
    assert second.get("plotly_chart")[0].proto.spec == first.get("plotly_chart")[0].proto.spec
    run(script, data=data, state=FilterState(themes=("elections",)))  # other filters: made for them
    assert made == ["event_type", "event_type"]
