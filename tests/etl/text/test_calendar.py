"""The one calendar of month and weekday names."""

from __future__ import annotations

from datetime import date

import pytest

from etl.text.calendar import MONTH_ABBREVIATIONS, MONTH_NUMBERS, MONTHS, WEEKDAYS, month_number


def test_month_names_match_the_calendar() -> None:
    for number, name in enumerate(MONTHS, start=1):
        assert date(2021, number, 1).strftime("%B").lower() == name
        assert MONTH_NUMBERS[name] == number


def test_weekday_names_match_the_calendar() -> None:
    # 4 January 2021 was a Monday.
    assert WEEKDAYS == tuple(date(2021, 1, 4 + i).strftime("%A").lower() for i in range(7))


def test_abbreviations() -> None:
    for short, number in MONTH_ABBREVIATIONS.items():
        assert MONTHS[number - 1].startswith(short)
    assert set(MONTH_NUMBERS) == set(MONTHS) | set(MONTH_ABBREVIATIONS)
    assert MONTH_NUMBERS["sept"] == MONTH_NUMBERS["sep"] == 9


@pytest.mark.parametrize(("word", "number"), [("March", 3), ("SEPT.", 9), ("dec", 12), ("May", 5), ("Mayo", None)])
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number
