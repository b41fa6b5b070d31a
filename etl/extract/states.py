"""Find the states a report names, as ISO 3166 alpha-3 codes.

Where the text names them (the names, aliases and adjectives of etl/knowledge/countries.yaml, outside
credits and datelines) is found once per report, on the `Document`, by `state_names`; this step makes one
Actor of each state.
"""

from __future__ import annotations

from etl.extract.document import Document
from etl.extract.state_names import State
from etl.extract.state_names import lookup_state as lookup_state  # for the evaluation and the benchmark
from etl.extract.state_names import state_name as state_name  # for the evaluation and the benchmark
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
