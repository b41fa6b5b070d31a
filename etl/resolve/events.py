"""Resolve events across reports: one event per real event, however many reports tell it."""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from unidecode import unidecode

from etl.knowledge import load_knowledge_file
from etl.model import Extraction
from etl.resolve.people import name_key

# Same-event reports may date the event a little differently (first round vs. deployment start).
MAX_DAYS_APART = 1
MIN_TITLE_OVERLAP = 0.25
_STOP = {"the", "of", "and", "in", "on", "a", "an", "for", "to", "at", "with", "sco", "osce", "by", "from"}


@dataclass
class EventGroup:
    """Reports that describe one real event."""

    members: list[Extraction] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return sorted(m.report.doc_id for m in self.members)


@dataclass(frozen=True)
class _Facts:
    """What event matching compares, worked out once per report (each is compared with several)."""

    start: date | None
    end: date | None
    published: date | None
    event_type: str
    city: str | None
    country: str | None
    states: frozenset[str]
    orgs: frozenset[str]
    surnames: frozenset[str]
    title_words: frozenset[str]

    @classmethod
    def of(cls, extraction: Extraction) -> _Facts:
        place = extraction.place
        actors = extraction.actors
        return cls(
            start=extraction.date.start if extraction.date else None,
            end=extraction.date.end if extraction.date else None,
            published=extraction.report.published,
            event_type=extraction.event_type,
            city=place.city if place else None,
            country=place.country if place else None,
            states=frozenset(a.short_name or a.name for a in actors if a.kind == "state"),
            orgs=frozenset(a.short_name or a.name for a in actors if a.kind == "organization"),
            surnames=frozenset(name_key(a.name).split()[-1] for a in actors
                               if a.kind == "person" and name_key(a.name)),
            title_words=title_words(extraction.title),
        )

    def excludes(self, other: _Facts) -> bool:
        """Titles that say different kinds of one thing ("presidential" and "parliamentary" elections)."""
        for group in _exclusive_groups():
            mine, theirs = self.title_words & group, other.title_words & group
            if mine and theirs and not mine & theirs:
                return True
        return False

    def names_city_of(self, other: _Facts) -> bool:
        """A title that names the other report's city ("Samarkand conference to bring together ...") places
        the event there, whatever dateline this report carries."""
        return bool(other.city) and title_words(other.city or "") <= self.title_words


@functools.cache
def _exclusive_groups() -> tuple[frozenset[str], ...]:
    groups = load_knowledge_file("resolution.yaml").get("exclusive_title_words") or []
    return tuple(frozenset(str(word).lower() for word in group) for group in groups)


@functools.lru_cache(maxsize=65536)  # city names come back in every comparison
def title_words(text: str) -> frozenset[str]:
    """Content words, folded so that "elections" and "election" agree."""
    words = re.findall(r"\w+", unidecode(text).lower())
    return frozenset(_fold_plural(w) for w in words if w not in _STOP)


