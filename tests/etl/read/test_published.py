"""Publication dates in the forms front matter, feeds and page metadata write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.read.published import language_code, parse_published

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


@pytest.mark.parametrize(
    ("value", "code"), [("en", "en"), ("en-GB", "en"), ("en_US", "en"), (False, "no"), ("", None), (None, None)]
)
def test_language_code(value: object, code: str | None) -> None:
    assert language_code(value) == code
