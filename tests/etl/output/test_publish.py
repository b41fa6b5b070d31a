"""OUT as versions behind an atomically switched link: recognised, switched, cleaned, never missing."""

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.output import lock, publish
from etl.output.publish import MARKER, OutRefusedError, check_out, claim, new_staging


def _publish_one(out: Path, content: str) -> Path:
    """A stand-in build: a version holding events.csv with `content`, published under the lock."""
    with claim(out) as target:
        staging = new_staging(target)
        (staging / "events.csv").write_text(content)
        (staging / "datapackage.json").write_text(json.dumps({"name": "sco-osce-events"}))
        return publish.publish(target, staging)


def _legacy_tables(folder: Path, content: str = "legacy") -> None:
    """A tables folder as builds wrote them before versions: no marker, a datapackage.json of ours."""
    folder.mkdir(parents=True)
    (folder / "datapackage.json").write_text(json.dumps({"name": "sco-osce-events", "resources": []}))
    (folder / "events.parquet").write_bytes(b"PAR1")
    (folder / "events.csv").write_text(content)
    (folder / ".cache").mkdir()


def test_out_is_a_link_to_the_newest_version_and_replaced_ones_stay_a_while(tmp_path):
    out = tmp_path / "out"
    first = _publish_one(out, "1")
    assert out.is_symlink() and os.readlink(out) == f".out.versions/{first.name}"
    assert (out / "events.csv").read_text() == "1" and (out / MARKER).is_file()
    made = [first] + [_publish_one(out, str(number)) for number in range(2, 8)]
    assert (out / "events.csv").read_text() == "7"
    # Versions replaced a moment ago stay for readers that resolved OUT before the switch, at most four.
    kept = sorted(p.name for p in (tmp_path / ".out.versions").iterdir())
    assert kept == sorted(p.name for p in made[-1 - publish.KEEP_AT_MOST:])
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.versions", "out"]


def test_a_replaced_version_goes_once_it_was_replaced_long_enough_ago(tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = _publish_one(out, "1")
    second = _publish_one(out, "2")
    long_ago = time.time() - publish.KEEP_PREVIOUS_SECONDS - 1
    os.utime(first, (long_ago, long_ago))
    with claim(out):
        assert [p.name for p in (tmp_path / ".out.versions").iterdir()] == [second.name]
    third = _publish_one(out, "3")
    monkeypatch.setattr(publish, "KEEP_PREVIOUS_SECONDS", 0.0)
    with claim(out):
        assert [p.name for p in (tmp_path / ".out.versions").iterdir()] == [third.name]


def test_what_killed_builds_left_is_removed_by_the_next_one(tmp_path):
    out = tmp_path / "out"
    current = _publish_one(out, "1")
    versions = tmp_path / ".out.versions"
    unfinished = versions / "v20200101T000000.000000-99999999.part"
    unfinished.mkdir()
    (unfinished / "events.csv").write_text("half")
    (versions / "link-99999999.tmp").symlink_to(".out.versions/v20200101T000000.000000-1")
    _legacy_tables(versions / "retired-99999999.tmp")
    orphan = versions / "v20200101T000000.000000-99999998"  # finished long ago, never switched to
    orphan.mkdir()
    os.utime(orphan, (0, 0))
    # ... and what builds of the layout before versions left beside OUT (their pid is gone).
    _legacy_tables(tmp_path / ".out.building-99999999")
    alive = tmp_path / f".out.building-{os.getpid()}"  # a live process's: not touched
    _legacy_tables(alive)
    newest = _publish_one(out, "2")
    assert sorted(p.name for p in versions.iterdir()) == sorted([current.name, newest.name])
    assert not (tmp_path / ".out.building-99999999").exists()
    assert alive.exists()


def test_a_version_holding_someone_elses_file_is_kept_and_named(tmp_path, capsys):
    out = tmp_path / "out"
    first = _publish_one(out, "1")
    (first / "my-notes.txt").write_text("mine")
    with pytest.raises(OutRefusedError, match="my-notes.txt"):  # while it is OUT: refused
        _publish_one(out, "2")
    (first / "my-notes.txt").unlink()
    _publish_one(out, "2")
    (first / "my-notes.txt").write_text("mine")  # now a replaced version, replaced long ago
    os.utime(first, (0, 0))
    _publish_one(out, "3")
    assert (first / "my-notes.txt").read_text() == "mine"
    assert "my-notes.txt" in capsys.readouterr().err


def test_a_legacy_folder_is_recognised_and_becomes_a_link_without_going_missing(tmp_path):
    out = tmp_path / "out"
    _legacy_tables(out)
    with _watching(out / "events.csv") as misses:
        _publish_one(out, "new")
    assert misses() == 0
    assert out.is_symlink() and (out / "events.csv").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.versions", "out"]
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1  # the old folder is gone, not kept


def test_out_never_goes_missing_while_versions_switch(tmp_path):
    out = tmp_path / "out"
    _publish_one(out, "0")
    with _watching(out / "events.csv") as misses:
        for number in range(1, 60):
            _publish_one(out, str(number))
    assert misses() == 0
    assert (out / "events.csv").read_text() == "59"


_WATCHER = """
import sys, os
path, stop = sys.argv[1], sys.argv[2]
reads = misses = 0
while not os.path.exists(stop):
    try:
        with open(path) as handle:
            handle.read()
        reads += 1
    except OSError:
        misses += 1
print(reads, misses)
"""


class _watching:  # noqa: N801 - used as a `with` statement, like a function
    """A separate process reading `path` as fast as it can; counts the times the file was not there."""

    def __init__(self, path: Path):
        self.stop = path.parent.parent / f"stop-{time.time_ns()}"
        self.process = subprocess.Popen([sys.executable, "-c", _WATCHER, str(path), str(self.stop)],
                                        stdout=subprocess.PIPE, text=True)
        self.result: int | None = None

    def __enter__(self):
        time.sleep(0.2)  # the watcher is reading
        return lambda: self.result

    def __exit__(self, *exc):
        self.stop.write_text("")
        reads, misses = (int(x) for x in self.process.communicate(timeout=30)[0].split())
        self.stop.unlink()
        assert reads > 0
        self.result = misses
        return False


def test_unsafe_folders_are_refused_and_left_as_they_are(tmp_path):
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    (reports / "a.md").write_text("report")
    file = tmp_path / "file.txt"
    file.write_text("mine")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.md").write_text("mine")
    other_package = tmp_path / "package"
    other_package.mkdir()
    (other_package / "datapackage.json").write_text(json.dumps({"name": "someone-elses"}))
    (other_package / "events.parquet").write_bytes(b"PAR1")
    fake_marker = tmp_path / "fake-marker"
    fake_marker.mkdir()
    (fake_marker / MARKER).write_text("{}")
    (fake_marker / "events.csv").write_text("")
    mixed = tmp_path / "mixed"
    _legacy_tables(mixed)
    (mixed / "thesis.docx").write_bytes(b"mine")
    link_to_reports = tmp_path / "alias"
    link_to_reports.symlink_to(reports)
    cases = {
        file: "it is a file",
        mine: "it is a folder of other files (notes.md)",
        other_package: "it is a folder of other files",
        fake_marker: "it is a folder of other files",
        mixed: "holds other files (thesis.docx)",
        reports: "it is the reports folder",
        reports / "out": "it is inside the reports folder",
        tmp_path / "data": "it contains the reports folder",
        link_to_reports: "it is the reports folder",
        tmp_path: "it contains the reports folder",
    }
    for out, why in cases.items():
        with pytest.raises(OutRefusedError) as refused:
            check_out(out, reports)
        assert why in str(refused.value) and str(out) in str(refused.value), (out, str(refused.value))
    with pytest.raises(OutRefusedError, match="holds files the build did not write"):
        (tmp_path / ".fresh.versions").mkdir()
        (tmp_path / ".fresh.versions" / "keep.txt").write_text("mine")
        check_out(tmp_path / "fresh", reports)


def test_folders_the_build_may_write(tmp_path):
    (tmp_path / "empty").mkdir()
    _legacy_tables(tmp_path / "legacy")
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / MARKER).write_text(json.dumps(publish.marker()))
    (marked / "events.csv").write_text("")
    for name in ("new", "empty", "legacy", "marked"):
        assert check_out(tmp_path / name).out == tmp_path.resolve() / name
    # A link the user made to a folder elsewhere: the tables go where it points, the link stays.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "mine").symlink_to(tmp_path / "elsewhere" / "tables")
    _publish_one(tmp_path / "mine", "1")
    assert (tmp_path / "mine").resolve().parent.parent == (tmp_path / "elsewhere").resolve()
    assert ((tmp_path / "mine") / "events.csv").read_text() == "1"


