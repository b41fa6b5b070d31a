"""Publication dates, decoding and paragraph rebuilding shared by the readers."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.read.common import decode_bytes, looks_hard_wrapped, parse_published, reflow, source_line
from etl.read.errors import UnreadableReport

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_accepted_form_gives_the_same_date(day: date) -> None:
    forms = [
        day.isoformat(),
        f"{day.isoformat()}T10:00:00+03:00",
        f"{day.day:02d}.{day.month:02d}.{day.year}",
        f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
        f"{day.day} {MONTHS[day.month - 1]} {day.year}",
        f"{MONTHS[day.month - 1][:3]}. {day.day}, {day.year}",
        day.strftime("%a, %d %b %Y 10:00:00 GMT"),
    ]
    for form in forms:
        assert parse_published(form) == day, form


@pytest.mark.parametrize("value", [None, "", "soon", "31.02.2020", "2020-13-01", 42, ["2020-06-24"]])
def test_not_a_date(value: object) -> None:
    assert parse_published(value) is None


def test_yaml_values() -> None:
    assert parse_published(date(2020, 6, 24)) == date(2020, 6, 24)
    assert parse_published(datetime(2020, 6, 24, 23, 0)) == date(2020, 6, 24)
    assert parse_published("06/24/2020") == date(2020, 6, 24)  # only a slash date may be American


def test_decode_utf8_is_silent() -> None:
    assert decode_bytes("Вена – “quote”".encode()) == ("Вена – “quote”", ())


def test_mojibake_is_repaired_with_a_note() -> None:
    garbled = "The SCO’s ‘joint’ statement – signed in Astana".encode().decode("cp1252")
    text, notes = decode_bytes(garbled.encode())
    assert text == "The SCO’s ‘joint’ statement – signed in Astana"
    assert notes and "mojibake" in notes[0]


def test_gzip_is_not_text() -> None:
    with pytest.raises(UnreadableReport, match="gzip"):
        decode_bytes(b"\x1f\x8b\x08\x00 rest")


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
