"""Stretches of a body text that say nothing about the event, shared by the steps that skip them.

- The furniture at the end of a saved page: after a "Related news" or "Read more" line come only other
  headlines, sources and share buttons.
- Source and credit lines ("Source: Kazinform", "Credits: ..."), which name who published, not what
  happened.
- Attributions anywhere: source and photo credit lines and URLs.
"""

from __future__ import annotations

import re

# Lines after which a saved page holds only furniture: related headlines, sources, share buttons.
_FURNITURE = re.compile(
    r"^(?:\**|#+\s*)(?:Related(?: news| articles| stories| posts)?|Read more|See also|More news|More on|"
    r"Latest news|Most read|Recommended)\b[^\n]{0,30}$",
    re.IGNORECASE | re.MULTILINE,
)
_SOURCE_LINE = re.compile(r"(?:Sources?|Credits?)\s*:", re.IGNORECASE)
# Credits and links name the publisher, not the event: "Source: Voice of Russia", "Photo: ...", URLs.
_ATTRIBUTION = re.compile(
    r"^(?:Source|Sources|Photo|Photos|Credit|Image|Read more|Based on (?:reporting|reports?|information) (?:by|from))"
    r"\b[^\n]*|\b(?:https?://|www\.)\S+",
    re.MULTILINE | re.IGNORECASE,
)


def furniture_start(text: str) -> int:
    """Where the furniture at the end of a page begins ("Related news", "Read more"); len(text) if nowhere."""
    match = _FURNITURE.search(text)
    return match.start() if match else len(text)


def in_source_line(text: str, position: int) -> bool:
    """Whether the line holding `position` is a source or credit line ("Source: ...", "Credits: ...")."""
    line_start = text.rfind("\n", 0, position) + 1
    return bool(_SOURCE_LINE.match(text, line_start))


def attribution_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of source and photo credit lines and of URLs, which say nothing about the event."""
    return [(m.start(), m.end()) for m in _ATTRIBUTION.finditer(text)]
