"""How sure the tables are of each fact, worked out from the tables themselves (evidence sentences, the
reports' text and publication dates, mentions, scores), with the reasons a person should look.

`add_confidence` fills events.date_confidence, events.merge_confidence and event_participants.confidence;
event_themes.score is the themes' own. The same functions give the reasons the review queue prints."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow.compute as pc

from etl.contract import TOOK_PART
from etl.text.days import LEAD_CHARS, WrittenDay, as_dates, days_in, written_days

if TYPE_CHECKING:
    from etl.output.tables import Tables

# Words just before a name that show a rule, not the name tagger alone, found the person.
_HONORIFIC = re.compile(r"(?:\b(?:mr|mrs|ms|dr|prof|h\.?e|ambassador|president|minister|secretary|general|"
                        r"chairman|chairperson|chair|head|director|deputy|representative|envoy|commissioner|"
                        r"coordinator|co-ordinator|senator|colonel|major|judge|professor|sheikh|king|prince)"
                        r"\.?\s+|,\s*)$", re.IGNORECASE)
# Words that announce an event to come: its date may well be after the report's.
_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|to be held|to meet|scheduled|upcoming|is due|plans? to|"
                     r"intends? to|next (?:week|month))\b", re.IGNORECASE)
_SALUTATION = re.compile(r"^\W*(?:dear|distinguished|excellenc(?:y|ies))\b", re.IGNORECASE)
_BYLINE = re.compile(r"^\W*(?:by|written by|author:?|photo:?|photo by)\s", re.IGNORECASE)
NO_DATE = 0.5
CLOSE_DAYS = 14


def _as_date(value: object) -> dt.date | None:
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return value if isinstance(value, dt.date) else pd.Timestamp(value).date()


class Context:
    """The tables indexed once for the per-fact rules. Read from Arrow where a table has that form: the
    reports' texts and the mentions are the largest tables, and only a few of their columns are needed."""

    def __init__(self, tables: Tables, lead_days: Mapping[str, list[WrittenDay]] | None = None) -> None:
        documents = tables.arrow("documents")
        doc_ids = documents["doc_id"].to_pylist()
        # The days each report's lead names (other dates near the chosen one are looked for there): as the
        # build found them when it extracted the report, else found in the text now.
        if lead_days is None:
            leads = pc.utf8_slice_codeunits(documents["text"], 0, LEAD_CHARS).to_pylist()
            lead_days = {doc: written_days(lead or "") for doc, lead in zip(doc_ids, leads, strict=True)}
        self.lead_days = lead_days
        self.title = dict(zip(doc_ids, documents["title"].to_pylist(), strict=True))
        self.file = dict(zip(doc_ids, documents["file"].to_pylist(), strict=True))
        self.published = dict(zip(doc_ids, documents["published"].to_pylist(), strict=True))
        self.docs: dict[str, list[str]] = defaultdict(list)
        sources = tables.arrow("event_sources")
        for event_id, doc_id in zip(sources["event_id"].to_pylist(), sources["doc_id"].to_pylist(), strict=True):
            self.docs[event_id].append(doc_id)
        mentions = tables.arrow("mentions").select(["doc_id", "ref_type", "ref_id", "text"])
        participant = pc.equal(mentions["ref_type"], "participant")
        # Each report's participants, gathered by Arrow: a large archive has hundreds of thousands of mentions.
        actors = (mentions.filter(participant).select(["doc_id", "ref_id"]).group_by("doc_id")
                  .aggregate([("ref_id", "distinct", pc.CountOptions(mode="all"))]))
        self.actors_of: dict[str, set[str]] = defaultdict(set, zip(
            actors["doc_id"].to_pylist(), map(set, actors["ref_id_distinct"].to_pylist()), strict=True))
        dates = mentions.filter(pc.equal(mentions["ref_type"], "date"))
        self.date_spans: dict[tuple[str, str], list[str]] = defaultdict(list)
        for doc_id, ref_id, text in zip(dates["doc_id"].to_pylist(), dates["ref_id"].to_pylist(),
                                        dates["text"].to_pylist(), strict=True):
            self.date_spans[(ref_id, doc_id)].append(text)


