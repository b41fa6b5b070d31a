"""Step "read": every report file in a folder becomes a Report, or a Skipped naming the reason.

One bad file never stops the others: every error on reading a file ends up as its Skipped reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from etl.model import Known, Report, Skipped
from etl.read.errors import UnreadableReportError
from etl.read.feed import read_feed
from etl.read.html import parse_html_report
from etl.read.pdf import parse_pdf_report
from etl.read.text import parse_text_report

__all__ = ["UnreadableReportError", "read_reports", "read_file", "PARSERS", "MAX_FILE_BYTES", "ReadCache", "FileRead"]

# A report is a few pages; a bigger file is something else and reading it would cost memory.
MAX_FILE_BYTES = 20 * 1024 * 1024

PARSERS: dict[str, Callable[[bytes, str], Report]] = {
    ".txt": parse_text_report,
    ".md": parse_text_report,
    ".html": parse_html_report,
    ".htm": parse_html_report,
    ".pdf": parse_pdf_report,
}
FEED_EXTENSIONS = (".jsonl",)


class FileRead(NamedTuple):
    """What a reading kept of one file, by its signature: every report of it, and the digest of its
    bytes (None for a feed, which is streamed)."""

    digest: str | None
    items: tuple[Known | Skipped, ...]


# What a build keeps of the files it read, for the next build (see `read_reports`): by a file's bytes
# (a digest of its name and content), what its report was; by a file's signature (its name, size, times
# and inode), a `FileRead`.
ReadCache = dict[str, "Known | Skipped | FileRead"]


def read_reports(root: Path, cache: ReadCache | None = None, fresh: ReadCache | None = None
                 ) -> Iterator[Report | Known | Skipped]:
    """Every report under `root` (recursively, in sorted order), or Skipped with the reason.

    Files with other extensions and hidden files and folders are ignored silently. A .jsonl feed yields
    one item per line. Raises FileNotFoundError only when `root` itself does not exist.

    `cache` is what an earlier reading kept (see `ReadCache`): a file unchanged since then (same name,
    size, modification and change times, inode) is not opened, and a file whose bytes were parsed before
    is not parsed again; either yields what was kept (a `Known`, without the text) instead of a Report.
    `fresh`, when given, receives the entries of this reading: the cache of the next one.
    """
    root = Path(root)
    if root.is_file():
        yield from read_file(root, root.name, cache, fresh)
        return
    if not root.is_dir():
        raise FileNotFoundError(f"reports folder not found: {root}")
    base = str(root)
    for relative in _report_files(root):
        yield from read_file(os.path.join(base, relative), relative, cache, fresh)


def _report_files(root: Path) -> list[str]:
    """The report files under `root` as paths relative to it (with "/"), hidden files and folders left out.
    Symlinked folders are not followed, so a link loop cannot make the walk endless; a folder that cannot
    be listed is passed over, as os.walk would. Plain strings, not Paths: a rebuild walks every file of a
    large archive and opens only the changed ones."""
    found: list[str] = []
    extensions = tuple((*PARSERS, *FEED_EXTENSIONS))
    folders = [(str(root), "")]  # a stack, not recursion: folders may nest deeper than Python recurses
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
                linked = is_folder and entry.is_symlink()
            except OSError:
                continue
            if is_folder:
                if not linked:
                    folders.append((entry.path, prefix + name + "/"))
            elif name.lower().endswith(extensions):
                found.append(prefix + name)
    # Sorted by path parts, so that each folder's tree comes together: "a/z.txt" before "a-b/c.txt",
    # which the order of the characters would put first.
    return sorted(found, key=lambda relative: relative.split("/"))


def read_file(path: Path | str, relative: str, cache: ReadCache | None = None, fresh: ReadCache | None = None
              ) -> Iterator[Report | Known | Skipped]:
    """One file (or, for a feed, each of its lines); never raises for a bad file. `cache` and `fresh`:
    see `read_reports`. (`path` may be a plain string: a rebuild passes every file of an archive here.)"""
    suffix = os.path.splitext(relative)[1].lower()
    try:
        status = os.stat(path)
        size = status.st_size
        if size == 0:
            yield Skipped(relative, "empty file")
            return
        signature = _signature(relative, status)
        unchanged = cache.get(signature) if cache is not None else None
        if isinstance(unchanged, FileRead):
            if fresh is not None:
                fresh[signature] = unchanged
                if unchanged.digest is not None and unchanged.digest in cache:
                    fresh[unchanged.digest] = cache[unchanged.digest]
            yield from unchanged.items
            return
        if suffix in FEED_EXTENSIONS:
            # A feed is streamed line by line, so its size is not limited; each line is.
            kept: list[Known | Skipped] = []
            with open(path, "rb") as stream:
                for item in read_feed(stream, relative):
                    kept.append(_kept(item))
                    yield item
            if fresh is not None:
                fresh[signature] = FileRead(None, tuple(kept))
            return
        if size > MAX_FILE_BYTES:
            yield Skipped(relative, f"larger than 20 MB ({size / 1024 / 1024:,.1f} MB): not a single report")
            return
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as error:
        yield Skipped(relative, f"cannot be opened: {error.strerror or error}")
        return
    if cache is None and fresh is None:
        yield parse_bytes(raw, relative)
        return
    key = hashlib.sha256(relative.encode() + b"\0" + raw).hexdigest()
    found = cache.get(key) if cache is not None else None
    if not isinstance(found, (Known, Skipped)):
        found = parse_bytes(raw, relative)
    if fresh is not None:
        kept_item = _kept(found)
        fresh[key] = kept_item
        # Kept by signature only when the file did not change while it was read.
        if _signature(relative, os.stat(path)) == signature:
            fresh[signature] = FileRead(key, (kept_item,))
    yield found


def _kept(item: Report | Known | Skipped) -> Known | Skipped:
    """What the cache keeps of a report: no text."""
    return item if isinstance(item, Skipped) else Known.of(item)


def _signature(relative: str, status: os.stat_result) -> str:
    """What tells that a file has not changed since it was read, without reading it. The change time
    (ctime) moves whenever the content does and cannot be set back by a program, unlike the modification
    time; the inode changes when a file is replaced by another."""
    return (f"stat\0{relative}\0{status.st_size}\0{status.st_mtime_ns}\0{status.st_ctime_ns}\0"
            f"{status.st_ino}")


def parse_bytes(raw: bytes, relative: str) -> Report | Skipped:
    """A file's bytes as a Report or Skipped, by the extension of its name."""
    parser = PARSERS[Path(relative).suffix.lower()]
    try:
        return parser(raw, relative)
    except UnreadableReportError as error:
        return Skipped(relative, error.reason)
    except RecursionError:
        return Skipped(relative, "nested too deeply to be read")
    except Exception as error:  # noqa: BLE001 - a bug or library crash on one file must not stop a build
        return Skipped(relative, f"could not be read: {type(error).__name__}: {str(error)[:160]}")
