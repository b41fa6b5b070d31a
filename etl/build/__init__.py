"""The build: read every report, extract (reusing the previous build's work), resolve, write."""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from tqdm import tqdm

from etl.build.engines import ENGINES, Engine, EngineError, dask_engine
from etl.build.groups import Grouping, facts_of, update_grouping
from etl.build.store import (
    CACHE_VERSION_FILE,
    Cache,
    NewSegment,
    Stored,
    batch_rows,
    files_to_write,
    live_rows,
)
from etl.build.store import load_cache as _load_cache
from etl.build.workers import end_with_parent
from etl.corrections import CorrectionsReport, correct_tables
from etl.extract import extract_report
from etl.knowledge import KNOWLEDGE_DIR, check_knowledge_file
from etl.model import Extraction, Known, Report, Skipped
from etl.output.publish import Target, claim
from etl.output.tables import (
    PER_REPORT,
    ReportRows,
    Tables,
    assemble,
    group_order,
    lead_days_of,
    report_rows,
    slim,
)
from etl.output.write import write_tables
from etl.read import ReadCache, read_file, read_reports

PACKAGE_DIR = Path(__file__).resolve().parent.parent


@dataclass
class BuildResult:
    reports: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    reused: int = 0
    tables: Tables | None = None
    seconds: float = 0.0
    corrections: CorrectionsReport | None = None  # what the corrections file changed, and what it could not

    def summary(self, out_dir: Path) -> str:
        counts = ""
        if self.tables is not None:
            tables = self.tables
            themes = pc.count_distinct(tables.arrow("event_themes")["theme_id"]).as_py()
            counts = ", ".join(_count(n, word) for n, word in (
                (tables.arrow("events").num_rows, "event"), (tables.arrow("participants").num_rows, "participant"),
                (themes, "theme"))) + "; "
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        reused = f" ({self.reused} reused from the previous build)" if self.reused else ""
        return f"Read {_count(self.reports, 'report')}{reused}{skipped}; {counts}{self.seconds:.1f} s -> {out_dir}"


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def extractor_version() -> str:
    """Changes whenever the extraction code or its knowledge files change, so stale work is not reused."""
    digest = hashlib.sha256()
    for path in _pipeline_files():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _pipeline_files() -> list[Path]:
    """Every module and knowledge file of the package, in every sub-package, so that a moved or new module
    cannot let stale work be reused."""
    return sorted(p for p in PACKAGE_DIR.rglob("*") if p.is_file() and p.suffix in (".py", ".yaml")
                  and "__pycache__" not in p.parts)


def cache_key(report: Report, version: str) -> str:
    meta = "\x1f".join(str(x) for x in (report.file, report.url, report.source, report.published, report.format))
    return hashlib.sha256(f"{version}\x1f{report.doc_id}\x1f{meta}".encode()).hexdigest()


def load_cache(out_dir: Path, version: str | None = None) -> Cache:
    """The previous build's work in `out_dir`, if it was done by this version of the code (else none)."""
    return _load_cache(out_dir, version or extractor_version())


def collect_reports(reports_dir: Path, cache: ReadCache | None = None, fresh: ReadCache | None = None
                    ) -> tuple[list[Report | Known], list[Skipped]]:
    """Every report (see `iter_reports`) in a list, and the skipped files."""
    skipped: list[Skipped] = []
    reports = list(iter_reports(reports_dir, skipped, cache, fresh))
    return reports, skipped


def iter_reports(reports_dir: Path, skipped: list[Skipped], cache: ReadCache | None = None,
                 fresh: ReadCache | None = None) -> Iterator[Report | Known]:
    """Read every report, one at a time; the same content twice is read once and the copy is added to
    `skipped` with the others. A file read by an earlier build (in `cache`) comes as what that build
    kept of it (`Known`, see `read_reports`)."""
    seen: dict[str, str] = {}
    for item in read_reports(reports_dir, cache, fresh):
        if isinstance(item, Skipped):
            skipped.append(item)
        elif item.doc_id in seen:
            skipped.append(Skipped(item.file, f"same content as {seen[item.doc_id]}"))
        else:
            seen[item.doc_id] = item.file
            yield item


