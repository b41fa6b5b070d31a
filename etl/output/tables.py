"""Turn per-report extractions into the tidy tables of the data contract.

The tables are assembled in two parts, so that a rebuild can reuse what did not change:

- `ReportRows`: the rows one report contributes whatever event it joins (its `documents` row, its
  `mentions` and `figures`), computed once per report and kept as Arrow by the build's cache, with the
  event and participant IDs left to fill in;
- the rows of each event (`events`, `event_sources`, `event_participants`, `event_themes`) and the
  `participants`, computed from the groups of reports (etl/resolve) and the reports' slim extractions
  (`slim`: without the text and the spans, which only the per-report rows need).

`assemble` puts them together in the order a plain pass over every report gives; `build_tables` is that
plain pass over a list of extractions.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.contract import LEADING_ORGS, SCHEMA, stronger_involvement
from etl.extract.places import canonical_city
from etl.extract.themes import load_taxonomy
from etl.model import Extraction, Place
from etl.resolve.events import EventGroup, group_events, majority
from etl.resolve.people import ParticipantRegistry
from etl.text.days import LEAD_CHARS, WrittenDay, written_days

_ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64"}

# Helper columns of the per-report rows, dropped from the tables: the report's cache key, which part of
# the mentions a row belongs to (0: numbers, dates, places, themes; 1: participants, listed after all
# others), its place among the report's rows, the actor a participant mention is of, and whether the
# row's ref_id / event_id is the event's ID (filled in when the report's event is known); and the days the
# report's lead names (see etl/text/days.py), which the date's confidence compares with the chosen date.
KEY = "_key"
LEAD_DAYS = "_lead_days"
_HELPERS = {
    "documents": {KEY: pa.string(), LEAD_DAYS: pa.list_(pa.struct([
        ("year", pa.int32()), ("month", pa.int8()), ("day", pa.int8()), ("words", pa.string())]))},
    "mentions": {KEY: pa.string(), "_part": pa.int8(), "_seq": pa.int32(), "_actor": pa.int32(),
                 "_event": pa.bool_()},
    "figures": {KEY: pa.string(), "_seq": pa.int32()},
}
PER_REPORT = tuple(_HELPERS)


# The columns `report_rows` fills, in its order (the contract's may add more, filled in later).
_REPORT_COLUMNS = {
    "documents": ("doc_id", "file", "title", "url", "source", "published", "text", "n_chars", "format", "notes"),
    "mentions": ("doc_id", "ref_type", "ref_id", "start", "end", "text"),
    "figures": ("event_id", "doc_id", "value", "what", "evidence"),
}


def arrow_schema(name: str, helpers: bool = False) -> pa.Schema:
    """The table's Arrow schema; with `helpers`, that of the per-report rows (see `report_rows`)."""
    if not helpers:
        return pa.schema([(column, _ARROW_TYPES[kind]) for column, kind in SCHEMA[name].items()])
    fields = [(column, _ARROW_TYPES[SCHEMA[name][column]]) for column in _REPORT_COLUMNS[name]]
    return pa.schema(fields + list(_HELPERS[name].items()))


class Tables:
    """The tables by name, each as Arrow (what is written) or as a typed pandas frame (what readers use).

    Each table is made in the other form when first asked for in it, and only that table: a step that
    changes two tables (`replace`) leaves the others in the form they have, so a build converts only
    what it touches."""

    def __init__(self, frames: dict[str, pd.DataFrame] | None = None,
                 arrows: dict[str, pa.Table] | None = None) -> None:
        if frames is None and arrows is None:
            raise ValueError("Tables needs frames or arrows")
        self._frames: dict[str, pd.DataFrame] = dict(frames or {})
        self._arrows: dict[str, pa.Table] = dict(arrows or {})
        self._names = list(dict.fromkeys([*(frames or {}), *(arrows or {})]))

    @property
    def names(self) -> list[str]:
        return list(self._names)

    @property
    def frames(self) -> _Frames:
        """Every table as a typed frame, each converted from Arrow when first read."""
        return _Frames(self)

    def columns(self, name: str) -> list[str]:
        """The table's column names, from whichever form it has."""
        if name in self._frames:
            return list(self._frames[name].columns)
        return list(self._arrows[name].column_names)

    def frame(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            self._frames[name] = frame_from_arrow(name, self._arrows[name])
        return self._frames[name]

    def arrow(self, name: str) -> pa.Table:
        if name not in self._arrows:
            self._arrows[name] = to_arrow(name, self._frames[name])
        return self._arrows[name]

    def replace(self, frames: dict[str, pd.DataFrame]) -> Tables:
        """These tables with some replaced by new frames; the others are shared in the form they have."""
        unknown = set(frames) - set(self._names)
        if unknown:
            raise KeyError(f"no such table: {', '.join(sorted(unknown))}")
        kept_frames = {n: f for n, f in self._frames.items() if n not in frames}
        kept_arrows = {n: a for n, a in self._arrows.items() if n not in frames}
        replaced = Tables(frames={**kept_frames, **frames}, arrows=kept_arrows)
        replaced._names = list(self._names)
        return replaced

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frame(name)


class _Frames(Mapping[str, pd.DataFrame]):
    """`Tables.frames`: a read-only mapping that converts a table only when it is read."""

    def __init__(self, tables: Tables) -> None:
        self._tables = tables

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._tables.names:
            raise KeyError(name)
        return self._tables.frame(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._tables.names)

    def __len__(self) -> int:
        return len(self._tables.names)


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(frame, schema=arrow_schema(name), preserve_index=False).replace_schema_metadata(None)


def frame_from_arrow(name: str, arrow: pa.Table) -> pd.DataFrame:
    """The typed frame `typed_frame` makes from the same rows."""
    mapping = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype()}
    return _typed(name, arrow.to_pandas(date_as_object=True, types_mapper=mapping.get))


