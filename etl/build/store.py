"""What a build keeps for the next one, in OUT/.cache, so that a rebuild costs what changed.

    .cache/version              the extraction code's version (see `extractor_version`)
    .cache/extractions.pickle   the index: the version, the files read (by their bytes' digest), the
                                groups of reports (events), the names of the segments, and what each
                                event's rows need of its reports (`EventWork`, by the reports' keys)
    .cache/segments/NAME.pickle          per report (by cache key): its slim extraction (pickled on its own,
                                         read when its event is built), its event facts and its doc_id
    .cache/segments/NAME.TABLE.arrow     per report: its rows of documents, mentions and figures (Arrow IPC)

A build writes one new segment holding the reports it extracted and links the previous version's
segments into its own folder (hard links: nothing is copied). A report that is gone stays in its segment
until the segments hold twice as many reports as are in use, or too many segments piled up; then all are
rewritten as one.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from etl.build.groups import Facts, Grouping
from etl.model import Extraction
from etl.output.tables import KEY, PER_REPORT, ReportRows, arrow_schema, rows_to_arrow
from etl.read import ReadCache

CACHE_FILE = ".cache/extractions.pickle"
CACHE_VERSION_FILE = ".cache/version"
SEGMENTS = ".cache/segments"
MAX_SEGMENTS = 16
FORMAT = 6


@dataclass
class Cache:
    """The previous build's work (see the module's docstring); segments are read when first needed."""

    version: str
    reads: ReadCache = field(default_factory=dict)
    grouping: Grouping | None = None
    live: list[str] = field(default_factory=list)  # the reports of the previous build, by key
    segments: list[str] = field(default_factory=list)
    folder: Path | None = None  # the previous build's folder, holding the segments
    events: dict[tuple[str, ...], bytes] = field(default_factory=dict)  # see tables.EventWork
    format: int = FORMAT

    def stored(self) -> dict[str, Stored]:
        """What is kept of every report in the segments, by key."""
        found: dict[str, Stored] = {}
        for name in self.segments:
            with (self.folder / SEGMENTS / f"{name}.pickle").open("rb") as handle:
                found.update(pickle.load(handle))
        return found

    def rows(self, table: str) -> list[pa.Table]:
        """The per-report rows of `table` in every segment (memory-mapped)."""
        return [_read_arrow(self.folder / SEGMENTS / f"{name}.{table}.arrow") for name in self.segments]


def load_cache(out_dir: Path, version: str) -> Cache:
    path = out_dir / CACHE_FILE
    if not path.exists():
        return Cache(version)
    try:
        with path.open("rb") as handle:
            cache = pickle.load(handle)
        if not (isinstance(cache, Cache) and cache.version == version and cache.format == FORMAT):
            return Cache(version)
        cache.folder = out_dir.resolve()
        if not all((cache.folder / SEGMENTS / f"{name}.pickle").is_file() for name in cache.segments):
            return Cache(version)
    except Exception:  # noqa: BLE001 - a damaged cache only costs a full build
        return Cache(version)
    return cache


def _read_arrow(path: Path) -> pa.Table:
    with pa.memory_map(str(path)) as source:
        return pa.ipc.open_file(source).read_all()


class Stored(NamedTuple):
    """What is kept of one report besides its rows: its slim extraction (pickled), event facts and doc_id."""

    slim: bytes
    facts: Facts
    doc_id: str

    def extraction(self) -> Extraction:
        return pickle.loads(self.slim)


class NewSegment:
    """The reports extracted by this build, gathered as they come. Their rows arrive as Arrow tables of a
    few reports (made by the workers, so that this process never holds them as Python rows: turning many
    small rows into Arrow here left memory behind); the small tables are joined into one every BATCH
    reports."""

    BATCH = 2000

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: dict[str, Stored] = {}
        self._small: dict[str, list[pa.Table]] = {table: [] for table in PER_REPORT}
        self._small_reports = 0
        self.tables: dict[str, list[pa.Table]] = {table: [] for table in PER_REPORT}
        self.released = False

    def add(self, items: dict[str, Stored], tables: dict[str, pa.Table]) -> None:
        """A few reports' work and their rows as Arrow (see `batch_rows`)."""
        self.items.update(items)
        for table in PER_REPORT:
            self._small[table].append(tables[table])
        self._small_reports += len(items)
        if self._small_reports >= self.BATCH:
            self._join_small()

    def _join_small(self) -> None:
        for table in PER_REPORT:
            if self._small[table]:
                self.tables[table].append(pa.concat_tables(self._small[table]).combine_chunks())
            self._small[table] = []
        self._small_reports = 0

    def rows(self, table: str) -> list[pa.Table]:
        if self.released:
            raise RuntimeError("the new rows were released: the tables hold them")
        self._join_small()
        return self.tables[table]

    def release_rows(self) -> None:
        """Let go of the rows once the tables hold a copy of them (a full build needs them only there)."""
        self.tables = {table: [] for table in PER_REPORT}
        self.released = True


