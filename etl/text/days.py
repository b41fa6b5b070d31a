"""Calendar days as a text writes them ("24 June 2020", "June 24", "24.06.2020", "2020-06-24").

`written_days` finds them once, a day without a year kept without one; `days_in` gives them as dates
once the year of the days without one is known. The build finds the days of each report's lead when the
report is extracted, so that the date's confidence, worked out over every event at every build, does not
scan the texts again.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

from etl.text.calendar import MONTH_NUMBERS

# How much of a report is its lead: where other days near the event's are looked for.
LEAD_CHARS = 500
_ANY_DIGIT = re.compile(r"\d")
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# Two scans of a text: days written with a leading number ("24 June 2020", "24.06.2020", "2020-06-24"), and
# days written month first ("June 24, 2020").
_NUMBER_FIRST = re.compile(
    rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+(\d{{4}}))?|(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})\b|(\d{{4}})-(\d{{2}})-(\d{{2}})\b)",
    re.IGNORECASE)
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)


class WrittenDay(NamedTuple):
    """A day as written: its year (None when the text gives none), month, day of month and words."""

    year: int | None
    month: int
    day: int
    words: str


def written_days(text: str) -> list[WrittenDay]:
    """The days a text names, in the order of the two scans (number first, then month first)."""
    if not _ANY_DIGIT.search(text):
        return []
    found: list[WrittenDay] = []
    for match in _NUMBER_FIRST.finditer(text):
        day, month, when, d2, m2, y2, y3, m3, d3 = match.groups()
        if day is not None:
            month_number = MONTH_NUMBERS.get(month.lower().rstrip("."))
            if month_number:
                found.append(WrittenDay(int(when) if when else None, month_number, int(day), match.group(0)))
        elif d2 is not None:
            found.append(WrittenDay(int(y2), int(m2), int(d2), match.group(0)))
        else:
            found.append(WrittenDay(int(y3), int(m3), int(d3), match.group(0)))
    for match in _MONTH_FIRST.finditer(text):
        month, day, when = match.groups()
        month_number = MONTH_NUMBERS.get(month.lower().rstrip("."))
        if month_number:
            found.append(WrittenDay(int(when) if when else None, month_number, int(day), match.group(0)))
    return found


def as_dates(days: list[WrittenDay], year: int | None) -> list[tuple[dt.date, str]]:
    """The days that are real dates, a day without a year taken in `year` (left out without one)."""
    dates = []
    for written in days:
        when = written.year or year
        if when:
            try:
                dates.append((dt.date(when, written.month, written.day), written.words))
            except ValueError:
                continue
    return dates


def days_in(text: str, year: int | None) -> list[tuple[dt.date, str]]:
    """The calendar days a text names, a day without a year in `year`; with the words as written."""
    return list(_days_in(text, year))


@functools.lru_cache(maxsize=4096)
def _days_in(text: str, year: int | None) -> tuple[tuple[dt.date, str], ...]:
    # Remembered: the confidences ask for the days of each report's date sentence, and in a large archive
    # many reports state their date in the same words.
    return tuple(as_dates(written_days(text), year))