def test_a_second_claim_is_refused_with_the_holder_and_the_time(tmp_path):
    out = tmp_path / "out"
    with claim(out):
        with pytest.raises(lock.BuildBusyError) as busy:
            with claim(out):
                pass
    assert re.fullmatch(rf"another build \(pid {os.getpid()}\) is writing {re.escape(str(out))} since \d\d:\d\d",
                        str(busy.value))
    with claim(out):  # released
        assert lock.is_held(tmp_path / ".out.lock")
    assert not lock.is_held(tmp_path / ".out.lock")


def test_a_version_folder_is_not_an_out_of_its_own(tmp_path):
    out = tmp_path / "out"
    version = _publish_one(out, "1")
    with pytest.raises(OutRefusedError, match="it is one build of the tables folder"):
        check_out(version)


def test_a_file_put_into_the_folder_during_the_build_stops_the_switch(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with claim(out) as target:
        staging = new_staging(target)
        (out / "mine.txt").write_text("mine")  # while the build was running
        with pytest.raises(OutRefusedError, match="mine.txt"):
            publish.publish(target, staging)
    assert (out / "mine.txt").read_text() == "mine" and not out.is_symlink()


def test_without_rename_exchange_a_legacy_folder_is_still_replaced(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _legacy_tables(out)
    monkeypatch.setattr(publish, "_exchange", lambda first, second: False)
    _publish_one(out, "new")
    assert out.is_symlink() and (out / "events.csv").read_text() == "new"
    assert len(list((tmp_path / ".out.versions").iterdir())) == 1


def test_rename_exchange_swaps_a_folder_and_a_link(tmp_path):
    folder, link = tmp_path / "folder", tmp_path / "link"
    folder.mkdir()
    (folder / "a").write_text("a")
    link.symlink_to("elsewhere")
    if not publish._exchange(link, folder):
        pytest.skip("no renameat2 RENAME_EXCHANGE here")
    assert folder.is_symlink() and os.readlink(folder) == "elsewhere"
    assert (link / "a").read_text() == "a"
