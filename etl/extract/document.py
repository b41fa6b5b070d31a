"""One report as every extraction step reads it, built once per report.

A `Document` holds what the steps need of the report (its body text, title, publication date and
address) and what several steps derive from it: the sentences, the body without the title repeated and
without the furniture at the end of the page, the credit lines and URLs, where organisations and states
are named, whether the report is about an election and whether it announces an event still to come.
Each is computed at its first use and then kept, so no step computes again what another has, and no
step asks another for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from etl.extract.organisation_names import organisation_mentions, organisation_spans
from etl.extract.state_names import State, state_mentions
from etl.knowledge import load_knowledge_file
from etl.model import Report, Sentence, Span
from etl.text.sentences import split_sentences
from etl.text.spans import attribution_spans, furniture_start, in_source_line

_ELECTION = re.compile(r"\b(?:elections?|electoral|referendum|vote|voting|polls|ballot)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Document:
    """A report's body `text` (normalised) with its `title`, publication date and URL, and what the
    extraction steps derive from them."""

    text: str
    title: str = ""
    published: date | None = None
    url: str | None = None

    @classmethod
    def of(cls, report: Report) -> Document:
        return cls(text=report.text, title=report.title, published=report.published, url=report.url)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the body, with offsets into `text`."""
        return tuple(split_sentences(self.text))

    @cached_property
    def sentences_without_title(self) -> tuple[Sentence, ...]:
        """The sentences but the title, which a page often repeats as the first line of its body."""
        title = self.title.strip()
        return tuple(s for s in self.sentences if s.text.strip().lstrip("#* ").strip() != title)

    @cached_property
    def furniture_start(self) -> int:
        """Where the furniture at the end of a page begins ("Related news", "Read more"); len(text) if nowhere."""
        return furniture_start(self.text)

    @cached_property
    def body(self) -> tuple[Sentence, ...]:
        """The sentences that tell the report: without the title repeated, before the page's furniture."""
        return tuple(s for s in self.sentences_without_title if s.start < self.furniture_start)

    def in_source_line(self, position: int) -> bool:
        """Whether the line holding `position` is a source or credit line ("Source: ...", "Credits: ...")."""
        return in_source_line(self.text, position)

    @cached_property
    def attribution_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of source and photo credit lines and of URLs, which say nothing about the event."""
        return tuple(attribution_spans(self.text))

    @cached_property
    def organisation_mentions(self) -> tuple[tuple[str, Span], ...]:
        """(short name, span) of every organisation mention, including organisations named inside."""
        return tuple(organisation_mentions(self.text))

    @cached_property
    def organisation_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of every organisation mention, outermost only (for masking names)."""
        return tuple(organisation_spans(self.text))

    @cached_property
    def state_mentions(self) -> tuple[tuple[State, Span], ...]:
        """Every mention of a state outside credits, URLs and the dateline, in text order."""
        return tuple(state_mentions(self.text, self.attribution_spans))

    @cached_property
    def state_spans(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of every mention of a state, in text order."""
        return tuple((span.start, span.end) for _, span in self.state_mentions)

    @cached_property
    def about_election(self) -> bool:
        """Whether the report is about an election: its title names one, or its body (before the furniture)
        twice."""
        return bool(_ELECTION.search(self.title) or len(_ELECTION.findall(self.text, 0, self.furniture_start)) >= 2)

    @cached_property
    def announcement(self) -> bool:
        """Whether the report announces an event still to come (see `is_announcement`)."""
        return is_announcement(self.title, self.body[0].text if self.body else "")


@lru_cache(maxsize=1)
def _announcement_cues() -> tuple[re.Pattern[str], ...]:
    """The cues of knowledge/dates.yaml for an announcement in a title, in a lead, and against one."""
    data = load_knowledge_file("dates.yaml")
    keys = ("announcement_title", "announcement_lead", "not_announcement")
    return tuple(re.compile(rf"\b(?:{'|'.join(data[key])})\b", re.IGNORECASE) for key in keys)


def is_announcement(title: str, lead: str = "") -> bool:
    """A report that announces an event still to come: by its title ("... to meet on 17 November", "Dushanbe
    to host ..."), or by a first sentence that says only what will happen ("... will hold talks on ...")."""
    in_title, in_lead, against = _announcement_cues()
    if title and in_title.search(title) and not against.search(title):
        return True
    return bool(lead and in_lead.search(lead) and not against.search(lead))
