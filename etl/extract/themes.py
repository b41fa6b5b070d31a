"""Assign themes from the editable taxonomy in etl/knowledge/themes.yaml, each with a score and evidence.

Organisation names are masked before matching: "Regional Anti-Terrorist Structure" or "Office for
Democratic Institutions and Human Rights" name a body, they do not show that terrorism or human
rights were discussed. The mask also lets patterns say `ORG` for "any organisation".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from etl.extract.document import Document
from etl.knowledge import load_knowledge_file
from etl.model import Sentence, Span, ThemeHit
from etl.text.sentences import sentence_at

KNOWLEDGE = "themes.yaml"

# Weight of one sentence's evidence: a pattern shows the theme, a hint only suggests it.
PATTERN_WEIGHT = 0.75
HINT_WEIGHT = 0.35
# Masked organisation mentions: a start mark then filler, so two adjacent mentions stay two.
_ORG_START, _ORG_FILL = "\ue000", "\ue001"
_ORG_REGEX = _ORG_START + _ORG_FILL + "*"


@dataclass(frozen=True)
class Theme:
    theme_id: str
    label: str
    parent_id: str | None
    description: str
    patterns: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    sentence_must_have: str | None = None
    not_patterns: tuple[str, ...] = field(default=())
    not_in_lists_of_states: bool = False
    in_context: tuple[str, ...] = ()  # patterns that count where the whole text has `context`
    context: str | None = None


@dataclass(frozen=True)
class _Compiled:
    theme: Theme
    patterns: re.Pattern[str] | None
    hints: re.Pattern[str] | None
    must_have: re.Pattern[str] | None
    not_: re.Pattern[str] | None
    in_context: re.Pattern[str] | None
    context: re.Pattern[str] | None


def _compile(fragments: tuple[str, ...] | list[str]) -> re.Pattern[str] | None:
    if not fragments:
        return None
    # Longest first, so that "drug trafficking" is one mention rather than "drug"; the word
    # boundaries stand outside the alternation so that the engine skips positions inside words.
    alternatives = sorted((_fragment(f) for f in fragments), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def _fragment(fragment: str) -> str:
    return fragment.replace(" ", r"\s+").replace("ORG", _ORG_REGEX)


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_knowledge_file(KNOWLEDGE)


def load_taxonomy() -> list[Theme]:
    """Every theme of the taxonomy file, groups included, in file order."""
    return list(_load_taxonomy())


@lru_cache(maxsize=1)
def _load_taxonomy() -> tuple[Theme, ...]:
    return tuple(
        Theme(
            theme_id=item["id"],
            label=item["label"],
            parent_id=item.get("parent"),
            description=" ".join(str(item.get("description", "")).split()),
            patterns=tuple(item.get("patterns") or ()),
            hints=tuple(item.get("hints") or ()),
            sentence_must_have=item.get("sentence_must_have"),
            not_patterns=tuple(item.get("not") or ()),
            not_in_lists_of_states=bool(item.get("not_in_lists_of_states")),
            in_context=tuple((item.get("in_context") or {}).get("patterns") or ()),
            context=(item.get("in_context") or {}).get("text_must_have"),
        )
        for item in _data()["themes"]
    )


def threshold() -> float:
    """The score from which a theme is assigned (set in the taxonomy file)."""
    return float(_data().get("threshold", 0.5))


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Compiled, ...]:
    out = []
    for theme in _load_taxonomy():
        if not theme.patterns and not theme.hints:
            continue  # a grouping theme
        must = re.compile(_fragment(theme.sentence_must_have), re.I) if theme.sentence_must_have else None
        context = re.compile(_fragment(theme.context), re.I) if theme.context else None
        out.append(
            _Compiled(
                theme, _compile(theme.patterns), _compile(theme.hints), must, _compile(theme.not_patterns),
                _compile(theme.in_context), context,
            )
        )
    return tuple(out)


def _masked(document: Document) -> str:
    """The text with organisation mentions overwritten and credits/URLs blanked, offsets unchanged."""
    chars = list(document.text)
    for start, end in document.organisation_spans:
        chars[start] = _ORG_START
        for i in range(start + 1, end):
            chars[i] = _ORG_FILL
    for start, end in document.attribution_spans:
        for i in range(start, end):
            chars[i] = " "
    return "".join(chars)


def find_themes(document: Document) -> list[ThemeHit]:
    """The themes a report discusses, strongest first; each with its mentions, score and evidence."""
    text, sentences = document.text, document.sentences
    masked = _masked(document)
    lists = _lists_of_states(text, document.state_spans)
    cutoff = threshold()
    hits = []
    for compiled in _compiled():
        hit = _score_theme(compiled, text, masked, sentences, lists if compiled.theme.not_in_lists_of_states else [])
        if hit is not None and hit.score >= cutoff:
            hits.append(hit)
    hits.sort(key=lambda h: (-h.score, h.theme_id))
    return hits


def _score_theme(compiled: _Compiled, text: str, masked: str, sentences: Sequence[Sentence],
                 lists: list[tuple[int, int]]) -> ThemeHit | None:
    excluded = [(m.start(), m.end()) for m in compiled.not_.finditer(masked)] if compiled.not_ else []
    excluded += lists
    # sentence start -> (weight, number of matches, sentence)
    per_sentence: dict[int, tuple[float, int, Sentence | None]] = {}
    mentions: list[Span] = []
    in_context = compiled.in_context if compiled.context and compiled.context.search(masked) else None
    for regex, weight in ((compiled.patterns, PATTERN_WEIGHT), (compiled.hints, HINT_WEIGHT),
                          (in_context, PATTERN_WEIGHT)):
        if regex is None:
            continue
        for match in regex.finditer(masked):
            start, end = match.start(), match.end()
            if any(s < end and start < e for s, e in excluded):
                continue
            sentence = sentence_at(sentences, start)
            if compiled.must_have is not None:
                scope = masked[sentence.start : sentence.end] if sentence else masked
                if not compiled.must_have.search(scope):
                    continue
            mentions.append(Span(start, end, text[start:end]))
            key = sentence.start if sentence else -1
            best, count, _ = per_sentence.get(key, (0.0, 0, sentence))
            per_sentence[key] = (max(best, weight), count + 1, sentence)
    if not per_sentence:
        return None
    remaining = 1.0
    for weight, _, _ in per_sentence.values():
        remaining *= 1.0 - weight
    # The evidence is the sentence with the strongest and most signals, the earliest on a tie.
    _, _, best_sentence = max(per_sentence.values(), key=lambda v: (v[0], v[1], -(v[2].start if v[2] else 0)))
    mentions.sort(key=lambda s: s.start)
    return ThemeHit(
        theme_id=compiled.theme.theme_id,
        mentions=tuple(_dedupe(mentions)),
        score=round(1.0 - remaining, 3),
        evidence=best_sentence.text if best_sentence else "",
    )


# Between two items of a list of states: a comma or "and", and at most a few words ("Russia, the Central
# Asian countries, Afghanistan and others"), on one line.
_LIST_JOINER = re.compile(r",|\band\b|\bas well as\b|&", re.I)
_LIST_GAP_WORDS = 4
# A run of this many states or more is a list: a state named in it is one of many, not the subject.
_LIST_LENGTH = 3


def _in_one_list(gap: str) -> bool:
    return (_LIST_JOINER.search(gap) is not None and not re.search(r"[.;:!?\n()]", gap)
            and len(re.findall(r"[\w'\u2019-]+", gap)) <= _LIST_GAP_WORDS)


def _lists_of_states(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(start, end) of each state mention (`spans`, in text order) that stands in a list of states
    ("Kazakhstan, Afghanistan, China")."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for span in [*spans, None]:
        if span is not None and run and _in_one_list(text[run[-1][1] : span[0]]):
            run.append(span)
            continue
        if len(run) >= _LIST_LENGTH:
            out.extend(run)
        run = [span] if span is not None else []
    return out


def _dedupe(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue  # a hint inside a pattern's match adds nothing
        out.append(span)
    return out