def typed_frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return _typed(name, pd.DataFrame(rows, columns=list(SCHEMA[name])))


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    for column, kind in SCHEMA[name].items():
        if kind == "date":
            frame[column] = pd.to_datetime(frame[column], errors="coerce").dt.date
            frame[column] = frame[column].astype("object").where(frame[column].notna(), None)
        else:
            frame[column] = frame[column].astype(_PANDAS_TYPES[kind])
    return frame


def _from_rows(name: str, rows: list[dict]) -> pa.Table:
    """Rows of dicts to an Arrow table, typed as `typed_frame` would type them."""
    columns = SCHEMA[name]
    data = {}
    for column, kind in columns.items():
        values = [row.get(column) for row in rows]
        if kind == "number":
            values = [None if v is None else float(v) for v in values]
        data[column] = pa.array(values, type=_ARROW_TYPES[kind])
    return pa.table(data, schema=arrow_schema(name))


# --- one report's rows ----------------------------------------------------------------------------


@dataclass
class ReportRows:
    """What one report contributes to `documents`, `mentions` and `figures`, as lists of row tuples in
    the column order of `arrow_schema(name, helpers=True)`."""

    documents: list[tuple]
    mentions: list[tuple]
    figures: list[tuple]


def report_rows(extraction: Extraction, key: str) -> ReportRows:
    report = extraction.report
    doc_id = report.doc_id
    documents = [(doc_id, report.file, report.title, report.url, report.source, report.published, report.text,
                  len(report.text), report.format, "; ".join(report.notes) or None, key,
                  written_days(report.text[:LEAD_CHARS]))]
    mentions: list[tuple] = []
    seq = 0
    for index, actor in enumerate(extraction.actors):
        for span in actor.mentions:
            mentions.append((doc_id, "participant", None, span.start, span.end, span.text, key, 1, seq, index, False))
            seq += 1
    figures = []
    for number, figure in enumerate(extraction.figures):
        figures.append((None, doc_id, float(figure.value), figure.what, figure.evidence, key, number))
        mentions.append((doc_id, "number", f"{figure.value:g} {figure.what}", figure.span.start, figure.span.end,
                         figure.span.text, key, 0, seq, -1, False))
        seq += 1
    for found, ref_type in ((extraction.date, "date"), (extraction.place, "place")):
        if found is not None and found.evidence is not None:
            mentions.append((doc_id, ref_type, None, found.evidence.start, found.evidence.end, found.evidence.text,
                             key, 0, seq, -1, True))
            seq += 1
    for hit in extraction.themes:
        for span in hit.mentions:
            mentions.append((doc_id, "theme", hit.theme_id, span.start, span.end, span.text, key, 0, seq, -1, False))
            seq += 1
    return ReportRows(documents, mentions, figures)


def lead_days_of(documents: pa.Table) -> dict[str, list[WrittenDay]]:
    """The days of each report's lead by doc_id, from the per-report rows of `documents`."""
    doc_ids = documents["doc_id"].to_pylist()
    days = documents[LEAD_DAYS].to_pylist()
    return {doc: [WrittenDay(d["year"], d["month"], d["day"], d["words"]) for d in found]
            for doc, found in zip(doc_ids, days, strict=True)}


def rows_to_arrow(name: str, rows: Sequence[tuple]) -> pa.Table:
    schema = arrow_schema(name, helpers=True)
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table([pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)],
                    schema=schema)