def build(reports_dir: Path, out_dir: Path, workers: int | None = None, progress: bool | None = None,
          write: bool = True, wait: bool = False, on_wait: Callable[[str], None] | None = None,
          engine: str = "local", scheduler: str | None = None) -> BuildResult:
    """Build the tables of `reports_dir` into `out_dir`.

    With `write`, `out_dir` is first checked and locked (see etl/output/publish.py): an unsafe folder raises
    OutRefusedError, another build writing it raises BuildBusyError, or with `wait` this one waits (told through
    `on_wait`). The previous build's work is read from `out_dir/.cache`.
    """
    with _collector_paused(), _system_allocator():
        if not write:
            return _build(reports_dir, out_dir, workers, progress, None, engine, scheduler)
        with claim(out_dir, reports_dir, wait=wait, on_wait=on_wait) as target:
            return _build(reports_dir, target.out, workers, progress, target, engine, scheduler)


def _build(reports_dir: Path, out_dir: Path, workers: int | None, progress: bool | None,
           target: Target | None, engine: str = "local", scheduler: str | None = None) -> BuildResult:
    started = time.perf_counter()
    result = BuildResult()
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    version = extractor_version()
    # Worker processes start now and load the extraction rules while this one reads the previous
    # build's work and the reports. When that work can be reused, few reports are new: one worker
    # is enough, and a second would only slow the reading down.
    incremental = (out_dir / CACHE_VERSION_FILE).is_file() and (
        (out_dir / CACHE_VERSION_FILE).read_text(encoding="utf-8") == version)
    if not incremental:  # else the knowledge files are those the previous build checked (they make the version)
        check_knowledge()
    new = NewSegment(f"s{time.time_ns()}-{os.getpid()}")
    with _engine(engine, scheduler, workers, 1 if incremental else workers) as pool:
        previous = load_cache(out_dir, version)
        stored = previous.stored()
        reads: ReadCache = {}  # what this build read, kept for the next one
        keys: list[str] = []
        failed: set[str] = set()

        def to_extract() -> Iterator[tuple[str, Report]]:
            """The reports whose work is not kept, as they are read: no more texts are held at once
            than the workers have in hand."""
            for item in iter_reports(reports_dir, result.skipped, previous.reads, reads):
                key = cache_key(item, version)
                keys.append(key)
                if key in stored:
                    result.reused += 1
                else:
                    yield key, item if isinstance(item, Report) else _read_again(reports_dir, item)

        show = sys.stderr.isatty() if progress is None else progress
        since_collected = 0
        for done, rows in _extract_all(to_extract(), pool, show):
            since_collected += len(done)
            if since_collected >= COLLECT_EVERY:
                gc.collect(1)  # see COLLECT_EVERY
                since_collected = 0
            extracted: dict[str, Stored] = {}
            for key, report, work in done:
                if isinstance(work, str):
                    result.skipped.append(Skipped(report.file, f"could not be extracted: {work}"))
                    failed.add(key)
                else:
                    extracted[key] = work
            new.add(extracted, rows)
        if failed:
            keys = [k for k in keys if k not in failed]
    result.reports = len(keys)
    if not keys:
        result.seconds = time.perf_counter() - started
        return result
    stored.update(new.items)
    corpus = Corpus(previous, new, keys, stored)
    result.tables = build_tables(corpus)
    result.tables, result.corrections = correct_tables(  # docs/corrections.md
        result.tables, lead_days_of(corpus.per_report["documents"]))
    if target is not None:
        files, _ = files_to_write(previous, new, keys, stored, corpus.per_report, reads, corpus.grouping,
                                  version, corpus.events)
        write_tables(result.tables, out_dir, extra_files=files, target=target)
    result.seconds = time.perf_counter() - started
    return result


