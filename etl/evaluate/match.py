"""When a predicted value counts as the gold one: names, roles, cities, organisations and states (gold.md)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from unidecode import unidecode

from etl.contract import LISTED_ORGS as CONTRACT_ORGS

LISTED_ORGS = frozenset(CONTRACT_ORGS)
_BY_LOWER = {name.lower(): name for name in LISTED_ORGS}
_ROLE_STOPWORDS = frozenset({"the", "of", "and"})
# Parts of listed short names ("OSCE PA", "SCO RATS") and acronyms written in lower case by some sources.
_KNOWN_ACRONYMS = frozenset(word.lower() for name in LISTED_ORGS for word in name.split()) | {"pa", "rats"}
# An acronym as written: capitals, maybe with single lower-case letters between them ("OSCE", "PACE", "CoE").
_ACRONYM = re.compile(r"[A-Z](?:[a-z]?[A-Z])+s?")
# Titles written like acronyms that name no organisation.
_TITLE_ACRONYMS = frozenset({"PM", "MP", "MPs", "CEO", "CIO"})
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", unidecode(text).lower())


def names_agree(predicted: str, gold: str) -> bool:
    """The same words, ignoring case, accents, punctuation and word order."""
    return sorted(_words(predicted)) == sorted(_words(gold))


def initials_agree(predicted: str, gold: str) -> bool:
    """The same surname (last word) and given names that start with the same letter ("V. Norov")."""
    p, g = _words(predicted), _words(gold)
    if len(p) < 2 or len(g) < 2 or p[-1] != g[-1]:
        return False
    return p[0][0] == g[0][0]


def persons_match(predicted: str, gold: str) -> bool:
    """gold.md's rule for persons: names agree, or surnames agree and given names share the first letter."""
    return names_agree(predicted, gold) or initials_agree(predicted, gold)


def _role_tokens(role: str) -> list[str]:
    """The role's words as written, without organisation acronyms."""
    shouting = role.upper() == role
    tokens = []
    for token in _WORD.findall(role):
        if not shouting and token not in _TITLE_ACRONYMS and all(
                _ACRONYM.fullmatch(part) for part in re.split(r"[-'’]", token)):
            continue
        tokens.append(token)
    return tokens


def role_forms(role: str | None) -> tuple[set[str], set[str]]:
    """A role's words two ways: hyphenated words split ("co", "ordinator") and joined ("coordinator").

    Case, accents, punctuation, "the", "of", "and" and organisation acronyms are ignored.
    """
    split: set[str] = set()
    joined: set[str] = set()
    for token in _role_tokens(role or ""):
        parts = [w for w in _words(token) if w not in _ROLE_STOPWORDS and w not in _KNOWN_ACRONYMS]
        split.update(parts)
        if parts:
            joined.add("".join(parts))
    return split, joined


def _stands_in(words: tuple[set[str], set[str]], other: tuple[set[str], set[str]]) -> bool:
    every_form = other[0] | other[1]
    return words[0] <= every_form or words[1] <= every_form


def roles_agree(predicted: str | None, gold: str | None) -> bool:
    """Right when the words of one role all stand in the other ("Foreign Minister", "Russian Foreign Minister").

    A missing predicted role is wrong wherever the gold has one; roles are not scored where the gold has none.
    """
    if not (predicted or "").strip():
        return not (gold or "").strip()
    p, g = role_forms(predicted), role_forms(gold)
    return _stands_in(p, g) or _stands_in(g, p)


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form of a city name; empty for none."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def listed_org(name: str) -> str | None:
    """The short name of tables.md a name is, ignoring case ("INTERPOL" is "Interpol"); None if unlisted."""
    return _BY_LOWER.get(name.strip().lower())


def listed_orgs(names: Iterable[str]) -> set[str]:
    """The listed short names among names; others are not scored."""
    return {found for found in map(listed_org, names) if found}


def state_code(name: str) -> str | None:
    """ISO alpha-3 of a state's plain English name."""
    from etl.extract.states import lookup_state

    return lookup_state(name)


def iso_countries(names: Iterable[str]) -> set[str]:
    """ISO codes of state names; a name that is no state stays as "?name", so it is scored as a miss."""
    return {state_code(name) or f"?{name}" for name in names}
