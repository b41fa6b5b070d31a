"""`python -m etl build --out` never loses a user's file, never shows a half-written build, runs one at a time
and leaves no process behind, even when killed."""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from etl.__main__ import main
from etl.output import lock, publish

ROOT = Path(__file__).parents[2]
SEED = ROOT / "tests" / "fixtures" / "seed"
GOOD = ROOT / "tests" / "fixtures" / "reports" / "good"


def _tree(folder: Path) -> dict[str, bytes | str]:
    """Every path under `folder` with its content (or link target): to show nothing was touched."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            found[key] = path.read_bytes()
        else:
            found[key] = "folder"
    return found


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A user's project: data/reports with a report, data/gold, data/README.md, own notes beside them."""
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(next(SEED.glob("*.txt")), data / "reports")
    (data / "gold").mkdir()
    (data / "gold" / "reports.jsonl").write_text('{"file": "x"}\n')
    (data / "README.md").write_text("my data\n")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine\n")
    (tmp_path / "thesis.docx").write_bytes(b"PK\x03\x04 mine")
    (tmp_path / "link-to-reports").symlink_to(data / "reports")
    return tmp_path


@pytest.mark.parametrize(("out", "why"), [
    ("thesis.docx", "it is a file"),
    ("notes", "it is a folder of other files (todo.txt)"),
    ("data/reports", "it is the reports folder"),
    ("link-to-reports", "it is the reports folder"),
    ("data/reports/tables", "it is inside the reports folder"),
    ("data/reports/../reports/sub/tables", "it is inside the reports folder"),
    ("data", "it contains the reports folder"),
    (".", "it contains the reports folder"),
])
def test_an_unsafe_out_is_refused_and_nothing_is_touched(project, out, why, capsys, monkeypatch):
    monkeypatch.chdir(project)
    before = _tree(project)
    assert main(["build", "data/reports", "--out", out]) == 2
    error = capsys.readouterr().err
    assert f"refusing to write the tables to {out}: {why}" in error and "nothing was changed" in error
    assert _tree(project) == before  # no file changed, none added (not even a lock or a versions folder)


def test_the_reports_folder_is_refused_whatever_way_it_is_named(project, capsys, monkeypatch):
    monkeypatch.chdir(project / "data" / "reports")
    before = _tree(project)
    assert main(["build", ".", "--out", "."]) == 2
    assert main(["build", ".", "--out", ".."]) == 2
    assert main(["build", str(project / "link-to-reports"), "--out", str(project / "data" / "reports")]) == 2
    assert _tree(project) == before
    assert "it is the reports folder" in capsys.readouterr().err


def test_tables_of_the_previous_layout_are_recognised_and_their_work_reused(project, capsys):
    reports, out = project / "data" / "reports", project / "data" / "processed"
    assert main(["build", str(reports), "--out", str(out)]) == 0
    # Turn the result into a folder as builds wrote it before versions: a real folder, no marker.
    version = out.resolve()
    out.unlink()
    shutil.move(version, out)
    (out / ".etl-tables.json").unlink()
    shutil.rmtree(project / "data" / ".processed.versions")
    before = (out / "events.csv").read_bytes()
    capsys.readouterr()
    assert main(["build", str(reports), "--out", str(out)]) == 0
    assert "(1 reused from the previous build)" in capsys.readouterr().out
    assert out.is_symlink() and (out / "events.csv").read_bytes() == before
    assert sorted(p.name for p in (project / "data").iterdir()) == [
        ".processed.lock", ".processed.versions", "README.md", "gold", "processed", "reports"]


def _python(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kwargs)