@dataclass
class Corpus:
    """The reports of this build, as the previous build's work and this one's: what the tables are built from."""

    previous: Cache
    new: NewSegment
    keys: list[str]
    stored: dict[str, Stored]
    grouping: Grouping | None = None
    per_report: dict[str, pa.Table] = field(default_factory=dict)
    events: dict[tuple[str, ...], bytes] = field(default_factory=dict)  # each event's work, for the next build

    def tables(self) -> Tables:
        stored, previous = self.stored, self.previous
        live = set(self.keys)
        reused = {k for k in self.keys if k not in self.new.items}
        # The previous groups hold only when all the previous build's reports are kept (they always are,
        # unless the kept work was damaged); else the reports are grouped from scratch.
        kept = all(k in stored for k in previous.live)
        before = set(previous.live) if kept else set()
        doc_ids = {k: stored[k].doc_id for k in self.keys}
        facts = {k: v.facts for k, v in stored.items()}
        self.grouping = update_grouping((previous.grouping if kept else None) or Grouping(), facts, doc_ids,
                                        live - before, before - live,
                                        lambda keys: [stored[k].extraction() for k in keys])
        groups = self.grouping.groups
        order = [group_order([facts[k].start for k in keys], [doc_ids[k] for k in keys]) for keys in groups]
        reused_keys = pa.array(sorted(reused), pa.string())
        new_keys = pa.array(sorted(live - reused), pa.string())
        self.per_report = {name: live_rows([(previous.rows(name), reused_keys), (self.new.rows(name), new_keys)],
                                           name) for name in PER_REPORT}
        if len(self.new.items) == len(self.keys):
            self.new.release_rows()  # every report is new: its segment is written from `per_report`
        return assemble(groups, order, lambda key: stored[key].extraction(), self.per_report,
                        known=previous.events, kept=self.events)


def build_tables(corpus: Corpus) -> Tables:
    return corpus.tables()


