"""Bidirectional control characters never reach the tables, and evidence offsets stay right without them."""

import re

from etl.build import build
from etl.text.normalise import normalise_text, remove_bidi_controls

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def test_normalisation_removes_every_bidi_control():
    controls = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
    assert normalise_text(f"Report{controls}gnp.exe") == "Reportgnp.exe"
    assert remove_bidi_controls("\u202eECSO") == "ECSO"
    assert normalise_text("\u0627\u0644\u0633\u0644\u0627\u0645 OSCE") == "\u0627\u0644\u0633\u0644\u0627\u0645 OSCE"


def test_a_report_full_of_bidi_controls_gives_clean_tables_and_right_offsets(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "report.md").write_text(
        "---\ntitle: \"Report\u202egnp.exe\"\nsource: \"\u202eOSCE\u202c press office\"\n"
        "url: https://www.osce.org/news/1\n---\n"
        "On 24 June 2020 \u202eOSCE\u202c Secretary General Thomas Greminger met SCO Secretary-General "
        "\u2067Vladimir Norov\u2069 in Vienna.\u200f They discussed \u202ecountering terrorism\u202c and "
        "drug trafficking.\n\nThe \u061cOSCE\u200e and the SCO agreed to meet again in 2021.\n",
        encoding="utf-8")
    tables = build(reports, tmp_path / "out", progress=False).tables
    for name, frame in tables.frames.items():
        for column in frame.columns:
            for value in frame[column]:
                assert not (isinstance(value, str) and BIDI.search(value)), (name, column, value)
    documents = tables["documents"]
    assert documents["title"].iloc[0] == "Reportgnp.exe"
    assert documents["source"].iloc[0] == "OSCE press office"
    text = documents["text"].iloc[0]
    assert "Secretary-General Vladimir Norov in Vienna. They discussed countering terrorism" in text
    mentions = tables["mentions"]
    assert {"participant", "theme", "date"} <= set(mentions["ref_type"])
    assert "Vladimir Norov" in set(mentions["text"])
    for row in mentions.itertuples():
        assert text[row.start:row.end] == row.text
