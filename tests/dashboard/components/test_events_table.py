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
        "corrected",
    ]
    assert at.text[0].value == "chosen: ev-2024-uzb-elections"
    box = at.selectbox(key="event_pick")
    assert box.options[1] == "2004-09-19 · SCO observes Kazakhstan's Majilis elections with ODIHR"
    box.set_value("ev-2004-kaz-elections").run()
    assert at.text[0].value == "chosen: ev-2004-kaz-elections"


def test_mentioned_actors_are_not_listed_as_organisations(run, data) -> None:
    at = run(script, data=data, state=FilterState(themes=("migration",)))
    assert at.dataframe[0].value["organisations"].tolist() == ["OSCE, SCO"]  # not NATO, only named


def marked(data, state) -> None:
    import streamlit as st

    from dashboard.components import events_table
    from dashboard.services.filters import apply_filters

    st.text(f"chosen: {events_table.show(apply_filters(data, state), data)}")


def test_corrected_events_are_marked(run, data) -> None:
    at = run(marked, data=data, state=FilterState(corrected=True))
    table = at.dataframe[0].value
    assert dict(zip(table["title"], table["corrected"], strict=True)) == {
        "Regional conference on drug trafficking and borders": (
            "✎ the day the conference opened, not the day it was reported"
        ),
        "SCO Secretary-General at the OSCE Astana Summit": "✎ his title at the summit",
    }


def paged(data, state) -> None:
    import streamlit as st

    from dashboard.components import events_table
    from dashboard.services.filters import apply_filters, options_from
    from dashboard.url_state import read_url, write_url

    options = options_from(data)
    read_url(options)
    write_url(state, options)
    st.text(f"chosen: {events_table.show(apply_filters(data, state))}")


def test_the_table_is_paged_not_cut(run, tmp_path) -> None:
    from bench.dashboard import generate
    from dashboard.services.data import load_data

    generate(tmp_path, 260)
    big = load_data(tmp_path)
    newest = big.events.sort_values("start_date", ascending=False, kind="stable")["title"].tolist()
    at = run(paged, data=big, state=FilterState(), query={"tab": "events", "page": "3"})
    assert at.number_input(key="table_page").value == 3
    assert at.dataframe[0].value["title"].tolist() == newest[200:260]  # rows 201-260 of 260, most recent first
    assert "Events 201–260 of 260" in at.caption[0].value and "page 3 of 3" in at.caption[0].value
    assert at.selectbox(key="event_pick").options[0].endswith(newest[200])  # the chooser offers this page
    at.number_input(key="table_page").set_value(2).run()
    assert at.dataframe[0].value["title"].tolist() == newest[100:200]
    assert at.query_params["page"] == "2"
    # More rows per page: back to the first page.
    at.selectbox(key="table_rows").set_value(500).run()
    assert len(at.dataframe[0].value) == 260
    assert at.number_input(key="table_page").value == 1
    assert "page" not in at.query_params and at.query_params["rows"] == "500"
