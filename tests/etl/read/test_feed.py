"""Reading JSON Lines feeds: one report per line, each bad line skipped on its own."""

from __future__ import annotations

import io
import json
from datetime import date

from etl.model import Report, Skipped
from etl.read.feed import MAX_FEED_LINE_BYTES, parse_feed, read_feed


def _line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


GOOD = {"title": "SCO observers", "text": "Twenty-two observers of the SCO will monitor the vote.",
        "url": "https://example.org/1", "source": "Sputnik", "published": "2023-07-08", "language": "en"}


def test_each_line_is_a_report_named_by_its_line_number() -> None:
    raw = _line(**GOOD) + b"\n" + _line(**{**GOOD, "title": "Second"})
    items = parse_feed(raw, "feeds/wires.jsonl")
    assert [item.file for item in items] == ["feeds/wires.jsonl#1", "feeds/wires.jsonl#3"]
    first = items[0]
    assert isinstance(first, Report) and first.format == "jsonl"
    assert (first.url, first.source, first.published, first.language) == (
        "https://example.org/1", "Sputnik", date(2023, 7, 8), "en")


def test_bad_lines_are_skipped_and_the_others_read() -> None:
    raw = (
        _line(**GOOD)
        + b'{"title": "x", "text": \n'
        + _line(title="no text")
        + _line(title="t", text="   ")
        + b"[1, 2]\n"
        + b'{"title": "t", "text": "caf\xe9"}\n'
        + _line(**GOOD)
    )
    items = parse_feed(raw, "f.jsonl")
    kinds = [type(item).__name__ for item in items]
    assert kinds == ["Report", "Skipped", "Skipped", "Skipped", "Skipped", "Skipped", "Report"]
    reasons = [item.reason for item in items if isinstance(item, Skipped)]
    assert reasons[0].startswith("line 2 is not valid JSON")
    assert reasons[1] == "line 3 has no 'text'" and reasons[2] == "line 4 has no 'text'"
    assert "line 5 is a JSON list" in reasons[3]
    assert "line 6 is not UTF-8" in reasons[4]


def test_missing_title_takes_the_first_line_of_text() -> None:
    (item,) = parse_feed(_line(text="OSCE opens mission\nThe ODIHR opened a mission in Astana."), "f.jsonl")
    assert item.title == "OSCE opens mission" and item.text == "The ODIHR opened a mission in Astana."
    assert item.notes


def test_text_is_normalised() -> None:
    (item,) = parse_feed(_line(title="T", text="A\u00a0b.\r\n\r\n\r\n\r\nShare\r\nC d."), "f.jsonl")
    assert item.text == "A b.\n\nC d."


def test_overlong_line_is_skipped_without_holding_it() -> None:
    huge = b'{"text": "' + b"x" * (MAX_FEED_LINE_BYTES * 2) + b'"}\n'
    items = list(read_feed(io.BytesIO(_line(**GOOD) + huge + _line(**GOOD)), "f.jsonl"))
    assert [type(item) for item in items] == [Report, Skipped, Report]
    assert items[1].file == "f.jsonl#2" and "bytes: not a report" in items[1].reason
    assert items[2].file == "f.jsonl#3"


def test_long_text_line_inside_a_feed() -> None:
    (item,) = parse_feed(_line(title="T", text="word " * 50_000), "f.jsonl")
    assert isinstance(item, Skipped) and "characters: not a report" in item.reason


def test_empty_and_binary_feeds() -> None:
    assert parse_feed(b"\n\n", "f.jsonl") == [Skipped("f.jsonl", "empty file")]
    assert "binary" in parse_feed(b"\x00\x01\x02\n", "f.jsonl")[0].reason
