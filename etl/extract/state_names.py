"""Where a text names a state, as ISO 3166 alpha-3 codes, and look-ups of the state a phrase names.

We keep our own alias table (etl/knowledge/countries.yaml) because general-purpose lookups fail on
the names reports use: pycountry does not know "Russia" and fuzzy-matches "UK" to another country.
Every name, alias, adjective and known non-state phrase goes into one case-sensitive alternation,
longest first, so that "South Sudan" beats "Sudan" and "Indian Ocean" beats "Indian".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from etl.knowledge import load_knowledge_file
from etl.model import Span
from etl.text.calendar import MONTHS
from etl.text.spans import attribution_spans

KNOWLEDGE = "countries.yaml"

_DASHES = r"\-\u2010\u2011\u2012\u2013\u2014"
# A capitalised word right before or after an ambiguous name makes it part of a person's name.
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+) +$")
_CAPITALISED_AFTER = re.compile(r"^\s+[A-Z][a-z]+")
# Words that may stand capitalised before a state's name without being a given name.
_PRECEDERS = {
    "The",
    "In",
    "And",
    "Of",
    "From",
    "To",
    "With",
    "For",
    "By",
    "On",
    "At",
    "As",
    "Kingdom",
    "Republic",
    "Visit",
    "Minister",
    "President",
    "King",
    "Ambassador",
    "Embassy",
}


# The first three letters of each month: with the letters after them, every way of writing it.
_MONTH_STARTS = "|".join(name[:3].capitalize() for name in MONTHS)
# A wire's dateline names where the report was filed, not the event: "Baku, Azerbaijan, May 30".
_DATELINE = re.compile(
    r"^[^\S\n]*[A-Z][\w'.-]*(?:[^\S\n]+[A-Z][\w'.-]*)*,[^\S\n]+[A-Z][\w'. -]*?,[^\S\n]+(?:\d{1,2}[^\S\n]+)?"
    r"(?:" + _MONTH_STARTS + r")[a-z]*\.?(?:[^\S\n]+\d{1,2})?"
    r"(?:,?[^\S\n]+\d{4})?(?:[^\S\n]*\([^()\n]{1,30}\))?[^\S\n]*(?=[\u2013\u2014-]|$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class State:
    iso3: str
    name: str
    person_name: bool


@dataclass(frozen=True)
class _Knowledge:
    pattern: re.Pattern[str]
    by_alias: dict[str, State | None]  # None marks a phrase that is not a state


def _literal(text: str) -> str:
    out = []
    for char in text:
        if char.isspace():
            out.append(r"\s+")
        elif char in "'\u2019":
            out.append("['\u2019]")
        elif char in "-\u2010\u2011\u2012\u2013\u2014":
            out.append("[" + _DASHES + "]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _key(text: str) -> str:
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'"))
    return re.sub("[" + _DASHES + "]", "-", text)


@lru_cache(maxsize=1)
def _knowledge() -> _Knowledge:
    data = load_knowledge_file(KNOWLEDGE)
    by_alias: dict[str, State | None] = {}
    alternatives: list[tuple[int, str]] = []
    for item in data["states"]:
        state = State(item["iso3"], item["name"], bool(item.get("person_name")))
        for alias in [item["name"], *(item.get("aliases") or [])]:
            by_alias[_key(alias)] = state
            alternatives.append((len(alias), _literal(alias)))
        for adjective in item.get("adjectives") or []:
            by_alias[_key(adjective)] = state
            by_alias[_key(adjective) + "s"] = state
            alternatives.append((len(adjective), _literal(adjective) + "s?"))
    for phrase in data.get("not_states") or []:
        by_alias[_key(phrase)] = None
        alternatives.append((len(phrase), _literal(phrase)))
    alternatives.sort(key=lambda pair: -pair[0])
    body = "|".join(rx for _, rx in alternatives)
    # Whole words only; a trailing full stop belongs to abbreviations such as "U.S.".
    pattern = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])")
    return _Knowledge(pattern, by_alias)


def _is_person_name(text: str, start: int, end: int) -> bool:
    after = _CAPITALISED_AFTER.match(text[end : end + 30])
    if after:
        return True
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    # Even at the start of a sentence "Michael Jordan" is a person; "In Jordan" is a state.
    return before is not None and before.group(1) not in _PRECEDERS


def state_mentions(text: str, attribution: Sequence[tuple[int, int]] | None = None) -> list[tuple[State, Span]]:
    """Every mention of a state in text order, but for those in credits, URLs (`attribution`, found if not
    given) and a wire's dateline, and for a state's name that is part of a person's ("Michael Jordan")."""
    knowledge = _knowledge()
    if attribution is None:
        attribution = attribution_spans(text)
    ignored = [*attribution, *((m.start(), m.end()) for m in _DATELINE.finditer(text))]
    found = []
    for match in knowledge.pattern.finditer(text):
        state = knowledge.by_alias.get(_key(match.group()))
        if state is None or any(s <= match.start() < e for s, e in ignored):
            continue
        if state.person_name and _is_person_name(text, match.start(), match.end()):
            continue
        found.append((state, Span(match.start(), match.end(), match.group())))
    return found


def lookup_state(phrase: str) -> str | None:
    """The ISO alpha-3 code of the state a phrase names ("Russia", "Kyrgyz", "the UK"), if any."""
    found = state_mentions(phrase)
    return found[0][0].iso3 if found else None


def state_name(iso3: str) -> str | None:
    """The common English name for an ISO alpha-3 code."""
    for state in _knowledge().by_alias.values():
        if state is not None and state.iso3 == iso3:
            return state.name
    return None
