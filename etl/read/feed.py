"""Read a JSON Lines feed: one report per line, streamed so a huge feed never sits in memory."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from etl.model import Report, Skipped
from etl.read.errors import UnreadableReportError
from etl.read.layout import title_from_body
from etl.read.published import parse_published
from etl.read.report import finish_report

# One line holds one report; a line longer than this is a dump, and is skipped without being held.
MAX_FEED_LINE_BYTES = 2 * 1024 * 1024
_CHUNK = 1024 * 1024


def read_feed(stream: BinaryIO, file: str) -> Iterator[Report | Skipped]:
    """Each line of the feed as a Report, or Skipped with the line's reason; the other lines still read.

    Line N of `feeds/x.jsonl` is the report `feeds/x.jsonl#N` (N from 1, blank lines counted, so N is
    the line number an editor shows).
    """
    number = 0
    any_line = False
    while True:
        line = stream.readline(MAX_FEED_LINE_BYTES + 1)
        if not line:
            break
        number += 1
        name = f"{file}#{number}"
        if len(line) > MAX_FEED_LINE_BYTES and not line.endswith(b"\n"):
            size = len(line) + _skip_rest_of_line(stream)
            any_line = True
            yield Skipped(name, f"line {number} has {size:,} bytes: not a report (a feed line may hold 2 MB)")
            continue
        if number == 1 and b"\x00" in line[:8192]:
            yield Skipped(file, "not text: looks binary (contains NUL bytes)")
            return
        if not line.strip():
            continue
        any_line = True
        try:
            yield parse_feed_line(line, name, number)
        except UnreadableReportError as error:
            yield Skipped(name, error.reason)
        except Exception as error:  # noqa: BLE001 - one bad line must not stop the rest of the feed
            reason = f"line {number} could not be read: {type(error).__name__}: {str(error)[:160]}"
            yield Skipped(name, reason)
    if not any_line:
        yield Skipped(file, "empty file")


def parse_feed(raw: bytes, file: str) -> list[Report | Skipped]:
    """All lines of a feed held in memory (for tests and small feeds)."""
    return list(read_feed(io.BytesIO(raw), file))


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def parse_feed_line(line: bytes, file: str, number: int = 1) -> Report:
    """One feed line as a Report; raises UnreadableReportError with a reason that names the line."""
    try:
        text = line.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableReportError(f"line {number} is not UTF-8 (byte {error.start:,})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        reason = f"line {number} is not valid JSON: {error.msg} (column {error.colno})"
        raise UnreadableReportError(reason) from None
    except RecursionError:
        raise UnreadableReportError(f"line {number} is not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise UnreadableReportError(f"line {number} is a JSON {type(data).__name__}, not an object")
    body = data.get("text")
    if not isinstance(body, str) or not body.strip():
        raise UnreadableReportError(f"line {number} has no 'text'")
    notes: tuple[str, ...] = ()
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        title, body, notes = title_from_body(body)
        notes = ("no 'title': the first line of 'text' is the title",) + notes
    published = parse_published(data.get("published"))
    if data.get("published") and published is None:
        notes += (f"published date not understood: {str(data.get('published'))[:40]!r}",)
    try:
        return finish_report(
            file,
            title,
            body,
            "jsonl",
            url=_text(data.get("url")),
            source=_text(data.get("source")),
            published=published,
            language=data.get("language"),
            notes=notes,
        )
    except UnreadableReportError as error:
        raise UnreadableReportError(f"line {number}: {error.reason}") from None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