def slim(extraction: Extraction) -> Extraction:
    """The extraction without the report's text and the spans: what the event rows need, kept for every
    report between builds. Counts of mentions stay (as tuples of None of the same length)."""
    report = extraction.report
    light = replace(report, text="")
    light.__dict__["doc_id"] = report.doc_id  # the ID is of the content, which is not kept
    return replace(
        extraction, report=light,
        actors=[replace(a, mentions=(None,) * len(a.mentions)) for a in extraction.actors],
        themes=[replace(h, mentions=(None,) * len(h.mentions)) for h in extraction.themes],
        figures=[],
    )


# --- the tables -----------------------------------------------------------------------------------


def build_tables(extractions: list[Extraction]) -> Tables:
    """Pure: extractions in, typed tables out."""
    keys = [f"{i}" for i in range(len(extractions))]
    per_report = {name: [] for name in PER_REPORT}
    for key, extraction in zip(keys, extractions, strict=True):
        rows = report_rows(extraction, key)
        for name in PER_REPORT:
            per_report[name].extend(getattr(rows, name))
    by_key = dict(zip(keys, extractions, strict=True))
    key_of = {id(e): k for k, e in by_key.items()}
    groups = [[key_of[id(m)] for m in g.members] for g in group_events(extractions)]
    order = [group_order([by_key[k].date.start if by_key[k].date else None for k in keys],
                         [by_key[k].report.doc_id for k in keys]) for keys in groups]
    return assemble(groups, order, by_key.__getitem__,
                    {name: rows_to_arrow(name, per_report[name]) for name in PER_REPORT})


def group_order(starts: Iterable[date | None], doc_ids: Iterable[str]) -> tuple:
    """Where an event goes in the tables, from its reports' start dates and doc_ids: by its earliest date
    (undated last), then by its first doc_id."""
    dates = [d for d in starts if d is not None]
    return (min(dates) if dates else pd.Timestamp.max.date(), min(doc_ids))


class ActorFacts(NamedTuple):
    """What the tables need of one actor of one report: the participant registry resolves it as it would
    the Actor, and the event's participant rows are made of it."""

    kind: str
    name: str
    short_name: str | None
    affiliation: str | None
    role: str | None
    involvement: str
    mentions: int
    evidence: str


class EventWork(NamedTuple):
    """What depends only on an event's reports (the event's row, its theme rows, each report's actors in
    doc_id order): kept between builds by the reports' keys, so that a rebuild reads again only the reports
    of the events that changed. Participants are resolved again over every event: who is who is decided
    across the whole archive."""

    event: dict
    themes: list[dict]
    members: tuple[tuple[str, tuple[ActorFacts, ...]], ...]


def event_work(group: EventGroup) -> EventWork:
    event = _event_row(group)
    members = tuple(
        (member.report.doc_id, tuple(ActorFacts(a.kind, a.name, a.short_name, a.affiliation, a.role, a.involvement,
                                                len(a.mentions), a.evidence) for a in member.actors))
        for member in sorted(group.members, key=lambda m: m.report.doc_id))
    return EventWork(event, _event_themes(group, event["event_id"]), members)


