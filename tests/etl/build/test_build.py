"""The whole pipeline on small fixture folders: tables, files written, reuse, exit codes, evaluation."""

import json
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.__main__ import main
from etl.build import build, load_cache
from etl.evaluate import evaluate_tables, load_gold

SEED = Path(__file__).parents[2] / "fixtures" / "seed"
TABLES = ["documents", "events", "event_sources", "participants", "event_participants", "themes",
          "event_themes", "mentions", "figures"]


@pytest.fixture()
def seed_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(next(SEED.glob("*.txt")), folder)
    return folder


def test_seed_report_yields_exactly_its_gold_annotation(seed_dir, tmp_path):
    result = build(seed_dir, tmp_path / "out", progress=False)
    evaluation = evaluate_tables(result.tables, load_gold(SEED / "gold.jsonl"))
    scores = evaluation.scores()
    for field in ("event_date", "event_type", "format", "city", "person_roles"):
        assert scores[field]["accuracy"] == 1.0, (field, evaluation.reports)
    for field in ("organizations", "persons", "countries", "themes"):
        assert scores[field]["f1"] == 1.0, (field, evaluation.reports)
    figures = result.tables["figures"]
    gold_numbers = {(n["value"], n["what"]) for n in load_gold(SEED / "gold.jsonl")[0]["numbers"]}
    assert {(int(v), w) for v, w in zip(figures["value"], figures["what"], strict=True)} == gold_numbers


def test_every_table_is_written_in_every_format(seed_dir, tmp_path):
    out = tmp_path / "out"
    build(seed_dir, out, progress=False)
    package = json.loads((out / "datapackage.json").read_text())
    described = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    with duckdb.connect(str(out / "events.duckdb"), read_only=True) as db:
        for name in TABLES:
            parquet = pd.read_parquet(out / f"{name}.parquet")
            csv = pd.read_csv(out / f"{name}.csv")
            assert list(parquet.columns) == list(csv.columns) == described[name]
            assert len(parquet) == len(csv) == db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    events = pd.read_parquet(out / "events.parquet")
    assert str(events["start_date"].iloc[0]) == "2020-06-24"


def test_mentions_point_into_the_document_text(seed_dir, tmp_path):
    tables = build(seed_dir, tmp_path / "out", progress=False).tables
    texts = dict(zip(tables["documents"]["doc_id"], tables["documents"]["text"], strict=True))
    mentions = tables["mentions"]
    assert {"participant", "theme", "date", "number"} <= set(mentions["ref_type"])
    for row in mentions.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text


def test_every_fact_keeps_its_sentence(seed_dir, tmp_path):
    tables = build(seed_dir, tmp_path / "out", progress=False).tables
    text = tables["documents"]["text"].iloc[0]
    for table in ("event_participants", "event_themes", "figures"):
        for sentence in tables[table]["evidence"]:
            assert sentence and sentence in text


def test_ids_are_the_same_in_every_build_and_folder(seed_dir, tmp_path):
    first = build(seed_dir, tmp_path / "one", progress=False).tables
    moved = tmp_path / "elsewhere" / "nested"
    shutil.copytree(seed_dir, moved)
    second = build(moved.parent, tmp_path / "two", progress=False).tables
    for table, column in (("events", "event_id"), ("participants", "participant_id"), ("documents", "doc_id")):
        assert sorted(first[table][column]) == sorted(second[table][column])


def test_a_rebuild_reuses_unchanged_reports(seed_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(seed_dir, out, progress=False)
    assert len(load_cache(out).live) == 1
    (seed_dir / "new.md").write_text("OSCE meets SCO\n\nOn 3 May 2021 the OSCE and the SCO met in Vienna.\n")
    import etl.read

    parsed = []
    real_parse = etl.read.parse_bytes
    monkeypatch.setattr(etl.read, "parse_bytes", lambda raw, name: parsed.append(name) or real_parse(raw, name))
    again = build(seed_dir, out, progress=False)
    assert again.reused == 1 and again.reports == 2
    assert parsed == ["new.md"]  # the unchanged report is not even parsed again


def test_changed_extraction_code_means_a_full_build(seed_dir, tmp_path):
    out = tmp_path / "out"
    build(seed_dir, out, progress=False)
    assert load_cache(out, version="other code").live == []


def test_same_content_twice_is_read_once_and_named(seed_dir, tmp_path):
    original = next(seed_dir.glob("*.txt"))
    shutil.copy(original, seed_dir / "copy.txt")
    result = build(seed_dir, tmp_path / "out", progress=False)
    assert result.reports == 1
    # Files are read in sorted order: the later one is named as the copy of the earlier.
    assert [s.file for s in result.skipped] == [original.name]
    assert result.skipped[0].reason == "same content as copy.txt"


def test_cli_build_exit_codes_and_summary(seed_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(seed_dir), "--out", str(out)]) == 0
    assert "Read 1 report" in capsys.readouterr().out
    (seed_dir / "empty.txt").write_bytes(b"")
    assert main(["build", str(seed_dir), "--out", str(out)]) == 1
    assert "empty.txt" in capsys.readouterr().err
    assert (out / "events.parquet").exists()