def _fold_plural(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def group_events(extractions: list[Extraction]) -> list[EventGroup]:
    """Merge reports of the same event: same date (±1 day), compatible type and place, shared actors."""
    ordered = sorted(extractions, key=lambda e: e.report.doc_id)
    facts = [_Facts.of(e) for e in ordered]
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only reports whose dates meet can describe one event: sweep them in date order, comparing each
    # with the reports still "open" (ending at most MAX_DAYS_APART before it starts), not with all.
    dated = sorted((i for i, f in enumerate(facts) if f.start is not None), key=lambda i: (facts[i].start, i))
    open_items: list[int] = []
    for i in dated:
        start = facts[i].start
        open_items = [j for j in open_items if ((facts[j].end or facts[j].start) - start).days >= -MAX_DAYS_APART]
        for j in open_items:
            # Reports already in one event need no comparing: many reports of one day (a summit's
            # wires) would otherwise be compared pair by pair.
            if root(j) != root(i) and _same_event(facts[j], facts[i]):
                parent[root(i)] = root(j)
        open_items.append(i)
    # A report that gives no date joins the dated event it resembles most, if any resembles it enough.
    dated_starts = [facts[j].start for j in dated]
    for i in (i for i, f in enumerate(facts) if f.start is None):
        match = _best_dated_match(facts[i], facts, dated, dated_starts)
        if match is not None:
            parent[root(i)] = root(match)
    groups: dict[int, EventGroup] = {}
    for i, extraction in enumerate(ordered):
        groups.setdefault(root(i), EventGroup()).members.append(extraction)
    return list(groups.values())


def _same_event(left: _Facts, right: _Facts) -> bool:
    if left.start is None or right.start is None:
        return False
    if not _dates_meet(left.start, left.end, right.start, right.end):
        return False
    if not _kinds_agree(left, right):
        return False
    named, same_city, same_country = _places(left, right)
    if left.country and right.country and not same_country and not named:
        return False
    shared_people = bool(left.surnames & right.surnames)
    if left.start == right.start and (same_city or same_country or shared_people):
        return True
    evidence = sum([same_city or same_country, shared_people,
                    _overlap(left.title_words, right.title_words) >= MIN_TITLE_OVERLAP,
                    bool(left.states & right.states) and bool(left.orgs & right.orgs)])
    return evidence >= 2


# An undated report names its event only by what it tells. With a publication date it may join an event
# dated from a month before to three months after it, on agreeing places and enough resemblance (see
# _resemblance). Without one, nothing bounds the search (the same body observes an election in the same
# capital every few years), so it joins only an event in its own city whose title or people it shares.
MIN_RESEMBLANCE = 1.0
PUBLISHED_BEFORE_EVENT = timedelta(days=92)
PUBLISHED_AFTER_EVENT = timedelta(days=31)


def _best_dated_match(undated: _Facts, facts: list[_Facts], dated: list[int],
                      dated_starts: list[date]) -> int | None:
    if undated.published is None:
        joins = [j for j in dated if _undated_joins(undated, facts[j])]
        return max(joins, key=lambda j: _overlap(undated.title_words, facts[j].title_words), default=None)
    low = bisect.bisect_left(dated_starts, undated.published - PUBLISHED_AFTER_EVENT)
    high = bisect.bisect_right(dated_starts, undated.published + PUBLISHED_BEFORE_EVENT)
    best, best_score = None, MIN_RESEMBLANCE
    for j in dated[low:high]:
        score = _resemblance(undated, facts[j])
        if score > best_score or (best is None and score >= best_score):
            best, best_score = j, score
    return best


def _undated_joins(undated: _Facts, dated: _Facts) -> bool:
    if not (undated.city and undated.city == dated.city) or not _kinds_agree(undated, dated):
        return False
    overlap = _overlap(undated.title_words, dated.title_words)
    return bool(undated.surnames & dated.surnames) and overlap > 0 or overlap >= MIN_TITLE_OVERLAP


def _resemblance(undated: _Facts, dated: _Facts) -> float:
    """0 where type or place disagree; otherwise one point each for title words, shared people and shared
    actors, and half a point for the same city."""
    if not _kinds_agree(undated, dated):
        return 0.0
    named, same_city, same_country = _places(undated, dated)
    if undated.city and dated.city and undated.city != dated.city and not named:
        return 0.0
    if not (same_city or same_country):
        return 0.0
    title = _overlap(undated.title_words, dated.title_words)
    people = bool(undated.surnames & dated.surnames) and title > 0
    actors = _overlap(undated.orgs, dated.orgs) >= 0.5 and bool(undated.states & dated.states) and title > 0
    return (title >= MIN_TITLE_OVERLAP) + people + actors + 0.5 * same_city


def _kinds_agree(left: _Facts, right: _Facts) -> bool:
    """Types that agree, and titles that do not name different kinds of one thing."""
    return _types_agree(left, right) and not left.excludes(right)


def _places(left: _Facts, right: _Facts) -> tuple[bool, bool, bool]:
    """Whether a title names the other's city, whether they share a city (or a title names it), and a country."""
    named = left.names_city_of(right) or right.names_city_of(left)
    same_city = bool(left.city and left.city == right.city) or named
    same_country = bool(left.country and left.country == right.country)
    return named, same_city, same_country


def _types_agree(left: _Facts, right: _Facts) -> bool:
    return "other" in (left.event_type, right.event_type) or left.event_type == right.event_type


def _dates_meet(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    a_end = a_end or a_start
    b_end = b_end or b_start
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    return gap <= MAX_DAYS_APART


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def majority(values: list[str], ignore: tuple[str, ...] = ()) -> str | None:
    counted = Counter(v for v in values if v and v not in ignore)
    if not counted:
        return None
    return sorted(counted.items(), key=lambda kv: (-kv[1], values.index(kv[0])))[0][0]
