"""components/map.py: the map of the filtered events with its downloads, the places listed, and what
could not be placed said."""

from __future__ import annotations

import json

from dashboard.services.filters import FilterState


def script(data, state, options) -> None:
    from dashboard.components import map as map_view
    from dashboard.services.filters import apply_filters

    map_view.show(apply_filters(data, state), state, options)


def test_map_and_places(run, data, options) -> None:
    at = run(script, data=data, state=FilterState(), options=options)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert fig["layout"]["title"]["text"] == "Events by place"
    assert {t["type"] for t in fig["data"]} == {"scatter"}
    places = at.dataframe[0].value
    assert set(places["place"]) >= {"Astana, Kazakhstan", "Vienna, Austria"}
    assert int(places["events"].sum()) == 9
    assert "3 without a known place" in at.caption[-1].value
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["toImageButtonOptions"]["filename"] == "sco-osce_map_all"
    assert [b.proto.label for b in at.get("download_button")] == ["PNG", "SVG", "HTML"]


def test_map_follows_the_filters(run, data, options) -> None:
    at = run(script, data=data, state=FilterState(countries=("AUT",)), options=options)
    places = at.dataframe[0].value
    assert list(places["place"]) == ["Vienna, Austria"] and list(places["events"]) == [2]


def test_nothing_to_place(run, data, options) -> None:
    at = run(script, data=data, state=FilterState(q="security review conference"), options=options)
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "No event of the current filters has a place" in fig["layout"]["annotations"][0]["text"]
    assert not at.dataframe
