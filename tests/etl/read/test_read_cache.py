"""What a reading keeps for the next one: unchanged files are not opened, known bytes are not parsed again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import etl.read
from etl.model import Known, Report, Skipped
from etl.read import read_reports

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reports"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "reports"
    shutil.copytree(FIXTURES / "good", target)
    return target


def _read(folder: Path, cache: dict | None) -> tuple[list, dict]:
    fresh: dict = {}
    return list(read_reports(folder, cache, fresh)), fresh


def test_a_second_reading_of_unchanged_files_opens_none_of_them(folder, monkeypatch):
    first, kept = _read(folder, None)
    assert any(isinstance(item, Report) for item in first)
    opened: list[str] = []
    real_open, real_read = Path.open, Path.read_bytes
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self.name) or real_open(self, *a, **k))
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self.name) or real_read(self))
    second, kept_again = _read(folder, kept)
    assert opened == []
    assert [item.file for item in second] == [item.file for item in first]
    assert all(isinstance(item, (Known, Skipped)) for item in second)
    # What is known of each report is what the first reading found, the feed's lines included.
    assert [Known.of(i) if isinstance(i, Report) else i for i in first] == second
    assert any("#" in item.file for item in second if isinstance(item, Known))
    assert kept_again == kept


def test_a_file_whose_content_changed_is_read_even_with_its_times_put_back(folder):
    _, kept = _read(folder, None)
    path = folder / "plain.txt"
    status = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("OSCE", "ODIH", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size and modification time
    items, _ = _read(folder, kept)
    (again,) = [item for item in items if item.file == "plain.txt"]
    assert isinstance(again, Report) and "ODIH" in again.title


def test_a_touched_file_with_the_same_bytes_is_not_parsed_again(folder, monkeypatch):
    _, kept = _read(folder, None)
    (folder / "plain.txt").touch()
    parsed: list[str] = []
    real = etl.read.parse_bytes
    monkeypatch.setattr(etl.read, "parse_bytes", lambda raw, relative: parsed.append(relative) or real(raw, relative))
    items, kept_again = _read(folder, kept)
    assert parsed == []
    (again,) = [item for item in items if item.file == "plain.txt"]
    assert isinstance(again, Known)
    # The new signature is kept, the old one is not: the cache does not grow with every touch.
    assert len(kept_again) == len(kept)


def test_a_changed_feed_is_read_again_line_by_line(folder):
    _, kept = _read(folder, None)
    feed = folder / "feed.jsonl"
    feed.write_text(feed.read_text(encoding="utf-8") + '{"title": "Added", "text": "On 2 May 2021 the OSCE met '
                    'the SCO in Vienna."}\n', encoding="utf-8")
    items, _ = _read(folder, kept)
    lines = [item for item in items if item.file.startswith("feed.jsonl#")]
    assert lines and all(isinstance(item, (Report, Skipped)) for item in lines)
    assert lines[-1].title == "Added"
