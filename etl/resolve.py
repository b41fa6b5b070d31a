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


def group_events(extractions: list[Extraction]) -> list[EventGroup]:
    """Merge reports of the same event: same date (±1 day), compatible type and place, shared actors."""
    ordered = sorted(extractions, key=lambda e: e.report.doc_id)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Only reports whose dates meet can describe one event: sweep them in date order, comparing each
    # with the reports still "open" (ending at most MAX_DAYS_APART before it starts), not with all.
    dated = sorted((i for i, e in enumerate(ordered) if e.date is not None),
                   key=lambda i: (ordered[i].date.start, i))
    open_items: list[int] = []
    for i in dated:
        start = ordered[i].date.start
        open_items = [j for j in open_items
                      if ((ordered[j].date.end or ordered[j].date.start) - start).days >= -MAX_DAYS_APART]
        for j in open_items:
            if same_event(ordered[j], ordered[i]):
                parent[root(i)] = root(j)
        open_items.append(i)
    # A report that gives no date joins the dated event it shares place, type and people or title with.
    for i in (i for i, e in enumerate(ordered) if e.date is None):
        match = next((j for j in dated if _undated_joins(ordered[i], ordered[j])), None)
        if match is not None:
            parent[root(i)] = root(match)
    groups: dict[int, EventGroup] = {}
    for i, extraction in enumerate(ordered):
        groups.setdefault(root(i), EventGroup()).members.append(extraction)
    return list(groups.values())


def same_event(left: Extraction, right: Extraction) -> bool:
    if left.date is None or right.date is None:
        return False
    if not _dates_meet(left.date.start, left.date.end, right.date.start, right.date.end):
        return False
    if "other" not in (left.event_type, right.event_type) and left.event_type != right.event_type:
        return False
    left_place, right_place = left.place, right.place
    if left_place and right_place:
        if left_place.country and right_place.country and left_place.country != right_place.country:
            return False
    same_city = bool(left_place and right_place and left_place.city and left_place.city == right_place.city)
    same_country = bool(left_place and right_place and left_place.country
                        and left_place.country == right_place.country)
    shared_states = _keys(left, "state") & _keys(right, "state")
    shared_orgs = _keys(left, "organization") & _keys(right, "organization")
    shared_people = _surnames(left) & _surnames(right)
    if left.date.start == right.date.start and (same_city or same_country or shared_people):
        return True
    overlap = _title_overlap(left.title, right.title)
    evidence = sum([same_city or same_country, bool(shared_people), overlap >= MIN_TITLE_OVERLAP,
                    bool(shared_states) and bool(shared_orgs)])
    return evidence >= 2


def _undated_joins(undated: Extraction, dated: Extraction) -> bool:
    if not (undated.place and dated.place and undated.place.city and undated.place.city == dated.place.city):
        return False
    if "other" not in (undated.event_type, dated.event_type) and undated.event_type != dated.event_type:
        return False
    return bool(_surnames(undated) & _surnames(dated)) and _title_overlap(undated.title, dated.title) > 0 or (
        _title_overlap(undated.title, dated.title) >= MIN_TITLE_OVERLAP)


def _dates_meet(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    a_end = a_end or a_start
    b_end = b_end or b_start
    gap = max((b_start - a_end).days, (a_start - b_end).days, 0)
    return gap <= MAX_DAYS_APART


def _keys(extraction: Extraction, kind: str) -> set[str]:
    return {a.short_name or a.name for a in extraction.actors if a.kind == kind}


def _surnames(extraction: Extraction) -> set[str]:
    return {name_key(a.name).split()[-1] for a in extraction.actors if a.kind == "person" and a.name}


def _title_overlap(left: str, right: str) -> float:
    a = {w for w in re.findall(r"\w+", left.lower()) if w not in _STOP}
    b = {w for w in re.findall(r"\w+", right.lower()) if w not in _STOP}
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
                # Keep the fullest spelling as the canonical name ("Vladimir Norov" over "V. Norov").
                if _fullness(actor.name) > _fullness(person.name):
                    person.name = actor.name
                person.affiliation = person.affiliation or actor.affiliation
                return person
        person = Participant("", actor.name, "person", None, actor.affiliation)
        self._people.append(person)
        bucket.append(person)
        return person

    def finish(self) -> list[Participant]:
        """Fix person IDs from their final canonical names (after all spellings were seen)."""
        taken: set[str] = set()
        for person in self._people:
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
