"""Every operation of a corrections file on small invented tables: what changes, what is marked, keys valid."""

from __future__ import annotations

import datetime as dt

from etl.contract import FOREIGN_KEYS, PRIMARY_KEYS
from etl.corrections import apply_corrections


def assert_keys_valid(tables) -> None:
    for name, key in PRIMARY_KEYS.items():
        assert not tables[name].duplicated(key).any(), name
    for name, links in FOREIGN_KEYS.items():
        for column, other, other_column in links:
            assert set(tables[name][column].dropna()) <= set(tables[other][other_column]), (name, column)
    sources = tables["event_sources"]
    assert sources["doc_id"].is_unique and set(sources["doc_id"]) == set(tables["documents"]["doc_id"])
    counts = sources.groupby("event_id").size()
    events = tables["events"].set_index("event_id")
    assert (events.loc[counts.index, "n_sources"] == counts).all()


def row(frame, **where):
    mask = True
    for column, value in where.items():
        mask = mask & (frame[column] == value)
    found = frame[mask]
    assert len(found) == 1, (where, found)
    return found.iloc[0]


def test_set_event_changes_the_fields_and_marks_the_event(tables, write):
    corrections = write("""
- op: set_event
  id: vienna-date
  report: 2020/a.txt
  start_date: 2020-05-05
  end_date: 2020-05-06
  event_type: consultation
  format: video
  city: Wien
  country: AUT
  note: the report gives the day before
""")
    corrected, report = apply_corrections(tables, corrections)
    event = row(corrected["events"], event_id="e-1")
    assert (event["start_date"], event["end_date"]) == (dt.date(2020, 5, 5), dt.date(2020, 5, 6))
    assert (event["event_type"], event["format"], event["city"]) == ("consultation", "video", "Wien")
    assert event["correction_id"] == "vienna-date"
    assert event["correction_note"] == "the report gives the day before"
    assert event["date_confidence"] == 1.0
    assert row(corrected["events"], event_id="e-2")["correction_id"] is not None or True
    assert corrected["events"]["correction_id"].isna().sum() == 1
    assert [c.correction_id for c, _ in report.applied] == ["vienna-date"] and report.problems == []
    assert tables["events"]["start_date"].iloc[0] == dt.date(2020, 5, 4), "the input tables are not changed"


def test_set_event_by_event_id_without_note(tables, write):
    corrected, report = apply_corrections(tables, write("- {op: set_event, event: e-2, date_precision: month}"))
    event = row(corrected["events"], event_id="e-2")
    assert event["date_precision"] == "month" and event["correction_id"] == "corrections.yaml#1"
    assert event["correction_note"] is None or str(event["correction_note"]) == "<NA>"


def test_merge_events_keeps_the_first_id_and_moves_every_row(tables, write):
    corrected, report = apply_corrections(tables, write("""
- op: merge_events
  event: e-1
  merge_report: 2021/c.txt
  note: one trip
"""))
    assert report.problems == []
    assert list(corrected["events"]["event_id"]) == ["e-1"]
    assert set(corrected["event_sources"]["event_id"]) == {"e-1"}
    assert row(corrected["events"], event_id="e-1")["n_sources"] == 3
    osce = row(corrected["event_participants"], event_id="e-1", participant_id="p-osce")
    assert osce["mentions"] == 3
    assert set(corrected["event_participants"]["event_id"]) == {"e-1"}
    assert set(corrected["event_themes"]["theme_id"]) == {"terrorism", "water", "drug-trafficking"}
    dates = corrected["mentions"][corrected["mentions"]["ref_type"] == "date"]
    assert set(dates["ref_id"]) == {"e-1"}
    assert row(corrected["events"], event_id="e-1")["correction_id"] == "corrections.yaml#1"
    assert_keys_valid(corrected)


def test_split_report_makes_its_own_event_with_its_actors_and_themes(tables, write):
    corrected, report = apply_corrections(tables, write("- {op: split_report, report: 2020/b.txt, note: two "
                                                        "meetings}"))
    assert report.problems == [], report.problems
    sources = corrected["event_sources"].set_index("doc_id")["event_id"]
    new = sources["d-b"]
    assert new not in ("e-1", "e-2") and sources["d-a"] == "e-1"
    assert new == "e-2020-05-04-d-b"
    links = corrected["event_participants"]
    assert set(links.loc[links["event_id"] == new, "participant_id"]) == {"p-vnorov", "p-osce", "p-kaz"}
    assert set(links.loc[links["event_id"] == "e-1", "participant_id"]) == {"p-norov", "p-osce"}
    themes = corrected["event_themes"]
    assert set(themes.loc[themes["event_id"] == new, "theme_id"]) == {"water"}
    assert set(themes.loc[themes["event_id"] == "e-1", "theme_id"]) == {"terrorism"}
    assert row(corrected["figures"], doc_id="d-b")["event_id"] == new
    assert row(corrected["events"], event_id=new)["title"] == "OSCE and SCO meet in Vienna"
    assert_keys_valid(corrected)


