"""Run every extraction step over one report: the per-report half of the pipeline.

`extract_report` makes one `Document` of the report and runs `STEPS` over it in order. Each step is a
pure function of the document and of what earlier steps found (named in `needs`, passed in that order):
the event kind reads the place, the host state reads the event kind, the place and the states. No step
imports another; what two steps share (sentences, spans to skip, where organisations and states are
named) is computed once on the document.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from etl.extract.dates import find_event_date
from etl.extract.document import Document
from etl.extract.event_kind import EventKind, classify_event
from etl.extract.figures import find_figures
from etl.extract.organisations import find_organisations
from etl.extract.persons import find_persons
from etl.extract.places import find_place
from etl.extract.state_names import state_name
from etl.extract.states import find_states
from etl.extract.themes import find_themes
from etl.model import Actor, Extraction, Place, Report


def host_state(document: Document, kind: EventKind, place: Place | None, states: list[Actor]) -> list[Actor]:
    """An election takes place in a state, which takes part even where the text names only its capital
    ("ASTANA, Dec 5 - President Nazarbayev won ..."): the place's state, if the state step did not find it."""
    if kind.event_type != "observation" or place is None or not place.country:
        return []
    if any(actor.short_name == place.country for actor in states):
        return []
    mentions = (place.evidence,) if place.evidence is not None else ()
    return [Actor(kind="state", name=state_name(place.country) or place.country, short_name=place.country,
                  mentions=mentions, evidence=place.sentence)]


@dataclass(frozen=True)
class Step:
    """One extraction step: `run(document, *found)`, where `found` are the results of the earlier steps
    named in `needs`, in that order."""

    name: str
    run: Callable[..., Any]
    needs: tuple[str, ...] = ()


STEPS: tuple[Step, ...] = (
    Step("date", find_event_date),
    Step("place", find_place),
    Step("kind", classify_event, needs=("place",)),
    Step("organisations", find_organisations),
    Step("states", find_states),
    Step("host", host_state, needs=("kind", "place", "states")),
    Step("persons", find_persons),
    Step("themes", find_themes),
    Step("figures", find_figures),
)


def extract_report(report: Report) -> Extraction:
    """Pure: a report in, everything found in it out, each fact with its spans and sentence."""
    document = Document.of(report)
    found: dict[str, Any] = {}
    for step in STEPS:
        found[step.name] = step.run(document, *(found[name] for name in step.needs))
    kind: EventKind = found["kind"]
    return Extraction(
        report=report,
        title=report.title,
        date=found["date"],
        event_type=kind.event_type,
        format=kind.format,
        place=found["place"],
        actors=[*found["organisations"], *found["states"], *found["host"], *found["persons"]],
        themes=found["themes"],
        figures=found["figures"],
    )
