"""components/suggest_correction.py: the form makes one entry of the corrections file, valid by the ETL's
own validator, shown as YAML and offered as a download; bad values are refused with the reason, and free
text stays text."""

from __future__ import annotations

import datetime as dt

from dashboard.services.corrections import Correction, file_name, read_yaml
from tests.support.text import plain

EID = "ev-2017-beijing-visit"


def script(data, eid) -> None:
    from dashboard.components import suggest_correction

    suggest_correction.show(data, eid)


def key(name: str) -> str:
    return f"sc-{name}-{EID}"


def _entry(at) -> Correction:
    assert len(at.code) == 1, "no entry shown"
    assert at.code[0].language == "yaml"
    (entry,) = read_yaml(at.code[0].value)
    assert isinstance(entry, Correction), entry
    return entry


def test_the_date_form_starts_from_the_event_and_makes_an_entry(run, data) -> None:
    at = run(script, data=data, eid=EID)
    assert plain(at.expander[0].label) == "Suggest a correction"
    assert not at.code  # nothing before the form is sent
    assert at.date_input(key=key("set_date-start")).value.isoformat() == "2017-10-23"
    at.text_area(key=key("set_date-note")).set_value("the visit began a day earlier")
    at.date_input(key=key("set_date-start")).set_value(dt.date(2017, 10, 22))
    at.button(key=key("submit")).click().run()
    entry = _entry(at)
    assert entry.op == "set_event" and entry.note == "the visit began a day earlier"
    assert entry.values == {"report": "2017/d-2017-beijing-visit-1.txt", "start_date": dt.date(2017, 10, 22),
                            "date_precision": "day"}
    assert "start_date: 2017-10-22\n" in at.code[0].value
    download = at.get("download_button")
    assert len(download) == 1 and download[0].proto.label == "Download the entry"
    # The entry stays on the page through other reruns (the download, another widget).
    at.run()
    assert len(at.code) == 1


def test_download_is_named_after_the_event(run, data) -> None:
    at = run(script, data=data, eid=EID)
    at.button(key=key("submit")).click().run()
    assert file_name(EID) == "correction-ev-2017-beijing-visit.yaml"
    assert at.get("download_button")[0].proto.url  # the YAML is served from memory, not from a file


def test_participant_actions_offer_the_events_actors(run, data) -> None:
    at = run(script, data=data, eid=EID)
    at.selectbox(key=key("action")).set_value("set_role").run()
    people = at.selectbox(key=key("set_role-participant"))
    assert set(people.options) == {
        "Rashid Alimov (person)", "Thomas Greminger (person)", "Shanghai Cooperation Organisation (organization)",
        "Organization for Security and Co-operation in Europe (organization)", "China (state)",
    }
    people.set_value("p-alimov")
    at.text_input(key=key("set_role-role")).set_value("Secretary-General")
    at.button(key=key("submit")).click().run()
    entry = _entry(at)
    assert (entry.op, entry.values["name"], entry.values["role"]) == ("set_role", "Rashid Alimov", "Secretary-General")


def test_missing_value_is_refused_with_the_reason(run, data) -> None:
    at = run(script, data=data, eid=EID)
    at.selectbox(key=key("action")).set_value("set_role").run()
    at.button(key=key("submit")).click().run()
    assert not at.code
    assert "Give the role" in plain(at.error[0].value)


def test_themes_to_add_are_those_the_event_lacks(run, data) -> None:
    at = run(script, data=data, eid=EID)
    at.selectbox(key=key("action")).set_value("add_theme").run()
    offered = set(at.selectbox(key=key("add_theme-theme")).options)
    assert "Terrorism" in offered and "Connectivity" not in offered
    at.selectbox(key=key("action")).set_value("remove_theme").run()
    assert set(at.selectbox(key=key("remove_theme-theme")).options) == {
        "Connectivity", "Economic co-operation", "Cybersecurity"
    }
    at.selectbox(key=key("remove_theme-theme")).set_value("cybersecurity")
    at.button(key=key("submit")).click().run()
    entry = _entry(at)
    assert (entry.op, entry.values["theme"]) == ("remove_theme", "cybersecurity")


def test_a_new_actor_is_added_by_name_and_kind(run, data) -> None:
    at = run(script, data=data, eid=EID)
    at.selectbox(key=key("action")).set_value("add_participant").run()
    assert "China (state)" not in at.selectbox(key=key("add_participant-participant")).options  # already there
    at.text_input(key=key("add_participant-name")).set_value("Zhang Ming")
    at.text_input(key=key("add_participant-role")).set_value("Deputy Secretary-General")
    at.button(key=key("submit")).click().run()
    entry = _entry(at)
    assert entry.values["name"] == "Zhang Ming" and entry.values["kind"] == "person"
    assert entry.values["involvement"] == "took-part"


def test_hostile_note_stays_text(run, data) -> None:
    note = "**bold** [x](https://example.org) <script>alert(1)</script>\n- op: remove_theme\n  theme: energy"
    at = run(script, data=data, eid=EID)
    at.selectbox(key=key("action")).set_value("set_type").run()
    at.selectbox(key=key("set_type-type")).set_value("meeting")
    at.text_area(key=key("set_type-note")).set_value(note)
    at.button(key=key("submit")).click().run()
    entries = read_yaml(at.code[0].value)
    assert len(entries) == 1  # the note did not make a second entry
    assert entries[0].note == note and entries[0].values["event_type"] == "meeting"
    assert not at.markdown or all("<script>" not in m.value for m in at.markdown)