# A build that holds the lock for a few seconds: its tables take long to assemble.
_SLOW_BUILD = """
import sys, time
import etl.build
real = etl.build.build_tables
etl.build.build_tables = lambda extractions: (time.sleep(4), real(extractions))[1]
from etl.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _wait_for_lock(lock_file: Path, pid: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if lock.is_held(lock_file) and (lock.holder(lock_file) or {}).get("pid") == pid:
            return
        time.sleep(0.02)
    raise AssertionError("the first build never took the lock")


def test_two_builds_into_one_out_the_second_refuses_or_waits(project):
    reports, out = project / "data" / "reports", project / "data" / "processed"
    first = _python("-c", _SLOW_BUILD, "build", str(reports), "--out", str(out))
    _wait_for_lock(project / "data" / ".processed.lock", first.pid)
    started = time.strftime("%H:%M")
    second = _python("-m", "etl", "build", str(reports), "--out", str(out))
    _, error = second.communicate(timeout=60)
    assert second.returncode == 2
    assert re.search(rf"error: another build \(pid {first.pid}\) is writing {re.escape(str(out))} since \d\d:\d\d",
                     error), error
    assert started in error or time.strftime("%H:%M") in error
    waiting = _python("-m", "etl", "build", str(reports), "--out", str(out), "--wait")
    time.sleep(0.5)
    assert waiting.poll() is None  # still waiting for the first
    _, first_error = first.communicate(timeout=60)
    assert first.returncode == 0, first_error
    output, error = waiting.communicate(timeout=60)
    assert waiting.returncode == 0, error
    assert f"waiting: another build (pid {first.pid}) is writing {out}" in error
    assert "(1 reused from the previous build)" in output  # it built after the first, on its work
    assert (out / "events.parquet").is_file()


def _group(pgid: int) -> list[int]:
    """Live processes (zombies aside) of a process group, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def _left_behind(pgid: int, seconds: float = 5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (alive := _group(pgid)) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid in alive:  # so that a failing test does not leave them either
        os.kill(pid, signal.SIGKILL)
    return alive


def _start_build(reports: Path, out: Path, errors: int = subprocess.DEVNULL) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "etl", "build", str(reports), "--out", str(out), "--workers", "2"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True, text=True)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_a_killed_build_leaves_no_worker_behind(tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(GOOD, reports)
    build = _start_build(reports, tmp_path / "out")
    deadline = time.monotonic() + 30
    while len(_group(build.pid)) < 3 and time.monotonic() < deadline:  # the build and its two workers
        time.sleep(0.01)
    assert len(_group(build.pid)) >= 3, "the workers never started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert _left_behind(build.pid) == []
    assert not lock.is_held(tmp_path / ".out.lock")


def _snapshot(out: Path) -> dict[str, bytes]:
    """The tables OUT shows, whole: every table as Parquet and CSV, the data package, the DuckDB file."""
    folder = out.resolve(strict=True)
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix in (".csv", ".parquet", ".json")}
    assert (folder / ".etl-tables.json").is_file() and (folder / ".cache" / "extractions.pickle").is_file()
    with duckdb.connect(str(folder / "events.duckdb"), read_only=True) as db:
        for name in [n.removesuffix(".parquet") for n in files if n.endswith(".parquet")]:
            rows = db.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
            assert rows == pq.read_metadata(folder / f"{name}.parquet").num_rows
    files.pop(".etl-tables.json", None)
    return files


