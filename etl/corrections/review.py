"""The review queue: the facts of the tables most worth a person's look first, least certain first, each with
the sentence it rests on, why it is uncertain, and a corrections entry ready to edit and paste."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from etl.contract import SCHEMA, TOOK_PART
from etl.corrections.confidence import Context, date_confidence, merge_confidence, participant_confidence

if TYPE_CHECKING:
    from etl.output.tables import Tables

THEME_SCORE_BELOW = 0.6
PARTICIPANT_BELOW = 0.9
MERGE_BELOW = 0.75
APART_BELOW = 0.6
_KIND_ORDER = {"date": 0, "merge": 1, "apart": 2, "participant": 3, "theme": 4}


@dataclass(frozen=True)
class Item:
    """One fact to check."""

    confidence: float
    kind: str  # date, merge, participant or theme
    what: str
    event_id: str
    report: str | None
    sentence: str | None
    reasons: tuple[str, ...]
    entry: tuple[tuple[str, object], ...]  # the corrections entry, key by key
    alternatives: tuple[str, ...] = ()

    def sort_key(self) -> tuple:
        return (self.confidence, _KIND_ORDER[self.kind], self.event_id, self.what)


def _present(value: object) -> bool:
    return value is not None and not (not isinstance(value, str | list | tuple) and pd.isna(value))


def _uncorrected(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[frame["correction_id"].isna()] if "correction_id" in frame else frame


def review_queue(tables: Tables) -> list[Item]:
    """Every fact below its threshold that no correction has touched, least certain first."""
    context = Context(tables)
    items: list[Item] = []
    for event in _uncorrected(tables["events"]).to_dict("records"):
        items += _event_items(event, context)
    items += _apart_items(tables, context)
    items += _participant_items(tables, context)
    items += _theme_items(tables, context)
    return sorted(items, key=Item.sort_key)


def _first_file(context: Context, event_id: str) -> str | None:
    docs = sorted(context.docs.get(event_id, []), key=lambda d: str(context.file.get(d)))
    return str(context.file[docs[0]]) if docs else None


def _event_ref(context: Context, event_id: str) -> list[tuple[str, object]]:
    """An event named by its first report: a report outlives the event's ID, which holds the event's date and
    its first report's doc_id and so changes when the build dates or merges it differently."""
    report = _first_file(context, event_id)
    return [("report", report)] if report is not None else [("event", event_id)]


def _iso(value: object) -> str | None:
    return value.isoformat() if _present(value) and hasattr(value, "isoformat") else None


def _event_items(event: dict, context: Context) -> list[Item]:
    items = []
    event_id = event["event_id"]
    score, reasons = date_confidence(event, context)
    if reasons:
        entry = [("op", "set_event"), *_event_ref(context, event_id),
                 ("start_date", _iso(event.get("start_date")) or "YYYY-MM-DD"),
                 ("end_date", _iso(event.get("end_date"))),
                 ("date_precision", event.get("date_precision") if _present(event.get("date_precision")) else "day"),
                 ("note", "")]
        items.append(Item(score, "date", f"date of {event_id}: {_iso(event.get('start_date')) or 'none'}",
                          event_id, _first_file(context, event_id),
                          event.get("date_evidence") if _present(event.get("date_evidence")) else None,
                          tuple(reasons), tuple(entry)))
    merged, why = merge_confidence(event, context)
    if merged is not None and merged < MERGE_BELOW:
        docs = sorted(context.docs[event_id], key=lambda d: str(context.file.get(d)))
        titles = " / ".join(f"{context.file.get(d)}: {context.title.get(d)}" for d in docs)
        entry = [("op", "split_report"), ("report", str(context.file.get(docs[-1]))), ("note", "")]
        items.append(Item(merged, "merge", f"{len(docs)} reports merged into {event_id}", event_id,
                          str(context.file.get(docs[0])), titles, tuple(why or ["weak agreement"]), tuple(entry),
                          ("or keep them together: no entry",)))
    return items


