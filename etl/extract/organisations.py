"""Find the organisations a report names, with the short names of tables.md, and which of them took part.

Where the text names them is found by `organisation_names` (etl/knowledge/organisations.yaml); this step
decides, from the words around each mention, whether the organisation took part or is only named in
passing (`in_passing` in the same file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.extract.document import Document
from etl.extract.organisation_names import KNOWLEDGE, named_organisations, organisation_mentions, organisation_names
from etl.extract.organisation_names import lookup_organisation as lookup_organisation  # for the benchmark
from etl.knowledge import load_knowledge_file
from etl.model import Actor, Sentence, Span
from etl.text.sentences import sentence_at


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


@lru_cache(maxsize=1)
def _passing() -> _Passing:
    return _passing_knowledge(load_knowledge_file(KNOWLEDGE)["in_passing"])


# What may stand between two mentions of one run ("ASEAN, the CSTO and the CIS", "OSCE/ODIHR and the SCO").
_RUN_GAP = re.compile(r"(?:[\s,;/&]|\b(?:and|or|the)\b)*", re.I)
# An acronym in brackets right after a name: "the Collective Security Treaty Organization (CSTO)".
_BRACKET_GAP = re.compile(r"\s*\(\s*")
_JOINER = re.compile(r"\b(?:and|or)\b|[/&]", re.I)


def find_organisations(document: Document) -> list[Actor]:
    """One Actor per organisation named in the text, in order of first mention.

    An organisation whose every mention is in passing (see `in_passing` in the knowledge file) gets
    involvement "mentioned"; the others took part. A mention in the title ("OSCE, SCO and CIS send
    observers") counts for involvement too, but only organisations the text names are returned.
    """
    text, sentences, title = document.text, document.sentences, document.title
    matches = document.organisation_mentions
    passing = _in_passing(text, sentences, matches)
    title_matches = organisation_mentions(title)
    title_passing = _in_passing(title, [Sentence(0, len(title), title)], title_matches)
    took_part = {short for (short, _), in_passing in zip(title_matches, title_passing, strict=True)
                 if not in_passing}
    took_part.update(short for (short, _), in_passing in zip(matches, passing, strict=True) if not in_passing)
    actors = []
    for named in named_organisations(text, matches):
        first = sentence_at(sentences, named.mentions[0].start)
        actors.append(
            Actor(
                kind="organization",
                name=named.name,
                short_name=named.short_name,
                involvement="took-part" if named.short_name in took_part else "mentioned",
                mentions=named.mentions,
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
    rules = _passing()
    part_of = organisation_names().part_of
    spans = [span for _, span in matches]
    result = [False] * len(spans)
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    for here, following in zip(order, order[1:], strict=False):
        gap = text[spans[here].end : spans[following].start]
        (short, _), (next_short, _) = matches[here], matches[following]
        if rules.describes_next.fullmatch(gap) or (
            part_of.get(next_short) == short and rules.describes_its_body.fullmatch(gap)
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
