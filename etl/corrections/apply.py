"""Apply checked corrections to built tables, in file order, one operation at a time.

Every row an entry changes carries the entry's id and note (`correction_id`, `correction_note`); an entry
whose target is gone, that contradicts an earlier one, or that would break the tables' keys is reported
with its reason and skipped, and the others are applied."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pandas as pd

from etl.contract import CORRECTION_COLUMNS, SCHEMA, TOOK_PART, stronger_involvement
from etl.corrections.model import Correction, Corrections, CorrectionsReport, Problem
from etl.corrections.targets import (
    InvalidError,
    StaleError,
    event_docs,
    event_of_doc,
    file_of,
    find_doc,
    find_event,
    find_participant,
    fold,
    link_row,
    optional_event,
)
from etl.model import content_id

if TYPE_CHECKING:
    from etl.output.tables import Tables

CORRECTED_TABLES = ("events", "participants", "event_participants", "event_themes")
LINK_KEYS = ["event_id", "participant_id"]
THEME_KEYS = ["event_id", "theme_id"]


class Work:
    """The tables being corrected: a copy of each frame an entry reads (made when first read, so a build
    converts and copies only the tables its corrections touch), and what each entry has claimed so far."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.frames: dict[str, pd.DataFrame] = {}
        self.claims: dict[tuple, tuple[Correction, Any]] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self.frames:
            frame = self.tables.frame(name).copy()
            if name in CORRECTED_TABLES:
                for column in CORRECTION_COLUMNS:
                    if column in SCHEMA[name] and column not in frame:
                        frame[column] = pd.Series(pd.NA, index=frame.index, dtype="string")
            self.frames[name] = frame
        return self.frames[name]

    def __setitem__(self, name: str, frame: pd.DataFrame) -> None:
        self.frames[name] = frame.reset_index(drop=True)

    def claim(self, key: tuple, value: Any, correction: Correction) -> None:
        """Note what an entry sets; an earlier entry that set the same thing otherwise is a contradiction."""
        earlier = self.claims.get(key)
        if earlier is not None and earlier[0] is not correction and earlier[1] != value:
            raise InvalidError(f"contradicts {earlier[0].where}, which sets {_describe(key)} to {_show(earlier[1])} "
                               f"(this entry: {_show(value)}); the earlier entry stays applied")

    def commit(self, claims: list[tuple[tuple, Any]], correction: Correction) -> None:
        for key, value in claims:
            self.claims[key] = (correction, value)

    def mark(self, name: str, mask: pd.Series, correction: Correction, confidence: str | None = None) -> None:
        """Mark the rows of `mask` as changed by `correction`; a confidence column becomes 1 (checked)."""
        frame = self[name]
        for column, value in (("correction_id", correction.correction_id), ("correction_note", correction.note)):
            if value is None:
                continue
            old = frame.loc[mask, column].astype("object")
            frame.loc[mask, column] = [value if pd.isna(o) or not o else
                                       o if value in str(o).split("; ") else f"{o}; {value}" for o in old]
        if confidence is not None and confidence in frame:
            frame.loc[mask, confidence] = 1.0


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return {True: "present", False: "absent"}[value]
    return value.isoformat() if isinstance(value, dt.date) else repr(value)


def _describe(key: tuple) -> str:
    kind, *rest = key
    return {"event": "{1} of event {0}", "role": "the role of {1} at {0}", "involvement": "the involvement of {1} "
            "at {0}", "member": "whether {1} is an actor of {0}", "theme": "whether {1} is a theme of {0}",
            "participant": "{1} of {0}"}.get(kind, "{0}").format(*rest, *([""] * 2))


def apply_corrections(tables: Tables, corrections: Corrections) -> tuple[Tables, CorrectionsReport]:
    """Pure: the tables with every applicable entry applied in order, and a report of what was and was not."""
    report = CorrectionsReport(problems=list(corrections.problems), files=list(corrections.files))
    if not corrections.entries and all(column in tables.columns(name) for name in CORRECTED_TABLES
                                       for column in CORRECTION_COLUMNS):
        return tables, report
    work = Work(tables)
    for correction in corrections.entries:
        try:
            what = OPERATIONS[correction.op](work, correction)
        except StaleError as reason:
            report.problems.append(Problem(correction.where, str(reason), correction.correction_id, stale=True))
        except InvalidError as reason:
            report.problems.append(Problem(correction.where, str(reason), correction.correction_id))
        except Exception as error:  # noqa: BLE001 - one entry the code cannot handle must not stop the build
            report.problems.append(Problem(correction.where, f"could not be applied ({type(error).__name__}: "
                                           f"{error})", correction.correction_id))
        else:
            report.applied.append((correction, what))
    return _finish(tables, work), report


