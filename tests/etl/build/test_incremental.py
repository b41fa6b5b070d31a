"""A rebuild reuses the previous build's work and gives the tables a full build of the same reports gives.

The end-to-end test builds a small corpus, then adds, changes and removes reports (members of events told
by several reports among them), rebuilding after each step, and compares every table with a full build of
the same reports. The grouping test checks the update of events against `group_events` on many random
sets of invented reports, undated ones and chains of reports that join two events included.
"""

from __future__ import annotations

import random
import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from etl.build import build
from etl.build.groups import Grouping, facts_of, update_grouping
from etl.model import Actor, EventDate, Extraction, Place, Report
from etl.resolve.events import group_events

REPORTS = Path(__file__).parents[3] / "data" / "reports"
TABLES = ["documents", "events", "event_sources", "participants", "event_participants", "themes",
          "event_themes", "mentions", "figures"]


def _assert_same_tables(rebuilt, fresh, rebuilt_out: Path, fresh_out: Path) -> None:
    assert rebuilt.tables is not None and fresh.tables is not None
    for name in TABLES:
        assert rebuilt.tables.arrow(name).equals(fresh.tables.arrow(name)), name
        assert (rebuilt_out / f"{name}.csv").read_bytes() == (fresh_out / f"{name}.csv").read_bytes(), name
        assert (rebuilt_out / f"{name}.parquet").read_bytes() == (fresh_out / f"{name}.parquet").read_bytes(), name
    with duckdb.connect(str(rebuilt_out / "events.duckdb"), read_only=True) as one, \
            duckdb.connect(str(fresh_out / "events.duckdb"), read_only=True) as other:
        for name in TABLES:
            query = f"SELECT * FROM {name}"
            assert one.execute(query).fetchall() == other.execute(query).fetchall(), name


