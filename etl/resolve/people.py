"""Resolve people and other actors across reports: one participant per real actor, with stable IDs."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from etl.model import content_id

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


class Nameable(Protocol):
    """What resolving an actor reads of it: an Actor, or what the tables keep of one."""

    @property
    def kind(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str | None: ...
    @property
    def affiliation(self) -> str | None: ...


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

    def resolve(self, actor: Nameable) -> Participant:
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
