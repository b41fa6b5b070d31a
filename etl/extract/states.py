"""Find the states a report names, as ISO 3166 alpha-3 codes (where: `state_names`, etl/knowledge/countries.yaml)."""

from __future__ import annotations

from etl.extract.document import Document
from etl.extract.state_names import State
from etl.extract.state_names import lookup_state as lookup_state  # for callers outside the extraction
from etl.extract.state_names import state_name as state_name  # for callers outside the extraction
from etl.model import Actor, Span
from etl.text.sentences import sentence_at


def find_states(document: Document) -> list[Actor]:
    """One Actor per state named in the text (by name, official name or adjective)."""
    spans: dict[State, list[Span]] = {}
    for state, span in document.state_mentions:
        spans.setdefault(state, []).append(span)
    actors = []
    for state, mentions in spans.items():
        first = sentence_at(document.sentences, mentions[0].start)
        actors.append(
            Actor(
                kind="state",
                name=state.name,
                short_name=state.iso3,
                mentions=tuple(mentions),
                evidence=first.text if first else "",
            )
        )
    return actors
