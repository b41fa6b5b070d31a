"""The report text with the ETL's evidence spans (the `mentions` table) highlighted, as safe HTML."""

from __future__ import annotations

import html

import pandas as pd

from dashboard.colours import theme_colour

PARTICIPANT_COLOUR = "#f2c14e"  # amber: readable under dark text on light and dark pages


def highlight(text: str, spans: pd.DataFrame, theme_labels: dict[str, str] | None = None) -> str:
    """HTML of `text` with each span (columns start, end, ref_type, ref_id) wrapped in <mark>.

    Spans outside the text are skipped and overlapping spans are clipped to the earlier one, so bad
    offsets from the ETL never break the page. Everything else is HTML-escaped.
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
        out.append(html.escape(text[pos:start]))
        if ref_type == "theme":
            colour = theme_colour(str(ref_id))
            title = f"theme: {theme_labels.get(str(ref_id), ref_id)}"
            style = f"background:{colour}33;border-bottom:3px solid {colour};color:inherit"
        else:
            title = f"{ref_type}: {ref_id}"
            style = f"background:{PARTICIPANT_COLOUR}55;color:inherit"
        out.append(f'<mark style="{style}" title="{html.escape(title)}">{html.escape(text[start:end])}</mark>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")
