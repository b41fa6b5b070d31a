"""The data contract (tables.md) in one place: fixed vocabularies, tables, columns, types, keys and descriptions.

The writers, the data package, evaluation and the dashboard's loader and exports all derive from it."""

from __future__ import annotations

EVENT_TYPES: tuple[str, ...] = (
    "meeting", "visit", "conference", "forum", "consultation", "briefing", "signing", "observation", "other",
)
FORMATS: tuple[str, ...] = ("in-person", "video", "hybrid", "unknown")
REQUIRED_THEMES: tuple[str, ...] = (
    "terrorism", "extremism", "separatism", "drug-trafficking", "cybersecurity", "arms-trafficking",
    "organized-crime", "border-security", "afghanistan", "central-asia-security", "health",
    "economic-cooperation", "connectivity", "energy", "environment", "human-rights", "elections",
    "culture-humanitarian", "security-architecture", "inter-organisational-cooperation", "terrorist-financing",
    "migration", "water", "youth", "gender",
)
# Short names the contract lists; evaluation counts only these.
LISTED_ORGS: tuple[str, ...] = (
    "SCO", "SCO RATS", "OSCE", "OSCE PA", "ODIHR", "UN", "UNODC", "UNOCT", "UNRCCA", "EU", "CSTO", "CIS", "CICA",
    "NATO", "ASEAN", "OTS", "ECO", "BRICS", "ICRC", "Interpol",
)

# How an actor stands to an event: it took part, or it is only named ("unlike NATO", the president whose
# election is observed). Participation counts use "took-part".
INVOLVEMENTS: tuple[str, ...] = ("took-part", "mentioned")
TOOK_PART, MENTIONED = INVOLVEMENTS


def stronger_involvement(left: str, right: str) -> str:
    """An actor that takes part in one report of an event takes part in the event."""
    return TOOK_PART if TOOK_PART in (left, right) else MENTIONED


ACTOR_KINDS: tuple[str, ...] = ("organization", "state", "person")

# Which entries of the corrections file (docs/corrections.md) changed a row, and why: empty where none did.
CORRECTION_COLUMNS: dict[str, str] = {"correction_id": "string", "correction_note": "string"}

# Column order and types of every table.
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {"doc_id": "string", "file": "string", "title": "string", "url": "string",
                  "source": "string", "published": "date", "text": "string", "n_chars": "integer",
                  "format": "string", "notes": "string"},
    "events": {"event_id": "string", "title": "string", "start_date": "date", "end_date": "date",
               "date_precision": "string", "event_type": "string", "city": "string",
               "city_canonical": "string", "country": "string", "format": "string", "n_sources": "integer",
               "leading_org": "string", "date_evidence": "string", "place_evidence": "string",
               "date_confidence": "number", "merge_confidence": "number", **CORRECTION_COLUMNS},
    "event_sources": {"event_id": "string", "doc_id": "string"},
    "participants": {"participant_id": "string", "name": "string", "kind": "string", "short_name": "string",
                     "affiliation": "string", **CORRECTION_COLUMNS},
    "event_participants": {"event_id": "string", "participant_id": "string", "role": "string",
                           "involvement": "string", "mentions": "integer", "evidence": "string", "doc_id": "string",
                           "confidence": "number", **CORRECTION_COLUMNS},
    "themes": {"theme_id": "string", "label": "string", "parent_id": "string", "description": "string"},
    "event_themes": {"event_id": "string", "theme_id": "string", "mentions": "integer", "score": "number",
                     "evidence": "string", "doc_id": "string", **CORRECTION_COLUMNS},
    "mentions": {"doc_id": "string", "ref_type": "string", "ref_id": "string", "start": "integer",
                 "end": "integer", "text": "string"},
    "figures": {"event_id": "string", "doc_id": "string", "value": "number", "what": "string",
                "evidence": "string"},
}

DESCRIPTIONS: dict[str, str] = {
    "documents": "One row per report read.",
    "events": "One row per real-world event; two reports of the same meeting are one event.",
    "event_sources": "Which reports describe which event; every document is the source of exactly one event.",
    "participants": "One row per distinct actor (person, organisation or state) across all events.",
    "event_participants": "One row per actor per event, with the role as written and the first evidence.",
    "themes": "The theme taxonomy.",
    "event_themes": "One row per theme discussed at an event, with a score and its evidence sentence.",
    "mentions": "Provenance: one row per span of report text the ETL used.",
    "figures": "Numbers the reports state, with what they count.",
}

LEADING_ORGS = ("SCO", "OSCE", "ODIHR", "OSCE PA", "SCO RATS")

PRIMARY_KEYS = {"documents": ["doc_id"], "events": ["event_id"], "participants": ["participant_id"],
                 "themes": ["theme_id"], "event_sources": ["event_id", "doc_id"],
                 "event_participants": ["event_id", "participant_id"],
                 "event_themes": ["event_id", "theme_id"]}
