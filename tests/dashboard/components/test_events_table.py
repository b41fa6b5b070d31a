"""components/events_table.py: the table (most recent first) and the event chooser it returns."""

from __future__ import annotations

from dashboard.services.filters import FilterState


def script(data, state) -> None:
    import streamlit as st

    from dashboard.components import events_table
    from dashboard.services.filters import apply_filters

    st.text(f"chosen: {events_table.show(apply_filters(data, state))}")


def test_table_and_chooser(run, data) -> None:
    at = run(script, data=data, state=FilterState(themes=("elections",)))
    table = at.dataframe[0].value
    assert list(table["title"]) == [
        "SCO and ODIHR observe Uzbekistan's parliamentary elections",
        "SCO observes Kazakhstan's Majilis elections with ODIHR",
    ]
    assert list(table.columns) == [
        "start_date", "title", "event_type", "place", "organisations", "participants", "themes", "n_sources",
    ]
    assert at.text[0].value == "chosen: ev-2024-uzb-elections"
    box = at.selectbox(key="event_pick")
    assert box.options[1] == "2004-09-19 · SCO observes Kazakhstan's Majilis elections with ODIHR"
    box.set_value("ev-2004-kaz-elections").run()
    assert at.text[0].value == "chosen: ev-2004-kaz-elections"


def test_mentioned_actors_are_not_listed_as_organisations(run, data) -> None:
    at = run(script, data=data, state=FilterState(themes=("migration",)))
    assert at.dataframe[0].value["organisations"].tolist() == ["OSCE, SCO"]  # not NATO, only named