def date_confidence(event: dict, context: Context) -> tuple[float, list[str]]:
    """How sure the event's date is, and why not more."""
    start, end = _as_date(event.get("start_date")), _as_date(event.get("end_date"))
    if start is None:
        return NO_DATE, ["no date found (right where the report fixes none)"]
    score, reasons = 1.0, []
    precision = event.get("date_precision")
    if precision == "month":
        score -= 0.3
        reasons.append("only the month is known")
    elif precision == "year":
        score -= 0.5
        reasons.append("only the year is known")
    evidence = event.get("date_evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        score -= 0.25
        reasons.append("no sentence states the date (taken from the title or publication date)")
    docs = context.docs.get(event["event_id"], [])
    published = [p for p in (context.published.get(d) for d in docs) if p is not None]
    announced = isinstance(evidence, str) and bool(_FUTURE.search(evidence))
    if published and start > max(published) + dt.timedelta(days=1) and not announced:
        score -= 0.3
        reasons.append(f"after the report was published ({max(published).isoformat()})")
    elif published and (min(published) - start).days > 60:
        score -= 0.15
        reasons.append(f"{(min(published) - start).days} days before the report was published")
    rivals: dict[dt.date, str] = {}
    given: set[dt.date] = set()
    # The days of each report's lead and of the sentence that states the date, wherever that sentence is.
    stated = days_in(evidence, start.year) if isinstance(evidence, str) else []
    for doc in docs:
        for day, words in [*as_dates(context.lead_days.get(doc, []), start.year), *stated]:
            if start <= day <= (end or start):
                continue
            if abs((day - start).days) <= CLOSE_DAYS:
                rivals.setdefault(day, words)
        for span in context.date_spans.get((event["event_id"], doc), []):
            given.update(day for day, _ in days_in(span, start.year))
    if rivals:
        score -= 0.25
        shown = ", ".join(f"'{words}'" for _, words in sorted(rivals.items())[:3])
        reasons.append(f"chosen among close candidates: the report also gives {shown}")
    if len(given) > 1:
        score -= 0.2
        reasons.append("the reports date it differently: " + ", ".join(d.isoformat() for d in sorted(given)))
    return _clip(score), reasons


_TITLE_STOP = {"the", "of", "and", "in", "on", "a", "an", "for", "to", "at", "with", "by", "from", "sco", "osce"}


def _words(text: object) -> frozenset[str]:
    return _title_words(str(text or ""))


@functools.lru_cache(maxsize=4096)
def _title_words(text: str) -> frozenset[str]:
    # Remembered: in a large archive many reports of one event carry the same title.
    return frozenset(w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _TITLE_STOP)


def merge_confidence(event: dict, context: Context) -> tuple[float | None, list[str]]:
    """For an event of several reports: how far they agree on actors, title words and publication dates."""
    docs = sorted(context.docs.get(event["event_id"], []))
    if len(docs) < 2:
        return None, []
    actor_sets = [context.actors_of.get(d, set()) for d in docs]
    shared = set.intersection(*actor_sets)
    smallest = min(len(s) for s in actor_sets) or 1
    actors = len(shared) / smallest
    title_sets = [_words(context.title.get(d)) for d in docs]
    common_words = frozenset.intersection(*title_sets)
    titles = len(common_words) / (min(len(s) for s in title_sets) or 1)
    score = 0.35 + 0.4 * actors + 0.25 * titles
    reasons = []
    if actors < 0.5:
        reasons.append(f"the reports share {len(shared)} of {smallest} actors")
    if titles < 0.25:
        reasons.append("their titles share " + (f"only '{' '.join(sorted(common_words))}'" if common_words
                                                else "no word"))
    published = sorted(p for p in (context.published.get(d) for d in docs) if p is not None)
    if len(published) > 1 and (published[-1] - published[0]).days > 30:
        score -= 0.2
        reasons.append(f"published {(published[-1] - published[0]).days} days apart")
    if not reasons:
        reasons.append(f"the reports share {len(shared)} of {smallest} actors; their titles share "
                       f"{len(common_words)} words")
    return _clip(score), reasons


def participant_confidence(link: dict, actor: dict) -> tuple[float, list[str]]:
    """How sure an actor of an event is (right actor, right role), and why not more."""
    kind, name = actor.get("kind"), str(actor.get("name") or "")
    evidence = link.get("evidence") if isinstance(link.get("evidence"), str) else ""
    mentions = link.get("mentions")
    once = mentions is not None and not pd.isna(mentions) and int(mentions) <= 1
    score, reasons = 0.95, []
    took_part = link.get("involvement") == TOOK_PART
    if kind == "person":
        score = 0.9
        role = link.get("role")
        if _BYLINE.search(evidence):
            score -= 0.4
            reasons.append("named in a byline or credit: the report's author, no actor")
        elif _SALUTATION.search(evidence):
            score -= 0.3
            reasons.append("named only in a salutation ('Dear ...'): addressed, perhaps not present")
        if took_part and (not isinstance(role, str) or not role.strip()):
            score -= 0.2
            reasons.append("no role found")
            if not _has_cue(evidence, name):
                score -= 0.15
                reasons.append("found by the name tagger alone: no title or role next to the name")
        if len(name.split()) < 2:
            score -= 0.2
            reasons.append("a single name")
        surname = name.split()[-1] if name.split() else ""
        if surname and surname.lower() not in evidence.lower():
            score -= 0.1
            reasons.append("the sentence does not name them as spelled here")
    if once:
        score -= 0.05
        reasons.append("mentioned once")
    return _clip(score), reasons


def _has_cue(evidence: str, name: str) -> bool:
    words = name.split()
    if not words:
        return False
    for word in (words[0], words[-1]):
        at = evidence.find(word)
        if at >= 0 and _HONORIFIC.search(evidence[max(0, at - 40):at]):
            return True
    return False


def _clip(score: float) -> float:
    return round(min(1.0, max(0.0, score)), 2)


def records_of(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[dict]:
    """The rows of a few columns as dicts, missing values as None (quicker than to_dict on many rows)."""
    lists = [[None if _missing(v) else v for v in frame[c].tolist()] if c in frame else [None] * len(frame)
             for c in columns]
    return [dict(zip(columns, values, strict=True)) for values in zip(*lists, strict=True)]


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def add_confidence(tables: Tables, lead_days: Mapping[str, list[WrittenDay]] | None = None) -> Tables:
    """The tables with events.date_confidence, events.merge_confidence and event_participants.confidence.
    `lead_days`: the days of each report's lead by doc_id, when the build found them already."""
    context = Context(tables, lead_days)
    events = tables["events"].copy()
    records = records_of(events, ("event_id", "start_date", "end_date", "date_precision", "date_evidence"))
    events["date_confidence"] = pd.array([date_confidence(e, context)[0] for e in records], dtype="Float64")
    events["merge_confidence"] = pd.array([merge_confidence(e, context)[0] for e in records], dtype="Float64")
    links = tables["event_participants"].copy()
    participants = tables["participants"]
    actor_rows = {row["participant_id"]: row for row in records_of(participants, ("participant_id", "name", "kind"))}
    links["confidence"] = pd.array(
        [participant_confidence(link, actor_rows.get(link["participant_id"], {}))[0]
         for link in records_of(links, ("participant_id", "role", "involvement", "mentions", "evidence"))],
        dtype="Float64")
    return tables.replace({"events": events, "event_participants": links})
