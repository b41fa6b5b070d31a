"""What a build keeps for the next one, in OUT/.cache, so that a rebuild costs what changed.

    .cache/version              the extraction code's version (see `extractor_version`)
    .cache/extractions.pickle   the index: the version, the files read (by their bytes' digest), the
                                groups of reports (events) and the names of the segments
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
from etl.output.tables import KEY, PER_REPORT, arrow_schema, rows_to_arrow
from etl.read import ReadCache

CACHE_FILE = ".cache/extractions.pickle"
CACHE_VERSION_FILE = ".cache/version"
SEGMENTS = ".cache/segments"
MAX_SEGMENTS = 16
FORMAT = 5


@dataclass
class Cache:
    """The previous build's work (see the module's docstring); segments are read when first needed."""

    version: str
    reads: ReadCache = field(default_factory=dict)
    grouping: Grouping | None = None
    live: list[str] = field(default_factory=list)  # the reports of the previous build, by key
    segments: list[str] = field(default_factory=list)
    folder: Path | None = None  # the previous build's folder, holding the segments
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
    """The reports extracted by this build, gathered as they come (rows turned to Arrow in batches)."""

    BATCH = 2000

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: dict[str, Stored] = {}
        self._pending: dict[str, list[tuple]] = {table: [] for table in PER_REPORT}
        self._pending_reports = 0
        self.tables: dict[str, list[pa.Table]] = {table: [] for table in PER_REPORT}

    def add(self, key: str, stored: Stored, rows) -> None:
        self.items[key] = stored
        for table in PER_REPORT:
            self._pending[table].extend(getattr(rows, table))
        self._pending_reports += 1
        if self._pending_reports >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        for table in PER_REPORT:
            if self._pending[table]:
                self.tables[table].append(rows_to_arrow(table, self._pending[table]))
            self._pending[table] = []
        self._pending_reports = 0

    def rows(self, table: str) -> list[pa.Table]:
        self._flush()
        return self.tables[table]


def live_rows(tables: list[pa.Table], table: str, live: pa.Array) -> pa.Table:
    """The rows of the reports in use, from every segment (and the new rows)."""
    parts = [t for t in tables if t.num_rows]
    if not parts:
        return arrow_schema(table, helpers=True).empty_table()
    joined = pa.concat_tables(parts)
    # One chunk per column: sorting and taking rows from it later is twice as fast.
    return joined.filter(pc.is_in(joined[KEY], value_set=live)).combine_chunks()


def files_to_write(previous: Cache, new: NewSegment, keys: list[str], stored: dict[str, Stored],
                   per_report: dict[str, pa.Table], reads: ReadCache, grouping: Grouping,
                   version: str) -> tuple[dict[str, object], Cache]:
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
    cache = Cache(version, reads, grouping, keys, segments)
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
