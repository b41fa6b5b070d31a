"""Plain data types passed between the pipeline steps."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple


@dataclass(frozen=True)
class Report:
    """One report as read from disk, with its body text normalised.

    `file` is relative to the reports folder with `/` separators; a line of a JSON Lines feed is
    `feeds/name.jsonl#N` (N counted from 1).
    """

    file: str
    title: str
    text: str
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str | None = None
    format: str = "txt"
    notes: tuple[str, ...] = ()

    @cached_property
    def doc_id(self) -> str:
        return content_id(self.title, self.text)


class Known(NamedTuple):
    """A report as a build keeps it for the next one: what telling it apart and finding its work takes,
    without its text. (A tuple: thousands are kept and read back at every build.)"""

    file: str
    doc_id: str
    url: str | None
    source: str | None
    published: date | None
    format: str

    @classmethod
    def of(cls, report: Report | Known) -> Known:
        if isinstance(report, Known):
            return report
        return cls(report.file, report.doc_id, report.url, report.source, report.published, report.format)


@dataclass(frozen=True)
class Skipped:
    """A file (or feed line) that could not be read, and why."""

    file: str
    reason: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of a report body; `start`/`end` are offsets into the body text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Span:
    """A piece of the body text that supports an extracted fact."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EventDate:
    start: date
    end: date | None
    precision: str  # "day", "month" or "year"
    evidence: Span | None = None
    sentence: str = ""


@dataclass(frozen=True)
class Place:
    city: str | None
    country: str | None  # ISO 3166 alpha-3
    evidence: Span | None = None
    sentence: str = ""


@dataclass(frozen=True)
class Actor:
    """An organisation, state or person found in one report, with all its mentions there."""

    kind: str  # "person", "organization" or "state"
    name: str  # canonical full name
    short_name: str | None = None
    affiliation: str | None = None
    role: str | None = None
    involvement: str = "took-part"  # or "mentioned": named only, see contract.INVOLVEMENTS
    mentions: tuple[Span, ...] = ()
    evidence: str = ""  # sentence of the first mention


@dataclass(frozen=True)
class ThemeHit:
    theme_id: str
    mentions: tuple[Span, ...]
    score: float
    evidence: str


@dataclass(frozen=True)
class Figure:
    value: float
    what: str
    span: Span
    evidence: str


@dataclass
class Extraction:
    """Everything the extraction steps found in one report."""

    report: Report
    date: EventDate | None = None
    event_type: str = "other"
    format: str = "unknown"
    place: Place | None = None
    actors: list[Actor] = field(default_factory=list)
    themes: list[ThemeHit] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    title: str = ""


def content_id(*parts: str, length: int = 16) -> str:
    """A stable ID from content: the same text gives the same ID on every machine."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]
