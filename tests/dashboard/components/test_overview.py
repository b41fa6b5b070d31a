"""components/overview.py: the four metrics and the span covered, for actors that took part or also
those only mentioned."""

from __future__ import annotations

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    from dashboard.components import overview
    from dashboard.services.filters import apply_filters

    overview.show(data, apply_filters(data, state), state)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_metrics_count_actors_that_took_part(run, data) -> None:
    at = run(script, data=data, state=FilterState())
    assert metrics(at) == {"Events": "12", "Participants": "28", "Organisations": "11", "Themes": "24"}
    assert "2004-09-19" in at.caption[0].value and "2024-10-27" in at.caption[0].value
    assert "(12 of 12 events)" in at.caption[0].value


def test_metrics_with_actors_only_mentioned(run, data) -> None:
    at = run(script, data=data, state=FilterState(mentioned=True))
    assert metrics(at)["Participants"] == "29" and metrics(at)["Organisations"] == "12"  # NATO


def test_metrics_of_a_filtered_view(run, data) -> None:
    at = run(script, data=data, state=FilterState(themes=("elections",)))
    assert metrics(at)["Events"] == "2"
    assert "(2 of 12 events)" in at.caption[0].value
