"""components/actor_page.py: the actor named in the address (`?actor=...`), its charts with downloads,
roles, reports with evidence and links only to http(s) addresses, spellings; a change of actor is written
back to the address; unknown actors get a note; report text shows as text."""

from __future__ import annotations

import dataclasses
import json

import pandas as pd

from dashboard.services.filters import FilterState
from tests.support.text import plain


def script(data, state, options) -> None:
    from dashboard.components import actor_page
    from dashboard.services.filters import apply_filters

    actor_page.show(data, apply_filters(data, state), state, options)


def titles(at) -> list[str]:
    return [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")]


def test_actor_from_the_address(run, data, options) -> None:
    at = run(script, query={"actor": "Vladimir Norov"}, data=data, state=FilterState(), options=options)
    assert at.selectbox(key="actor_page_pick").value == "p-norov"
    assert plain(at.subheader[0].value) == "Vladimir Norov"
    assert "acts for SCO" in plain(at.caption[0].value)
    assert titles(at) == ["Events of Vladimir Norov per year", "Who Vladimir Norov meets: events shared",
                          "Themes of Vladimir Norov's events"]
    assert [m.value for m in at.metric][:3] == ["2", "2", "1"]
    roles = at.dataframe[0].value
    assert list(roles["role"]) == ["Secretary-General"]
    reports = at.dataframe[-2].value
    assert len(reports) == 2 and all("Vladimir Norov" in e for e in reports["evidence"])
    assert list(at.dataframe[-1].value["spelling"]) == ["Vladimir Norov"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.count("PNG") == 3 and labels.count("HTML") == 3


def test_default_actor_is_the_most_active_and_goes_into_the_address(run, data, options) -> None:
    at = run(script, data=data, state=FilterState(), options=options)
    assert at.selectbox(key="actor_page_pick").value == "p-sco"
    assert at.query_params["actor"] == "SCO"
    at.selectbox(key="actor_page_pick").set_value("p-kaz").run()
    assert at.query_params["actor"] == "KAZ"
    assert plain(at.subheader[0].value) == "KAZ (Kazakhstan)"
    assert set(at.dataframe[-1].value["spelling"]) == {"Kazakhstan", "Astana"}


def test_file_names_say_the_actor_and_the_filters(run, data, options) -> None:
    at = run(script, query={"actor": "SCO RATS"}, data=data, state=FilterState(themes=("drug-trafficking",)),
             options=options)
    names = [json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in at.get("plotly_chart")]
    assert names[0] == "sco-osce_actor-sco-rats-per-year_theme-drug-trafficking"


def test_unknown_actor_gets_a_note(run, data, options) -> None:
    at = run(script, query={"actor": "**Nobody** <b>"}, data=data, state=FilterState(), options=options)
    assert plain(at.warning[0].value) == (
        "Ignored actor '**Nobody** <b>': no person, organisation or state of that name or ID."
    )
    assert at.selectbox(key="actor_page_pick").value == "p-sco"


def test_actor_only_mentioned(run, data, options) -> None:
    at = run(script, query={"actor": "NATO"}, data=data, state=FilterState(), options=options)
    assert at.selectbox(key="actor_page_pick").value == "p-nato"
    assert "switch on 'Include actors only mentioned'" in plain(at.info[0].value)
    at = run(script, query={"actor": "NATO"}, data=data, state=FilterState(mentioned=True), options=options)
    assert not at.info and at.metric[0].value == "1"


def test_report_text_is_shown_as_text_and_links_only_http(run, data, options) -> None:
    docs = data.documents.copy()
    doc = docs["doc_id"] == "d-2019-vienna-norov-1"
    docs.loc[doc, "url"] = "javascript:alert(1)"
    docs.loc[doc, "title"] = "[Session expired](https://example.org/login) **bold**"
    parts = data.participants.copy()
    parts.loc[parts["participant_id"] == "p-norov", "affiliation"] = "**SCO** <img src=x>"
    hostile = dataclasses.replace(data, documents=docs, participants=parts)
    at = run(script, query={"actor": "p-norov"}, data=hostile, state=FilterState(), options=options)
    caption = at.caption[0].value
    assert plain(caption) == "person · acts for **SCO** <img src=x>" and "\\*\\*SCO\\*\\*" in caption
    reports = at.dataframe[-2].value.set_index("report")
    assert pd.isna(reports.loc["[Session expired](https://example.org/login) **bold**", "url"])
    assert reports["url"].dropna().str.startswith("https://").all()


def test_the_actors_it_met_lead_to_their_pages(run, data, options) -> None:
    at = run(script, query={"actor": "Vladimir Norov"}, data=data, state=FilterState(themes=("terrorism",)),
             options=options)
    met = at.dataframe[1].value.set_index("label")
    assert met.loc["SCO", "page"] == "?theme=terrorism&tab=actor&actor=SCO"


def test_long_report_lists_are_cut(run, data, options, monkeypatch) -> None:
    from dashboard.components import actor_page

    monkeypatch.setattr(actor_page, "MAX_REPORTS", 3)
    at = run(script, query={"actor": "SCO"}, data=data, state=FilterState(), options=options)
    assert len(at.dataframe[-2].value) == 3
    assert any("The 3 most recent of 11" in c.value for c in at.caption)