def _finish(tables: Tables, work: Work) -> Tables:
    """The tables with those the entries read replaced by their corrected copies, in the contract's types;
    the corrected tables always carry the correction columns."""
    names = [*CORRECTED_TABLES, *(name for name in work.frames if name not in CORRECTED_TABLES)]
    return tables.replace({name: retype(name, work[name]) for name in names})


_PANDAS_TYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


def retype(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The contract's columns, in its order and types (dates as datetime.date or None)."""
    columns = SCHEMA.get(name)
    if columns is None:
        return frame
    frame = frame.reindex(columns=list(columns)).reset_index(drop=True)
    for column, kind in columns.items():
        if kind == "date":
            values = pd.to_datetime(frame[column], errors="coerce").dt.date
            frame[column] = values.astype("object").where(values.notna(), None)
        else:
            frame[column] = frame[column].astype(_PANDAS_TYPES[kind])
    return frame


# --- events ------------------------------------------------------------------------------------------------


def set_event(work: Work, c: Correction) -> str:
    event_id = find_event(work, c.values)
    events = work["events"]
    mask = events["event_id"] == event_id
    row = events[mask].iloc[0]
    changes = {k: c.values[k] for k in ("start_date", "end_date", "date_precision", "event_type", "format", "city",
                                        "country", "title") if k in c.values}
    claims = [(("event", event_id, key), value) for key, value in changes.items()]
    for key, value in claims:
        work.claim(key, value, c)
    start = changes.get("start_date", _date(row["start_date"]))
    end = changes.get("end_date", _date(row["end_date"]))
    if "start_date" in changes and "end_date" not in changes and end is not None and start is not None and end < start:
        changes["end_date"] = end = None
    if start is None and end is not None:
        raise InvalidError(f"event {event_id} has no start date; give 'start_date' with 'end_date'")
    if start is not None and end is not None and end < start:
        raise InvalidError(f"'end_date' {end} would be before the event's start date {start}")
    if "start_date" in changes and "date_precision" not in changes and pd.isna(row["date_precision"]):
        changes["date_precision"] = "day"
    if "city" in changes:
        changes["city_canonical"] = changes["city"]
    for key, value in changes.items():
        events.loc[mask, key] = value if value is not None else None
    work.commit(claims, c)
    dated = any(k in changes for k in ("start_date", "end_date", "date_precision"))
    work.mark("events", mask, c, "date_confidence" if dated else None)
    return f"event {event_id}: " + ", ".join(f"{k} = {v}" for k, v in changes.items() if k != "city_canonical")


def _date(value: Any) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


def merge_events(work: Work, c: Correction) -> str:
    keep = find_event(work, c.values)
    other = find_event(work, c.values, prefix="merge_")
    if keep == other:
        raise StaleError(f"merges event {keep} into itself (its reports are already one event)")
    _move_event(work, other, keep)
    events = work["events"]
    keep_mask = events["event_id"] == keep
    other_row = events[events["event_id"] == other].iloc[0]
    for column in SCHEMA["events"]:
        if column in CORRECTION_COLUMNS or column == "event_id":
            continue
        current = events.loc[keep_mask, column].iloc[0]
        if current is None or (not isinstance(current, dt.date) and pd.isna(current)):
            events.loc[keep_mask, column] = other_row[column]
    work["events"] = events[events["event_id"] != other]
    events = work["events"]
    keep_mask = events["event_id"] == keep
    events.loc[keep_mask, "n_sources"] = len(event_docs(work, keep))
    events.loc[keep_mask, "merge_confidence"] = 1.0
    work.mark("events", keep_mask, c)
    return f"event {other} merged into {keep}"


def _move_event(work: Work, source: str, target: str) -> None:
    """Every row of event `source` moves to `target`; an actor or theme of both becomes one row."""
    sources = work["event_sources"]
    sources.loc[sources["event_id"] == source, "event_id"] = target
    figures = work["figures"]
    figures.loc[figures["event_id"] == source, "event_id"] = target
    mentions = work["mentions"]
    mentions.loc[mentions["ref_type"].isin(["date", "place"]) & (mentions["ref_id"] == source), "ref_id"] = target
    work["event_participants"] = _combine(work["event_participants"], "event_id", source, target, LINK_KEYS)
    work["event_themes"] = _combine(work["event_themes"], "event_id", source, target, THEME_KEYS)


def _combine(frame: pd.DataFrame, column: str, source: str, target: str, key_columns: list[str]) -> pd.DataFrame:
    """Rows whose `column` is `source` move to `target`; two rows that then share their key become one
    (mentions summed, the stronger involvement, the first role, the higher score with its evidence)."""
    frame = frame.copy()
    frame.loc[frame[column] == source, column] = target
    duplicated = frame.duplicated(key_columns, keep=False)
    if not duplicated.any():
        return frame
    kept_rows = []
    for _, group in frame[duplicated].groupby(key_columns, sort=False):
        first = group.iloc[0].copy()
        if "mentions" in group:
            first["mentions"] = int(pd.to_numeric(group["mentions"], errors="coerce").fillna(0).sum())
        if "involvement" in group:
            involvements = [str(v) for v in group["involvement"].dropna()] or [str(first["involvement"])]
            first["involvement"] = functools.reduce(stronger_involvement, involvements)
        if "role" in group and pd.isna(first["role"]):
            roles = group["role"].dropna()
            first["role"] = roles.iloc[0] if len(roles) else first["role"]
        if "score" in group:
            best = group.loc[pd.to_numeric(group["score"], errors="coerce").fillna(0).idxmax()]
            first["score"], first["evidence"], first["doc_id"] = best["score"], best["evidence"], best["doc_id"]
        if "confidence" in group:
            first["confidence"] = pd.to_numeric(group["confidence"], errors="coerce").max()
        for marker in CORRECTION_COLUMNS:
            if marker in group:
                parts = [p for v in group[marker].dropna() for p in str(v).split("; ") if p]
                first[marker] = "; ".join(dict.fromkeys(parts)) or None
        kept_rows.append(first)
    merged = pd.DataFrame(kept_rows, columns=frame.columns)
    first_positions = ~frame.duplicated(key_columns, keep="first")
    out = frame[~duplicated | first_positions].copy()
    replacement = {tuple(row[k] for k in key_columns): row for _, row in merged.iterrows()}
    rows = [replacement.get(tuple(r[k] for k in key_columns), r) for _, r in out.iterrows()]
    return pd.DataFrame(rows, columns=frame.columns).reset_index(drop=True)


def split_report(work: Work, c: Correction) -> str:
    doc = find_doc(work, c.get("report"), c.get("doc_id"))
    old = event_of_doc(work, doc)
    docs = event_docs(work, old)
    if len(docs) == 1:
        raise StaleError(f"report {file_of(work, doc)} is already an event of its own ({old})")
    events = work["events"]
    row = events[events["event_id"] == old].iloc[0].copy()
    start = _date(row["start_date"])
    new = f"e-{start.isoformat() if start else 'undated'}-{doc[:8]}"
    taken = set(events["event_id"])
    suffix = 1
    while new in taken:
        suffix += 1
        new = f"e-{start.isoformat() if start else 'undated'}-{doc[:8]}-{suffix}"
    documents = work["documents"]
    title = documents.loc[documents["doc_id"] == doc, "title"]
    row["event_id"] = new
    row["title"] = str(title.iloc[0])[:160] if len(title) and isinstance(title.iloc[0], str) else row["title"]
    row["n_sources"] = 1
    row["merge_confidence"] = None
    for column in CORRECTION_COLUMNS:
        row[column] = None
    work["events"] = pd.concat([events, pd.DataFrame([row])], ignore_index=True)
    events = work["events"]
    events.loc[events["event_id"] == old, "n_sources"] = len(docs) - 1
    if len(docs) == 2:
        events.loc[events["event_id"] == old, "merge_confidence"] = None
    sources = work["event_sources"]
    sources.loc[sources["doc_id"] == doc, "event_id"] = new
    figures = work["figures"]
    figures.loc[figures["doc_id"] == doc, "event_id"] = new
    mentions = work["mentions"]
    mentions.loc[mentions["ref_type"].isin(["date", "place"]) & (mentions["doc_id"] == doc)
                 & (mentions["ref_id"] == old), "ref_id"] = new
    work["event_participants"] = _split_links(work, "event_participants", "participant_id", "participant", old,
                                              new, doc, [d for d in docs if d != doc])
    work["event_themes"] = _split_links(work, "event_themes", "theme_id", "theme", old, new, doc,
                                        [d for d in docs if d != doc])
    events = work["events"]
    work.mark("events", events["event_id"].isin([old, new]), c)
    return f"report {file_of(work, doc)} split out of event {old} into event {new}"


def _split_links(work: Work, name: str, key: str, ref_type: str, old: str, new: str, doc: str,
                 rest: list[str]) -> pd.DataFrame:
    """An event's actor or theme rows after one report left it: each goes with the reports that mention it."""
    frame = work[name]
    mentions = work["mentions"]
    own = mentions[(mentions["ref_type"] == ref_type)]
    texts = dict(zip(work["documents"]["doc_id"], work["documents"]["text"], strict=True))
    out = []
    for _, row in frame.iterrows():
        if row["event_id"] != old:
            out.append(row)
            continue
        ref = row[key]
        spans = own[own["ref_id"] == ref]
        in_doc = spans[spans["doc_id"] == doc]
        in_rest = spans[spans["doc_id"].isin(rest)]
        goes = len(in_doc) > 0 or row.get("doc_id") == doc
        stays = len(in_rest) > 0 or row.get("doc_id") in rest
        if goes:
            moved = row.copy()
            moved["event_id"] = new
            if row.get("doc_id") != doc:
                moved["doc_id"] = doc
                moved["evidence"] = _sentence(texts.get(doc), in_doc) or row["evidence"]
            moved["mentions"] = max(len(in_doc), 1)
            out.append(moved)
        if stays:
            kept = row.copy()
            if row.get("doc_id") == doc:
                other = sorted(in_rest["doc_id"])[0] if len(in_rest) else rest[0]
                kept["doc_id"] = other
                kept["evidence"] = _sentence(texts.get(other), in_rest[in_rest["doc_id"] == other]) or row["evidence"]
            kept["mentions"] = max(len(in_rest), 1)
            out.append(kept)
    return pd.DataFrame(out, columns=frame.columns)


def _sentence(text: str | None, spans: pd.DataFrame) -> str | None:
    """The sentence around the first span of a report's text."""
    if not isinstance(text, str) or spans.empty:
        return None
    start = int(spans["start"].min())
    end = int(spans.loc[spans["start"].idxmin(), "end"])
    return sentence_around(text, start, end)


def sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1:right].strip()


