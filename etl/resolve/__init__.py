"""Resolve across reports: one event per real event, one participant per real actor."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from etl.model import Actor, Extraction, content_id

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
            event_type=extraction.event_type,
            city=place.city if place else None,
            country=place.country if place else None,
            states=frozenset(a.short_name or a.name for a in actors if a.kind == "state"),
            orgs=frozenset(a.short_name or a.name for a in actors if a.kind == "organization"),
            surnames=frozenset(name_key(a.name).split()[-1] for a in actors
                               if a.kind == "person" and name_key(a.name)),
            title_words=frozenset(w for w in re.findall(r"\w+", extraction.title.lower()) if w not in _STOP),
        )


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
            if _same_event(facts[j], facts[i]):
                parent[root(i)] = root(j)
        open_items.append(i)
    # A report that gives no date joins the dated event it shares place, type and people or title with.
    for i in (i for i, f in enumerate(facts) if f.start is None):
        match = next((j for j in dated if _undated_joins(facts[i], facts[j])), None)
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
    if not _types_agree(left, right):
        return False
    if left.country and right.country and left.country != right.country:
        return False
    same_city = bool(left.city and left.city == right.city)
    same_country = bool(left.country and left.country == right.country)
    shared_people = bool(left.surnames & right.surnames)
    if left.start == right.start and (same_city or same_country or shared_people):
        return True
    evidence = sum([same_city or same_country, shared_people,
                    _overlap(left.title_words, right.title_words) >= MIN_TITLE_OVERLAP,
                    bool(left.states & right.states) and bool(left.orgs & right.orgs)])
    return evidence >= 2


def _undated_joins(undated: _Facts, dated: _Facts) -> bool:
    if not (undated.city and undated.city == dated.city) or not _types_agree(undated, dated):
        return False
    overlap = _overlap(undated.title_words, dated.title_words)
    return bool(undated.surnames & dated.surnames) and overlap > 0 or overlap >= MIN_TITLE_OVERLAP


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


# --- people -------------------------------------------------------------------------------------

_TRANSLIT = [(r"^ye", "e"), (r"yo", "e"), (r"iy$", "y"), (r"ii$", "y"), (r"kh", "h"), (r"ks", "x"),
             (r"ou", "u"), (r"(.)\1", r"\1"), (r"yev", "ev"), (r"j", "zh")]


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Lower-case ASCII words without punctuation: 'Yevgeny Sysoyev' and 'Yevgeny  Sysoyev.' agree."""
    return " ".join(re.findall(r"[a-z]+", unidecode(name).lower()))


@functools.lru_cache(maxsize=65536)
def _sound_key(word: str) -> str:
    """Collapse common transliteration variants of Russian and Central Asian names."""
    for pattern, replacement in _TRANSLIT:
        word = re.sub(pattern, replacement, word)
    return word


def same_person(left: str, right: str) -> bool:
    """'Vladimir Norov' = 'V. Norov' = 'Norov'; 'Evgeny Sysoev' = 'Yevgeny Sysoyev'."""
    a, b = name_key(left).split(), name_key(right).split()
    if not a or not b:
        return False
    if a == b or sorted(a) == sorted(b):
        return True
    surname_a, surname_b = _sound_key(a[-1]), _sound_key(b[-1])
    if surname_a != surname_b and Levenshtein.normalized_similarity(surname_a, surname_b) < 0.8:
        return False
    given_a, given_b = a[:-1], b[:-1]
    if not given_a or not given_b:
        return True
    first_a, first_b = _sound_key(given_a[0]), _sound_key(given_b[0])
    if len(given_a[0]) == 1 or len(given_b[0]) == 1:
        return first_a[0] == first_b[0]
    return first_a == first_b or Levenshtein.normalized_similarity(first_a, first_b) >= 0.8


@dataclass
class Participant:
    participant_id: str
    name: str
    kind: str
    short_name: str | None
    affiliation: str | None


class ParticipantRegistry:
    """Assigns one participant per real actor; IDs come from the canonical key, so they are stable."""

    def __init__(self) -> None:
        self._by_key: dict[str, Participant] = {}
        self._people: list[Participant] = []
        # People by the first letters of their surname's sound key: spellings of one surname share
        # them ("Sysoev", "Sysoyev"), so each new name is compared with a few people, not all.
        self._buckets: dict[str, list[Participant]] = {}
        # Every spelling met for a person, with how often: the canonical name is chosen from them at the end.
        self._spellings: dict[int, dict[str, int]] = {}

    def resolve(self, actor: Actor) -> Participant:
        if actor.kind != "person":
            key = f"{actor.kind}:{actor.short_name or name_key(actor.name)}"
            if key not in self._by_key:
                self._by_key[key] = Participant(f"{actor.kind[0]}-{content_id(key, length=12)}", actor.name,
                                                actor.kind, actor.short_name, None)
            return self._by_key[key]
        bucket = self._buckets.setdefault(_bucket(actor.name), [])
        for person in bucket:
            # The same full name is the same person, whatever body they spoke for that year; a looser
            # match ("V. Norov", "Yevgeny Sysoyev") must not contradict the affiliation.
            exact = name_key(person.name) == name_key(actor.name) and len(name_key(actor.name).split()) > 1
            if exact or (same_person(person.name, actor.name) and _compatible(person.affiliation, actor.affiliation)):
                person.affiliation = person.affiliation or actor.affiliation
                self._spellings[id(person)][actor.name] = self._spellings[id(person)].get(actor.name, 0) + 1
                return person
        person = Participant("", actor.name, "person", None, actor.affiliation)
        self._people.append(person)
        self._spellings[id(person)] = {actor.name: 1}
        bucket.append(person)
        return person

    def finish(self) -> list[Participant]:
        """Fix person IDs from their final canonical names (after all spellings were seen)."""
        taken: set[str] = set()
        for person in self._people:
            spellings = self._spellings[id(person)]
            # The fullest name ("Vladimir Norov" over "V. Norov" and "Norov"), then the most used spelling
            # ("Berdimuhamedov" in most reports), then the first met.
            order = list(spellings)
            person.name = max(order, key=lambda n: (_fullness(n)[0], spellings[n], -order.index(n)))
            key = "person:" + name_key(person.name)
            if key in taken:  # two people of one name, told apart by their affiliation
                key += f":{person.affiliation}"
            taken.add(key)
            person.participant_id = f"p-{content_id(key, length=12)}"
        return [*self._by_key.values(), *self._people]


def _bucket(name: str) -> str:
    words = name_key(name).split()
    return _sound_key(words[-1])[:2] if words else ""


def _compatible(left: str | None, right: str | None) -> bool:
    return left is None or right is None or left == right or {left, right} <= {"OSCE", "ODIHR", "OSCE PA"}


def _fullness(name: str) -> tuple[int, int]:
    words = name.split()
    full_words = sum(1 for w in words if len(w.rstrip(".")) > 1)
    return full_words, len(name)


def majority(values: list[str], ignore: tuple[str, ...] = ()) -> str | None:
    counted = Counter(v for v in values if v and v not in ignore)
    if not counted:
        return None
    return sorted(counted.items(), key=lambda kv: (-kv[1], values.index(kv[0])))[0][0]
