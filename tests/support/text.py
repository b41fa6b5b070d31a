"""Reading what the page shows from the markdown it was given."""

from __future__ import annotations

import re


def plain(markdown: str) -> str:
    """Markdown as it reads on the page: the page backslash-escapes every punctuation mark of data and puts an
    invisible word joiner (U+2060) where a link could form."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")
