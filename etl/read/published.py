"""Publication dates and language codes, as front matter, feeds and page metadata write them."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from etl.text.calendar import MONTH_NUMBERS, WEEKDAYS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(day[:3] for day in WEEKDAYS) + r")[a-z]*\.?,?\s+)?"
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>\d{4})(?:[t ,].*)?")
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?:[t ].*)?"),
    re.compile(r"(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?:[t ].*)?"),
    re.compile(r"(?P<year>\d{4})(?P<mon>\d{2})(?P<day>\d{2})"),
    _DAY_FIRST,
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b.*"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b.*"),
)


def parse_published(value: object) -> date | None:
    """A publication date from front matter, a feed or page metadata; None when not understood."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip().lower()  # patterns below are lower case ("t" of ISO too)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            found = _date_from(match)
            if found:
                return found
    try:  # RSS-style "Wed, 24 Jun 2020 10:00:00 GMT"
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _date_from(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = MONTH_NUMBERS[parts["month"]] if parts.get("month") else int(parts["mon"])
    day, year = int(parts["day"]), int(parts["year"])
    if match.re is _DAY_FIRST and month > 12 and day <= 12 and "/" in match.group(0):
        # "06/24/2020": American order; "24.13.2020" stays wrong
        day, month = month, day
    try:
        return date(year, month, day)
    except ValueError:
        return None


def language_code(value: object) -> str | None:
    """'en', 'en-GB', 'en_US' → 'en'; YAML reads a bare `no` (Norwegian) as False."""
    if value is False:
        return "no"
    if not isinstance(value, str) or not value.strip():
        return None
    return re.split(r"[-_]", value.strip())[0].lower() or None