# --- participants ------------------------------------------------------------------------------------------


def merge_participants(work: Work, c: Correction) -> str:
    event_id = optional_event(work, c.values)
    keep = find_participant(work, c.values, event_id)
    other_event = optional_event(work, c.values, prefix="merge_") if c.get("merge_report") else event_id
    other = find_participant(work, c.values, other_event, prefix="merge_")
    if keep == other:
        raise InvalidError(f"merges participant {keep} into itself")
    participants = work["participants"]
    keep_row = participants[participants["participant_id"] == keep].iloc[0]
    other_row = participants[participants["participant_id"] == other].iloc[0]
    if keep_row["kind"] != other_row["kind"]:
        raise InvalidError(f"cannot merge {other_row['name']} ({other_row['kind']}) into {keep_row['name']} "
                      f"({keep_row['kind']})")
    links = work["event_participants"]
    events = sorted(set(links.loc[links["participant_id"] == other, "event_id"]))
    work["event_participants"] = _combine(links, "participant_id", other, keep, LINK_KEYS)
    mentions = work["mentions"]
    mentions.loc[(mentions["ref_type"] == "participant") & (mentions["ref_id"] == other), "ref_id"] = keep
    keep_mask = participants["participant_id"] == keep
    for column in ("short_name", "affiliation"):
        if pd.isna(keep_row[column]) and not pd.isna(other_row[column]):
            participants.loc[keep_mask, column] = other_row[column]
    work["participants"] = participants[participants["participant_id"] != other]
    work.mark("participants", work["participants"]["participant_id"] == keep, c)
    links = work["event_participants"]
    work.mark("event_participants", (links["participant_id"] == keep) & links["event_id"].isin(events), c)
    return f"participant {other} ({other_row['name']}) merged into {keep} ({keep_row['name']})"


