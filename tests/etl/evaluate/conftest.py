"""Tiny invented tables for scoring tests: a few reports, each built into a named event."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from etl.contract import SCHEMA
from etl.output.tables import Tables, typed_frame

EVENT_DEFAULTS = {"start_date": "2020-05-04", "event_type": "meeting", "format": "in-person", "city": "Vienna",
                  "n_sources": 1}


def person(name: str, role: str | None = None, involvement: str = "took-part", own: bool = True) -> dict:
    return {"kind": "person", "name": name, "short_name": None, "role": role, "involvement": involvement,
            "own": own}


def org(short_name: str, involvement: str = "took-part", own: bool = True) -> dict:
    return {"kind": "organization", "name": f"The {short_name}", "short_name": short_name, "role": None,
            "involvement": involvement, "own": own}


def state(iso3: str, involvement: str = "mentioned", own: bool = True) -> dict:
    return {"kind": "state", "name": iso3, "short_name": iso3, "role": None, "involvement": involvement,
            "own": own}


def _add_actor(rows: dict, doc_id: str, event_id: str, actor: dict) -> None:
    participant_id = f"p-{actor['kind']}-{actor['name']}"
    if all(row["participant_id"] != participant_id for row in rows["participants"]):
        rows["participants"].append({"participant_id": participant_id, "name": actor["name"],
                                     "kind": actor["kind"], "short_name": actor["short_name"]})
    if all((row["event_id"], row["participant_id"]) != (event_id, participant_id)
           for row in rows["event_participants"]):
        rows["event_participants"].append({"event_id": event_id, "participant_id": participant_id,
                                           "role": actor["role"], "involvement": actor["involvement"],
                                           "mentions": 1, "doc_id": doc_id})
    if actor["own"]:
        rows["mentions"].append({"doc_id": doc_id, "ref_type": "participant", "ref_id": participant_id})


def make_tables(*reports: dict) -> Tables:
    """reports: {"file", "event_id", "event": {field: value}, "actors": [...], "themes": [(theme_id, own)]}."""
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    for number, report in enumerate(reports):
        doc_id, event_id = f"d{number}", report.get("event_id", f"e{number}")
        rows["documents"].append({"doc_id": doc_id, "file": report["file"]})
        rows["event_sources"].append({"event_id": event_id, "doc_id": doc_id})
        if all(row["event_id"] != event_id for row in rows["events"]):
            rows["events"].append({"event_id": event_id, **EVENT_DEFAULTS, **report.get("event", {})})
        for actor in report.get("actors", []):
            _add_actor(rows, doc_id, event_id, actor)
        for theme_id, own in report.get("themes", []):
            rows["event_themes"].append({"event_id": event_id, "theme_id": theme_id, "doc_id": doc_id})
            if own:
                rows["mentions"].append({"doc_id": doc_id, "ref_type": "theme", "ref_id": theme_id})
    return Tables({name: typed_frame(name, rows[name]) for name in SCHEMA})


@pytest.fixture
def tiny() -> SimpleNamespace:
    return SimpleNamespace(tables=make_tables, person=person, org=org, state=state)