FOREIGN_KEYS = {
    "event_sources": [("event_id", "events", "event_id"), ("doc_id", "documents", "doc_id")],
    "event_participants": [("event_id", "events", "event_id"),
                           ("participant_id", "participants", "participant_id")],
    "event_themes": [("event_id", "events", "event_id"), ("theme_id", "themes", "theme_id")],
    "mentions": [("doc_id", "documents", "doc_id")],
    "figures": [("event_id", "events", "event_id"), ("doc_id", "documents", "doc_id")],
}
COLUMN_DOCS = {
    "doc_id": "Stable ID from the report's content.", "file": "Path relative to the reports folder.",
    "event_id": "Stable ID of the event.", "participant_id": "Stable ID of the actor.",
    "theme_id": "Slug of the theme.", "evidence": "The sentence the fact came from.",
    "start_date": "When the event began (not when it was reported).", "end_date": "Last day, if several.",
    "date_precision": "day, month or year.", "country": "ISO 3166 alpha-3.",
    "city": "Where it took place, as the report names it.",
    "city_canonical": "The city's one spelling in etl/knowledge/places.yaml.",
    "n_sources": "How many reports describe the event.", "mentions": "How often it is mentioned.",
    "score": "Confidence in 0..1.", "start": "Offset of the span in documents.text.",
    "end": "End offset of the span in documents.text.", "leading_org": "The first SCO/OSCE body named.",
    "involvement": "took-part (attended, spoke, organised, hosted, observed, signed) or mentioned (named only).",
    "date_confidence": "Confidence in 0..1 in the event's date: lower when the report gives other dates near it, "
                       "when no sentence states it, when it is only a month or year, or far from publication; "
                       "1 where a correction set it.",
    "merge_confidence": "For an event told by several reports, confidence in 0..1 that they tell one event "
                        "(how far their dates, actors and titles agree); empty for an event of one report.",
    "confidence": "Confidence in 0..1 that the actor is right for the event with this role and involvement: "
                  "lower for a person with no role or found by the name tagger alone, or mentioned once; "
                  "1 where a correction set it.",
    "correction_id": "The entries of the corrections file that changed this row (docs/corrections.md), "
                     "separated by '; '; empty where none did.",
    "correction_note": "Why: the notes of those entries, separated by '; '.",
}
# Columns whose meaning differs from table to table, or that only one table has.
TABLE_COLUMN_DOCS: dict[tuple[str, str], str] = {
    ("documents", "title"): "The report's title, as the page or its front matter gives it.",
    ("documents", "url"): "The public address the report came from.",
    ("documents", "source"): "Who published it.",
    ("documents", "published"): "When the report was published (not when the event took place).",
    ("documents", "text"): "The report's body text, normalised; every span offset points into it.",
    ("documents", "n_chars"): "Length of the text in characters.",
    ("documents", "format"): "The file format it was read from: txt, md, html, pdf or jsonl.",
    ("documents", "notes"): "What the reader had to do or noticed (e.g. 'decoded as windows-1251').",
    ("events", "title"): "The title of the event's first report.",
    ("events", "event_type"): "One of: " + ", ".join(EVENT_TYPES) + ".",
    ("events", "format"): "One of: " + ", ".join(FORMATS) + ".",
    ("events", "date_evidence"): "The sentence the date came from.",
    ("events", "place_evidence"): "The sentence the place came from.",
    ("participants", "name"): "The actor's canonical name (a person's fullest spelling).",
    ("participants", "kind"): "One of: " + ", ".join(ACTOR_KINDS) + ".",
    ("participants", "short_name"): "An organisation's short name (tables.md) or a state's ISO alpha-3 code.",
    ("participants", "affiliation"): "The organisation or state a person acts for.",
    ("event_participants", "role"): "The role as written for this event: 'Secretary-General'.",
    ("event_participants", "mentions"): "How often the actor is mentioned in the event's reports.",
    ("event_themes", "mentions"): "How many sentences of the event's reports raise the theme.",
    ("themes", "label"): "The theme's name.", ("themes", "parent_id"): "The broader theme it belongs to.",
    ("themes", "description"): "What the theme covers.",
    ("mentions", "ref_type"): "What the span is evidence of: participant, theme, date, place or number.",
    ("mentions", "ref_id"): "The participant_id, theme_id or event_id it supports.",
    ("mentions", "text"): "The span's text, as documents.text has it.",
    ("figures", "value"): "The number the report states.", ("figures", "what"): "What it counts.",
}


def column_doc(table: str, column: str) -> str:
    """What a column means in a table: its own description there, else the one it has everywhere."""
    return TABLE_COLUMN_DOCS.get((table, column)) or COLUMN_DOCS.get(column, "")