def rename_participant(work: Work, c: Correction) -> str:
    pid = find_participant(work, c.values, optional_event(work, c.values))
    participants = work["participants"]
    mask = participants["participant_id"] == pid
    changes = {k: c.values[k] for k in ("new_name", "short_name") if k in c.values}
    claims = [(("participant", pid, k), v) for k, v in changes.items()]
    for key, value in claims:
        work.claim(key, value, c)
    if "new_name" in changes:
        participants.loc[mask, "name"] = changes["new_name"]
    if "short_name" in changes:
        participants.loc[mask, "short_name"] = changes["short_name"]
    work.commit(claims, c)
    work.mark("participants", mask, c)
    return f"participant {pid}: " + ", ".join(f"{k.replace('new_', '')} = {v}" for k, v in changes.items())


def set_affiliation(work: Work, c: Correction) -> str:
    pid = find_participant(work, c.values, optional_event(work, c.values))
    participants = work["participants"]
    mask = participants["participant_id"] == pid
    claim = (("participant", pid, "affiliation"), c.values["affiliation"])
    work.claim(*claim, c)
    participants.loc[mask, "affiliation"] = c.values["affiliation"]
    work.commit([claim], c)
    work.mark("participants", mask, c)
    return f"participant {pid}: affiliation = {c.values['affiliation']}"