def batch_rows(rows: list[ReportRows]) -> dict[str, pa.Table]:
    """The rows of a few reports as one Arrow table per per-report table."""
    return {table: rows_to_arrow(table, [row for one in rows for row in getattr(one, table)])
            for table in PER_REPORT}


def live_rows(parts: list[tuple[list[pa.Table], pa.Array]], table: str) -> pa.Table:
    """The rows of the reports in use: from each group of tables (the previous segments, the new rows),
    those of the keys given with it. One chunk per column (sorting and taking rows from it later is twice
    as fast), copied once: the rows of a large archive are the largest thing a build holds."""
    tables, masks = [], []
    for group, keys in parts:
        for part in group:
            if part.num_rows:
                tables.append(part)
                masks.append(pc.is_in(part[KEY], value_set=keys))
    if not tables:
        return arrow_schema(table, helpers=True).empty_table()
    joined = pa.concat_tables(tables)
    # From the masks' chunks: given chunked arrays, pa.chunked_array would read them value by value.
    in_use = pa.chunked_array([chunk for mask in masks for chunk in mask.chunks], pa.bool_())
    if pc.all(in_use).as_py():
        return joined.combine_chunks()
    return joined.filter(in_use).combine_chunks()


def files_to_write(previous: Cache, new: NewSegment, keys: list[str], stored: dict[str, Stored],
                   per_report: dict[str, pa.Table], reads: ReadCache, grouping: Grouping,
                   version: str, events: dict[tuple[str, ...], bytes] | None = None
                   ) -> tuple[dict[str, object], Cache]:
    """The cache files of this build, for `write_tables(extra_files=...)`: bytes, a Path to link, or a
    function that writes the file; and the index they make."""
    files: dict[str, object] = {}
    segments = list(previous.segments)
    total = len(stored)  # new reports included
    if len(segments) + 1 > MAX_SEGMENTS or total > 2 * len(keys):
        # Rewritten as one segment of the reports in use.
        segments = []
        live = set(keys)
        items = {k: v for k, v in stored.items() if k in live}
        items.update(new.items)
        new_items, new_tables = items, {table: per_report[table] for table in PER_REPORT}
    elif len(new.items) == len(keys):
        # Every report is new (a full build): the rows of the segment are those of the tables.
        new_items, new_tables = new.items, {table: per_report[table] for table in PER_REPORT}
    else:
        new_items = new.items
        new_tables = {table: _concat(table, new.rows(table)) for table in PER_REPORT}
        for name in segments:
            files[f"{SEGMENTS}/{name}.pickle"] = previous.folder / SEGMENTS / f"{name}.pickle"
            for table in PER_REPORT:
                files[f"{SEGMENTS}/{name}.{table}.arrow"] = previous.folder / SEGMENTS / f"{name}.{table}.arrow"
    if new_items:
        segments.append(new.name)
        files[f"{SEGMENTS}/{new.name}.pickle"] = _pickle_writer(new_items)
        for table in PER_REPORT:
            files[f"{SEGMENTS}/{new.name}.{table}.arrow"] = _ipc_writer(new_tables[table])
    cache = Cache(version, reads, grouping, keys, segments, events=events or {})
    files[CACHE_FILE] = _pickle_writer(cache)
    files[CACHE_VERSION_FILE] = version.encode("utf-8")
    return files, cache


def _concat(table: str, parts: list[pa.Table]) -> pa.Table:
    return pa.concat_tables(parts) if parts else rows_to_arrow(table, [])


def _pickle_writer(value: object):
    def write(path: Path) -> None:
        with path.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return write


def _ipc_writer(table: pa.Table):
    def write(path: Path) -> None:
        with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
    return write
