"""Small invented tables to correct: two events, the first told by two reports, with actors and themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.contract import SCHEMA
from etl.corrections import load_corrections
from etl.output.tables import Tables, typed_frame

TEXT_A = "On 4 May 2020 SCO Secretary-General Vladimir Norov met the OSCE in Vienna. They discussed terrorism."
TEXT_B = "V. Norov and the OSCE met in Vienna on 4 May 2020. Kazakhstan was named. Water was discussed."
TEXT_C = "On 1 June 2021 the OSCE held a conference on drugs in Tashkent. Ivan Petrov spoke."


def _span(doc_id: str, text: str, ref_type: str, ref_id: str, words: str) -> dict:
    start = text.index(words)
    return {"doc_id": doc_id, "ref_type": ref_type, "ref_id": ref_id, "start": start, "end": start + len(words),
            "text": words}


def make_tables() -> Tables:
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    rows["documents"] = [
        {"doc_id": "d-a", "file": "2020/a.txt", "title": "Norov meets the OSCE", "text": TEXT_A,
         "published": "2020-05-04"},
        {"doc_id": "d-b", "file": "2020/b.txt", "title": "OSCE and SCO meet in Vienna", "text": TEXT_B,
         "published": "2020-05-05"},
        {"doc_id": "d-c", "file": "2021/c.txt", "title": "Drugs conference in Tashkent", "text": TEXT_C,
         "published": "2021-06-01"},
    ]
    rows["events"] = [
        {"event_id": "e-1", "title": "Norov meets the OSCE", "start_date": "2020-05-04", "date_precision": "day",
         "event_type": "meeting", "city": "Vienna", "city_canonical": "Vienna", "country": "AUT",
         "format": "in-person", "n_sources": 2, "date_evidence": TEXT_A.split(".")[0]},
        {"event_id": "e-2", "title": "Drugs conference in Tashkent", "start_date": "2021-06-01",
         "date_precision": "day", "event_type": "conference", "city": "Tashkent", "city_canonical": "Tashkent",
         "country": "UZB", "format": "in-person", "n_sources": 1, "date_evidence": TEXT_C.split(".")[0]},
    ]
    rows["event_sources"] = [{"event_id": "e-1", "doc_id": "d-a"}, {"event_id": "e-1", "doc_id": "d-b"},
                             {"event_id": "e-2", "doc_id": "d-c"}]
    rows["participants"] = [
        {"participant_id": "p-norov", "name": "Vladimir Norov", "kind": "person", "affiliation": "SCO"},
        {"participant_id": "p-vnorov", "name": "V. Norov", "kind": "person"},
        {"participant_id": "p-osce", "name": "Organization for Security and Co-operation in Europe",
         "kind": "organization", "short_name": "OSCE"},
        {"participant_id": "p-kaz", "name": "Kazakhstan", "kind": "state", "short_name": "KAZ"},
        {"participant_id": "p-petrov", "name": "Ivan Petrov", "kind": "person"},
    ]
    rows["event_participants"] = [
        {"event_id": "e-1", "participant_id": "p-norov", "role": "Secretary-General", "involvement": "took-part",
         "mentions": 1, "evidence": TEXT_A.split(".")[0], "doc_id": "d-a"},
        {"event_id": "e-1", "participant_id": "p-vnorov", "role": None, "involvement": "took-part",
         "mentions": 1, "evidence": "V. Norov and the OSCE met in Vienna on 4 May 2020", "doc_id": "d-b"},
        {"event_id": "e-1", "participant_id": "p-osce", "involvement": "took-part", "mentions": 2,
         "evidence": TEXT_A.split(".")[0], "doc_id": "d-a"},
        {"event_id": "e-1", "participant_id": "p-kaz", "involvement": "mentioned", "mentions": 1,
         "evidence": "Kazakhstan was named", "doc_id": "d-b"},
        {"event_id": "e-2", "participant_id": "p-osce", "involvement": "took-part", "mentions": 1,
         "evidence": TEXT_C.split(".")[0], "doc_id": "d-c"},
        {"event_id": "e-2", "participant_id": "p-petrov", "involvement": "took-part", "mentions": 1,
         "evidence": "Ivan Petrov spoke", "doc_id": "d-c"},
    ]
    rows["mentions"] = [
        _span("d-a", TEXT_A, "participant", "p-norov", "Vladimir Norov"),
        _span("d-a", TEXT_A, "participant", "p-osce", "OSCE"),
        _span("d-b", TEXT_B, "participant", "p-vnorov", "V. Norov"),
        _span("d-b", TEXT_B, "participant", "p-osce", "OSCE"),
        _span("d-b", TEXT_B, "participant", "p-kaz", "Kazakhstan"),
        _span("d-c", TEXT_C, "participant", "p-osce", "OSCE"),
        _span("d-c", TEXT_C, "participant", "p-petrov", "Ivan Petrov"),
        _span("d-a", TEXT_A, "theme", "terrorism", "terrorism"),
        _span("d-b", TEXT_B, "theme", "water", "Water"),
        _span("d-c", TEXT_C, "theme", "drug-trafficking", "drugs"),
        _span("d-a", TEXT_A, "date", "e-1", "4 May 2020"),
        _span("d-b", TEXT_B, "date", "e-1", "4 May 2020"),
        _span("d-c", TEXT_C, "date", "e-2", "1 June 2021"),
    ]
    rows["themes"] = [{"theme_id": t, "label": t.title(), "description": t}
                      for t in ("terrorism", "water", "drug-trafficking", "energy")]
    rows["event_themes"] = [
        {"event_id": "e-1", "theme_id": "terrorism", "mentions": 1, "score": 0.9,
         "evidence": "They discussed terrorism", "doc_id": "d-a"},
        {"event_id": "e-1", "theme_id": "water", "mentions": 1, "score": 0.4, "evidence": "Water was discussed",
         "doc_id": "d-b"},
        {"event_id": "e-2", "theme_id": "drug-trafficking", "mentions": 1, "score": 0.95,
         "evidence": TEXT_C.split(".")[0], "doc_id": "d-c"},
    ]
    rows["figures"] = [{"event_id": "e-1", "doc_id": "d-b", "value": 2.0, "what": "organisations",
                        "evidence": "x"}]
    return Tables({name: typed_frame(name, rows[name]) for name in SCHEMA})


@pytest.fixture
def tables() -> Tables:
    return make_tables()


@pytest.fixture
def write(tmp_path: Path):
    """Write a corrections file and read it: write(text) -> Corrections."""
    def _write(text: str, name: str = "corrections.yaml"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return load_corrections(path)
    return _write
