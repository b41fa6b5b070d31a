"""Find what an entry names in the tables: an event by its ID or by a report (file, title or doc_id) it was
built from; a participant by its ID or by its name (or acronym) among an event's actors or all of them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd
from unidecode import unidecode

if TYPE_CHECKING:
    from etl.output.tables import Tables


class StaleError(Exception):
    """The entry's target is not in the tables (any more), or the entry no longer changes anything."""


class InvalidError(Exception):
    """The entry cannot be applied as written (for example a merge of an event into itself)."""


def fold(text: object) -> str:
    """Lower-case ASCII words: 'Lamberto  Zannier.' and 'lamberto zannier' agree."""
    if not isinstance(text, str):
        return ""
    return " ".join(re.findall(r"[a-z0-9]+", unidecode(text).lower()))


def find_doc(tables: Tables, report: str | None = None, doc_id: str | None = None) -> str:
    """The doc_id of a report named by its file (as in documents.file), its title, or its doc_id."""
    documents = tables["documents"]
    if doc_id is not None:
        if not (documents["doc_id"] == doc_id).any():
            raise StaleError(f"no report has doc_id {doc_id} (removed, or its text changed)")
        return doc_id
    assert report is not None
    by_file = documents.loc[documents["file"] == report, "doc_id"]
    if len(by_file):
        return str(by_file.iloc[0])
    by_title = documents.loc[documents["title"].map(fold) == fold(report), "doc_id"]
    if len(by_title) == 1:
        return str(by_title.iloc[0])
    if len(by_title) > 1:
        raise InvalidError(f"{len(by_title)} reports have the title {report!r}; name the report by its file")
    raise StaleError(f"no report {report!r} (removed or renamed)")


def event_of_doc(tables: Tables, doc_id: str) -> str:
    sources = tables["event_sources"]
    found = sources.loc[sources["doc_id"] == doc_id, "event_id"]
    if not len(found):
        raise StaleError(f"report {doc_id} belongs to no event")
    return str(found.iloc[0])


def file_of(tables: Tables, doc_id: str) -> str:
    documents = tables["documents"]
    found = documents.loc[documents["doc_id"] == doc_id, "file"]
    return str(found.iloc[0]) if len(found) else doc_id


def find_event(tables: Tables, values: dict, prefix: str = "") -> str:
    """The event an entry names with `event`, `report` or `doc_id` (or `merge_event` ... with a prefix).

    With an event ID and a report both given, the report must still be in that event."""
    event_id = values.get(f"{prefix}event")
    report, doc_id = values.get(f"{prefix}report"), values.get(f"{prefix}doc_id")
    doc = find_doc(tables, report, doc_id) if report is not None or doc_id is not None else None
    if event_id is not None:
        if not (tables["events"]["event_id"] == event_id).any():
            raise StaleError(f"no event {event_id} (its reports were re-merged or its date changed)")
        if doc is not None and event_of_doc(tables, doc) != event_id:
            raise StaleError(f"report {report or doc_id} is no longer in event {event_id} "
                        f"(it is in {event_of_doc(tables, doc)})")
        return str(event_id)
    if doc is None:
        raise InvalidError("names no event: give 'event', 'report' or 'doc_id'")
    return event_of_doc(tables, doc)


def event_docs(tables: Tables, event_id: str) -> list[str]:
    sources = tables["event_sources"]
    return sorted(sources.loc[sources["event_id"] == event_id, "doc_id"].astype(str))


def find_participant(tables: Tables, values: dict, event_id: str | None, prefix: str = "") -> str:
    """The participant an entry names with `participant` (an ID) or `name` (name, acronym or surname).

    A name is looked for among the event's actors when the entry names an event, else among all actors,
    where it must be unique."""
    participant_id, name = values.get(f"{prefix}participant"), values.get(f"{prefix}name")
    participants = tables["participants"]
    if participant_id is not None:
        if not (participants["participant_id"] == participant_id).any():
            raise StaleError(f"no participant {participant_id} (renamed by the build, or its reports removed)")
        return str(participant_id)
    assert name is not None
    pool = participants
    if event_id is not None:
        links = tables["event_participants"]
        ids = set(links.loc[links["event_id"] == event_id, "participant_id"])
        pool = participants[participants["participant_id"].isin(ids)]
    wanted = fold(name)
    exact = pool[(pool["name"].map(fold) == wanted) | (pool["short_name"].map(fold) == wanted)]
    if exact.empty and event_id is not None:
        exact = pool[(pool["kind"] == "person") & pool["name"].map(lambda n: fold(n).split()[-1:] == [wanted])]
    if len(exact) == 1:
        return str(exact["participant_id"].iloc[0])
    scope = f"event {event_id}" if event_id is not None else "the tables"
    if exact.empty:
        raise StaleError(f"no actor named {name!r} in {scope}")
    found = ", ".join(f"{p} ({n}, {k})" for p, n, k in zip(exact["participant_id"], exact["name"], exact["kind"],
                                                          strict=True))
    raise InvalidError(f"{name!r} names {len(exact)} actors in {scope}: {found}; give 'participant' or 'report'")


def optional_event(tables: Tables, values: dict, prefix: str = "") -> str | None:
    """The event an entry names, or None where it names none (participants may be named across events)."""
    if any(values.get(f"{prefix}{key}") is not None for key in ("event", "report", "doc_id")):
        return find_event(tables, values, prefix)
    return None


def link_row(tables: Tables, event_id: str, participant_id: str) -> pd.Series:
    links = tables["event_participants"]
    mask = (links["event_id"] == event_id) & (links["participant_id"] == participant_id)
    if not mask.any():
        raise StaleError(f"{participant_id} is not an actor of event {event_id}")
    return mask
