"""What the built tables say about one report: its event, the event's fields, and its actors and themes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from etl.contract import TOOK_PART
from etl.evaluate.match import listed_org

if TYPE_CHECKING:
    from etl.output.tables import Tables

SCOPES = ("event", "report")


@dataclass
class Predicted:
    """One report's predictions, as scored against its gold line."""

    event_id: str
    fields: dict[str, str | None]
    organizations: set[str]
    persons: list[tuple[str, str | None]]
    countries: set[str]
    themes: set[str]


def _value(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class BuiltTables:
    """The tables, indexed for reading report by report (documents.file → event_sources → events)."""

    def __init__(self, tables: Tables, scope: str = "report") -> None:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {SCOPES}")
        self.scope = scope
        self.mentions = tables["mentions"]
        self.doc_ids = tables["documents"].set_index("file")["doc_id"]
        self.event_of = tables["event_sources"].set_index("doc_id")["event_id"]
        self.events = tables["events"].set_index("event_id")
        participants = tables["participants"].set_index("participant_id")
        # Only the actor's own columns: both tables also carry which corrections changed them.
        actor = participants[[c for c in ("name", "kind", "short_name", "affiliation") if c in participants]]
        self.links = tables["event_participants"].join(actor, on="participant_id")
        if "involvement" not in self.links:  # tables written before involvement existed: all took part
            self.links = self.links.assign(involvement=TOOK_PART)
        self.themes = tables["event_themes"]

    def event_id(self, file: str) -> str | None:
        """The event a report was built into, or None when the report was not built."""
        if file not in self.doc_ids.index:
            return None
        return self.event_of.get(self.doc_ids[file])

    def predicted(self, file: str) -> Predicted | None:
        event_id = self.event_id(file)
        if event_id is None:
            return None
        event = self.events.loc[event_id]
        fields = {"event_date": _value(event["start_date"]), "event_type": _value(event["event_type"]),
                  "format": _value(event["format"]), "city": _value(event["city"])}
        actors, themes = self._own(self.doc_ids[file], event_id)
        took_part = actors[actors["involvement"].fillna(TOOK_PART) == TOOK_PART]
        orgs = took_part.loc[took_part["kind"] == "organization", "short_name"].dropna()
        people = took_part[took_part["kind"] == "person"]
        return Predicted(
            event_id=event_id, fields=fields, organizations={o for o in map(listed_org, orgs) if o},
            persons=[(name, _value(role)) for name, role in zip(people["name"], people["role"], strict=True)],
            countries=set(actors.loc[actors["kind"] == "state", "short_name"].dropna()), themes=themes)

    def _own(self, doc_id: str, event_id: str) -> tuple[pd.DataFrame, set[str]]:
        """The event's actors and themes; at report scope only those the report's own text mentions."""
        actors = self.links[self.links["event_id"] == event_id]
        themes = set(self.themes.loc[self.themes["event_id"] == event_id, "theme_id"])
        if self.scope == "report":
            own = self.mentions[self.mentions["doc_id"] == doc_id]
            actors = actors[actors["participant_id"].isin(own.loc[own["ref_type"] == "participant", "ref_id"])]
            themes &= set(own.loc[own["ref_type"] == "theme", "ref_id"])
        return actors, themes