def _apart_items(tables: Tables, context: Context) -> list[Item]:
    """Events kept apart that may be one: sharing at least two actors and most of the smaller one's, in no two
    different cities, dated (or published) within a day of each other or undated. Pairs are found through
    the actors that few events share, so the search stays quick on many events."""
    events = {e["event_id"]: e for e in _uncorrected(tables["events"]).to_dict("records")}
    links = tables["event_participants"]
    actors: dict[str, set[str]] = {}
    for event_id, participant_id in zip(links["event_id"], links["participant_id"], strict=True):
        actors.setdefault(event_id, set()).add(participant_id)
    for event in events.values():
        start = event.get("start_date")
        event["_day"] = start if _present(start) else min(
            (p for p in (context.published.get(d) for d in context.docs.get(event["event_id"], [])) if p),
            default=None)
    holders: dict[str, list[str]] = {}
    for event_id in sorted(events):
        for actor in actors.get(event_id, ()):
            holders.setdefault(actor, []).append(event_id)
    limit = max(20, len(events) // 50)
    items = []
    for event_id in sorted(events):
        shared = Counter(other for actor in actors.get(event_id, ()) for other in holders.get(actor, ())
                         if other > event_id and other in events and len(holders[actor]) <= limit)
        for other, count in sorted(shared.items()):
            if count >= 2:
                item = _apart_item(events[event_id], events[other], actors, context)
                if item is not None:
                    items.append(item)
    return items


def _apart_item(left: dict, right: dict, actors: dict[str, set[str]], context: Context) -> Item | None:
    cities = {c for c in (left.get("city_canonical"), right.get("city_canonical")) if _present(c)}
    days = [e["_day"] for e in (left, right) if e["_day"] is not None]
    if len(cities) > 1 or (len(days) == 2 and abs((days[0] - days[1]).days) > 1):
        return None
    mine, theirs = actors.get(left["event_id"], set()), actors.get(right["event_id"], set())
    shared = mine & theirs
    overlap = len(shared) / (min(len(mine), len(theirs)) or 1)
    dated = len(days) == 2
    # Without a date to compare, only actors nearly all shared, and several, say the same event.
    if (len(shared) < 2 or overlap < 0.5) if dated else (len(shared) < 4 or overlap < 0.85):
        return None
    score = 0.9 - 0.6 * overlap - (0.1 if dated and days[0] == days[1] else 0.0) + (0.0 if dated else 0.05)
    score = round(max(0.05, score), 2)
    if score >= APART_BELOW:
        return None
    keep, other = sorted((left, right), key=lambda e: (-int(e.get("n_sources") or 1), e["event_id"]))
    files = [str(context.file.get(d)) for e in (keep, other) for d in sorted(context.docs.get(e["event_id"], []))]
    when = "dated or published within a day" if len(days) == 2 else "not both dated"
    reasons = (f"kept apart, yet they share {len(shared)} of {min(len(mine), len(theirs))} actors, {when}",)
    titles = " / ".join(f"{e['event_id']}: {e.get('title')}" for e in (keep, other))
    merge = [(f"merge_{key}", value) for key, value in _event_ref(context, other["event_id"])]
    entry = [("op", "merge_events"), *_event_ref(context, keep["event_id"]), *merge, ("note", "")]
    return Item(score, "apart", f"{keep['event_id']} and {other['event_id']} kept apart", keep["event_id"],
                ", ".join(files), titles, reasons, tuple(entry), ("or, if they are two events: no entry",))


def _participant_items(tables: Tables, context: Context) -> list[Item]:
    items = []
    actors = tables["participants"].set_index("participant_id")[["name", "kind", "short_name"]].to_dict("index")
    links = _uncorrected(tables["event_participants"])
    for link in links.to_dict("records"):
        actor = actors.get(link["participant_id"], {})
        score, reasons = participant_confidence(link, actor)
        if score >= PARTICIPANT_BELOW or not reasons:
            continue
        doc = link.get("doc_id")
        report = str(context.file.get(doc)) if _present(doc) and doc in context.file else \
            _first_file(context, link["event_id"])
        name = str(actor.get("name") or link["participant_id"])
        role_missing = not _present(link.get("role")) and link.get("involvement") == TOOK_PART
        no_actor = any(word in reason for reason in reasons for word in ("byline", "salutation"))
        if role_missing and actor.get("kind") == "person" and not no_actor:
            entry = [("op", "set_role"), ("report", report), ("name", name), ("role", ""), ("note", "")]
            alternatives = (f"or, if {name} is no actor of this event: op: remove_participant",)
        else:
            entry = [("op", "remove_participant"), ("report", report), ("name", name), ("note", "")]
            alternatives = ("or, if right: op: set_role with the role as written (marks it checked)",) if role_missing \
                else ("or, if right: op: set_involvement with its involvement (marks it checked)",)
        items.append(Item(score, "participant", f"{actor.get('kind', 'actor')} {name} at {link['event_id']}"
                          + (f" ({link['role']})" if _present(link.get("role")) else ""),
                          link["event_id"], report, link.get("evidence") if _present(link.get("evidence")) else None,
                          tuple(reasons), tuple(entry), alternatives))
    return items


def _theme_items(tables: Tables, context: Context) -> list[Item]:
    items = []
    rows = _uncorrected(tables["event_themes"])
    for row in rows.to_dict("records"):
        score = float(row["score"]) if _present(row.get("score")) else 0.0
        if score >= THEME_SCORE_BELOW:
            continue
        mentions = row.get("mentions")
        reasons = [f"theme score {score:.2f}"] + (["mentioned once"] if _present(mentions) and mentions <= 1 else [])
        entry = [("op", "remove_theme"), *_event_ref(context, row["event_id"]), ("theme", row["theme_id"]),
                 ("note", "")]
        doc = row.get("doc_id")
        report = str(context.file.get(doc)) if _present(doc) and doc in context.file else None
        items.append(Item(round(score, 2), "theme", f"theme {row['theme_id']} of {row['event_id']}", row["event_id"],
                          report, row.get("evidence") if _present(row.get("evidence")) else None, tuple(reasons),
                          tuple(entry), ("or, if right: no entry",)))
    return items


_PLAIN = re.compile(r"[A-Za-z0-9][\w./ -]*")
_SPECIAL = {"null", "true", "false", "yes", "no", "on", "off", "~"}


def _yaml_value(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, str) and _PLAIN.fullmatch(value) and value.lower() not in _SPECIAL \
            and not value.endswith(" "):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def format_queue(items: list[Item], top: int) -> str:
    """The first `top` items as YAML: comments saying what and why, and an entry to edit (values as they are)."""
    lines = [f"# Review queue: the {min(top, len(items))} least certain facts of {len(items)} worth a look.",
             "# Check each against its sentence; edit the values of an entry that is wrong, add a note, and",
             "# copy it into data/corrections.yaml (docs/corrections.md). Entries left as they are change nothing.",
             ""]
    for number, item in enumerate(items[:top], start=1):
        lines.append(f"# {number}. {item.what}: confidence {item.confidence:.2f}")
        lines.append(f"#    why: {'; '.join(item.reasons)}")
        if item.report:
            lines.append(f"#    report: {item.report}")
        if item.sentence:
            sentence = " ".join(str(item.sentence).split())
            lines.append(f"#    sentence: \"{sentence[:400]}{'…' if len(sentence) > 400 else ''}\"")
        for alternative in item.alternatives:
            lines.append(f"#    {alternative}")
        for index, (key, value) in enumerate(item.entry):
            lines.append(f"{'- ' if index == 0 else '  '}{key}: {_yaml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def read_tables(folder: Path) -> Tables:
    """The tables of a build folder (Parquet, else CSV), as the build made them."""
    from etl.output.tables import Tables

    frames = {}
    for name in SCHEMA:
        parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
        if parquet.is_file():
            frames[name] = pd.read_parquet(parquet)
        elif csv.is_file():
            frames[name] = pd.read_csv(csv, dtype=str, keep_default_na=False).replace("", None)
        else:
            raise FileNotFoundError(f"{folder}: no {name} table (run `python -m etl build` first)")
        for column, kind in SCHEMA[name].items():
            if column not in frames[name]:
                frames[name][column] = None
            elif kind == "date":
                values = pd.to_datetime(frames[name][column], errors="coerce").dt.date
                frames[name][column] = values.astype("object").where(values.notna(), None)
            elif kind in ("integer", "number"):
                frames[name][column] = pd.to_numeric(frames[name][column], errors="coerce")
    return Tables(frames)
