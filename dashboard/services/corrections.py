"""Corrected facts and suggested corrections (docs/corrections.md), free of Streamlit.

The ETL applies a corrections file after every build and marks each row it changed with the entry's id and
note (`correction_id`, `correction_note` on events, participants, event_participants and event_themes).
This module reads those marks:

- which events, participations, themes and actors were corrected, and a marker text for a table cell;
- `corrected_event_mask`: the "corrected only" filter (dashboard/services/filters.py uses it). An event
  counts as corrected when its own row, one of its participations or one of its themes was changed.
  A correction of an actor as such (its name or affiliation, changed in every event) is shown with the
  actor, not as a correction of each of its events; a removed participant or theme leaves no row to mark.

and builds the entry a reader suggests from an event's details (`build_entry`, `entry_yaml`), checked by
the ETL's own validator (`etl.corrections.load.check_entry`), as YAML to copy into the corrections file.
The dashboard never writes that file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd
import yaml

from dashboard.services.data import Data
from dashboard.services.safe_text import one_line, strip_bidi
from etl.contract import ACTOR_KINDS, EVENT_TYPES, FORMATS, INVOLVEMENTS
from etl.corrections.load import PRECISIONS, check_entry
from etl.corrections.load import _Loader as EntryLoader  # the ETL's own reading: dates stay text
from etl.corrections.model import Correction, Problem
from etl.corrections.targets import fold

MARK = "✎"
MARKER = f"{MARK} corrected"
SOURCE = "suggested entry"  # how the validator names the entry in a message

# --------------------------------------------------------------------------------------------- marks


def is_corrected(frame: pd.DataFrame) -> pd.Series:
    """Per row: did a correction change it (its `correction_id` is set)?"""
    if "correction_id" not in frame:
        return pd.Series(False, index=frame.index, dtype=bool)
    ids = frame["correction_id"]
    mask = ids.notna().to_numpy(dtype=bool, copy=True)
    if mask.any():  # only the few corrected rows are looked at as text
        mask[mask] = (ids[mask].astype("string").str.strip() != "").fillna(False).to_numpy(dtype=bool)
    return pd.Series(mask, index=frame.index, dtype=bool)


def describe_correction(correction_id: object, note: object) -> str:
    """Plain text saying which entries changed a fact and why: "Corrected by kz-date: the election day"."""
    ids = one_line(correction_id) if isinstance(correction_id, str) else ""
    why = one_line(note) if isinstance(note, str) else ""
    text = f"Corrected by {ids}" if ids else "Corrected"
    return f"{text}: {why}" if why else text


def mark_text(correction_id: object, note: object) -> str:
    """A table cell's marker: empty for an uncorrected row, else ✎ and the note (or the entry's id)."""
    if not isinstance(correction_id, str) or not correction_id.strip():
        return ""
    why = one_line(note) if isinstance(note, str) and note.strip() else one_line(correction_id)
    return f"{MARK} {why}"


def mark_column(frame: pd.DataFrame) -> pd.Series:
    """The marker of every row (see mark_text), as a column for a table."""
    if "correction_id" not in frame:
        return pd.Series("", index=frame.index, dtype="object")
    notes = frame["correction_note"] if "correction_note" in frame else pd.Series(None, index=frame.index)
    return pd.Series(
        [mark_text(i if isinstance(i, str) else None, n if isinstance(n, str) else None)
         for i, n in zip(frame["correction_id"], notes, strict=True)],
        index=frame.index,
        dtype="object",
    )


def _event_rows(data: Data) -> pd.DataFrame:
    """(event_id, correction_id, correction_note) of every corrected row that belongs to one event."""
    parts = []
    for frame in (data.events, data.event_participants, data.event_themes):
        rows = np.flatnonzero(is_corrected(frame).to_numpy())
        if len(rows):
            cols = [c for c in ("event_id", "correction_id", "correction_note") if c in frame]
            parts.append(frame.iloc[rows][cols])  # the few corrected rows first, then their columns
    if not parts:
        return pd.DataFrame(columns=["event_id", "correction_id", "correction_note"])
    return pd.concat(parts, ignore_index=True).reindex(columns=["event_id", "correction_id", "correction_note"])


def corrected_event_ids(data: Data) -> frozenset[str]:
    """The events with a corrected fact: their own row, a participation or a theme."""
    return frozenset(str(e) for e in _event_rows(data)["event_id"].dropna())


def corrected_event_mask(data: Data) -> np.ndarray:
    """Boolean mask over data.events: the events with a corrected fact (the "corrected only" filter).

    Only the corrected rows are looked at further, so this is one null check per table on many events."""
    mask = is_corrected(data.events).to_numpy(dtype=bool, copy=True)
    for frame in (data.event_participants, data.event_themes):
        hit = frame.loc[is_corrected(frame).to_numpy(), "ev_row"].to_numpy() if "ev_row" in frame else []
        hit = np.asarray(hit, dtype=np.int64)
        mask[hit[(hit >= 0) & (hit < len(mask))]] = True
    return mask


def event_marks(data: Data, event_ids: Iterable[str]) -> list[str]:
    """For each event ID: "" or ✎ and the notes (else ids) of the corrections of its facts."""
    rows = _event_rows(data)
    texts: dict[str, list[str]] = {}
    for eid, cid, note in rows.itertuples(index=False):
        why = one_line(note) if isinstance(note, str) and note.strip() else one_line(cid)
        found = texts.setdefault(str(eid), [])
        for part in why.split("; "):
            if part and part not in found:
                found.append(part)
    return [f"{MARK} {'; '.join(texts[e])}" if e in texts else "" for e in map(str, event_ids)]


def corrected_participant_ids(data: Data) -> frozenset[str]:
    """The actors whose own record (name, short name, affiliation) a correction changed or made."""
    p = data.participants
    return frozenset(str(x) for x in p.loc[is_corrected(p).to_numpy(), "participant_id"])


def participant_marks(data: Data, event_participants: pd.DataFrame) -> pd.Series:
    """The marker of each participation row: its own correction, and the actor's (name, affiliation)."""
    own = mark_column(event_participants)
    p = data.participants[is_corrected(data.participants).to_numpy()]
    if p.empty:
        return own
    actor = dict(zip(p["participant_id"], mark_column(p), strict=True))
    out = []
    for pid, mine in zip(event_participants["participant_id"], own, strict=True):
        theirs = actor.get(pid, "")
        both = [m for m in (mine, theirs) if m]
        out.append(f"{MARK} " + "; ".join(dict.fromkeys(m[len(MARK) + 1:] for m in both)) if both else "")
    return pd.Series(out, index=event_participants.index, dtype="object")


