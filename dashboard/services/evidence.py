"""The report text with the ETL's evidence spans (the `mentions` table) highlighted, as safe HTML."""

from __future__ import annotations

import pandas as pd

from dashboard.services.colours import theme_colour
from dashboard.services.safe_text import strip_bidi

PARTICIPANT_COLOUR = "#f2c14e"  # amber: readable under dark text on light and dark pages


def highlight(text: str, spans: pd.DataFrame, theme_labels: dict[str, str] | None = None) -> str:
    """HTML of `text` with each span (columns start, end, ref_type, ref_id) wrapped in <mark>.

    Spans outside the text are skipped and overlapping spans are clipped to the earlier one, so bad
    offsets from the ETL never break the page. Every piece of text is HTML-escaped, markdown characters
    included (the result goes through Streamlit's markdown), and loses its bidirectional controls; this
    is done piece by piece, after cutting, since the offsets count those characters too.
    """
    text = text or ""
    theme_labels = theme_labels or {}
    rows = spans.dropna(subset=["start", "end"]).sort_values(["start", "end"])
    out: list[str] = []
    pos = 0
    for start, end, ref_type, ref_id in rows[["start", "end", "ref_type", "ref_id"]].itertuples(index=False):
        start, end = int(start), int(end)
        start = max(start, pos)
        if end <= start or end > len(text):
            continue
        out.append(_escape(text[pos:start]))
        if ref_type == "theme":
            colour = theme_colour(str(ref_id))
            title = f"theme: {theme_labels.get(str(ref_id), ref_id)}"
            style = f"background:{colour}33;border-bottom:3px solid {colour};color:inherit"
        else:
            title = f"{ref_type}: {ref_id}"
            style = f"background:{PARTICIPANT_COLOUR}55;color:inherit"
        out.append(f'<mark style="{style}" title="{_escape(title)}">{_escape(text[start:end])}</mark>')
        pos = end
    out.append(_escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


# HTML's special characters, and markdown's as numeric entities too: the page's markdown then finds
# nothing to read in report text, wherever Streamlit draws the line between HTML and markdown.
_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
    | {c: f"&#{ord(c)};" for c in "\\`*_[]()#+!|~${}"}
)


def _escape(text: str) -> str:
    return strip_bidi(text).translate(_ESCAPES)
