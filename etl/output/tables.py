"""Turn per-report extractions into the tidy tables of the data contract."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from etl.contract import LEADING_ORGS, SCHEMA, stronger_involvement
from etl.extract.places import canonical_city
from etl.extract.themes import load_taxonomy
from etl.model import Extraction, Place
from etl.resolve.events import EventGroup, group_events, majority
from etl.resolve.people import ParticipantRegistry


@dataclass
class Tables:
    frames: dict[str, pd.DataFrame]

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]


def build_tables(extractions: list[Extraction]) -> Tables:
    """Pure: extractions in, typed data frames out."""
    groups = group_events(extractions)
    registry = ParticipantRegistry()
    rows: dict[str, list[dict]] = {name: [] for name in SCHEMA}
    pending_participants: list[tuple[dict, object]] = []
    pending_mentions: list[tuple[dict, object]] = []

    for extraction in sorted(extractions, key=lambda e: e.report.file):
        report = extraction.report
        rows["documents"].append({
            "doc_id": report.doc_id, "file": report.file, "title": report.title, "url": report.url,
            "source": report.source, "published": report.published, "text": report.text,
            "n_chars": len(report.text), "format": report.format, "notes": "; ".join(report.notes) or None,
        })

    for group in sorted(groups, key=_group_sort_key):
        event = _event_row(group)
        event_id = event["event_id"]
        rows["events"].append(event)
        by_participant: dict[int, dict] = {}
        for member in sorted(group.members, key=lambda m: m.report.doc_id):
            doc_id = member.report.doc_id
            rows["event_sources"].append({"event_id": event_id, "doc_id": doc_id})
            for actor in member.actors:
                participant = registry.resolve(actor)
                row = by_participant.get(id(participant))
                if row is None:
                    row = {"event_id": event_id, "participant_id": None, "role": actor.role,
                           "involvement": actor.involvement, "mentions": 0, "evidence": actor.evidence,
                           "doc_id": doc_id}
                    by_participant[id(participant)] = row
                    pending_participants.append((row, participant))
                row["role"] = row["role"] or actor.role
                row["involvement"] = stronger_involvement(row["involvement"], actor.involvement)
                row["mentions"] += len(actor.mentions) or 1
                for span in actor.mentions:
                    mention = {"doc_id": doc_id, "ref_type": "participant", "ref_id": None,
                               "start": span.start, "end": span.end, "text": span.text}
                    pending_mentions.append((mention, participant))
            for figure in member.figures:
                rows["figures"].append({"event_id": event_id, "doc_id": doc_id, "value": figure.value,
                                        "what": figure.what, "evidence": figure.evidence})
                rows["mentions"].append({"doc_id": doc_id, "ref_type": "number",
                                         "ref_id": f"{figure.value:g} {figure.what}",
                                         "start": figure.span.start, "end": figure.span.end,
                                         "text": figure.span.text})
            for found, ref_type in ((member.date, "date"), (member.place, "place")):
                if found is not None and found.evidence is not None:
                    rows["mentions"].append({"doc_id": doc_id, "ref_type": ref_type, "ref_id": event_id,
                                             "start": found.evidence.start, "end": found.evidence.end,
                                             "text": found.evidence.text})
            for hit in member.themes:
                for span in hit.mentions:
                    rows["mentions"].append({"doc_id": doc_id, "ref_type": "theme", "ref_id": hit.theme_id,
                                             "start": span.start, "end": span.end, "text": span.text})
        rows["event_participants"].extend(by_participant.values())
        rows["event_themes"].extend(_event_themes(group, event_id))

    participants = registry.finish()
    for row, participant in pending_participants:
        row["participant_id"] = participant.participant_id
    for mention, participant in pending_mentions:
        mention["ref_id"] = participant.participant_id
        rows["mentions"].append(mention)
    rows["participants"] = [
        {"participant_id": p.participant_id, "name": p.name, "kind": p.kind, "short_name": p.short_name,
         "affiliation": p.affiliation}
        for p in sorted(participants, key=lambda p: (p.kind, p.name))
    ]
    rows["event_participants"] = _merge_duplicate_rows(rows["event_participants"])
    rows["themes"] = [{"theme_id": t.theme_id, "label": t.label, "parent_id": t.parent_id,
                       "description": t.description} for t in load_taxonomy()]
    return Tables({name: typed_frame(name, rows[name]) for name in SCHEMA})


def _group_sort_key(group: EventGroup) -> tuple:
    dates = [m.date.start for m in group.members if m.date]
    return (min(dates) if dates else pd.Timestamp.max.date(), group.doc_ids[0])


def _event_row(group: EventGroup) -> dict:
    members = sorted(group.members, key=lambda m: m.report.doc_id)
    dated = [m for m in members if m.date]
    starts = [m.date.start for m in dated]
    start = Counter(starts).most_common(1)[0][0] if starts else None
    chosen = next((m for m in dated if m.date.start == start), None)
    end = chosen.date.end if chosen else None
    precision = chosen.date.precision if chosen else None
    places = [m.place for m in members if m.place]
    city = majority([p.city for p in places if p.city])
    country = majority([p.country for p in places if p.country and (city is None or p.city in (city, None))])
    place = next((p for p in places if p.city == city), places[0] if places else None)
    city_as_written = _as_written(place) if city else None
    orgs = [a.short_name for m in members for a in m.actors if a.kind == "organization" and a.short_name]
    leading = next((o for o in orgs if o in LEADING_ORGS), orgs[0] if orgs else None)
    title = min((m.title for m in members if m.title), key=len, default="")
    date_part = start.isoformat() if start else "undated"
    return {
        "event_id": f"e-{date_part}-{group.doc_ids[0][:8]}",
        "title": title[:160],
        "start_date": start,
        "end_date": end,
        "date_precision": precision,
        "event_type": majority([m.event_type for m in members], ignore=("other",)) or "other",
        "city": city_as_written,
        "city_canonical": city,
        "country": country,
        "format": majority([m.format for m in members], ignore=("unknown",)) or "unknown",
        "n_sources": len(members),
        "leading_org": leading,
        "date_evidence": chosen.date.sentence if chosen else None,
        "place_evidence": place.sentence if place else None,
    }


def _as_written(place: Place) -> str | None:
    """The city as the report names it ("Nur-Sultan" in 2022, "St Petersburg"); datelines lose capitals."""
    written = place.evidence.text if place.evidence is not None else ""
    # The evidence may name the country instead ("the Kyrgyz capital"): then the gazetteer's name stands.
    if not written or canonical_city(written) != place.city:
        return place.city
    return written.title() if written.isupper() else written


def _event_themes(group: EventGroup, event_id: str) -> list[dict]:
    best: dict[str, dict] = {}
    for member in sorted(group.members, key=lambda m: m.report.doc_id):
        for hit in member.themes:
            row = best.get(hit.theme_id)
            if row is None:
                best[hit.theme_id] = {"event_id": event_id, "theme_id": hit.theme_id,
                                      "mentions": len(hit.mentions), "score": hit.score,
                                      "evidence": hit.evidence, "doc_id": member.report.doc_id}
            else:
                row["mentions"] += len(hit.mentions)
                if hit.score > row["score"]:
                    row.update(score=hit.score, evidence=hit.evidence, doc_id=member.report.doc_id)
    return sorted(best.values(), key=lambda r: (-r["score"], r["theme_id"]))


def _merge_duplicate_rows(rows: list[dict]) -> list[dict]:
    """Two spellings in one event may resolve to the same participant: keep one row per pair."""
    merged: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (row["event_id"], row["participant_id"])
        if key in merged:
            merged[key]["mentions"] += row["mentions"]
            merged[key]["role"] = merged[key]["role"] or row["role"]
            merged[key]["involvement"] = stronger_involvement(merged[key]["involvement"], row["involvement"])
        else:
            merged[key] = row
    return list(merged.values())


_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


def typed_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    columns = SCHEMA[name]
    frame = pd.DataFrame(rows, columns=list(columns))
    for column, kind in columns.items():
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce").dt.date
            frame[column] = frame[column].astype("object").where(frame[column].notna(), None)
        else:
            frame[column] = frame[column].astype(_PANDAS_TYPES[kind])
    return frame

