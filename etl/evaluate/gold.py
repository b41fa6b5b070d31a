"""Read a gold file (JSON Lines, one report a line) and check every line against gold.md's format."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from etl.contract import EVENT_TYPES, FORMATS, REQUIRED_THEMES


class GoldError(ValueError):
    """The gold file cannot be used; the message names the file, the line and the reason."""


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Fields whose gold may be widened by `accept`: the scored single values and the scored sets.
ACCEPTABLE = ("event_date", "event_type", "format", "city", "organizations", "persons", "countries", "themes")


@cache
def known_themes() -> frozenset[str]:
    """Theme IDs a gold line may use: those of the project's taxonomy and those tables.md requires."""
    from etl.extract.themes import load_taxonomy

    return frozenset(REQUIRED_THEMES) | {theme.theme_id for theme in load_taxonomy()}


def _text(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "must be a non-empty string"
    return None


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _date(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return f"must be a date as YYYY-MM-DD or null, not {value!r}"
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"{value!r} is no calendar date"
    return None


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if value is not None and value not in choices:
            return f"{value!r} is not one of {', '.join(choices)}"
        return None
    return check


def _theme(value: object) -> str | None:
    if value not in known_themes():
        return f"unknown theme ID {value!r}"
    return None


def _country(value: object) -> str | None:
    from etl.evaluate.match import state_code

    problem = _text(value)
    if problem or state_code(value) is None:
        return problem or f"{value!r} names no state the project knows"
    return None


def _person(value: object) -> str | None:
    if not isinstance(value, dict):
        return "a person must be an object with a name"
    unknown = set(value) - {"name", "role", "organization"}
    if unknown:
        return f"a person has unknown fields {sorted(unknown)}"
    for key, check in (("name", _text), ("role", _optional_text), ("organization", _optional_text)):
        problem = check(value.get(key))
        if problem:
            return f"a person's {key} {problem}"
    return None


def _accepted_person(value: object) -> str | None:
    return _text(value) if isinstance(value, str) else _person(value)


def _number(value: object) -> str | None:
    if not isinstance(value, dict) or set(value) != {"value", "what"}:
        return "a number must be an object with 'value' and 'what'"
    if isinstance(value["value"], bool) or not isinstance(value["value"], int | float):
        return f"a number's value must be a number, not {value['value']!r}"
    return _text(value["what"])


def _list_of(item_check: Callable[[object], str | None]) -> Callable[[object], str | None]:
    def check(value: object) -> str | None:
        if not isinstance(value, list):
            return "must be a list"
        for item in value:
            problem = item_check(item)
            if problem:
                return problem
        return None
    return check


# Each field's check of a gold line's value; `accept` lists other values of the same kind.
_SINGLE = {"event_date": _date, "event_type": _one_of(EVENT_TYPES), "format": _one_of(FORMATS),
           "city": _optional_text}
_ITEMS = {"organizations": _text, "persons": _person, "countries": _country, "themes": _theme}
_FIELDS: dict[str, Callable[[object], str | None]] = {
    "file": _text, "event_end": _date, "country": _optional_text, "event_key": _optional_text,
    **_SINGLE, **{name: _list_of(check) for name, check in _ITEMS.items()}, "numbers": _list_of(_number),
}


def _check_accept(accept: object) -> str | None:
    if accept is None:
        return None
    if not isinstance(accept, dict):
        return "'accept' must be an object of field: [values]"
    for name, values in accept.items():
        if name not in ACCEPTABLE:
            return f"'accept' names {name!r}, which is not scored (one of {', '.join(ACCEPTABLE)})"
        if not isinstance(values, list) or not values:
            return f"'accept.{name}' must be a non-empty list of values"
        check = _accepted_person if name == "persons" else _SINGLE.get(name) or _ITEMS[name]
        for value in values:
            problem = check(value)
            if problem:
                return f"'accept.{name}': {problem}"
    return None


def check_line(item: object) -> str | None:
    """Why a parsed gold line breaks gold.md's format, or None when it is usable."""
    if not isinstance(item, dict) or "file" not in item:
        return "a gold line must be an object with a 'file' field"
    unknown = set(item) - set(_FIELDS) - {"accept"}
    if unknown:
        return f"unknown fields {sorted(unknown)}"
    for name, check in _FIELDS.items():
        if name in item:
            problem = check(item[name])
            if problem:
                return f"'{name}' {problem}" if problem.startswith("must") else f"'{name}': {problem}"
    return _check_accept(item.get("accept"))


def load_gold(path: Path) -> list[dict]:
    """Every gold line of a file, checked; GoldError names the file, the line and what is wrong."""
    if not path.exists():
        raise GoldError(f"{path}: no such gold file")
    lines: list[dict] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise GoldError(f"{path}, line {number}: not valid JSON ({error.msg})") from None
        problem = check_line(item)
        if problem:
            raise GoldError(f"{path}, line {number}: {problem}")
        if item["file"] in seen:
            first = seen[item["file"]]
            raise GoldError(f"{path}, line {number}: {item['file']} already has a gold line (line {first})")
        seen[item["file"]] = number
        lines.append(item)
    return lines


def same_event_groups(gold: list[dict]) -> dict[str, list[dict]]:
    """Gold lines by event_key; a line without a key is not in any group."""
    groups: dict[str, list[dict]] = {}
    for item in gold:
        if item.get("event_key"):
            groups.setdefault(item["event_key"], []).append(item)
    return groups