def _read_again(reports_dir: Path, known: Known) -> Report:
    """The report of a file read before whose work is not kept (its extraction failed then); a feed's
    line is found by its name (`feeds/x.jsonl#N`)."""
    feed_line = re.fullmatch(r"(.+\.jsonl)#\d+", known.file, re.IGNORECASE)
    file = feed_line.group(1) if feed_line else known.file
    for item in read_file(reports_dir / file, file):
        if isinstance(item, Report) and item.file == known.file:
            return item
    raise FileNotFoundError(known.file)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector would walk the many small objects a build makes (spans, rows, the previous
    build's work) again and again for nothing: they form no cycles. Pausing it makes a rebuild twice as fast."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _system_allocator() -> Iterator[None]:
    """Arrow's own allocator (mimalloc) keeps much of what a build frees: its tables are made of many small
    batches, each arriving from a worker on another thread. With the system's allocator a full build of a
    large archive peaks lower (bench/etl_speed.py reports the peak)."""
    previous = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


@contextmanager
def _engine(name: str, scheduler: str | None, workers: int, size: int) -> Iterator[Engine]:
    """Where the reports are extracted (see etl/build/engines.py)."""
    if name == "dask":
        with dask_engine(scheduler, workers, warm_up) as engine:
            yield engine
        return
    if name != "local":
        raise EngineError(f"unknown engine {name!r} (one of {', '.join(ENGINES)})")
    with _extraction_pool(workers, size) as pool:
        yield Engine(pool, workers)


@contextmanager
def _extraction_pool(workers: int, size: int) -> Iterator[ProcessPoolExecutor | None]:
    if workers <= 1:
        yield None
        return
    pool = ProcessPoolExecutor(max_workers=size, initializer=start_worker, initargs=(os.getpid(),))
    try:
        pool.submit(int)  # starts the workers, which warm up at once
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def check_knowledge() -> None:
    """Load every knowledge file here first: a broken one stops the build with its name and line."""
    for path in sorted(KNOWLEDGE_DIR.glob("*.yaml")):
        check_knowledge_file(path.name)


def start_worker(parent: int) -> None:
    """A worker ends with the build that started it (a killed build leaves no process), then warms up."""
    end_with_parent(parent)
    warm_up()


def warm_up() -> None:
    """Load every knowledge file and compile every pattern, as the first report would."""
    extract_report(Report(file="warm-up", title="Warm-up", text="On 1 May 2020 the OSCE met the SCO in Vienna."))


def safe_extract(report: Report) -> Extraction | str:
    """One report's extraction, or the reason it failed: a bug met on one report must not stop a build."""
    try:
        return extract_report(report)
    except RecursionError:
        return "text nested too deeply"
    except Exception as error:  # noqa: BLE001 - named in the summary, the other reports are built
        return f"{type(error).__name__}: {str(error)[:160]}"


def prepare(item: tuple[str, Report]) -> tuple[Stored, ReportRows] | str:
    """One report's extraction as the build keeps it (in the worker, which sends back only that), or the
    reason it failed."""
    key, report = item
    extraction = safe_extract(report)
    if isinstance(extraction, str):
        return extraction
    stored = Stored(pickle.dumps(slim(extraction), protocol=pickle.HIGHEST_PROTOCOL), facts_of(extraction),
                    report.doc_id)
    return stored, report_rows(extraction, key)


# What the extraction of a batch of reports gives back: for each, its key, report and work (or why it
# failed), and the rows of those that succeeded as Arrow.
Extracted = tuple[list[tuple[str, Report, "Stored | str"]], "dict[str, pa.Table]"]


def _extract_all(items: Iterable[tuple[str, Report]], engine: Engine, show: bool) -> Iterator[Extracted]:
    """The reports' extractions (see `Extracted`), in the order of `items`, batch by batch. Reports are
    handed to the workers in small batches as they are read, a few batches ahead per worker, so that memory
    holds only those in flight however many reports there are; without workers, each batch is extracted
    here as it is read."""
    bar = tqdm(unit="report", disable=not show, file=sys.stderr)
    try:
        if engine.submitter is None:
            for batch in _batches(items, EXTRACT_BATCH):
                yield _finished(batch, prepare_batch(batch), bar)
            return
        in_flight: deque[tuple[list[tuple[str, Report]], Any]] = deque()
        for batch in _batches(items, EXTRACT_BATCH):
            in_flight.append((batch, engine.submitter.submit(prepare_batch, batch)))
            while len(in_flight) > engine.slots * BATCHES_AHEAD:
                batch, future = in_flight.popleft()
                yield _finished(batch, future.result(), bar)
        while in_flight:
            batch, future = in_flight.popleft()
            yield _finished(batch, future.result(), bar)
    finally:
        bar.close()


# The cycle collector is paused during a build (see `_collector_paused`), but reading and returning
# reports leaves some garbage in cycles, which only it frees: at 6,000 reports a tenth of the build's
# memory. Every so many reports the young objects are collected (the long-lived kept work is not walked
# again), which costs nothing measurable.
COLLECT_EVERY = 500

# Reports per batch sent to a worker, and batches in flight per worker: enough to keep the workers busy
# while the build reads the next files, few enough that memory holds only a few hundred texts.
EXTRACT_BATCH = 8
BATCHES_AHEAD = 4


def _batches(items: Iterable[tuple[str, Report]], size: int) -> Iterator[list[tuple[str, Report]]]:
    batch: list[tuple[str, Report]] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _finished(batch: list[tuple[str, Report]], done: tuple[list[Stored | str], dict[str, pa.Table]],
              bar: tqdm) -> Extracted:
    works, rows = done
    bar.update(len(batch))
    return [(key, report, work) for (key, report), work in zip(batch, works, strict=True)], rows


def prepare_batch(items: list[tuple[str, Report]]) -> tuple[list[Stored | str], dict[str, pa.Table]]:
    """The work of a few reports (or why each failed), and their rows as Arrow: what a worker sends back."""
    done = [prepare(item) for item in items]
    return ([d if isinstance(d, str) else d[0] for d in done],
            batch_rows([d[1] for d in done if not isinstance(d, str)]))


def tables_are_current(reports_dir: Path, out_dir: Path) -> bool:
    """True when the tables exist and are newer than every report and the extraction code."""
    marker = out_dir / "events.parquet"
    if not marker.exists():
        return False
    built = marker.stat().st_mtime
    newest = max((p.stat().st_mtime for p in reports_dir.rglob("*") if p.is_file()), default=0.0)
    code = max(p.stat().st_mtime for p in _pipeline_files())
    return built >= max(newest, code)