def assemble(groups: list[list[str]], order: list[tuple], slim_of: Callable[[str], Extraction],
             per_report: dict[str, pa.Table], known: Mapping[tuple[str, ...], bytes] | None = None,
             kept: dict[tuple[str, ...], bytes] | None = None) -> Tables:
    """The tables from the groups of reports (lists of keys) with their `group_order`, each report's slim
    extraction by key (`slim_of`, asked once per report, in the order of the tables: they need not all be
    held at once), and the per-report rows of exactly these reports (see `report_rows`).

    `known` holds an earlier build's `EventWork` (pickled) by the sorted keys of its reports: an event found
    there is not made again, and its reports' slim extractions are not asked for. `kept` receives the work
    of every event of these tables, for the next build."""
    registry = ParticipantRegistry()
    rows: dict[str, list[dict]] = {name: [] for name in ("events", "event_sources", "event_participants",
                                                         "event_themes")}
    doc_event: dict[str, tuple[int, str]] = {}  # doc_id -> (rank of its event, event ID)
    actor_participants: dict[str, list] = {}  # doc_id -> the participant of each of its actors
    for rank, index in enumerate(sorted(range(len(groups)), key=order.__getitem__)):
        keys = tuple(sorted(groups[index]))
        pickled = known.get(keys) if known is not None else None
        work = pickle.loads(pickled) if pickled else event_work(EventGroup([slim_of(key) for key in groups[index]]))
        if kept is not None:
            kept[keys] = pickled or pickle.dumps(work, protocol=pickle.HIGHEST_PROTOCOL)
        event_id = work.event["event_id"]
        rows["events"].append(work.event)
        by_participant: dict[int, dict] = {}
        event_participants = []
        for doc_id, actors in work.members:
            doc_event[doc_id] = (rank, event_id)
            rows["event_sources"].append({"event_id": event_id, "doc_id": doc_id})
            resolved = actor_participants[doc_id] = []
            for actor in actors:
                participant = registry.resolve(actor)
                resolved.append(participant)
                row = by_participant.get(id(participant))
                if row is None:
                    row = {"event_id": event_id, "participant": participant, "role": actor.role,
                           "involvement": actor.involvement, "mentions": 0, "evidence": actor.evidence,
                           "doc_id": doc_id}
                    by_participant[id(participant)] = row
                    event_participants.append(row)
                row["role"] = row["role"] or actor.role
                row["involvement"] = stronger_involvement(row["involvement"], actor.involvement)
                row["mentions"] += actor.mentions or 1
        rows["event_participants"].extend(event_participants)
        rows["event_themes"].extend(work.themes)
    participants = registry.finish()
    for row in rows["event_participants"]:
        row["participant_id"] = row.pop("participant").participant_id
    rows["event_participants"] = _merge_duplicate_rows(rows["event_participants"])
    arrows = {name: _from_rows(name, table_rows) for name, table_rows in rows.items()}
    arrows["participants"] = _from_rows("participants", [
        {"participant_id": p.participant_id, "name": p.name, "kind": p.kind, "short_name": p.short_name,
         "affiliation": p.affiliation}
        for p in sorted(participants, key=lambda p: (p.kind, p.name))
    ])
    arrows["themes"] = _from_rows("themes", [{"theme_id": t.theme_id, "label": t.label, "parent_id": t.parent_id,
                                              "description": t.description} for t in load_taxonomy()])
    arrows.update(_per_report_tables(per_report, doc_event, actor_participants))
    return Tables(arrows={name: arrows[name] for name in SCHEMA})


def _per_report_tables(per_report: dict[str, pa.Table], doc_event: dict[str, tuple[int, str]],
                       actor_participants: dict[str, list]) -> dict[str, pa.Table]:
    """documents sorted by file; mentions and figures in event order, then report (doc_id) order, with the
    event and participant IDs filled in."""
    documents = per_report["documents"]
    documents = documents.take(pc.sort_indices(documents, [("file", "ascending")]))
    doc_ids = list(doc_event)
    ranks = pa.array([doc_event[d][0] for d in doc_ids], pa.int64())
    event_ids = pa.array([doc_event[d][1] for d in doc_ids], pa.string())
    # Participant of (report, actor): a flat list, each report's actors from its offset on.
    offsets, flat = [], []
    for doc_id in doc_ids:
        offsets.append(len(flat))
        flat.extend(p.participant_id for p in actor_participants[doc_id])
    offsets_array = pa.array(offsets, pa.int64())
    flat_array = pa.array(flat, pa.string())
    doc_index = pa.array(doc_ids, pa.string())

    mentions = per_report["mentions"]
    where = pc.index_in(mentions["doc_id"], value_set=doc_index)
    is_participant = pc.equal(mentions["_part"], 1)
    actor_slot = pc.add(pc.take(offsets_array, where), pc.cast(pc.max_element_wise(mentions["_actor"], 0), pa.int64()))
    participant_ids = pc.take(flat_array, pc.if_else(is_participant, actor_slot, 0)) if len(flat) else \
        pa.nulls(len(mentions), pa.string())
    ref_id = pc.if_else(is_participant, participant_ids,
                        pc.if_else(mentions["_event"], pc.take(event_ids, where), mentions["ref_id"]))
    mentions = mentions.set_column(mentions.schema.get_field_index("ref_id"), "ref_id", ref_id)
    mentions = mentions.append_column("_rank", pc.take(ranks, where))
    order = pc.sort_indices(mentions, [("_part", "ascending"), ("_rank", "ascending"), ("doc_id", "ascending"),
                                       ("_seq", "ascending")])
    mentions = mentions.take(order)

    figures = per_report["figures"]
    where = pc.index_in(figures["doc_id"], value_set=doc_index)
    figures = figures.set_column(0, "event_id", pc.take(event_ids, where))
    figures = figures.append_column("_rank", pc.take(ranks, where))
    figures = figures.take(pc.sort_indices(figures, [("_rank", "ascending"), ("doc_id", "ascending"),
                                                     ("_seq", "ascending")]))
    return {name: _contract_columns(name, table) for name, table in
            (("documents", documents), ("mentions", mentions), ("figures", figures))}


def _contract_columns(name: str, table: pa.Table) -> pa.Table:
    schema = arrow_schema(name)
    return pa.table([table[f.name] if f.name in table.column_names else pa.nulls(len(table), f.type)
                     for f in schema], schema=schema)


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


