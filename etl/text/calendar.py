"""One calendar of English month and weekday names, for every step that reads dates.

Names are lower case; a step that cares about capitals ("May" the month, "may" the verb) makes its
own forms from these.
"""

from __future__ import annotations

# Full month names in calendar order: January is MONTHS[0], month number 1.
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)

# Abbreviations as reports write them ("Jan.", "Sept. 5"); "may" needs none.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

# Every written form of a month, full or abbreviated, to its number (1-12): each month's full name
# followed by its abbreviations.
MONTH_NUMBERS: dict[str, int] = {
    form: number
    for number, name in enumerate(MONTHS, start=1)
    for form in (name, *(short for short, n in MONTH_ABBREVIATIONS.items() if n == number))
}

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any case, with or without a full stop; else None."""
    return MONTH_NUMBERS.get(word.lower().rstrip("."))