def test_cli_nothing_usable_keeps_the_previous_tables(seed_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(seed_dir), "--out", str(out)]) == 0
    before = (out / "events.csv").read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    assert main(["build", str(bad), "--out", str(out)]) == 2
    assert (out / "events.csv").read_bytes() == before
    assert main(["build", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_cli_bad_arguments_exit_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["build", "--no-such-flag"])
    assert stop.value.code == 2


def test_cli_evaluate_prints_scores_and_json(seed_dir, capsys):
    assert main(["evaluate", "--gold", str(SEED / "gold.jsonl"), str(seed_dir)]) == 0
    assert "persons" in capsys.readouterr().out
    assert main(["evaluate", "--gold", str(SEED / "gold.jsonl"), str(seed_dir), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["scores"]["event_date"]["accuracy"] == 1.0


def test_cli_evaluate_with_a_broken_gold_file_names_it(seed_dir, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "x"}\n{not json\n')
    assert main(["evaluate", "--gold", str(gold), str(seed_dir)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_a_failed_write_leaves_the_previous_tables(seed_dir, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(seed_dir, out, progress=False)
    before = sorted(p.name for p in out.iterdir())
    import etl.output.write

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(etl.output.write, "_write_duckdb", broken)
    with pytest.raises(OSError):
        build(seed_dir, out, progress=False)
    assert sorted(p.name for p in out.iterdir()) == before
    # Nothing but the tables, their versions and the lock beside them; no unfinished version left.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.versions", "out", "reports"]
    assert [p.name for p in (tmp_path / ".out.versions").iterdir()] == [out.resolve().name]


def test_if_stale_builds_only_when_reports_are_newer(seed_dir, tmp_path, capsys):
    import os
    import time

    out = tmp_path / "out"
    assert main(["build", str(seed_dir), "--out", str(out), "--if-stale"]) == 0
    assert "Read 1 report" in capsys.readouterr().out
    assert main(["build", str(seed_dir), "--out", str(out), "--if-stale"]) == 0
    assert "up to date" in capsys.readouterr().out
    newer = time.time() + 5
    report = next(seed_dir.glob("*.txt"))
    os.utime(report, (newer, newer))
    assert main(["build", str(seed_dir), "--out", str(out), "--if-stale"]) == 0
    assert "Read 1 report" in capsys.readouterr().out


def test_the_city_is_written_as_the_report_names_it_or_by_its_gazetteer_name(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.md").write_text("Observers in Nur-Sultan\n\nOn 5 June 2022 SCO observers watched the referendum "
                                  "at polling stations in Nur-Sultan, Kazakhstan.\n")
    (reports / "b.md").write_text("Conference in the Kyrgyz capital\n\nOn 4 November 2008 the OSCE Centre brought "
                                  "experts to the Kyrgyz capital for a regional conference on terrorism.\n")
    events = build(reports, tmp_path / "out", progress=False).tables["events"].set_index("start_date")
    from datetime import date

    assert events.loc[date(2022, 6, 5), "city"] == "Nur-Sultan"
    assert events.loc[date(2022, 6, 5), "city_canonical"] == "Astana"
    assert events.loc[date(2008, 11, 4), "city"] == "Bishkek"


def test_a_report_whose_extraction_fails_is_named_and_the_rest_is_built(seed_dir, tmp_path, monkeypatch):
    import etl.build

    (seed_dir / "other.md").write_text("Other\n\nOn 3 May 2021 the OSCE met the SCO in Vienna.\n")
    real = etl.build.extract_report

    def failing(report):
        if report.file == "other.md":
            raise ValueError("a bug met on this text")
        return real(report)

    monkeypatch.setattr(etl.build, "extract_report", failing)
    result = build(seed_dir, tmp_path / "out", workers=1, progress=False)
    assert result.reports == 1 and len(result.tables["events"]) == 1
    assert [(s.file, s.reason) for s in result.skipped] == [
        ("other.md", "could not be extracted: ValueError: a bug met on this text")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400))
def test_extraction_never_fails_on_arbitrary_text(text):
    from etl.extract import extract_report
    from etl.model import Report
    from etl.text.normalise import normalise_text

    body = normalise_text(text)
    extraction = extract_report(Report(file="x.txt", title="Title", text=body))
    for actor in extraction.actors:
        for span in actor.mentions:
            assert body[span.start:span.end] == span.text


def test_reports_go_to_the_workers_as_they_are_read_not_all_at_once():
    from etl.build import BATCHES_AHEAD, EXTRACT_BATCH, _extract_all, _extraction_pool
    from etl.build.engines import Engine
    from etl.model import Report

    pulled = 0

    def reports():
        nonlocal pulled
        for number in range(240):
            pulled += 1
            yield f"k{number}", Report(file=f"r{number}.txt", title=f"Meeting {number}",
                                       text=f"On {number % 28 + 1} May 2021 the OSCE met the SCO in Vienna.")

    with _extraction_pool(2, 2) as pool:
        stream = _extract_all(reports(), Engine(pool, 2), False)
        first = next(stream)
        in_hand = pulled
        batches = [first, *stream]
    assert in_hand <= (2 * BATCHES_AHEAD + 1) * EXTRACT_BATCH < 240
    done = [item for works, _ in batches for item in works]
    assert [key for key, _, _ in done] == [f"k{number}" for number in range(240)]
    assert all(not isinstance(work, str) for _, _, work in done)
    # Each batch's rows come back as Arrow, one documents row per report.
    assert sum(rows["documents"].num_rows for _, rows in batches) == 240
