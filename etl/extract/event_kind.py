"""Classify a report's event: its type (meeting, conference, observation...) and format (video, in person...).

The phrases live in knowledge/event_types.yaml. The title says most about the type ("... addresses OSCE
Security Review Conference"), so a phrase there outweighs several in the body.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from etl.extract.document import Document
from etl.knowledge import load_knowledge_file
from etl.model import Place, Span

KNOWLEDGE = "event_types.yaml"

# How much a phrase counts where it stands, and how many phrases of one type count per place, so that a
# long body repeating "meeting" cannot outvote one phrase of the title (lead + body < one title hit).
_TITLE_WEIGHT, _LEAD_WEIGHT, _BODY_WEIGHT = 6.0, 2.0, 0.5
_TITLE_CAP, _LEAD_CAP, _BODY_CAP = 2, 2, 3
_LEAD_SENTENCES = 2


@dataclass(frozen=True)
class EventKind:
    event_type: str
    format: str
    type_evidence: Span | None = None
    format_evidence: Span | None = None


@dataclass(frozen=True)
class _Outrank:
    """A type that wins over others where one of its cues stands (event_types.yaml, `outranks`)."""

    winner: str
    beaten: frozenset[str]
    cues: re.Pattern[str]
    lead_only: bool  # only the title and the first sentences count
    unless: re.Pattern[str] | None  # cues in the title or lead that keep the scored type


@dataclass(frozen=True)
class _Knowledge:
    types: re.Pattern[str]  # one named group per type: t_<index>
    type_of_group: dict[str, str]
    type_order: tuple[str, ...]
    formats: re.Pattern[str]
    format_of_group: dict[str, str]
    outranks: tuple[_Outrank, ...]


def _pattern(phrases: list[str]) -> str:
    # "[A-Z]" in a phrase means a word written with a capital even though the whole match ignores case;
    # the whole word, so that the closing word boundary can hold ("held in [A-Z]" on "held in Almaty").
    alternatives = [p.replace("[A-Z]", r"(?-i:[A-Z])[\w-]*") for p in phrases]
    return r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)"


@functools.lru_cache(maxsize=1)
def load_knowledge() -> _Knowledge:
    data = load_knowledge_file(KNOWLEDGE)
    type_groups, type_of_group = [], {}
    for i, (name, phrases) in enumerate(data["event_types"].items()):
        type_groups.append(f"(?P<t_{i}>{_pattern(phrases)})")
        type_of_group[f"t_{i}"] = name
    format_groups, format_of_group = [], {}
    for i, (name, phrases) in enumerate(data["formats"].items()):
        format_groups.append(f"(?P<f_{i}>{_pattern(phrases)})")
        format_of_group[f"f_{i}"] = name
    # The longest alternatives first within one scan: "not_video" must win over "video" at the same spot.
    format_groups.sort(key=lambda g: 0 if format_of_group[g[4:g.index(">")]] == "not_video" else 1)
    return _Knowledge(
        types=re.compile("|".join(type_groups), re.IGNORECASE),
        type_of_group=type_of_group,
        type_order=tuple(data["event_types"]),
        formats=re.compile("|".join(format_groups), re.IGNORECASE),
        format_of_group=format_of_group,
        outranks=tuple(
            _Outrank(
                rule["type"], frozenset(rule["over"]), re.compile(_pattern(rule["cues"]), re.IGNORECASE),
                rule.get("in") == "lead",
                re.compile(_pattern(rule["unless"]), re.IGNORECASE) if rule.get("unless") else None,
            )
            for rule in data.get("outranks") or ()
        ),
    )


def classify_event(document: Document, place: Place | None) -> EventKind:
    """The event's type and format, each with the span of text that decided it (None if from the title).

    `place` is the place step's answer (None: no place found).
    """
    knowledge = load_knowledge()
    event_type, type_evidence = _event_type(knowledge, document)
    event_format, format_evidence = _event_format(knowledge, document.text, event_type)
    if event_format == "unknown":
        # A report that says where the event took place ("held in Almaty") describes people in a room.
        if place is not None and place.city is not None:
            event_format, format_evidence = "in-person", place.evidence
    return EventKind(event_type, event_format, type_evidence, format_evidence)


def _hits(pattern: re.Pattern[str], names: dict[str, str], text: str, start: int = 0, end: int | None = None):
    for match in pattern.finditer(text, start, len(text) if end is None else end):
        yield names[match.lastgroup or ""], match


def _event_type(knowledge: _Knowledge, document: Document) -> tuple[str, Span | None]:
    title, text = document.title, document.text
    scores: dict[str, float] = {}
    evidence: dict[str, Span] = {}
    title_counts: dict[str, int] = {}
    for name, _ in _hits(knowledge.types, knowledge.type_of_group, title):
        title_counts[name] = title_counts.get(name, 0) + 1
    for name, count in title_counts.items():
        scores[name] = _TITLE_WEIGHT * min(count, _TITLE_CAP)

    # The title is often repeated as the first line of the body: it must not count twice.
    body = document.sentences_without_title
    lead = body[:_LEAD_SENTENCES]
    lead_end = lead[-1].end if lead else 0
    lead_start = body[0].start if body else 0
    counts: dict[tuple[str, str], int] = {}
    for name, match in _hits(knowledge.types, knowledge.type_of_group, text, lead_start):
        where = "lead" if match.start() < lead_end else "body"
        counts[(name, where)] = counts.get((name, where), 0) + 1
        evidence.setdefault(name, Span(match.start(), match.end(), match.group()))
    for (name, where), count in counts.items():
        weight, cap = (_LEAD_WEIGHT, _LEAD_CAP) if where == "lead" else (_BODY_WEIGHT, _BODY_CAP)
        scores[name] = scores.get(name, 0.0) + weight * min(count, cap)
    if not scores:
        return "other", None
    order = {name: i for i, name in enumerate(knowledge.type_order)}
    best = max(scores, key=lambda name: (scores[name], -order[name]))
    for rule in knowledge.outranks:
        if best not in rule.beaten:
            continue
        if rule.unless is not None and (rule.unless.search(title) or rule.unless.search(text, lead_start, lead_end)):
            continue
        cue = rule.cues.search(text, lead_start, lead_end if rule.lead_only else len(text))
        if cue is not None:
            return rule.winner, Span(cue.start(), cue.end(), cue.group())
        if rule.cues.search(title):
            return rule.winner, None
    return best, evidence.get(best)


def _event_format(knowledge: _Knowledge, text: str, event_type: str) -> tuple[str, Span | None]:
    found: dict[str, Span] = {}
    for name, match in _hits(knowledge.formats, knowledge.format_of_group, text):
        found.setdefault(name, Span(match.start(), match.end(), match.group()))
    if "hybrid" in found:
        return "hybrid", found["hybrid"]
    if "video" in found and "in-person" in found:
        return "hybrid", found["video"]
    if "video" in found:
        return "video", found["video"]
    if "in-person" in found:
        return "in-person", found["in-person"]
    if event_type == "observation":
        return "in-person", None  # observers watch the vote on the ground
    return "unknown", None