def test_merge_participants_by_name_in_a_report(tables, write):
    corrected, report = apply_corrections(tables, write("""
- op: merge_participants
  report: 2020/a.txt
  name: Vladimir Norov
  merge_name: V. Norov
"""))
    assert report.problems == []
    assert "p-vnorov" not in set(corrected["participants"]["participant_id"])
    norov = row(corrected["event_participants"], event_id="e-1", participant_id="p-norov")
    assert norov["mentions"] == 2 and norov["role"] == "Secretary-General"
    assert norov["correction_id"] == "corrections.yaml#1"
    assert "p-vnorov" not in set(corrected["mentions"]["ref_id"])
    assert row(corrected["participants"], participant_id="p-norov")["correction_id"] == "corrections.yaml#1"
    assert_keys_valid(corrected)


def test_rename_and_affiliation_of_a_participant(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: rename_participant, participant: p-petrov, new_name: Ivan I. Petrov, note: full name}
- {op: set_affiliation, report: 2021/c.txt, name: Petrov, affiliation: RUS}
"""))
    assert report.problems == []
    petrov = row(corrected["participants"], participant_id="p-petrov")
    assert (petrov["name"], petrov["affiliation"]) == ("Ivan I. Petrov", "RUS")
    assert petrov["correction_id"] == "corrections.yaml#1; corrections.yaml#2"


def test_set_role_and_involvement_for_an_event(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: set_role, report: 2020/b.txt, name: V. Norov, role: Secretary-General}
- {op: set_involvement, event: e-1, participant: p-kaz, involvement: took-part}
"""))
    assert report.problems == []
    links = corrected["event_participants"]
    vnorov = row(links, event_id="e-1", participant_id="p-vnorov")
    assert vnorov["role"] == "Secretary-General" and vnorov["confidence"] == 1.0
    assert row(links, event_id="e-1", participant_id="p-kaz")["involvement"] == "took-part"


def test_remove_participant_drops_the_row_its_mentions_and_an_actor_left_without_event(tables, write):
    corrected, report = apply_corrections(tables, write("- {op: remove_participant, report: 2021/c.txt, "
                                                        "name: Ivan Petrov}"))
    assert report.problems == []
    assert "p-petrov" not in set(corrected["event_participants"]["participant_id"])
    assert "p-petrov" not in set(corrected["participants"]["participant_id"])
    assert "p-petrov" not in set(corrected["mentions"]["ref_id"])
    assert_keys_valid(corrected)


def test_add_participant_with_its_sentence(tables, write):
    corrected, report = apply_corrections(tables, write("""
- op: add_participant
  report: 2021/c.txt
  name: United Nations Office on Drugs and Crime
  kind: organization
  short_name: UNODC
  sentence: On 1 June 2021 the OSCE held a conference on drugs in Tashkent
  note: co-organiser, named on the poster
- op: add_participant
  event: e-2
  participant: p-norov
  role: Secretary-General
"""))
    assert report.problems == [], report.problems
    participants = corrected["participants"]
    unodc = row(participants, short_name="UNODC")
    link = row(corrected["event_participants"], event_id="e-2", participant_id=unodc["participant_id"])
    assert link["doc_id"] == "d-c" and link["involvement"] == "took-part"
    assert link["correction_note"] == "co-organiser, named on the poster"
    assert row(corrected["event_participants"], event_id="e-2", participant_id="p-norov")["role"] \
        == "Secretary-General"
    mention = row(corrected["mentions"], ref_id=unodc["participant_id"])
    assert TEXT_C_START(mention) == mention["text"]
    assert_keys_valid(corrected)


def TEXT_C_START(mention):  # noqa: N802 - the text the offsets point to
    from tests.etl.corrections.conftest import TEXT_C

    return TEXT_C[mention["start"]:mention["end"]]


def test_add_and_remove_themes(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: add_theme, report: 2020/a.txt, theme: energy, sentence: They discussed terrorism}
- {op: remove_theme, event: e-1, theme: water, note: named in passing}
"""))
    assert report.problems == []
    themes = corrected["event_themes"]
    assert set(themes.loc[themes["event_id"] == "e-1", "theme_id"]) == {"terrorism", "energy"}
    assert row(themes, event_id="e-1", theme_id="energy")["correction_id"] == "corrections.yaml#1"
    assert "water" not in set(corrected["mentions"]["ref_id"])
    assert_keys_valid(corrected)


def test_corrections_apply_in_file_order_so_a_later_entry_names_the_result_of_an_earlier(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: split_report, report: 2020/b.txt}
- {op: set_event, report: 2020/b.txt, start_date: 2020-05-06}
"""))
    assert report.problems == []
    new = row(corrected["event_sources"], doc_id="d-b")["event_id"]
    assert row(corrected["events"], event_id=new)["start_date"] == dt.date(2020, 5, 6)
    assert row(corrected["events"], event_id="e-1")["start_date"] == dt.date(2020, 5, 4)


def test_the_same_corrections_give_the_same_tables(tables, write):
    corrections = write("""
- {op: split_report, report: 2020/b.txt}
- {op: merge_participants, participant: p-norov, merge_participant: p-vnorov}
- {op: add_theme, event: e-2, theme: energy}
""")
    first, _ = apply_corrections(tables, corrections)
    second, _ = apply_corrections(tables, corrections)
    for name in first.frames:
        assert first[name].equals(second[name]), name
