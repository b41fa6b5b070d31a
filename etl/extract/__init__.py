"""Run every extraction step over one report: the per-report half of the pipeline."""

from __future__ import annotations

from etl.extract.dates import find_event_date
from etl.extract.event_kind import classify_event
from etl.extract.figures import find_figures
from etl.extract.organisations import find_organisations
from etl.extract.persons import find_persons
from etl.extract.places import find_place
from etl.extract.states import find_states, state_name
from etl.extract.themes import find_themes
from etl.model import Actor, Extraction, Place, Report
from etl.text.sentences import split_sentences


def _host_state(event_type: str, place: Place | None, states: list[Actor]) -> list[Actor]:
    """An election takes place in a state, which takes part even where the text names only its capital
    ("ASTANA, Dec 5 - President Nazarbayev won ...")."""
    if event_type != "observation" or place is None or not place.country:
        return []
    if any(actor.short_name == place.country for actor in states):
        return []
    mentions = (place.evidence,) if place.evidence is not None else ()
    return [Actor(kind="state", name=state_name(place.country) or place.country, short_name=place.country,
                  mentions=mentions, evidence=place.sentence)]


def extract_report(report: Report) -> Extraction:
    """Pure: a report in, everything found in it out, each fact with its spans and sentence."""
    text = report.text
    sentences = split_sentences(text)
    place = find_place(text, sentences, title=report.title)
    kind = classify_event(report.title, text, sentences, place)
    organisations = find_organisations(text, sentences, title=report.title)
    states = find_states(text, sentences)
    persons = find_persons(text, sentences)
    host = _host_state(kind.event_type, place, states)
    return Extraction(
        report=report,
        title=report.title,
        date=find_event_date(text, sentences, title=report.title, published=report.published, url=report.url),
        event_type=kind.event_type,
        format=kind.format,
        place=place,
        actors=[*organisations, *states, *host, *persons],
        themes=find_themes(text, sentences),
        figures=find_figures(text, sentences),
    )
