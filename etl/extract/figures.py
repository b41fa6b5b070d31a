"""Find figures and what they count: "57 OSCE participating states", "some 305 short-term observers".

A figure is a cardinal number (digits, or words up to ninety-nine) followed by the noun phrase it
counts. Dates, years, times, ordinals, clause numbers ("resolution 2178") and numbers in URLs are not
figures. Percentages are kept with what="percent".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.extract.document import Document
from etl.model import Figure, Sentence, Span
from etl.text.calendar import MONTH_NUMBERS
from etl.text.sentences import sentence_at

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bn": 1e9}
# A month's name as a date writes it ("5 June", "Sept. 5"), and the misspelling "Sepember".
_MONTHS = (
    "(?:" + "|".join(sorted({form.capitalize() for form in (*MONTH_NUMBERS, "sepember")}, key=lambda f: (-len(f), f)))
    + r")\b\.?"
)

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[-\s](?:"
    + "|".join(list(_UNITS)[:9])
    + r"))?|"
    + "|".join(sorted(_UNITS, key=len, reverse=True))
    + ")"
)
_NUMBER = re.compile(
    r"(?<![\w.,/:\-$€£])"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:" + _WORD_NUMBER + r"))"
    r"(?P<scale>\s+(?:thousand|million|mln|billion|bn)\b)?"
    r"(?P<compound>-(?:strong|member|person|man|seat))?"
    r"(?![\w,]*\d)(?![\w\-])"
)
# Contexts that make a number a date, a time, a code or a clause number rather than a count.
_DATE_AFTER = re.compile(r"^(?:\s*(?:-|–|to|and)\s*\d{1,2})?\s+" + _MONTHS)
_DATE_BEFORE = re.compile(_MONTHS + r"\s*$")
_TIME_AFTER = re.compile(r"^(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hours\b|hrs\b|o'clock)", re.I)
_CODE_BEFORE = re.compile(
    r"(?:\b(?:resolution|resolutions|article|articles|paragraph|para|item|point|clause|section|chapter|rule|"
    r"decision|no|nos|number|page|pages|annex|pillar|room|tel|phone|fax|code|level|phase|stage|round|"
    r"protocol|law|decree|order|unit|grade|class|version|step|part|volume|vol|issue)\.?|[#№$€£])\s*$",
    re.I,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|both|its|their|his|her|our|all|every|each)\s+$", re.I)
_PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent\b|percent\b)")
_RANGE_AFTER = re.compile(r"^\s*(?:-|–)\s*\d")

_TOKEN = re.compile(r"[A-Za-z][\w'’\-]*|[^\sA-Za-z]")
# Words at which the phrase a number counts ends.
_STOP = set(
    "of in on at from to with by for per as into among across over under during since than about "
    "around after before between within through and or but nor the a an their its his her these those "
    "this that which who whom whose where when while is are was were be been being have has had will "
    "would can could shall should may might must did do does not also each so out up there here them "
    "they it he she we you i all both more less only already just still now then".split()
)
# Nouns that count things without ending in -s.
_PLURALS = {
    "people",
    "staff",
    "personnel",
    "police",
    "children",
    "women",
    "men",
    "media",
    "youth",
    "percent",
    "military",
    "clergy",
    "cattle",
    "aircraft",
}
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")
_MAX_WORDS = 7


def find_figures(document: Document) -> list[Figure]:
    """Every cardinal number that counts something, with the noun phrase it counts."""
    text, sentences, ignored = document.text, document.sentences, document.attribution_spans
    figures = []
    for match in _NUMBER.finditer(text):
        if any(s <= match.start() < e for s, e in ignored):
            continue
        figure = _figure(text, match, sentences)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(text: str, match: re.Match[str], sentences: Sequence[Sentence]) -> Figure | None:
    raw = match.group("number")
    is_word = raw[0].isalpha()
    value = _value(raw)
    if value is None:
        return None
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 40]
    if _DATE_AFTER.match(after) or _DATE_BEFORE.search(before) or _TIME_AFTER.match(after):
        return None
    if _CODE_BEFORE.search(before) or _RANGE_AFTER.match(after):
        return None
    if is_word and (value == 1 or _DETERMINER_BEFORE.search(before)):
        return None  # "one of", "the two organisations": words, not counts
    if (
        not is_word
        and "," not in raw
        and "." not in raw
        and 1900 <= value <= 2100
        and not match.group("scale")
    ):
        return None  # a year
    if match.group("scale"):
        value *= _SCALES[match.group("scale").strip().lower()]
    percent = _PERCENT_AFTER.match(after)
    if percent:
        what, end = "percent", match.end() + percent.end()
    else:
        found = _counted_phrase(text, match.end(), compound=bool(match.group("compound")))
        if found is None:
            return None
        what, end = found
    sentence = sentence_at(sentences, match.start())
    return Figure(
        value=value,
        what=what,
        span=Span(match.start(), end, text[match.start() : end]),
        evidence=sentence.text if sentence else "",
    )


def _value(raw: str) -> float | None:
    if raw[0].isdigit():
        return float(raw.replace(",", ""))
    words = re.split(r"[-\s]+", raw.lower())
    total = 0
    for word in words:
        if word in _TENS:
            total += _TENS[word]
        elif word in _UNITS:
            total += _UNITS[word]
        else:
            return None
    return float(total)


def _counted_phrase(text: str, position: int, compound: bool) -> tuple[str, int] | None:
    """The noun phrase after a number, up to its head noun: (phrase, end offset) or None."""
    line_end = text.find("\n", position)
    segment = text[position : line_end if line_end != -1 else len(text)]
    tokens: list[re.Match[str]] = []
    for token in _TOKEN.finditer(segment):
        word = token.group()
        if not word[0].isalpha():
            break
        lower = word.lower()
        if lower in {"for", "of", "and"} and tokens and tokens[-1].group()[0].isupper():
            nxt = _TOKEN.match(segment, token.end() + 1) if token.end() < len(segment) else None
            if nxt and nxt.group()[0].isupper():
                tokens.append(token)  # inside a name: "Partners for Cooperation"
                continue
        if lower in _STOP or _is_verb_like(lower, tokens):
            break
        tokens.append(token)
        if len(tokens) >= _MAX_WORDS:
            break
    while tokens and tokens[-1].group().lower() in {"for", "of", "and"}:
        tokens.pop()
    if not tokens:
        return None
    head = len(tokens) - 1
    if not compound:
        heads = [i for i, t in enumerate(tokens) if _is_plural(t.group())]
        if not heads:
            return None
        head = heads[-1]
    last = tokens[head]
    first = tokens[0]
    phrase = segment[first.start() : last.end()]
    return " ".join(phrase.split()), position + last.end()


def _is_plural(word: str) -> bool:
    lower = word.lower()
    if lower in _PLURALS:
        return True
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith(_NOT_PLURAL_ENDINGS)


def _is_verb_like(lower: str, tokens: list[re.Match[str]]) -> bool:
    # "631 represented 18 ...": a past form right after the number is a verb, not an adjective.
    return (
        not tokens
        and lower.endswith("ed")
        and lower
        not in {
            "accredited",
            "registered",
            "detained",
            "armed",
            "trained",
            "wanted",
            "elected",
            "invited",
            "selected",
            "deployed",
        }
    )