def _link_change(column: str) -> Callable[[Work, Correction], str]:
    def change(work: Work, c: Correction) -> str:
        event_id = find_event(work, c.values)
        pid = find_participant(work, c.values, event_id)
        mask = link_row(work, event_id, pid)
        claim = ((column, event_id, pid), c.values[column])
        work.claim(*claim, c)
        work["event_participants"].loc[mask, column] = c.values[column]
        work.commit([claim], c)
        work.mark("event_participants", mask, c, "confidence")
        return f"{pid} at event {event_id}: {column} = {c.values[column]}"
    return change


def remove_participant(work: Work, c: Correction) -> str:
    event_id = find_event(work, c.values)
    pid = find_participant(work, c.values, event_id)
    mask = link_row(work, event_id, pid)
    claim = (("member", event_id, pid), False)
    work.claim(*claim, c)
    work["event_participants"] = work["event_participants"][~mask]
    docs = event_docs(work, event_id)
    mentions = work["mentions"]
    work["mentions"] = mentions[~((mentions["ref_type"] == "participant") & (mentions["ref_id"] == pid)
                                  & mentions["doc_id"].isin(docs))]
    if not (work["event_participants"]["participant_id"] == pid).any():
        participants = work["participants"]
        work["participants"] = participants[participants["participant_id"] != pid]
    work.commit([claim], c)
    return f"{pid} removed from event {event_id}"


def add_participant(work: Work, c: Correction) -> str:
    event_id = find_event(work, c.values)
    participants = work["participants"]
    if "participant" in c.values:
        pid = find_participant(work, c.values, None)
    else:
        same = participants[(participants["kind"] == c.values["kind"])
                            & ((participants["name"].map(fold) == fold(c.values["name"]))
                               | (participants["short_name"].map(fold) == fold(c.values["name"])))]
        if len(same):
            pid = str(same["participant_id"].iloc[0])
        else:
            pid = new_participant_id(c.values["kind"], c.values["name"], set(participants["participant_id"]))
            row = {"participant_id": pid, "name": c.values["name"], "kind": c.values["kind"],
                   "short_name": c.values.get("short_name"), "affiliation": c.values.get("affiliation")}
            work["participants"] = pd.concat([participants, pd.DataFrame([row])], ignore_index=True)
            work.mark("participants", work["participants"]["participant_id"] == pid, c)
    links = work["event_participants"]
    if ((links["event_id"] == event_id) & (links["participant_id"] == pid)).any():
        raise StaleError(f"{pid} is already an actor of event {event_id} (found by the build); "
                    "use set_role or set_involvement to change it")
    claim = (("member", event_id, pid), True)
    work.claim(*claim, c)
    doc = _entry_doc(work, c, event_id)
    sentence = c.get("sentence")
    row = {"event_id": event_id, "participant_id": pid, "role": c.get("role"),
           "involvement": c.get("involvement", TOOK_PART), "mentions": 1 if sentence else 0,
           "evidence": sentence, "doc_id": doc, "confidence": 1.0}
    work["event_participants"] = pd.concat([links, pd.DataFrame([row])], ignore_index=True)
    name = c.get("name") or str(work["participants"].set_index("participant_id").loc[pid, "name"])
    _add_mention(work, doc, "participant", pid, sentence, name)
    links = work["event_participants"]
    work.mark("event_participants", (links["event_id"] == event_id) & (links["participant_id"] == pid), c)
    work.commit([claim], c)
    return f"{pid} ({name}) added to event {event_id}"


