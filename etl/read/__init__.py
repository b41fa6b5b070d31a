"""Step "read": every report file in a folder becomes a Report, or a Skipped naming the reason.

One bad file never stops the others: every error on reading a file ends up as its Skipped reason.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from etl.model import Report, Skipped
from etl.read.errors import UnreadableReportError
from etl.read.feed import read_feed
from etl.read.html import parse_html_report
from etl.read.pdf import parse_pdf_report
from etl.read.text import parse_text_report

__all__ = ["UnreadableReportError", "read_reports", "read_file", "PARSERS", "MAX_FILE_BYTES"]

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


def read_reports(root: Path, cache: dict[str, Report | Skipped] | None = None) -> Iterator[Report | Skipped]:
    """Every report under `root` (recursively, in sorted order), or Skipped with the reason.

    Files with other extensions and hidden files and folders are ignored silently. A .jsonl feed yields
    one item per line. Raises FileNotFoundError only when `root` itself does not exist. With a `cache`
    (file bytes' digest -> result, filled as it goes), a file whose bytes were parsed before is not parsed
    again: a rebuild need not re-read a hundred PDFs to add one report.
    """
    root = Path(root)
    if root.is_file():
        yield from read_file(root, root.name, cache)
        return
    if not root.is_dir():
        raise FileNotFoundError(f"reports folder not found: {root}")
    for relative in _report_files(root):
        yield from read_file(root / relative, relative, cache)


def _report_files(root: Path) -> list[str]:
    found: list[tuple[str, ...]] = []
    # Symlinked folders are not followed, so a link loop cannot make the walk endless.
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        base = Path(folder).relative_to(root).parts
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in (*PARSERS, *FEED_EXTENSIONS):
                found.append((*base, name))
    return ["/".join(parts) for parts in sorted(found)]


def read_file(path: Path, relative: str, cache: dict[str, Report | Skipped] | None = None
              ) -> Iterator[Report | Skipped]:
    """One file (or, for a feed, each of its lines); never raises for a bad file."""
    suffix = Path(relative).suffix.lower()
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skipped(relative, "empty file")
            return
        if suffix in FEED_EXTENSIONS:
            # A feed is streamed line by line, so its size is not limited; each line is.
            with path.open("rb") as stream:
                yield from read_feed(stream, relative)
            return
        if size > MAX_FILE_BYTES:
            yield Skipped(relative, f"larger than 20 MB ({size / 1024 / 1024:,.1f} MB): not a single report")
            return
        raw = path.read_bytes()
    except OSError as error:
        yield Skipped(relative, f"cannot be opened: {error.strerror or error}")
        return
    if cache is None:
        yield parse_bytes(raw, relative)
        return
    key = hashlib.sha256(relative.encode() + b"\0" + raw).hexdigest()
    if key not in cache:
        cache[key] = parse_bytes(raw, relative)
    yield cache[key]


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
