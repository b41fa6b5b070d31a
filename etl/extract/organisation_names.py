"""Where a text names an organisation: the names and acronyms of etl/knowledge/organisations.yaml, with the
short names of tables.md, and look-ups of the organisation a phrase names.

All names and acronyms go into one compiled alternation, longest first, so that "UN Office on Drugs and
Crime" wins over "UN" at the same place. The organisation step decides which of the mentions found here
took part; the person step asks which organisation a role's phrase names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.knowledge import load_knowledge_file
from etl.model import Span

KNOWLEDGE = "organisations.yaml"

_DASH = "-\u2010\u2011\u2012\u2013\u2014"
_DASHES = r"\-\u2010\u2011\u2012\u2013\u2014"  # the same, for a character class
# Spelling variants that reports use interchangeably; each maps a lower-case word stem to a regex.
_VARIANTS = [
    (re.compile(r"co-?operation", re.I), "co[" + _DASHES + r"\s]?operation"),
    (re.compile(r"co-?ordinat", re.I), "co[" + _DASHES + r"\s]?ordinat"),
    # a name that ends in "Organization" is also written in the plural by mistake
    (re.compile(r"organi[sz]ation$", re.I), "organi[sz]ations?"),
    (re.compile(r"organi[sz]ation", re.I), "organi[sz]ation"),
    (re.compile(r"programme|program", re.I), "program(?:me)?"),
    (re.compile(r"centre|center", re.I), "cent(?:re|er)"),
    (re.compile(r"defen[cs]e", re.I), "defen[cs]e"),
    (re.compile(r"inter-?parliamentary", re.I), "inter[" + _DASHES + r"\s]?parliamentary"),
    (re.compile(r"anti-?terrorist", re.I), "anti[" + _DASHES + r"\s]?terrorist(?:ic)?"),  # "Anti-Terroristic"
    (re.compile(r"anti-?terroris", re.I), "anti[" + _DASHES + r"\s]?terroris"),
]


@dataclass(frozen=True)
class _Entry:
    short_name: str  # the organisation a match counts for
    name: str  # its canonical full name
    also: str | None  # a further organisation counted when its name is spelled out inside the match


@dataclass(frozen=True)
class OrganisationNames:
    """The compiled names of the knowledge file."""

    names_pattern: re.Pattern[str]  # spelled-out names, any case
    acronyms_pattern: re.Pattern[str]  # acronyms, case as written
    by_key: dict[str, _Entry]
    names: dict[str, str]  # short name -> canonical name
    own_patterns: dict[str, re.Pattern[str]]  # short name -> its own names and acronyms only
    part_of: dict[str, str]  # a body that tables.md lists -> its organisation


def _name_regex(name: str) -> str:
    """A spelled-out name as a regex tolerant of spelling variants, hyphens and spacing."""
    parts: list[str] = []
    pos = 0
    variants = [(m.start(), m.end(), rx) for vr, rx in _VARIANTS for m in vr.finditer(name)]
    variants.sort(key=lambda v: (v[0], -v[1]))  # the longest of the variants found at one place
    for start, end, rx in variants:
        if start < pos:
            continue
        parts.append(_literal(name[pos:start]))
        parts.append(rx)
        pos = end
    parts.append(_literal(name[pos:]))
    return "".join(parts)


def _literal(text: str) -> str:
    out = []
    for char in text:
        if char in _DASH:
            out.append("[" + _DASHES + r"\s]?")
        elif char.isspace():
            out.append(r"\s+")
        elif char in "'\u2019":
            out.append("['\u2019]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _key(text: str) -> str:
    """The form under which a matched name is looked up: case, spacing and spelling removed."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[\s" + _DASHES + "]", "", text)
    for old, new in (
        ("organis", "organiz"),
        ("programme", "program"),
        ("centre", "center"),
        ("defence", "defense"),
        ("terroristic", "terrorist"),
    ):
        text = text.replace(old, new)
    return re.sub(r"organizations$", "organization", text)


def _alternation(alternatives: list[tuple[int, str]], flags: int = 0) -> re.Pattern[str]:
    # Longest first; the word boundaries stand outside so the engine skips positions inside words.
    alternatives.sort(key=lambda pair: -pair[0])
    return re.compile(r"(?<!\w)(?:" + "|".join(rx for _, rx in alternatives) + r")(?!\w)", flags)


