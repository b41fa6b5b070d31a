"""Run every extraction step over one report: the per-report half of the pipeline."""

from __future__ import annotations

from etl.dates import find_event_date
from etl.event_kind import classify_event
from etl.figures import find_figures
from etl.model import Extraction, Report
from etl.organisations import find_organisations
from etl.persons import find_persons
from etl.places import find_place
from etl.sentences import split_sentences
from etl.states import find_states
from etl.themes import find_themes


def extract_report(report: Report) -> Extraction:
    """Pure: a report in, everything found in it out, each fact with its spans and sentence."""
    text = report.text
    sentences = split_sentences(text)
    kind = classify_event(report.title, text, sentences)
    organisations = find_organisations(text, sentences)
    states = find_states(text, sentences)
    persons = find_persons(text, sentences)
    return Extraction(
        report=report,
        title=report.title,
        date=find_event_date(text, sentences, title=report.title, published=report.published, url=report.url),
        event_type=kind.event_type,
        format=kind.format,
        place=find_place(text, sentences, title=report.title),
        actors=[*organisations, *states, *persons],
        themes=find_themes(text, sentences),
        figures=find_figures(text, sentences),
    )