# ------------------------------------------------------------------------------------ suggested entries

# What the form offers, by operation, with its label.
ACTIONS: dict[str, str] = {
    "set_date": "Date",
    "set_type": "Event type",
    "set_format": "Format",
    "set_city": "City",
    "set_country": "Country",
    "remove_participant": "Remove a participant",
    "add_participant": "Add a participant",
    "set_role": "Set a participant's role",
    "set_involvement": "Set a participant's involvement",
    "add_theme": "Add a theme",
    "remove_theme": "Remove a theme",
}
# The fields of set_event each action sets.
EVENT_ACTIONS: dict[str, tuple[str, ...]] = {
    "set_date": ("start_date", "end_date", "date_precision"),
    "set_type": ("event_type",),
    "set_format": ("format",),
    "set_city": ("city",),
    "set_country": ("country",),
}
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "date_precision": PRECISIONS, "event_type": EVENT_TYPES, "format": FORMATS, "involvement": INVOLVEMENTS,
    "kind": ACTOR_KINDS,
}


class EntryError(ValueError):
    """The form's values make no valid entry: the message says what to fix (plain text)."""


def _first_report(data: Data, event_id: str) -> str | None:
    src = data.event_sources.loc[data.event_sources["event_id"] == event_id, "doc_id"]
    files = data.documents.loc[data.documents["doc_id"].isin(src), "file"].dropna()
    files = sorted(str(f) for f in files if str(f).strip())
    return files[0] if files else None


