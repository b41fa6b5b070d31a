"""The read step as the lead calls it: a folder in, Reports and Skipped out, never an exception."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from etl.model import Report, Skipped
from etl.read import MAX_FILE_BYTES, read_reports

FIXTURES = Path(__file__).parents[2] / "fixtures" / "reports"
DATA = Path(__file__).parents[3] / "data" / "reports"


def _by_file(root: Path) -> dict[str, Report | Skipped]:
    return {item.file: item for item in read_reports(root)}


def test_every_format_of_the_good_folder_is_read() -> None:
    items = _by_file(FIXTURES / "good")
    reports = {name: item for name, item in items.items() if isinstance(item, Report)}
    assert {r.format for r in reports.values()} == {"txt", "md", "html", "pdf", "jsonl"}
    assert "sub/legacy-1251.txt" in reports  # searched recursively, '/' separators


def test_hidden_files_and_other_extensions_are_ignored_silently() -> None:
    names = set(_by_file(FIXTURES / "good"))
    assert not any(name.startswith(".") or "/." in name for name in names)
    assert "ignored.csv" not in names


def test_files_come_in_sorted_order() -> None:
    files = [item.file.split("#")[0] for item in read_reports(FIXTURES / "good")]
    assert files == sorted(files)


# Every bad input of the issue, with the words its reason must contain.
BAD = {
    "empty.txt": "empty file",
    "blank.md": "empty file",
    "binary.txt": "not text: looks binary",
    "binary.htm": "not text: looks binary",
    "broken-encoding.txt": "broken encoding",
    "front-matter-unclosed.md": "never closed",
    "front-matter-invalid.txt": "front matter is not valid YAML",
    "front-matter-list.md": "not a mapping",
    "broken.html": "broken HTML",
    "truncated.pdf": "PDF is truncated or damaged",
    "no-text-layer.pdf": "PDF has no text layer",
    "not-really.pdf": "not a PDF",
    "title-only.txt": "no body text",
    "bad-lines.jsonl#1": "line 1 is not valid JSON",
    "bad-lines.jsonl#2": "line 2 has no 'text'",
}


def test_every_bad_input_is_skipped_with_its_reason() -> None:
    items = _by_file(FIXTURES / "bad")
    assert set(items) == set(BAD)
    for name, words in BAD.items():
        assert isinstance(items[name], Skipped), name
        assert words in items[name].reason, (name, items[name].reason)


def test_yaml_error_names_the_line() -> None:
    reason = _by_file(FIXTURES / "bad")["front-matter-invalid.txt"].reason
    assert "(line " in reason


def test_one_bad_file_does_not_lose_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "b.txt").write_text("Title\n\nOn 24 June 2020 the SCO met the OSCE.\n", encoding="utf-8")
    items = list(read_reports(tmp_path))
    assert [type(item) for item in items] == [Skipped, Report]


def test_a_file_over_the_size_limit_is_skipped_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:  # sparse: takes no disk space
        handle.truncate(MAX_FILE_BYTES + 1)
    (item,) = read_reports(tmp_path)
    assert isinstance(item, Skipped) and "larger than 20 MB" in item.reason


def test_one_enormous_line_is_not_a_report(tmp_path: Path) -> None:
    (tmp_path / "dump.txt").write_text("Title\n\n" + "word " * 60_000 + "\n", encoding="utf-8")
    (item,) = read_reports(tmp_path)
    assert isinstance(item, Skipped)
    assert item.reason == "a line of 300,000 characters: not a report"


def test_a_huge_feed_line_is_skipped_with_bounded_memory(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"title": "OSCE and SCO meet", "text": "The OSCE met the SCO in Vienna on 10 July."})
    with feed.open("w", encoding="utf-8") as handle:
        handle.write(good + "\n")
        handle.write('{"title": "dump", "text": "' + "x" * (50 * 1024 * 1024) + '"}\n')
        handle.write(good + "\n")
    tracemalloc.start()
    try:
        items = list(read_reports(tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [type(item) for item in items] == [Report, Skipped, Report]
    assert items[1].file == "feed.jsonl#2" and "not a report" in items[1].reason
    assert peak < 12 * 1024 * 1024  # the 50 MB line was never held whole


def test_a_file_that_cannot_be_opened_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")  # a dangling link: stat fails
    (item,) = read_reports(tmp_path)
    assert isinstance(item, Skipped) and "cannot be opened" in item.reason


def test_the_walk_skips_hidden_entries_other_files_and_linked_folders(tmp_path: Path) -> None:
    text = "OSCE meets SCO\n\nOn 3 May 2021 the OSCE met the SCO in Vienna.\n"
    for relative in ("a.txt", "a/b.MD", "a/c/d.txt", ".hidden/e.txt", "a/.f.txt", "g.docx", "h"):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text + relative, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)  # followed, it would never end
    (tmp_path / "linked.txt").symlink_to(tmp_path / "a.txt")  # a linked file is a file
    assert [item.file for item in read_reports(tmp_path)] == ["a/b.MD", "a/c/d.txt", "a.txt", "linked.txt"]


def test_the_walk_finds_a_report_nested_deeper_than_python_recurses(tmp_path: Path) -> None:
    folders: list[Path] = []
    report = tmp_path.joinpath(*["d"] * 1100, "deep.txt")
    try:
        for _ in range(1100):  # one by one: mkdir(parents=True) recurses too
            folders.append((folders[-1] if folders else tmp_path) / "d")
            folders[-1].mkdir()
        report.write_text("OSCE meets SCO\n\nOn 3 May 2021 the OSCE met the SCO in Vienna.\n", encoding="utf-8")
        (item,) = read_reports(tmp_path)
        assert item.file == "d/" * 1100 + "deep.txt"
    finally:
        # Removed here, deepest first: pytest's own clean-up (shutil.rmtree) recurses and would fail on it.
        report.unlink(missing_ok=True)
        for folder in reversed(folders):
            folder.rmdir()


def test_a_single_file_can_be_given_as_root() -> None:
    (item,) = read_reports(FIXTURES / "good" / "front-matter.txt")
    assert isinstance(item, Report) and item.file == "front-matter.txt"


def test_a_missing_folder_is_an_error_not_an_empty_build(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_reports(tmp_path / "nope"))


def _all_reports() -> list[Report]:
    roots = [FIXTURES / "good", FIXTURES / "bad"] + ([DATA] if DATA.is_dir() else [])
    return [item for root in roots for item in read_reports(root) if isinstance(item, Report)]


def test_no_report_text_has_nbsp_or_carriage_return() -> None:
    reports = _all_reports()
    assert len(reports) >= 8
    for report in reports:
        assert "\u00a0" not in report.text and "\r" not in report.text, report.file
        assert "\u00a0" not in report.title and "\n" not in report.title, report.file
        assert report.text.strip() == report.text and report.text, report.file


def test_no_report_keeps_share_print_lines() -> None:
    for report in _all_reports():
        lines = {line.strip().lower() for line in report.text.split("\n")}
        assert not lines & {"share", "print", "share / print", "share | print", "related news"}, report.file
