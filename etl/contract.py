"""The fixed vocabularies of the data contract (../shared/spec/tables.md), in the contract's order."""

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
