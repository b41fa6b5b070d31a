"""components/themes.py: theme frequencies, themes by year and themes together."""

from __future__ import annotations

import json

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    from dashboard.components import themes
    from dashboard.services.filters import apply_filters

    themes.show(apply_filters(data, state), state)


def test_three_theme_charts(run, data) -> None:
    at = run(script, data=data, state=FilterState(orgs=("UNOCT",)))
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert [s["layout"]["title"]["text"] for s in specs] == [
        "Themes by number of events",
        "Themes by year",
        "Themes that come up together",
    ]
    assert sorted(specs[0]["data"][0]["y"]) == ["Gender", "Terrorism", "Youth"]
    assert len(at.get("download_button")) == 9
