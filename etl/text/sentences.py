"""Split a body text into sentences with their character offsets."""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.knowledge import load_knowledge_file
from etl.model import Sentence
from etl.text.calendar import MONTH_ABBREVIATIONS

# Words that end with a full stop without ending a sentence (knowledge/sentences.yaml), the months'
# ("Sept. 5") among them.
_ABBREVIATIONS = frozenset(
    {str(word).lower() for word in load_knowledge_file("sentences.yaml")["abbreviations"]} | set(MONTH_ABBREVIATIONS)
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’»)]*(?=\s+[\"'“‘«(]?[A-Z0-9А-Я])")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences never cross a line break; within a line they end at . ! ? before a capital."""
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        _split_line(line, offset, sentences)
        offset += len(line) + 1
    return sentences


def _split_line(line: str, offset: int, out: list[Sentence]) -> None:
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _ends_with_abbreviation(line[start : match.start() + 1]):
            continue
        _add(line, offset, start, match.end(), out)
        start = match.end()
    _add(line, offset, start, len(line), out)


def _ends_with_abbreviation(chunk: str) -> bool:
    if not chunk.endswith("."):
        return False
    word = re.search(r"([\w.]+)\.$", chunk)
    if not word:
        return False
    token = word.group(1)
    # A single capital letter is an initial ("H. Schmid", "Robert L. Barry").
    return token.lower() in _ABBREVIATIONS or (len(token) == 1 and token.isupper())


def _add(line: str, offset: int, start: int, end: int, out: list[Sentence]) -> None:
    chunk = line[start:end]
    stripped_left = len(chunk) - len(chunk.lstrip())
    chunk = chunk.strip()
    if chunk:
        begin = offset + start + stripped_left
        out.append(Sentence(begin, begin + len(chunk), chunk))


def sentence_at(sentences: Sequence[Sentence], position: int) -> Sentence | None:
    """The sentence that holds a character offset."""
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None
