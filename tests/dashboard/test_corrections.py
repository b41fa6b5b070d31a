"""services/corrections.py: corrected facts from the tables' correction columns, the "corrected only"
filter, and suggested entries that the ETL's own validator accepts, with free text kept as text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml

from dashboard.services import corrections as c
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, apply_filters, describe
from etl.corrections.model import Correction, Problem

CORRECTED_EVENTS = {"ev-2015-dushanbe-drugs", "ev-2010-astana-summit"}


def test_fixture_marks_are_read(data: Data) -> None:
    assert c.corrected_event_ids(data) == CORRECTED_EVENTS
    assert c.corrected_participant_ids(data) == {"p-barry"}
    marked = data.event_participants[c.is_corrected(data.event_participants).to_numpy()]
    assert list(zip(marked["event_id"], marked["participant_id"], strict=True)) == [
        ("ev-2010-astana-summit", "p-imanaliev")
    ]


def test_event_marks_say_why(data: Data) -> None:
    marks = c.event_marks(data, ["ev-2015-dushanbe-drugs", "ev-2010-astana-summit", "ev-2004-kaz-elections"])
    assert marks == [
        "✎ the day the conference opened, not the day it was reported",
        "✎ his title at the summit",
        "",  # Barry's own record was corrected: that is the actor's, not the event's
    ]


def test_participant_marks_combine_the_row_and_the_actor(data: Data) -> None:
    ep = data.event_participants
    rows = ep[ep["event_id"].isin(["ev-2004-kaz-elections", "ev-2010-astana-summit"])]
    marks = dict(zip(rows["participant_id"], c.participant_marks(data, rows), strict=True))
    assert marks["p-barry"] == "✎ he headed the ODIHR mission"
    assert marks["p-imanaliev"] == "✎ his title at the summit"
    assert marks["p-sco"] == ""


def test_mark_text_without_note_shows_the_id() -> None:
    assert c.mark_text("kz-date", None) == "✎ kz-date"
    assert c.mark_text(None, "a note") == ""
    assert c.describe_correction("a; b", "one; two") == "Corrected by a; b: one; two"
    assert c.describe_correction("a", None) == "Corrected by a"


def test_corrected_only_filter(data: Data) -> None:
    view = apply_filters(data, FilterState(corrected=True))
    assert set(view.events["event_id"]) == CORRECTED_EVENTS
    assert set(view.event_participants["event_id"]) <= CORRECTED_EVENTS
    both = apply_filters(data, FilterState(corrected=True, countries=("TJK",)))
    assert set(both.events["event_id"]) == {"ev-2015-dushanbe-drugs"}
    assert FilterState().corrected is False
    assert describe(FilterState(corrected=True)) == "corrected"


def test_corrected_only_sees_a_corrected_theme_and_tables_without_marks(data: Data) -> None:
    et = data.event_themes.copy()
    et.loc[(et["event_id"] == "ev-2023-video-consultation") & (et["theme_id"] == "energy"), "correction_id"] = "x"
    marked = dataclasses.replace(data, event_themes=et)
    assert "ev-2023-video-consultation" in set(apply_filters(marked, FilterState(corrected=True)).events["event_id"])
    bare = dataclasses.replace(
        data,
        events=data.events.drop(columns=["correction_id", "correction_note"]),
        event_participants=data.event_participants.drop(columns=["correction_id"]),
        event_themes=data.event_themes.drop(columns=["correction_id"]),
    )
    assert apply_filters(bare, FilterState(corrected=True)).events.empty


# ----------------------------------------------------------------------------------------- entries

EVENT = "ev-2017-beijing-visit"
REPORT = "2017/d-2017-beijing-visit-1.txt"

CASES = [
    ("set_date", {"start_date": dt.date(2017, 10, 22), "end_date": dt.date(2017, 10, 23), "date_precision": "day"},
     {"op": "set_event", "start_date": "2017-10-22", "end_date": "2017-10-23", "date_precision": "day"}),
    ("set_type", {"event_type": "meeting"}, {"op": "set_event", "event_type": "meeting"}),
    ("set_format", {"format": "hybrid"}, {"op": "set_event", "format": "hybrid"}),
    ("set_city", {"city": "Shanghai"}, {"op": "set_event", "city": "Shanghai"}),
    ("set_country", {"country": "kaz"}, {"op": "set_event", "country": "KAZ"}),
    ("remove_participant", {"participant_id": "p-chn"}, {"op": "remove_participant", "name": "China"}),
    ("set_role", {"participant_id": "p-alimov", "role": "Secretary-General of the SCO"},
     {"op": "set_role", "name": "Rashid Alimov", "role": "Secretary-General of the SCO"}),
    ("set_involvement", {"participant_id": "p-sco", "involvement": "mentioned"},
     {"op": "set_involvement", "name": "Shanghai Cooperation Organisation", "involvement": "mentioned"}),
    ("add_participant", {"participant_id": "p-norov", "role": "Deputy", "involvement": "took-part"},
     {"op": "add_participant", "name": "Vladimir Norov", "kind": "person", "role": "Deputy",
      "involvement": "took-part"}),
    ("add_participant", {"name": "Zhang Ming", "kind": "person", "affiliation": "SCO",
                         "sentence": "Both sides mentioned cybersecurity."},
     {"op": "add_participant", "name": "Zhang Ming", "kind": "person", "affiliation": "SCO",
      "sentence": "Both sides mentioned cybersecurity."}),
    ("add_theme", {"theme_id": "terrorism"}, {"op": "add_theme", "theme": "terrorism"}),
    ("remove_theme", {"theme_id": "cybersecurity"}, {"op": "remove_theme", "theme": "cybersecurity"}),
]


@pytest.mark.parametrize(("action", "values", "expected"), CASES, ids=[f"{a}-{i}" for i, (a, _, _) in enumerate(CASES)])
def test_every_action_makes_an_entry_the_etl_accepts(data: Data, action, values, expected) -> None:
    entry = c.build_entry(data, EVENT, action, values, note="seen in the report")
    op = expected["op"]
    assert entry == {"id": entry["id"], "report": REPORT, **expected, "note": "seen in the report"} | {"op": op}
    assert list(entry)[:3] == ["op", "id", "report"]
    assert entry["id"].startswith(f"{EVENT}-{action.replace('_', '-')}")
    # The YAML, read as the ETL reads a corrections file, is the same valid entry.
    text = c.entry_yaml(entry)
    assert text.startswith(f"- op: {op}\n")
    (read,) = c.read_yaml(text)
    assert isinstance(read, Correction), read
    assert read.op == op and read.note == "seen in the report" and read.correction_id == entry["id"]
    assert "!!" not in text and "'" not in text.split("\n")[0]


def test_dates_are_written_plain(data: Data) -> None:
    entry = c.build_entry(data, EVENT, "set_date", {"start_date": "2017-10-22", "date_precision": "day"})
    assert "start_date: 2017-10-22\n" in c.entry_yaml(entry)
    assert "note" not in entry


def test_an_event_without_a_report_file_is_named_by_its_id(data: Data) -> None:
    docs = data.documents.copy()
    docs.loc[docs["doc_id"] == "d-2017-beijing-visit-1", "file"] = None
    entry = c.build_entry(dataclasses.replace(data, documents=docs), EVENT, "set_type", {"event_type": "visit"})
    assert entry["event"] == EVENT and "report" not in entry


def test_an_ambiguous_name_is_replaced_by_the_id(data: Data) -> None:
    p = data.participants.copy()
    p.loc[p["participant_id"] == "p-greminger", "name"] = "Rashid Alimov"
    entry = c.build_entry(dataclasses.replace(data, participants=p), EVENT, "set_role",
                          {"participant_id": "p-alimov", "role": "SG"})
    assert entry["participant"] == "p-alimov" and "name" not in entry
    assert isinstance(c.check(entry), Correction)


@pytest.mark.parametrize(
    ("action", "values", "message"),
    [
        ("set_date", {"start_date": "2017-10-22", "end_date": "2017-10-01"}, "before"),
        ("set_date", {"start_date": "2017-02-30"}, "no calendar date"),
        ("set_date", {}, "Give the date"),
        ("set_country", {"country": "Kazakhstan"}, "alpha-3"),
        ("set_city", {"city": "  "}, "Give the new city"),
        ("set_role", {"participant_id": "p-alimov", "role": ""}, "Give the role"),
        ("set_role", {"role": "x"}, "Choose the participant"),
        ("set_involvement", {"participant_id": "p-sco", "involvement": "hosted"}, "not one of"),
        ("add_participant", {"name": "Someone"}, "kind"),
        ("add_participant", {}, "Choose an actor"),
        ("add_theme", {"theme_id": "no-such-theme"}, "taxonomy"),
        ("no_such_action", {}, "Unknown"),
    ],
)
def test_bad_values_are_refused_with_the_reason(data: Data, action, values, message) -> None:
    with pytest.raises(c.EntryError, match=message):
        c.build_entry(data, EVENT, action, values)


HOSTILE = [
    "- op: remove_theme\n  theme: energy",
    "]] }: {'a': 1} # not a comment",
    "!!python/object/apply:os.system ['echo hi']",
    "*alias &anchor | > @ ` %",
    "null",
    "2020-01-01",
    "yes",
    '"quoted" and \'single\' \\ backslash',
    "<script>alert(1)</script> **bold** [link](https://example.org)",
    "right\u202eleft\u2066 and a\x07bell",
    "two\nlines\n\n- op: set_event",
]


@pytest.mark.parametrize("note", HOSTILE)
def test_hostile_text_in_notes_and_values_stays_text(data: Data, note: str) -> None:
    entry = c.build_entry(data, EVENT, "set_role", {"participant_id": "p-alimov", "role": note}, note=note)
    text = c.entry_yaml(entry)
    items = yaml.load(text, Loader=c.EntryLoader)
    assert isinstance(items, list) and len(items) == 1  # one entry, whatever the note holds
    (read,) = c.read_yaml(text)
    assert isinstance(read, Correction), read
    clean = note.replace("\u202e", "").replace("\u2066", "").replace("\x07", "")
    assert read.note == clean.strip()
    assert read.values["role"] == " ".join(clean.split())  # a role is one line
    assert read.op == "set_role" and read.values["name"] == "Rashid Alimov"


def test_comment_and_file_name() -> None:
    text = c.entry_yaml({"op": "add_theme", "report": "a.txt", "theme": "energy"}, comment="line one\nline two")
    assert text.startswith("# line one line two\n- op: add_theme\n")
    assert isinstance(c.read_yaml(text)[0], Correction)
    assert c.file_name("ev-2017-beijing-visit") == "correction-ev-2017-beijing-visit.yaml"
    assert c.file_name("../../etc/passwd") == "correction-etc-passwd.yaml"


def test_read_yaml_reports_problems() -> None:
    (problem,) = c.read_yaml("- op: set_event\n  report: a.txt\n  start_date: 2020-13-01\n")
    assert isinstance(problem, Problem) and "calendar" in problem.reason
