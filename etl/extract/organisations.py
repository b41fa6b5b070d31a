"""Find the organisations a report names, with the short names of tables.md.

The knowledge is in etl/knowledge/organisations.yaml. All names and acronyms go into one compiled
alternation, longest first, so that "UN Office on Drugs and Crime" wins over "UN" at the same place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.knowledge import load_knowledge_file
from etl.model import Actor, Sentence, Span
from etl.text.sentences import sentence_at

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
class _Passing:
    """The contexts of a mention in passing (organisations.yaml, `in_passing`)."""

    before: re.Pattern[str]  # ends right before a run of mentions
    after: re.Pattern[str]  # starts right after a run
    list_intro: re.Pattern[str]  # "organisations, including" right before a run
    other_noun: re.Pattern[str]  # "other ... organisations, including" right before a run
    relations: re.Pattern[str]
    describes_previous: re.Pattern[str]  # the whole gap between a mention and one that describes it
    describes_next: re.Pattern[str]  # the whole gap between a mention and the one it describes
    describes_its_body: re.Pattern[str]  # the whole gap between an organisation and its listed body
    background: re.Pattern[str]
    took_part: re.Pattern[str]


@dataclass(frozen=True)
class _Knowledge:
    names_pattern: re.Pattern[str]  # spelled-out names, any case
    acronyms_pattern: re.Pattern[str]  # acronyms, case as written
    by_key: dict[str, _Entry]
    names: dict[str, str]  # short name -> canonical name
    own_patterns: dict[str, re.Pattern[str]]  # short name -> its own names and acronyms only
    passing: _Passing
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
def _knowledge() -> _Knowledge:
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
    return _Knowledge(
        _alternation(name_alternatives, re.IGNORECASE),
        _alternation(acronym_alternatives),
        by_key,
        names,
        own_patterns,
        _passing_knowledge(data["in_passing"]),
        part_of,
    )


def _spaced(rx: str) -> str:
    return rx.replace(" ", r"\s+")


def _passing_knowledge(data: dict) -> _Passing:
    def any_of(items: list[str]) -> str:
        return "(?:" + "|".join(_spaced(i) for i in items) + ")"

    nouns, intro = _spaced(data["list_nouns"]), _spaced(data["list_introducers"])
    list_tail = nouns + r"\W*\s*" + intro + r"\s*:?\s*(?:the\s+)?$"
    return _Passing(
        before=re.compile(r"(?<!\w)" + any_of(data["before"]) + r"\s+(?:the\s+)?$", re.I),
        after=re.compile(r"^\s*" + any_of(data["after"]), re.I),
        list_intro=re.compile(r"(?<!\w)" + list_tail, re.I),
        other_noun=re.compile(r"(?<!\w)other\s+(?:[\w-]+\s+){0,3}?" + list_tail, re.I),
        relations=re.compile(r"(?<!\w)" + _spaced(data["relations"]) + r"(?!\w)", re.I),
        describes_previous=re.compile(r"\s*" + _spaced(data["describes_previous"]) + r"\s*", re.I),
        describes_next=re.compile(r"\s*" + _spaced(data["describes_next"]) + r"\s*", re.I),
        describes_its_body=re.compile(r"\s*" + _spaced(data["describes_its_body"]) + r"\s*(?:the\s+)?", re.I),
        background=re.compile(r"(?<!\w)" + any_of(data["background"]) + r"(?!\w)", re.I),
        took_part=re.compile(r"(?<!\w)" + _spaced(data["took_part"]) + r"(?!\w)", re.I),
    )


def _entry_for(matched: str) -> _Entry | None:
    knowledge = _knowledge()
    return knowledge.by_key.get("=" + matched) or knowledge.by_key.get(_key(matched))


@lru_cache(maxsize=16)
def _scan(text: str) -> tuple[tuple[int, int, str, _Entry], ...]:
    """Every outermost mention: where names and acronyms overlap, the earliest and then longest wins.

    Cached because the theme step masks the same mentions in the same text right after.
    """
    knowledge = _knowledge()
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


def _matches(text: str) -> list[tuple[str, Span]]:
    """(short name, span) for every organisation mention, including organisations named inside."""
    knowledge = _knowledge()
    found: list[tuple[str, Span]] = []
    for start, end, matched, entry in _scan(text):
        found.append((entry.short_name, Span(start, end, matched)))
        if entry.also:
            inner = knowledge.own_patterns[entry.also].search(matched)
            if inner:
                begin = start + inner.start()
                found.append((entry.also, Span(begin, begin + len(inner.group()), inner.group())))
    return found


# What may stand between two mentions of one run ("ASEAN, the CSTO and the CIS", "OSCE/ODIHR and the SCO").
_RUN_GAP = re.compile(r"(?:[\s,;/&]|\b(?:and|or|the)\b)*", re.I)
# An acronym in brackets right after a name: "the Collective Security Treaty Organization (CSTO)".
_BRACKET_GAP = re.compile(r"\s*\(\s*")
_JOINER = re.compile(r"\b(?:and|or)\b|[/&]", re.I)


def find_organisations(text: str, sentences: list[Sentence], title: str = "") -> list[Actor]:
    """One Actor per organisation named in the text, in order of first mention.

    An organisation whose every mention is in passing (see `in_passing` in the knowledge file) gets
    involvement "mentioned"; the others took part. A mention in the title ("OSCE, SCO and CIS send
    observers") counts for involvement too, but only organisations the text names are returned.
    """
    knowledge = _knowledge()
    matches = _matches(text)
    passing = _in_passing(text, sentences, matches)
    spans: dict[str, list[Span]] = {}
    title_matches = _matches(title)
    title_passing = _in_passing(title, [Sentence(0, len(title), title)], title_matches)
    took_part = {short for (short, _), in_passing in zip(title_matches, title_passing, strict=True)
                 if not in_passing}
    for (short, span), in_passing in zip(matches, passing, strict=True):
        spans.setdefault(short, []).append(span)
        if not in_passing:
            took_part.add(short)
    actors = []
    for short, mentions in spans.items():
        mentions.sort(key=lambda s: s.start)
        first = sentence_at(sentences, mentions[0].start)
        actors.append(
            Actor(
                kind="organization",
                name=knowledge.names[short],
                short_name=short,
                involvement="took-part" if short in took_part else "mentioned",
                mentions=tuple(mentions),
                evidence=first.text if first else "",
            )
        )
    return actors


def _runs(text: str, spans: list[Span], members: list[int]) -> list[list[int]]:
    """The mentions of one sentence grouped into runs: lists ("ASEAN, the CSTO and the CIS"), a name with
    its acronym in brackets, a mention with those inside it. Mentions joined by commas alone are no list
    ("Unlike NATO, the SCO ...")."""
    runs: list[list[int]] = []
    joined: list[bool] = []  # whether a run holds an "and", "or", "/" or "&" between its mentions
    for i in members:
        if runs:
            last = spans[runs[-1][-1]]
            gap = text[last.end : spans[i].start]
            if _together(text, spans, runs[-1][-1], i):
                runs[-1].append(i)
                continue
            if _RUN_GAP.fullmatch(gap):
                runs[-1].append(i)
                joined[-1] = joined[-1] or _JOINER.search(gap) is not None
                continue
        runs.append([i])
        joined.append(False)
    out: list[list[int]] = []
    for run, has_joiner in zip(runs, joined, strict=True):
        if has_joiner:
            out.append(run)
            continue
        for i in run:  # split at the commas, keeping names with their bracketed acronyms and inner mentions
            if out and out[-1][-1] in run and _together(text, spans, out[-1][-1], i):
                out[-1].append(i)
            else:
                out.append([i])
    return out


def _in_passing(text: str, sentences: list[Sentence], matches: list[tuple[str, Span]]) -> list[bool]:
    """For each mention (in text order), whether it names its organisation only in passing."""
    knowledge = _knowledge()
    rules = knowledge.passing
    spans = [span for _, span in matches]
    result = [False] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    for here, following in zip(order, order[1:], strict=False):
        gap = text[spans[here].end : spans[following].start]
        (short, _), (next_short, _) = matches[here], matches[following]
        if rules.describes_next.fullmatch(gap) or (
            knowledge.part_of.get(next_short) == short and rules.describes_its_body.fullmatch(gap)
        ):
            result[here] = True  # "the OSCE's ODIHR", "OSCE · Office for Democratic Institutions ..."
    by_sentence: dict[int, list[int]] = {}
    for i in order:
        sentence = sentence_at(sentences, spans[i].start)
        by_sentence.setdefault(sentence.start if sentence else -1, []).append(i)
    for members in by_sentence.values():
        sentence = sentence_at(sentences, spans[members[0]].start)
        start, end = (sentence.start, sentence.end) if sentence else (0, len(text))
        said = text[start:end]
        took_part = rules.took_part.search(said) is not None
        if not took_part and rules.background.search(said):
            for i in members:
                result[i] = True
            continue
        previous_end: int | None = None
        for run in _runs(text, spans, members):
            first, last = spans[run[0]], spans[max(run, key=lambda j: spans[j].end)]
            before, after = text[start : first.start], text[last.end : end]
            passing: list[int] = []
            if rules.before.search(before):
                passing = run
            elif rules.after.match(after):
                # In a sentence of taking part the phrase speaks of the last mention only.
                passing = _tail(text, spans, run) if took_part else run
            elif rules.list_intro.search(before) and not took_part and (
                rules.other_noun.search(before) or rules.relations.search(before)
            ):
                passing = run
            elif previous_end is not None and rules.describes_previous.fullmatch(text[previous_end : first.start]):
                passing = _head(text, spans, run)  # only the mention right after describes the previous one
            for j in passing:
                result[j] = True
            previous_end = last.end
    return result


def _together(text: str, spans: list[Span], left: int, right: int) -> bool:
    """Whether two mentions are one: one inside the other, or a name and its acronym in brackets."""
    return spans[right].start < spans[left].end or _BRACKET_GAP.fullmatch(
        text[spans[left].end : spans[right].start]) is not None


def _head(text: str, spans: list[Span], run: list[int]) -> list[int]:
    head = [run[0]]
    for j in run[1:]:
        if not _together(text, spans, head[-1], j):
            break
        head.append(j)
    return head


def _tail(text: str, spans: list[Span], run: list[int]) -> list[int]:
    tail = [run[-1]]
    for j in reversed(run[:-1]):
        if not _together(text, spans, j, tail[0]):
            break
        tail.insert(0, j)
    return tail


def organisation_short_names() -> set[str]:
    """Every short name the knowledge file can produce."""
    return set(_knowledge().names)


def lookup_organisation(phrase: str) -> str | None:
    """The short name of the organisation a phrase names ("the SCO Secretariat" -> "SCO"), if any.

    When a phrase names several (an "OSCE/ODIHR" mention counts for both), the one the phrase is
    primarily about, i.e. the first and longest match, wins.
    """
    found = _scan(phrase)
    return found[0][3].short_name if found else None


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every organisation mention, outermost only (for masking names in other steps)."""
    return [(start, end) for start, end, _, _ in _scan(text)]
