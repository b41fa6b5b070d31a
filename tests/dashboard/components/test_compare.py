"""components/compare.py: the periods from the address (and written back to it), notes on bad dates,
the small-number caution shown, themes and actors side by side with links to their events, new and gone,
and a row's events opened through the sidebar's filters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from dashboard.services.filters import FilterState
from tests.support.text import plain

PERIODS = {"cmp_start": "2015-01-01", "cmp_end": "2024-12-31", "base_start": "2004-01-01", "base_end": "2014-12-31"}


def script(data, state, options) -> None:
    from dashboard.components import compare

    compare.show(data, state, options)


def titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def test_periods_from_the_address(run, data, options) -> None:
    at = run(script, query=PERIODS, data=data, state=FilterState(), options=options)
    assert at.date_input(key="w_cmp_start").value == dt.date(2015, 1, 1)
    assert at.date_input(key="w_base_end").value == dt.date(2014, 12, 31)
    assert titles(at) == ["Themes: share of events, 2015–2024 and 2004–2014",
                          "Actors: share of events, 2015–2024 and 2004–2014"]
    caption = plain(at.caption[0].value)
    assert caption.startswith("2015–2024: 8 events; baseline 2004–2014: 4 events.")
    assert "Counts under 5 are marked ⚠" in caption
    themes = at.dataframe[0].value
    terror = themes.set_index("label").loc["Terrorism"]
    assert (terror["count"], terror["base_count"]) == (2, 2)
    assert terror["caution"] == "⚠ under 5"
    assert terror["events"] == "?start=2015-01-01&end=2024-12-31&theme=terrorism&tab=events"
    new = next(m.value for m in at.markdown if m.value.startswith("**New themes**"))
    assert "Cybersecurity" in plain(new)
    assert not at.warning


def test_default_periods_go_into_the_address(run, data, options) -> None:
    at = run(script, data=data, state=FilterState(), options=options)
    assert {k: at.query_params[k] for k in PERIODS} == {
        "cmp_start": "2014-01-01", "cmp_end": "2024-12-31", "base_start": "2004-01-01", "base_end": "2013-12-31"}
    at.date_input(key="w_cmp_start").set_value(dt.date(2019, 1, 1)).run()
    assert at.query_params["cmp_start"] == "2019-01-01"
    assert titles(at)[0] == "Themes: share of events, 2019–2024 and 2004–2013"


def test_bad_dates_in_the_address_get_notes(run, data, options) -> None:
    at = run(script, query={**PERIODS, "cmp_start": "2021-02-30", "base_end": "**x**"}, data=data,
             state=FilterState(), options=options)
    notes = [plain(w.value) for w in at.warning]
    assert notes == ["Ignored cmp_start '2021-02-30': there is no such date.",
                     "Ignored base_end '**x**': dates are written YYYY-MM-DD."]


def test_actors_by_kind(run, data, options) -> None:
    at = run(script, query=PERIODS, data=data, state=FilterState(), options=options)
    at.radio(key="cmp_kind").set_value("Persons").run()
    persons = at.dataframe[1].value
    assert "Vladimir Norov" in set(persons["label"]) and "SCO" not in set(persons["label"])
    norov = persons.set_index("label").loc["Vladimir Norov"]
    assert norov["status"] == "new"
    assert norov["base_events"] == "?start=2004-01-01&end=2014-12-31&person=Vladimir+Norov&tab=events"
    assert norov["page"] == "?tab=actor&actor=Vladimir+Norov"


def test_a_row_opens_its_events_through_the_filters(run, data, options) -> None:
    at = run(script, query=PERIODS, data=data, state=FilterState(formats=("in-person",)), options=options)
    box = at.selectbox(key="compare_pick")
    index = next(i for i, o in enumerate(box.options) if o == "Terrorism (theme)")
    box.set_value(index).run()
    at.button(key="cmp-open-base").click().run()
    ss = at.session_state
    assert ss["f_theme"] == ["terrorism"] and ss["f_format"] == ["in-person"]
    assert ss["f_start"] == dt.date(2004, 9, 19) and ss["f_end"] == dt.date(2014, 12, 31)  # clamped to the data


def test_report_text_in_names_is_text(run, data, options) -> None:
    themes = data.event_themes.copy()
    themes.loc[themes["theme_id"] == "terrorism", "label"] = "**Terror** <b>x</b>"
    at = run(script, query=PERIODS, data=dataclasses.replace(data, event_themes=themes), state=FilterState(),
             options=options)
    assert "**Terror** <b>x</b>" in set(at.dataframe[0].value["label"])  # a cell is plain text
    labels = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    assert "**Terror** &lt;b&gt;x&lt;/b&gt;" in labels  # Plotly shows it as written