@lru_cache(maxsize=1)
def organisation_names() -> OrganisationNames:
    """The knowledge file's organisations, compiled once."""
    data = load_knowledge_file(KNOWLEDGE)
    names: dict[str, str] = {}
    by_key: dict[str, _Entry] = {}
    name_alternatives: list[tuple[int, str]] = []
    acronym_alternatives: list[tuple[int, str]] = []
    own: dict[str, list[str]] = {}
    part_of: dict[str, str] = {}
    for item in data["organisations"]:
        if "short_name" in item:
            short, canonical = item["short_name"], item["name"]
            names[short] = canonical
            if "part_of" in item:
                part_of[short] = item["part_of"]
        else:
            short = item["parent"]
            canonical = names[short]  # parents are listed before their bodies
        entry = _Entry(short, canonical, item.get("counts_for"))
        for name in item.get("names") or []:
            by_key[_key(name)] = entry
            name_alternatives.append((len(name), _name_regex(name)))
            own.setdefault(short, []).append("(?i:" + _name_regex(name) + ")")
        for acronym in item.get("acronyms") or []:
            by_key["=" + acronym] = entry
            acronym_alternatives.append((len(acronym), _literal(acronym)))
            own.setdefault(short, []).append(_literal(acronym))
    own_patterns = {
        short: re.compile(r"(?<!\w)(?:" + "|".join(rxs) + r")(?!\w)") for short, rxs in own.items()
    }
    return OrganisationNames(
        _alternation(name_alternatives, re.IGNORECASE),
        _alternation(acronym_alternatives),
        by_key,
        names,
        own_patterns,
        part_of,
    )


def _entry_for(matched: str) -> _Entry | None:
    knowledge = organisation_names()
    return knowledge.by_key.get("=" + matched) or knowledge.by_key.get(_key(matched))


@lru_cache(maxsize=16)
def _outermost(text: str) -> tuple[tuple[int, int, str, _Entry], ...]:
    """Every outermost mention: where names and acronyms overlap, the earliest and then longest wins.

    Cached because the person step asks about the same phrases again and again.
    """
    knowledge = organisation_names()
    candidates = [
        (m.start(), m.end(), m.group())
        for regex in (knowledge.names_pattern, knowledge.acronyms_pattern)
        for m in regex.finditer(text)
    ]
    candidates.sort(key=lambda c: (c[0], -c[1]))
    out: list[tuple[int, int, str, _Entry]] = []
    taken_until = -1
    for start, end, matched in candidates:
        if start < taken_until:
            continue
        entry = _entry_for(matched)
        if entry is None:  # a spelling the key does not cover; keep going rather than guess
            continue
        out.append((start, end, matched, entry))
        taken_until = end
    return tuple(out)


def organisation_mentions(text: str) -> list[tuple[str, Span]]:
    """(short name, span) for every organisation mention, including organisations named inside."""
    knowledge = organisation_names()
    found: list[tuple[str, Span]] = []
    for start, end, matched, entry in _outermost(text):
        found.append((entry.short_name, Span(start, end, matched)))
        if entry.also:
            inner = knowledge.own_patterns[entry.also].search(matched)
            if inner:
                begin = start + inner.start()
                found.append((entry.also, Span(begin, begin + len(inner.group()), inner.group())))
    return found




def organisation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every organisation mention, outermost only (for masking names)."""
    return [(start, end) for start, end, _, _ in _outermost(text)]


@dataclass(frozen=True)
class NamedOrganisation:
    """An organisation a text names, with every mention of it there."""

    short_name: str
    name: str  # canonical full name
    mentions: tuple[Span, ...]  # in text order


def named_organisations(text: str, mentions: list[tuple[str, Span]] | None = None) -> list[NamedOrganisation]:
    """Each organisation a text names (from its `organisation_mentions`, if already found), in order of
    first mention."""
    spans: dict[str, list[Span]] = {}
    for short, span in organisation_mentions(text) if mentions is None else mentions:
        spans.setdefault(short, []).append(span)
    names = organisation_names().names
    return [NamedOrganisation(short, names[short], tuple(sorted(found, key=lambda s: s.start)))
            for short, found in spans.items()]


def organisation_short_names() -> set[str]:
    """Every short name the knowledge file can produce."""
    return set(organisation_names().names)


def lookup_organisation(phrase: str) -> str | None:
    """The short name of the organisation a phrase names ("the SCO Secretariat" -> "SCO"), if any.

    When a phrase names several (an "OSCE/ODIHR" mention counts for both), the one the phrase is
    primarily about, i.e. the first and longest match, wins.
    """
    found = _outermost(phrase)
    return found[0][3].short_name if found else None