def _copy_with_line(source: Path, target: Path, line: str) -> None:
    target.write_text(source.read_text(encoding="utf-8") + f"\n\n{line}\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for year in ("2004", "2005", "2009", "2021"):
        shutil.copytree(REPORTS / year, folder / year)
    # Three copies of one report, each with a line of its own: one event told by several reports.
    source = REPORTS / "2005" / "2005-kazakhstan-presidential-vote-reuters-wire.txt"
    for number in range(3):
        _copy_with_line(source, folder / f"copy-{number}.txt", f"Copy {number}.")
    # Reports without a date, one with a publication date and one without.
    (folder / "undated.md").write_text(
        "ODIHR observers in Almaty\n\nODIHR observers met the SCO mission in Almaty to discuss the presidential "
        "election in Kazakhstan.\n", encoding="utf-8")
    (folder / "undated-published.md").write_text(
        "---\npublished: 2005-12-06\n---\nKazakhstan presidential election observed\n\nThe SCO observers said the "
        "presidential election in Kazakhstan was free, transparent and in line with the law.\n", encoding="utf-8")
    return folder


def test_rebuilds_after_adding_changing_and_removing_reports_equal_full_builds(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out, progress=False, workers=1)
    assert first.reused == 0 and not first.skipped
    wire = corpus / "2005" / "2005-kazakhstan-presidential-vote-reuters-wire.txt"
    steps = [
        ("add one report to an event", lambda: _copy_with_line(wire, corpus / "added.txt", "Added.")),
        ("add a report of a new event", lambda: (corpus / "new-event.md").write_text(
            "OSCE meets SCO in Vienna\n\nOn 3 May 2021 the OSCE and the SCO met in Vienna to discuss water.\n",
            encoding="utf-8")),
        ("change a member of an event", lambda: _copy_with_line(wire, corpus / "copy-1.txt", "Copy 1, changed.")),
        ("remove a member of an event", lambda: (corpus / "copy-0.txt").unlink()),
        ("remove a report an event was told by", lambda: (corpus / "2004" /
                                                          "2004-kazakhstan-majilis-elections-odihr-mission.md").unlink()),
        ("remove an undated report", lambda: (corpus / "undated-published.md").unlink()),
        ("add, change and remove at once", lambda: (
            (corpus / "added.txt").unlink(), _copy_with_line(wire, corpus / "copy-2.txt", "Again changed."),
            shutil.copy(REPORTS / "2005" / "2005-kazakhstan-presidential-sco-team-zhang-chronology.md",
                        corpus / "zhang-again-elsewhere.md"))),
    ]
    for number, (step, change) in enumerate(steps):
        change()
        rebuilt = build(corpus, out, progress=False, workers=1)
        assert rebuilt.reused > 0, step
        fresh_out = tmp_path / f"fresh-{number}"
        fresh = build(corpus, fresh_out, progress=False, workers=1)
        assert fresh.reused == 0
        assert rebuilt.reports == fresh.reports, step
        _assert_same_tables(rebuilt, fresh, out, fresh_out)


def test_a_rebuild_extracts_only_the_new_report(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out, progress=False, workers=1)
    import etl.build

    extracted = []
    real = etl.build.safe_extract
    monkeypatch.setattr(etl.build, "safe_extract", lambda report: extracted.append(report.file) or real(report))
    _copy_with_line(corpus / "copy-0.txt", corpus / "one-more.txt", "One more.")
    build(corpus, out, progress=False, workers=1)
    assert extracted == ["one-more.txt"]


def test_a_rebuild_reads_again_only_the_reports_of_the_events_that_changed(corpus, tmp_path, monkeypatch):
    import etl.build.store

    out = tmp_path / "out"
    build(corpus, out, progress=False, workers=1)
    loaded: list[str] = []
    real = etl.build.store.Stored.extraction
    monkeypatch.setattr(etl.build.store.Stored, "extraction", lambda self: loaded.append(self.doc_id) or real(self))
    (corpus / "new-event.md").write_text(
        "OSCE meets SCO in Vienna\n\nOn 3 May 2021 the OSCE and the SCO met in Vienna to discuss water.\n",
        encoding="utf-8")
    rebuilt = build(corpus, out, progress=False, workers=1)
    documents = rebuilt.tables.frame("documents")
    assert loaded == documents.loc[documents["file"] == "new-event.md", "doc_id"].tolist()
    # A report added to the event its copies tell: that event is made again from its reports, no other.
    loaded.clear()
    _copy_with_line(corpus / "copy-0.txt", corpus / "one-more.txt", "One more.")
    rebuilt = build(corpus, out, progress=False, workers=1)
    sources = rebuilt.tables.frame("event_sources").merge(rebuilt.tables.frame("documents"), on="doc_id")
    event = sources.loc[sources["file"] == "one-more.txt", "event_id"].item()
    assert sorted(loaded) == sorted(sources.loc[sources["event_id"] == event, "doc_id"])
    assert 1 < len(loaded) < len(sources)


def test_the_kept_work_is_compacted_and_still_gives_the_same_tables(corpus, tmp_path, monkeypatch):
    import etl.build.store

    monkeypatch.setattr(etl.build.store, "MAX_SEGMENTS", 2)
    out = tmp_path / "out"
    build(corpus, out, progress=False, workers=1)
    for number in range(3):
        _copy_with_line(corpus / "2005" / "2005-kazakhstan-presidential-vote-reuters-wire.txt",
                        corpus / f"more-{number}.txt", f"More {number}.")
        (corpus / f"copy-{number}.txt").unlink()
        rebuilt = build(corpus, out, progress=False, workers=1)
        assert len(list((out / ".cache" / "segments").glob("*.pickle"))) <= 2
    fresh = build(corpus, tmp_path / "fresh", progress=False, workers=1)
    _assert_same_tables(rebuilt, fresh, out, tmp_path / "fresh")


def test_files_read_before_whose_work_is_lost_are_read_again(corpus, tmp_path, monkeypatch):
    import etl.build.store

    out = tmp_path / "out"
    build(corpus, out, progress=False, workers=1)
    monkeypatch.setattr(etl.build.store.Cache, "stored", lambda self: {})
    again = build(corpus, out, progress=False, workers=1)
    assert again.reused == 0 and not again.skipped
    monkeypatch.undo()
    fresh = build(corpus, tmp_path / "fresh", progress=False, workers=1)
    _assert_same_tables(again, fresh, out, tmp_path / "fresh")


# --- grouping -------------------------------------------------------------------------------------

_CITIES = [("Vienna", "AUT"), ("Tashkent", "UZB"), ("Almaty", "KAZ"), (None, "KAZ"), (None, None)]
_WORDS = ["presidential", "parliamentary", "election", "observers", "water", "conference", "meeting", "security"]
_PEOPLE = ["Vladimir Norov", "Lamberto Zannier", "Zhang Deguang", "Rashid Alimov"]


def _invented(rng: random.Random, number: int) -> Extraction:
    day = date(2021, 5, 1) + timedelta(days=rng.randrange(8))
    dated = rng.random() < 0.75
    published = day + timedelta(days=rng.randrange(-5, 40)) if rng.random() < 0.7 else None
    city, country = rng.choice(_CITIES)
    end = day + timedelta(days=rng.choice([0, 0, 0, 1, 3])) if dated else None
    actors = [Actor("organization", name, short_name=name) for name in rng.sample(["OSCE", "SCO", "UN"], 2)]
    actors += [Actor("state", iso, short_name=iso) for iso in rng.sample(["KAZ", "UZB", "RUS"], rng.randrange(2))]
    actors += [Actor("person", name) for name in rng.sample(_PEOPLE, rng.randrange(3))]
    title = " ".join(rng.sample(_WORDS, 3))
    return Extraction(
        report=Report(file=f"r{number}.txt", title=title, text=f"report {number}", published=published),
        date=EventDate(day, end if end != day else None, "day") if dated else None,
        event_type=rng.choice(["meeting", "observation", "other"]),
        place=Place(city, country) if city or country else None, actors=actors, title=title)


def _partition(groups) -> set[frozenset[str]]:
    return {frozenset(groups_member) for groups_member in groups}


@pytest.mark.parametrize("seed", range(40))
def test_updated_groups_equal_group_events(seed):
    rng = random.Random(seed)
    pool = {f"k{n}": _invented(rng, n) for n in range(60)}
    facts = {k: facts_of(e) for k, e in pool.items()}

    def grouped(previous: Grouping, live: set[str], added: set[str], removed: set[str]) -> Grouping:
        doc_ids = {k: pool[k].report.doc_id for k in sorted(live)}
        return update_grouping(previous, facts, doc_ids, added, removed, lambda keys: [pool[k] for k in keys])

    live = set(rng.sample(sorted(pool), 30))
    grouping = grouped(Grouping(), live, live, set())
    for _ in range(6):
        removed = set(rng.sample(sorted(live), rng.randrange(4)))
        added = set(rng.sample(sorted(set(pool) - live), rng.randrange(4)))
        live = (live - removed) | added
        grouping = grouped(grouping, live, added, removed)
        expected = [[k for k in live if any(m is pool[k] for m in g.members)]
                    for g in group_events([pool[k] for k in sorted(live)])]
        assert _partition(grouping.groups) == _partition(expected)
        from_nothing = grouped(Grouping(), live, live, set())
        assert _partition(from_nothing.groups) == _partition(expected)
        assert grouping.matches == from_nothing.matches


def test_a_feed_line_whose_extraction_failed_is_read_again_from_its_unchanged_feed(corpus, tmp_path, monkeypatch):
    import etl.build

    shutil.copy(REPORTS / "feeds" / "election-observation-wires-c.jsonl", corpus / "wires.jsonl")
    real = etl.build.extract_report

    def failing(report):
        if report.file == "wires.jsonl#2":
            raise ValueError("a bug met on this line")
        return real(report)

    out = tmp_path / "out"
    monkeypatch.setattr(etl.build, "extract_report", failing)
    first = build(corpus, out, progress=False, workers=1)
    assert [s.file for s in first.skipped] == ["wires.jsonl#2"]
    monkeypatch.undo()
    again = build(corpus, out, progress=False, workers=1)
    assert not again.skipped and again.reused == first.reports
    fresh = build(corpus, tmp_path / "fresh", progress=False, workers=1)
    _assert_same_tables(again, fresh, out, tmp_path / "fresh")