def _run(reports: Path, out: Path) -> float:
    started = time.monotonic()
    build = _start_build(reports, out, errors=subprocess.PIPE)
    _, error = build.communicate(timeout=120)
    assert build.returncode in (0, 1), error
    assert _left_behind(build.pid) == []
    return time.monotonic() - started


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_builds_killed_at_random_moments_leave_the_old_or_the_new_tables_whole(tmp_path):
    """20 builds, each SIGKILLed at a random moment of its run, or of its writing the tables (or not, when it
    ended sooner). Set
    ETL_KILL_TEST_SEED to replay a run, ETL_KILL_TEST_RUNS to change their number."""
    kills = int(os.environ.get("ETL_KILL_TEST_RUNS", "20"))
    seed = int(os.environ.get("ETL_KILL_TEST_SEED", str(time.time_ns() % 1_000_000)))
    rng = random.Random(seed)
    corpus = {"a": tmp_path / "a", "b": tmp_path / "b"}
    shutil.copytree(GOOD, corpus["a"])
    shutil.copytree(GOOD, corpus["b"])
    (corpus["b"] / "new.md").write_text("OSCE and SCO meet\n\nOn 3 May 2021 the OSCE Secretary General met "
                                        "the SCO Secretary-General in Vienna to discuss terrorism.\n")
    out = tmp_path / "out"
    _run(corpus["a"], out)
    expected = {"a": _snapshot(out)}
    seconds = {"b": _run(corpus["b"], out)}  # extracts the new report; the rest is reused
    expected["b"] = _snapshot(out)
    seconds["a"] = _run(corpus["a"], out)  # reuses everything
    assert _snapshot(out) == expected["a"]
    assert expected["a"] != expected["b"]
    state, killed, writing, whole, switched, strays = "a", 0, 0, 0, 0, 0
    started = time.monotonic()
    for _ in range(kills):
        wanted = "b" if state == "a" else "a"
        versions = tmp_path / ".out.versions"
        unfinished = {p.name for p in versions.iterdir() if p.suffix == ".part"}
        run_started = time.monotonic()
        build = _start_build(corpus[wanted], out)
        # Half the kills at any moment of the run; half once the build has begun writing its tables (a new
        # unfinished version appears), within the time it takes to write and switch them.
        if rng.random() < 0.5:
            deadline = run_started + rng.uniform(0.0, 1.0) * seconds[wanted]
        else:
            deadline = run_started + 2 * seconds[wanted]
            while build.poll() is None and time.monotonic() < deadline and not any(
                    p.suffix == ".part" and p.name not in unfinished for p in versions.iterdir()):
                time.sleep(0.002)
            deadline = time.monotonic() + rng.uniform(0.0, 0.25)
        try:
            build.wait(timeout=max(0.0, deadline - time.monotonic()))
            seconds[wanted] = time.monotonic() - run_started  # the machine's pace now
        except subprocess.TimeoutExpired:
            os.kill(build.pid, signal.SIGKILL)
            build.wait()
            killed += 1
            writing += any(p.suffix == ".part" and p.name not in unfinished for p in versions.iterdir())
        strays += len(_left_behind(build.pid))
        now = _snapshot(out)
        assert now in (expected[state], expected[wanted]), f"OUT is neither build (seed {seed})"
        whole += 1
        if now == expected[wanted]:
            switched += 1
            state = wanted
    elapsed = time.monotonic() - started
    print(f"\nkill test (seed {seed}): {kills} builds, {killed} killed ({writing} while writing the tables), "
          f"OUT whole {whole} times, new tables {switched} times, {strays} process(es) left behind, {elapsed:.1f} s")
    assert strays == 0
    assert killed >= kills // 4, "builds should have been killed before they ended"
    # The next build clears whatever the killed ones left: only OUT, its versions and the lock remain; no
    # unfinished version, only the current one and those replaced in the last minute (at most four).
    _run(corpus["a"], out)
    assert _snapshot(out) == expected["a"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.lock", ".out.versions", "a", "b", "out"]
    versions = sorted(p.name for p in (tmp_path / ".out.versions").iterdir())
    assert out.resolve().name in versions and len(versions) <= 1 + publish.KEEP_AT_MOST
    assert all(re.fullmatch(r"v\d{8}T\d{6}\.\d{6}-\d+", name) for name in versions)


# A build that stops at one moment of its end, so that it can be killed exactly there.
_PAUSED_BUILD = """
import os, sys, time
import etl.output.publish as publish
import etl.output.write as write
phase, argv = sys.argv[1], sys.argv[2:]
calls = []

def pausing(real, nth, before):
    def paused(*args, **kwargs):
        calls.append(1)
        if before and len(calls) == nth:
            print("paused", flush=True)
            time.sleep(60)
        result = real(*args, **kwargs)
        if not before and len(calls) == nth:
            print("paused", flush=True)
            time.sleep(60)
        return result
    return paused

if phase == "writing":  # tables half written
    write._write_duckdb = pausing(write._write_duckdb, 1, before=False)
elif phase == "switching":  # the new version finished, its link made, OUT not yet switched
    os.symlink = pausing(os.symlink, 1, before=False)
else:  # OUT switched, what is no longer needed not yet removed
    publish.clean = pausing(publish.clean, 2, before=True)
from etl.__main__ import main
sys.exit(main(argv))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.parametrize(("phase", "shows"), [("writing", "old"), ("switching", "old"), ("cleaning", "new")])
def test_a_build_killed_at_each_step_of_its_end_leaves_out_whole(tmp_path, phase, shows):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    shutil.copy(next(SEED.glob("*.txt")), old)
    shutil.copytree(old, new)
    (new / "new.md").write_text("OSCE meets SCO\n\nOn 3 May 2021 the OSCE and the SCO met in Vienna.\n")
    out = tmp_path / "out"
    expected = {}
    for name, reports in (("new", new), ("old", old)):
        assert main(["build", str(reports), "--out", str(out)]) == 0
        expected[name] = _snapshot(out)
    build = subprocess.Popen([sys.executable, "-c", _PAUSED_BUILD, phase, "build", str(new), "--out", str(out),
                              "--workers", "2"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True, start_new_session=True)
    assert build.stdout.readline().strip() == "paused"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    build.stdout.close()
    assert _left_behind(build.pid) == []
    assert _snapshot(out) == expected[shows]
    left = {p.suffix for p in (tmp_path / ".out.versions").iterdir()}
    assert (".part" in left) == (phase == "writing") and (".tmp" in left) == (phase == "switching")
    assert main(["build", str(old), "--out", str(out)]) == 0
    assert _snapshot(out) == expected["old"]
    assert not {p.suffix for p in (tmp_path / ".out.versions").iterdir()} & {".part", ".tmp"}
