"""Malformed and stale entries: each is named (file, entry, line, id) with its reason, and the rest applied."""

from __future__ import annotations

import datetime as dt

import pytest

from etl.corrections import CorrectionsFileError, apply_corrections, load_corrections

GOOD = "- {op: set_event, id: good, event: e-2, event_type: forum}\n"


def _only_good_applied(corrected, report) -> None:
    assert [c.correction_id for c, _ in report.applied] == ["good"]
    assert corrected["events"].set_index("event_id").loc["e-2", "event_type"] == "forum"


@pytest.mark.parametrize(("entry", "reason"), [
    ("- {op: set_date, event: e-1}", "'op' must be one of"),
    ("- {op: set_event, event: e-1, colour: red}", "unknown keys colour"),
    ("- {op: set_event, event: e-1, start_date: 2020-02-30}", "'2020-02-30' is no calendar date"),
    ("- {op: set_event, event: e-1, start_date: 4 May 2020}", "must be a date as YYYY-MM-DD"),
    ("- {op: set_event, event: e-1, start_date: 2020-05-04, end_date: 2020-05-01}", "is before 'start_date'"),
    ("- {op: set_event, event: e-1, event_type: party}", "'party' is not one of meeting"),
    ("- {op: set_event, event: e-1, country: Kazakhstan}", "ISO 3166 alpha-3"),
    ("- {op: set_event, event: e-1}", "set_event needs 'start_date' or"),
    ("- {op: set_event, start_date: 2020-05-04}", "set_event needs 'event' or 'report' or 'doc_id'"),
    ("- {op: merge_events, event: e-1, merge_event: e-1}", "merges e-1 into itself"),
    ("- {op: set_involvement, event: e-1, name: Norov, involvement: attended}", "'attended' is not one of"),
    ("- {op: add_participant, event: e-1, name: Ivan}", "needs its 'kind'"),
    ("- just a line", "an entry must be a mapping"),
    ("- {op: set_event, event: e-1, event_type: forum, note: [a, b]}", "'note' must be text"),
])
def test_a_malformed_entry_is_named_with_its_reason_and_the_rest_applied(tables, write, entry, reason):
    corrections = write(entry + "\n" + GOOD)
    corrected, report = apply_corrections(tables, corrections)
    _only_good_applied(corrected, report)
    assert len(report.problems) == 1
    problem = str(report.problems[0])
    assert reason in problem, problem
    assert "corrections.yaml, entry 1, line 1" in problem


@pytest.mark.parametrize(("entry", "reason"), [
    ("- {op: set_event, event: e-2019-01-01-deadbeef, start_date: 2019-01-02}",
     "no event e-2019-01-01-deadbeef (its reports were re-merged or its date changed)"),
    ("- {op: set_event, report: 2019/removed.txt, city: Bern}", "no report '2019/removed.txt' (removed or renamed)"),
    ("- {op: set_event, event: e-2, report: 2020/a.txt, city: Bern}", "report 2020/a.txt is no longer in event e-2"),
    ("- {op: set_role, report: 2020/a.txt, name: Lamberto Zannier, role: Secretary General}",
     "no actor named 'Lamberto Zannier' in event e-1"),
    ("- {op: set_affiliation, participant: p-gone, affiliation: OSCE}", "no participant p-gone"),
    ("- {op: merge_events, report: 2020/a.txt, merge_report: 2020/b.txt}", "into itself (its reports are already"),
    ("- {op: split_report, report: 2021/c.txt}", "is already an event of its own"),
    ("- {op: remove_theme, event: e-2, theme: water}", "water is not a theme of event e-2"),
    ("- {op: add_theme, event: e-1, theme: terrorism}", "already a theme of event e-1 (found by the build)"),
    ("- {op: add_participant, report: 2021/c.txt, name: Ivan Petrov, kind: person}", "already an actor of event"),
])
def test_a_stale_entry_is_named_with_its_reason_and_the_rest_applied(tables, write, entry, reason):
    corrected, report = apply_corrections(tables, write(entry + "\n" + GOOD))
    _only_good_applied(corrected, report)
    assert len(report.problems) == 1 and report.problems[0].stale
    assert reason in str(report.problems[0]), str(report.problems[0])


def test_an_unknown_theme_and_an_ambiguous_name(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: add_theme, event: e-1, theme: weather}
- {op: rename_participant, name: Norov, new_name: X}
""" + GOOD))
    _only_good_applied(corrected, report)
    reasons = [p.reason for p in report.problems]
    assert "unknown theme 'weather'" in reasons[0]
    assert reasons[1] == "no actor named 'Norov' in the tables"


def test_two_corrections_that_contradict_each_other(tables, write):
    corrected, report = apply_corrections(tables, write("""
- {op: set_event, id: first, event: e-1, start_date: 2020-05-05}
- {op: set_event, id: second, report: 2020/b.txt, start_date: 2020-05-07}
- {op: remove_theme, id: drop-water, event: e-1, theme: water}
- {op: add_theme, id: keep-water, event: e-1, theme: water}
""" + GOOD))
    assert [c.correction_id for c, _ in report.applied] == ["first", "drop-water", "good"]
    assert corrected["events"].set_index("event_id").loc["e-1", "start_date"] == dt.date(2020, 5, 5)
    second, water = (str(p) for p in report.problems)
    assert "entry 2" in second and "contradicts" in second and "id first" in second
    assert "start_date of event e-1" in second and "2020-05-07" in second
    assert "entry 4" in water and "contradicts" in water and "id drop-water" in water


def test_an_id_used_twice(tables, write):
    corrected, report = apply_corrections(tables, write(GOOD + "- {op: set_event, id: good, event: e-1, "
                                                               "city: Bern}\n"))
    _only_good_applied(corrected, report)
    assert "the id 'good' is already used by" in str(report.problems[0])


def test_a_file_that_is_not_yaml_or_not_a_list_stops_with_its_name_and_line(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text("- op: set_event\n  event: [e-1\n", encoding="utf-8")
    with pytest.raises(CorrectionsFileError, match=r"corrections.yaml, line \d+: not valid YAML"):
        load_corrections(path)
    path.write_text("op: set_event\n", encoding="utf-8")
    with pytest.raises(CorrectionsFileError, match="must be a list of entries"):
        load_corrections(path)


def test_absent_empty_and_example_only_files_change_nothing(tables, tmp_path):
    from pathlib import Path

    shipped = Path(__file__).resolve().parents[3] / "data" / "corrections.yaml"
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    for path in (tmp_path / "absent.yaml", empty, shipped):
        corrections = load_corrections(path)
        assert corrections.entries == [] and corrections.problems == []
        corrected, report = apply_corrections(tables, corrections)
        assert report.applied == [] and report.lines() == []
        for name in ("documents", "event_sources", "mentions", "figures"):
            assert corrected[name].equals(tables[name])


def test_a_folder_of_files_is_read_in_name_order(tables, tmp_path):
    folder = tmp_path / "corrections"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "later.yaml").write_text("- {op: set_event, event: e-2, city: Samarkand}\n", encoding="utf-8")
    (folder / "a.yml").write_text("- {op: set_event, event: e-2, city: Bukhara}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not read", encoding="utf-8")
    corrections = load_corrections(folder)
    assert [c.correction_id for c in corrections.entries] == ["a.yml#1", "later.yaml#1"]
    corrected, report = apply_corrections(tables, corrections)
    assert corrected["events"].set_index("event_id").loc["e-2", "city"] == "Bukhara"
    assert "contradicts" in str(report.problems[0]) and "later.yaml, entry 1" in str(report.problems[0])
