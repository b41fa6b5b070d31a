"""components/participation.py: top actors, one actor's events, who meets whom; actors only mentioned
appear only when the view includes them."""

from __future__ import annotations

import json

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    from dashboard.components import participation
    from dashboard.services.filters import apply_filters

    participation.show(apply_filters(data, state), state)


def spec(at, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def test_five_charts_and_the_actor_box(run, data) -> None:
    at = run(script, data=data, state=FilterState())
    assert len(at.get("plotly_chart")) == 5
    actors = at.selectbox(key="actor").options
    assert actors[0] == "SCO (11 events)" and "NATO (1 events)" not in actors
    assert spec(at, 3)["layout"]["title"]["text"] == "Events of SCO"
    orgs = spec(at, 4)["data"][0]["x"]
    assert orgs[:2] == ["SCO", "OSCE"] and "NATO" not in orgs


def test_actors_only_mentioned_when_switched_on(run, data) -> None:
    at = run(script, data=data, state=FilterState(mentioned=True))
    assert "NATO (1 events)" in at.selectbox(key="actor").options
    assert "NATO" in spec(at, 1)["data"][0]["y"]  # top organisations
    at.selectbox(key="actor").set_value("NATO").run()
    assert spec(at, 3)["layout"]["title"]["text"] == "Events of NATO"
    names = [json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in at.get("plotly_chart")]
    assert "sco-osce_events-of-nato_with-mentioned" in names


def test_who_meets_whom_among_persons(run, data) -> None:
    at = run(script, data=data, state=FilterState())
    at.radio(key="co_kind").set_value("Persons").run()
    assert "Vladimir Norov" in spec(at, 4)["data"][0]["x"]
