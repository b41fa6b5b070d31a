"""Read and check a corrections file (or a folder of them): every entry is checked on its own, and a
malformed one is named with its file, position, line and reason while the others stay usable."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from etl.contract import ACTOR_KINDS, EVENT_TYPES, FORMATS, INVOLVEMENTS
from etl.corrections.model import Correction, Corrections, Problem

PRECISIONS = ("day", "month", "year")


class CorrectionsFileError(ValueError):
    """A corrections file cannot be read at all (not YAML, not a list): the message names the file and line."""


class _Loader(yaml.SafeLoader):
    """YAML without implicit dates: "2020-02-30" stays text, so a bad date is one entry's problem."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

Check = Callable[[Any], str | None]


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return f"must be a non-empty text, not {value!r}"
    return None


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return f"must be a date as YYYY-MM-DD, not {value!r}"
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return f"{value!r} is no calendar date"
    return None


def _one_of(choices: tuple[str, ...]) -> Check:
    def check(value: Any) -> str | None:
        if value not in choices:
            return f"{value!r} is not one of {', '.join(choices)}"
        return None
    return check


def _country(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        return f"must be an ISO 3166 alpha-3 code such as KAZ, not {value!r}"
    return None


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _score(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        return f"must be a number in 0..1, not {value!r}"
    return None


_EVENT = {"event": _text, "report": _text, "doc_id": _text}
_PERSON = {"participant": _text, "name": _text}
_EVENT_VALUES = {"start_date": _date, "end_date": _date, "date_precision": _one_of(PRECISIONS),
                 "event_type": _one_of(EVENT_TYPES), "format": _one_of(FORMATS), "city": _optional_text,
                 "country": _country, "title": _text}

# Each operation: the keys it takes (with their checks), the groups of which one key is needed, and a
# sentence saying what it does (used in messages and docs/corrections.md).
OPERATIONS: dict[str, tuple[dict[str, Check], list[tuple[str, ...]]]] = {
    "set_event": ({**_EVENT, **_EVENT_VALUES}, [("event", "report", "doc_id"), tuple(_EVENT_VALUES)]),
    "merge_events": ({**_EVENT, "merge_event": _text, "merge_report": _text, "merge_doc_id": _text},
                     [("event", "report", "doc_id"), ("merge_event", "merge_report", "merge_doc_id")]),
    "split_report": ({"report": _text, "doc_id": _text}, [("report", "doc_id")]),
    "merge_participants": ({**_EVENT, **_PERSON, "merge_participant": _text, "merge_name": _text,
                            "merge_report": _text},
                           [("participant", "name"), ("merge_participant", "merge_name")]),
    "rename_participant": ({**_EVENT, **_PERSON, "new_name": _text, "short_name": _text},
                           [("participant", "name"), ("new_name", "short_name")]),
    "set_affiliation": ({**_EVENT, **_PERSON, "affiliation": _text}, [("participant", "name"), ("affiliation",)]),
    "set_role": ({**_EVENT, **_PERSON, "role": _text},
                 [("event", "report", "doc_id"), ("participant", "name"), ("role",)]),
    "set_involvement": ({**_EVENT, **_PERSON, "involvement": _one_of(INVOLVEMENTS)},
                        [("event", "report", "doc_id"), ("participant", "name"), ("involvement",)]),
    "remove_participant": ({**_EVENT, **_PERSON}, [("event", "report", "doc_id"), ("participant", "name")]),
    "add_participant": ({**_EVENT, **_PERSON, "kind": _one_of(ACTOR_KINDS), "short_name": _text,
                         "affiliation": _text, "role": _text, "involvement": _one_of(INVOLVEMENTS),
                         "sentence": _text},
                        [("event", "report", "doc_id"), ("participant", "name")]),
    "add_theme": ({**_EVENT, "theme": _text, "sentence": _text, "score": _score},
                  [("event", "report", "doc_id"), ("theme",)]),
    "remove_theme": ({**_EVENT, "theme": _text}, [("event", "report", "doc_id"), ("theme",)]),
}
COMMON_KEYS = ("op", "id", "note")


def corrections_files(path: Path) -> list[Path]:
    """The file itself, or every .yaml/.yml file of a folder and its sub-folders, by name."""
    if path.is_dir():
        return sorted((p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()),
                      key=lambda p: p.relative_to(path).as_posix())
    return [path]


def load_corrections(path: Path | str | None) -> Corrections:
    """Every entry of the file or folder at `path`, checked; None or a missing path give no corrections.

    A file that is not YAML or not a list raises CorrectionsFileError: nothing of it could be trusted.
    """
    result = Corrections()
    if path is None or not Path(path).exists():
        return result
    path = Path(path)
    seen_ids: dict[str, str] = {}
    for file in corrections_files(path):
        name = file.as_posix()
        result.files.append(name)
        for entry in _entries(file, name):
            if isinstance(entry, Problem):
                result.problems.append(entry)
            elif entry.correction_id in seen_ids:
                result.problems.append(Problem(entry.where, f"the id {entry.correction_id!r} is already used by "
                                               f"{seen_ids[entry.correction_id]}", entry.correction_id))
            else:
                seen_ids[entry.correction_id] = entry.where
                result.entries.append(entry)
    return result


def _entries(file: Path, name: str) -> list[Correction | Problem]:
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsFileError(f"{name}: cannot be read ({error})") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader without dates
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        raise CorrectionsFileError(f"{name}{where}: not valid YAML ({getattr(error, 'problem', error)})") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise CorrectionsFileError(f"{name}: must be a list of entries (each starting with '- op: ...')")
    lines = [item.start_mark.line + 1 for item in node.value] if isinstance(node, yaml.SequenceNode) else []
    out: list[Correction | Problem] = []
    for index, item in enumerate(data, start=1):
        line = lines[index - 1] if index - 1 < len(lines) else None
        out.append(check_entry(item, name, index, line))
    return out


def check_entry(item: Any, source: str, index: int, line: int | None = None) -> Correction | Problem:
    """One entry as a Correction, or the Problem that names it and says what is wrong."""
    default_id = f"{Path(source).name}#{index}"
    where = f"{source}, entry {index}" + (f", line {line}" if line else "")
    if not isinstance(item, dict):
        return Problem(where, "an entry must be a mapping of keys, starting with 'op:'", default_id)
    op = item.get("op")
    correction_id = item.get("id", default_id)
    if not isinstance(correction_id, str | int) or isinstance(correction_id, bool) or not str(correction_id).strip():
        return Problem(where, f"'id' must be a non-empty text, not {correction_id!r}", default_id)
    correction_id = str(correction_id).strip()
    where = f"{where} (id {correction_id})"
    if op not in OPERATIONS:
        return Problem(where, f"'op' must be one of {', '.join(OPERATIONS)}, not {op!r}", correction_id)
    where = f"{source}, entry {index}" + (f", line {line}" if line else "") + f" ({op}, id {correction_id})"
    checks, needed = OPERATIONS[op]
    unknown = sorted(set(item) - set(checks) - set(COMMON_KEYS), key=str)
    if unknown:
        return Problem(where, f"unknown keys {', '.join(map(str, unknown))} for {op} "
                              f"(it takes {', '.join(checks)})", correction_id)
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        return Problem(where, f"'note' must be text, not {note!r}", correction_id)
    for group in needed:
        if not any(key in item for key in group):
            return Problem(where, f"{op} needs {' or '.join(repr(k) for k in group)}", correction_id)
    values: dict[str, Any] = {}
    for key, check in checks.items():
        if key in item:
            problem = check(item[key])
            if problem:
                return Problem(where, f"'{key}' {problem}", correction_id)
            value = item[key]
            values[key] = value.strip() if isinstance(value, str) else value
    for key in ("start_date", "end_date"):
        if values.get(key) is not None:
            values[key] = dt.date.fromisoformat(values[key])
    problem = _check_together(op, values)
    if problem:
        return Problem(where, problem, correction_id)
    return Correction(op, values, correction_id, note.strip() or None if note else None, source, index, line)


def _check_together(op: str, values: dict[str, Any]) -> str | None:
    start, end = values.get("start_date"), values.get("end_date")
    if start is not None and end is not None and end < start:
        return f"'end_date' {end} is before 'start_date' {start}"
    if op == "merge_events":
        for own, other in (("event", "merge_event"), ("report", "merge_report"), ("doc_id", "merge_doc_id")):
            if values.get(own) is not None and values.get(own) == values.get(other):
                return f"merges {values[own]} into itself"
    if op == "merge_participants":
        if values.get("participant") is not None and values.get("participant") == values.get("merge_participant"):
            return f"merges {values['participant']} into itself"
    if op == "add_participant" and "participant" not in values and "kind" not in values:
        return "add_participant with a 'name' needs its 'kind' (organization, state or person)"
    return None