def new_participant_id(kind: str, name: str, taken: set[str]) -> str:
    """The ID the build gives a person of this name ("p-" and a hash of the name), unique among `taken`."""
    key = f"{kind}:" + " ".join(re.findall(r"[a-z]+", fold(name)))
    candidate = f"p-{content_id(key, length=12)}"
    number = 1
    while candidate in taken:
        number += 1
        candidate = f"p-{content_id(key, str(number), length=12)}"
    return candidate


def _entry_doc(work: Work, c: Correction, event_id: str) -> str:
    """The report an added fact stands in: the entry's report, else the event's first."""
    if c.get("report") is not None or c.get("doc_id") is not None:
        return find_doc(work, c.get("report"), c.get("doc_id"))
    return event_docs(work, event_id)[0]


def _add_mention(work: Work, doc: str, ref_type: str, ref_id: str, sentence: str | None, name: str | None) -> None:
    """Provenance for an added fact: the name in the sentence where the report's text holds both."""
    if not sentence:
        return
    documents = work["documents"]
    text = documents.loc[documents["doc_id"] == doc, "text"]
    text = text.iloc[0] if len(text) and isinstance(text.iloc[0], str) else ""
    at = text.find(sentence)
    if at < 0:
        return
    start, end = at, at + len(sentence)
    if name and sentence.find(name) >= 0:
        start = at + sentence.find(name)
        end = start + len(name)
    row = {"doc_id": doc, "ref_type": ref_type, "ref_id": ref_id, "start": start, "end": end,
           "text": text[start:end]}
    work["mentions"] = pd.concat([work["mentions"], pd.DataFrame([row])], ignore_index=True)


# --- themes ------------------------------------------------------------------------------------------------


def add_theme(work: Work, c: Correction) -> str:
    event_id = find_event(work, c.values)
    theme = c.values["theme"]
    if not (work["themes"]["theme_id"] == theme).any():
        raise InvalidError(f"unknown theme {theme!r} (see the themes table)")
    rows = work["event_themes"]
    if ((rows["event_id"] == event_id) & (rows["theme_id"] == theme)).any():
        raise StaleError(f"{theme} is already a theme of event {event_id} (found by the build)")
    claim = (("theme", event_id, theme), True)
    work.claim(*claim, c)
    doc = _entry_doc(work, c, event_id)
    sentence = c.get("sentence")
    row = {"event_id": event_id, "theme_id": theme, "mentions": 1 if sentence else 0,
           "score": float(c.get("score", 1.0)), "evidence": sentence, "doc_id": doc}
    work["event_themes"] = pd.concat([rows, pd.DataFrame([row])], ignore_index=True)
    _add_mention(work, doc, "theme", theme, sentence, None)
    rows = work["event_themes"]
    work.mark("event_themes", (rows["event_id"] == event_id) & (rows["theme_id"] == theme), c)
    work.commit([claim], c)
    return f"theme {theme} added to event {event_id}"


def remove_theme(work: Work, c: Correction) -> str:
    event_id = find_event(work, c.values)
    theme = c.values["theme"]
    rows = work["event_themes"]
    mask = (rows["event_id"] == event_id) & (rows["theme_id"] == theme)
    if not mask.any():
        raise StaleError(f"{theme} is not a theme of event {event_id}")
    claim = (("theme", event_id, theme), False)
    work.claim(*claim, c)
    work["event_themes"] = rows[~mask]
    mentions = work["mentions"]
    work["mentions"] = mentions[~((mentions["ref_type"] == "theme") & (mentions["ref_id"] == theme)
                                  & mentions["doc_id"].isin(event_docs(work, event_id)))]
    work.commit([claim], c)
    return f"theme {theme} removed from event {event_id}"


OPERATIONS: dict[str, Callable[[Work, Correction], str]] = {
    "set_event": set_event, "merge_events": merge_events, "split_report": split_report,
    "merge_participants": merge_participants, "rename_participant": rename_participant,
    "set_affiliation": set_affiliation, "set_role": _link_change("role"),
    "set_involvement": _link_change("involvement"), "remove_participant": remove_participant,
    "add_participant": add_participant, "add_theme": add_theme, "remove_theme": remove_theme,
}
