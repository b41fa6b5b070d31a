"""Rebuilding paragraphs and finding the "Source:" line in a report body."""

from __future__ import annotations

from etl.read.layout import looks_hard_wrapped, reflow, source_line


def test_reflow_keeps_paragraph_ends() -> None:
    wrapped = "a" * 70 + "\n" + "b" * 70 + "\n" + "c" * 20 + "\n" + "d" * 70 + "\n" + "e" * 10
    expected = ["a" * 70 + " " + "b" * 70 + " " + "c" * 20, "d" * 70 + " " + "e" * 10]
    assert reflow(wrapped).split("\n") == expected


def test_reflow_keeps_hyphenated_compounds() -> None:
    assert reflow("x" * 60 + " Secretary-\nGeneral said so.") == "x" * 60 + " Secretary-General said so."


def test_one_line_paragraphs_are_not_hard_wrapped() -> None:
    seed_like = "\n\n".join(["A long paragraph of the seed report. " * 8] * 6)
    assert not looks_hard_wrapped(seed_like)


def test_source_line() -> None:
    body = "Text.\nSource: Embassy Life (CIS observer mission statement), https://embassylife.ru/en/1/"
    assert source_line(body) == ("Embassy Life (CIS observer mission statement)", "https://embassylife.ru/en/1/")
    assert source_line("Source: AzVision") == ("AzVision", None)
    assert source_line("No source here.") == (None, None)
