"""Corrections in real builds: applied at every build, kept through a rebuild with a new report, stale ones
listed in the build summary; `evaluate` scores without and with them; `review` prints entries to edit."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from etl.__main__ import main
from etl.build import build
from etl.corrections import using

SEED = Path(__file__).parents[2] / "fixtures" / "seed"
SEED_FILE = "sco-sg-osce-security-review-conference-2020-06-24.txt"
NEW_REPORT = """OSCE Secretary General meets SCO Secretary-General in Tashkent

TASHKENT, 3 March 2021 - OSCE Secretary General Helga Maria Schmid met SCO Secretary-General Vladimir Norov
in Tashkent on 3 March 2021. They discussed Afghanistan and border security.
"""
CORRECTIONS = f"""
- op: set_event
  id: seed-city
  report: {SEED_FILE}
  city: Vienna
  country: AUT
  note: the conference is run from the Hofburg
- op: add_theme
  id: seed-water
  report: {SEED_FILE}
  theme: water
- op: set_event
  id: gone
  report: 2019/removed-report.txt
  start_date: 2019-05-01
"""


@pytest.fixture()
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED / SEED_FILE, folder)
    return folder


@pytest.fixture()
def corrections(tmp_path: Path) -> Path:
    path = tmp_path / "corrections.yaml"
    path.write_text(CORRECTIONS, encoding="utf-8")
    return path


def _seed_event(out: Path) -> pd.Series:
    documents = pd.read_parquet(out / "documents.parquet")
    sources = pd.read_parquet(out / "event_sources.parquet")
    doc_id = documents.loc[documents["file"] == SEED_FILE, "doc_id"].iloc[0]
    event_id = sources.loc[sources["doc_id"] == doc_id, "event_id"].iloc[0]
    return pd.read_parquet(out / "events.parquet").set_index("event_id").loc[event_id]


def test_corrections_survive_a_rebuild_with_a_new_report(reports, corrections, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(corrections)]) == 0
    first = _seed_event(out)
    assert (first["city"], first["country"], first["correction_id"]) == ("Vienna", "AUT", "seed-city")
    (reports / "2021-tashkent.txt").write_text(NEW_REPORT, encoding="utf-8")
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(corrections)]) == 0
    err = capsys.readouterr().err
    again = _seed_event(out)
    assert (again["city"], again["correction_id"], again.name) == ("Vienna", "seed-city", first.name)
    themes = pd.read_parquet(out / "event_themes.parquet")
    water = themes[(themes["event_id"] == again.name) & (themes["theme_id"] == "water")]
    assert list(water["correction_id"]) == ["seed-water"]
    assert len(pd.read_parquet(out / "events.parquet")) == 2
    assert "Corrections: 2 applied, 1 not applied:" in err
    assert "entry 3, line 12 (set_event, id gone): no report '2019/removed-report.txt' (removed or renamed)" in err


def test_the_datapackage_describes_the_new_columns(reports, tmp_path):
    out = tmp_path / "out"
    with using(None):
        build(reports, out, progress=False)
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    for table in ("events", "participants", "event_participants", "event_themes"):
        assert "corrections file" in fields[table, "correction_id"]["description"]
        assert fields[table, "correction_note"]["type"] == "string"
    assert fields["events", "date_confidence"]["type"] == "number"
    assert fields["event_participants", "confidence"]["description"]
    links = pd.read_parquet(out / "event_participants.parquet")
    assert links["confidence"].between(0, 1).all()


def test_a_broken_corrections_file_stops_the_build_and_keeps_the_tables(reports, tmp_path, capsys):
    out = tmp_path / "out"
    bad = tmp_path / "bad.yaml"
    bad.write_text("- op: [set_event\n", encoding="utf-8")
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(bad)]) == 2
    assert "bad.yaml, line 2: not valid YAML" in capsys.readouterr().err
    assert not out.exists()
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(tmp_path / "none.yaml")]) == 2
    assert "none.yaml: no such corrections file or folder" in capsys.readouterr().err


def test_evaluate_scores_without_and_with_corrections(reports, tmp_path, capsys):
    gold = [json.loads(line) for line in (SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line]
    gold[0]["event_type"] = "meeting"
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    fix = tmp_path / "fix.yaml"
    fix.write_text(f"- {{op: set_event, report: {SEED_FILE}, event_type: meeting}}\n", encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_path), str(reports), "--corrections", str(fix), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scores_without_corrections"]["event_type"]["accuracy"] == 0.0
    assert result["scores"]["event_type"]["accuracy"] == 1.0
    assert result["corrections"]["applied"][0]["id"] == "fix.yaml#1"
    assert main(["evaluate", "--gold", str(gold_path), str(reports), "--corrections", str(fix)]) == 0
    text = capsys.readouterr().out
    assert "Effect of corrections (1 applied, 0 not applied):" in text
    assert re.search(r"\nevent_type\s+0\.000\s+1\.000\s+\+1\.000\n", text), text


def test_review_prints_entries_that_read_back_as_corrections(reports, tmp_path, capsys):
    out = tmp_path / "out"
    with using(None):
        build(reports, out, progress=False)
    assert main(["review", "--out", str(out), "--top", "5"]) == 0
    printed = capsys.readouterr().out
    entries = yaml.safe_load(printed) or []
    assert all("op" in entry for entry in entries) and len(entries) <= 5
    assert main(["review", "--out", str(tmp_path / "nowhere")]) == 2


def test_the_review_queue_orders_uncertain_facts_first_with_their_sentence_and_reason(tables):
    from etl.corrections import add_confidence
    from etl.corrections.review import format_queue, review_queue

    links = tables["event_participants"]
    links.loc[links["participant_id"] == "p-petrov", "evidence"] = "Dear Mr Petrov,"
    items = review_queue(add_confidence(tables))
    confidences = [item.confidence for item in items]
    assert confidences == sorted(confidences)
    petrov = next(item for item in items if "Ivan Petrov" in item.what)
    assert petrov.sentence == "Dear Mr Petrov," and any("salutation" in reason for reason in petrov.reasons)
    water = next(item for item in items if item.kind == "theme")
    assert water.what == "theme water of e-1" and dict(water.entry)["op"] == "remove_theme"
    printed = format_queue(items, 3)
    entries = yaml.safe_load(printed)
    assert len(entries) == 3 and printed.count("#    why: ") == 3


def test_events_kept_apart_that_share_their_actors_are_queued_as_a_merge(tables, write):
    from etl.corrections import add_confidence, apply_corrections
    from etl.corrections.review import review_queue

    split, _ = apply_corrections(tables, write("- {op: merge_participants, participant: p-norov, "
                                               "merge_participant: p-vnorov}\n"
                                               "- {op: split_report, report: 2020/b.txt}"))
    items = [item for item in review_queue(add_confidence(split)) if item.kind == "apart"]
    assert len(items) == 0, "a corrected event is not queued again"
    events = split["events"]
    events["correction_id"] = None
    items = [item for item in review_queue(add_confidence(split)) if item.kind == "apart"]
    assert [dict(item.entry)["op"] for item in items] == ["merge_events"]
    assert "share 2 of 2 actors, dated or published within a day" in items[0].reasons[0]


def test_confidence_is_lower_for_a_date_among_close_candidates_and_an_announced_date_is_no_error(tables):
    from etl.corrections import add_confidence

    documents = tables["documents"]
    documents.loc[documents["doc_id"] == "d-c", "text"] = (
        "On 1 June 2021 the OSCE held a conference on drugs in Tashkent, after a meeting on 30 May 2021.")
    events = tables["events"]
    events.loc[events["event_id"] == "e-1", "date_evidence"] = "The meeting will be held on 4 May 2020"
    documents.loc[documents["doc_id"].isin(["d-a", "d-b"]), "published"] = dt.date(2020, 4, 1)
    scored = add_confidence(tables)["events"].set_index("event_id")
    assert scored.loc["e-2", "date_confidence"] == 0.75
    assert scored.loc["e-1", "date_confidence"] == 1.0


def test_a_full_and_an_incremental_build_give_the_same_corrected_tables(reports, corrections, tmp_path):
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    with using(corrections):
        build(reports, incremental, progress=False)
        (reports / "2021-tashkent.txt").write_text(NEW_REPORT, encoding="utf-8")
        again = build(reports, incremental, progress=False)
        fresh = build(reports, full, progress=False)
    assert again.reused == 1 and fresh.reused == 0
    for name in ("events", "participants", "event_participants", "event_themes", "mentions", "figures"):
        pd.testing.assert_frame_equal(again.tables[name], fresh.tables[name], obj=name)
    assert [c.correction_id for c, _ in again.corrections.applied] == ["seed-city", "seed-water"]


def test_if_stale_rebuilds_when_the_corrections_changed(reports, corrections, tmp_path, capsys):
    import os
    import time

    out = tmp_path / "out"
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(corrections)]) == 0
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(corrections), "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out
    later = time.time() + 5
    os.utime(corrections, (later, later))
    assert main(["build", str(reports), "--out", str(out), "--corrections", str(corrections), "--if-stale"]) == 0
    assert "up to date" not in capsys.readouterr().out


def test_the_days_a_build_finds_at_extraction_give_the_confidence_the_texts_give(reports, tmp_path):
    from etl.corrections import add_confidence

    (reports / "close-days.txt").write_text(
        "OSCE and SCO experts meet in Vienna\n\nVIENNA, 12 May 2022 - Experts of the OSCE and the SCO met in Vienna "
        "on 12 May 2022, after a first round on 9 May, to discuss border security.\n", encoding="utf-8")
    built = build(reports, tmp_path / "out", progress=False).tables
    events = built["events"].set_index("start_date")
    assert events.loc[dt.date(2022, 5, 12), "date_confidence"] < 1.0  # 9 May is a close candidate
    from_texts = add_confidence(built)["events"]  # the days found again in the reports' texts
    assert from_texts["date_confidence"].tolist() == built["events"]["date_confidence"].tolist()