def event_target(data: Data, event_id: str) -> dict[str, str]:
    """How an entry names the event: by its first report's file, which outlives the event's ID (the ID
    holds the date and changes when the build dates or merges the event differently); else by the ID."""
    if not (data.events["event_id"] == event_id).any():
        raise EntryError(f"There is no event {event_id}.")
    report = _first_report(data, event_id)
    return {"report": report} if report else {"event": event_id}


def _actor(data: Data, participant_id: str) -> pd.Series:
    rows = data.participants[data.participants["participant_id"] == participant_id]
    if rows.empty:
        raise EntryError(f"There is no participant {participant_id}.")
    return rows.iloc[0]


def _names(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    return rows["name"].map(fold), rows["short_name"].map(fold)


def participant_target(data: Data, event_id: str | None, participant_id: str) -> dict[str, str]:
    """How an entry names an actor: by its name where that names it alone (among the event's actors, or
    among all), else by its ID."""
    actor = _actor(data, participant_id)
    name = actor["name"] if isinstance(actor["name"], str) and actor["name"].strip() else None
    if name is None:
        return {"participant": participant_id}
    pool = data.participants
    if event_id is not None:
        here = data.event_participants.loc[data.event_participants["event_id"] == event_id, "participant_id"]
        pool = pool[pool["participant_id"].isin(here)]
    names, shorts = _names(pool)
    same = pool[((names == fold(name)) | (shorts == fold(name))).to_numpy()]
    if len(same) == 1 and same["participant_id"].iloc[0] == participant_id:
        return {"name": one_line(name)}
    return {"participant": participant_id}


def _text(value: object) -> str | None:
    """One line of text without controls; None when empty."""
    text = one_line(value) if value is not None else ""
    return text or None


def _note(value: object) -> str | None:
    """A note: free text as written (lines kept), without bidirectional and other control characters."""
    text = strip_bidi(value).strip() if isinstance(value, str) else ""
    return text or None


def _date(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return one_line(value) or None


def _slug(text: object) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:40]


def entry_id(event_id: str, action: str, what: object = None) -> str:
    """A readable, stable id for the entry (the tables show it in correction_id): event, action, target."""
    parts = [event_id, action.replace("_", "-"), _slug(what) if what else ""]
    return "-".join(p for p in parts if p)


def build_entry(data: Data, event_id: str, action: str, values: Mapping[str, Any], note: object = None) -> dict:
    """The corrections entry for one of ACTIONS on an event, from a form's values; raises EntryError when
    the values make no valid entry (checked by the ETL's validator).

    values, by action: set_date: start_date, end_date, date_precision; set_type: event_type; set_format:
    format; set_city: city; set_country: country (alpha-3); remove_participant, set_role,
    set_involvement: participant_id and role / involvement; add_participant: participant_id (an actor of
    the tables) or name and kind (and short_name, affiliation) for a new one, role, involvement, sentence;
    add_theme: theme_id, sentence; remove_theme: theme_id.
    """
    if action not in ACTIONS:
        raise EntryError(f"Unknown correction {action!r}.")
    target = event_target(data, event_id)
    entry: dict[str, Any] = {}
    what: object = None
    if action in EVENT_ACTIONS:
        op = "set_event"
        fields: dict[str, Any] = {}
        for key in EVENT_ACTIONS[action]:
            value = _date(values.get(key)) if key.endswith("_date") else _text(values.get(key))
            if value is not None:
                fields[key] = value.upper() if key == "country" else value
        if action == "set_date" and "start_date" not in fields:
            raise EntryError("Give the date the event began.")
        if not fields:
            raise EntryError(f"Give the new {ACTIONS[action].lower()}.")
        entry = {"op": op, **target, **fields}
    elif action in ("remove_participant", "set_role", "set_involvement"):
        pid = _text(values.get("participant_id"))
        if pid is None:
            raise EntryError("Choose the participant.")
        entry = {"op": action, **target, **participant_target(data, event_id, pid)}
        if action == "set_role":
            entry["role"] = _text(values.get("role"))
            if entry["role"] is None:
                raise EntryError("Give the role, as the report writes it.")
        if action == "set_involvement":
            entry["involvement"] = _text(values.get("involvement"))
        what = _actor(data, pid)["name"]
    elif action == "add_participant":
        entry = {"op": action, **target}
        pid = _text(values.get("participant_id"))
        if pid is not None:
            actor = _actor(data, pid)
            named = participant_target(data, None, pid)
            if "name" in named and isinstance(actor["kind"], str):
                # By name and kind: the ETL finds the actor so, or makes it again if a build lost it.
                entry.update(name=named["name"], kind=actor["kind"])
            else:
                entry.update(named)
            what = actor["name"]
        else:
            name = _text(values.get("name"))
            if name is None:
                raise EntryError("Choose an actor, or give the name of a new one.")
            entry.update(name=name, kind=_text(values.get("kind")))
            for key in ("short_name", "affiliation"):
                if _text(values.get(key)):
                    entry[key] = _text(values.get(key))
            what = name
        for key in ("role", "involvement", "sentence"):
            if _text(values.get(key)):
                entry[key] = _text(values.get(key))
    else:  # add_theme, remove_theme
        theme = _text(values.get("theme_id"))
        if theme is None or not (data.themes["theme_id"] == theme).any():
            raise EntryError("Choose a theme of the taxonomy.")
        entry = {"op": action, **target, "theme": theme}
        if action == "add_theme" and _text(values.get("sentence")):
            entry["sentence"] = _text(values.get("sentence"))
        what = theme
    entry = {"op": entry.pop("op"), "id": entry_id(event_id, action, what), **entry}
    if _note(note):
        entry["note"] = _note(note)
    checked = check(entry)
    if isinstance(checked, Problem):
        raise EntryError(checked.reason)
    return entry


def check(entry: Mapping[str, Any]) -> Correction | Problem:
    """The entry as the ETL reads it: a Correction, or the Problem it would report."""
    return check_entry(dict(entry), SOURCE, 1)


class _Dumper(yaml.SafeDumper):
    """YAML as an analyst writes it: dates plain (2015-04-26), as the ETL reads them (text, then checked)."""


_Dumper.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
}


def _text_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # A note of several lines as a block (`note: |`), as a person writes it; YAML quotes it where it must.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _text_representer)


def entry_yaml(entry: Mapping[str, Any], comment: str | None = None) -> str:
    """The entry as a one-item YAML list, ready to paste into the corrections file (with an optional
    comment line above it). Every value is quoted where YAML would otherwise read it as something else."""
    text = yaml.dump([dict(entry)], Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=100)
    if comment:
        text = "".join(f"# {line}\n" for line in one_line(comment).splitlines() or [""]) + text
    return text


def read_yaml(text: str) -> list[Correction | Problem]:
    """Read entries as the ETL reads a corrections file, each checked on its own (for tests and checks)."""
    data = yaml.load(text, Loader=EntryLoader)  # a SafeLoader without implicit dates
    items = data if isinstance(data, list) else [data]
    return [check_entry(item, SOURCE, i) for i, item in enumerate(items, start=1)]


def file_name(event_id: str) -> str:
    """The download's file name: correction-<event_id>.yaml (the ID made file-name safe)."""
    return f"correction-{re.sub(r'[^A-Za-z0-9._-]+', '-', event_id).strip('-.') or 'event'}.yaml"
