"""One event in full: its sources with links, participants with roles and involvement, themes with
evidence, figures, and the report texts with the evidence spans highlighted. Facts a correction changed
are marked (✎, with the correction's note), confidences shown where the tables hold them, and the
"Suggest a correction" form (components/suggest_correction.py) closes the page.

Everything here comes from reports, so every text goes through dashboard/services/safe_text.py (or into
a table cell, which is plain text); a source links only to an http(s) address.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import url_state
from dashboard.components import suggest_correction
from dashboard.services import actor as actors
from dashboard.services.corrections import MARKER, describe_correction, mark_column, mark_text, participant_marks
from dashboard.services.data import Data
from dashboard.services.evidence import highlight
from dashboard.services.filters import Options
from dashboard.services.safe_text import md, md_link
from etl.contract import COLUMN_DOCS, INVOLVEMENTS

SOURCES_KEY = "sources"  # the container of the source links (the page's only links to elsewhere)
CORRECTED_HELP = "✎: changed by an entry of the corrections file; the cell gives its note (or its id)."
CORRECTED_COLUMN = st.column_config.TextColumn("corrected", help=CORRECTED_HELP)
CONFIDENCE_COLUMN = st.column_config.NumberColumn("confidence", format="%.2f", help=COLUMN_DOCS.get("confidence"))


def _when(ev: pd.Series) -> str:
    when = f"{ev['start_date']:%Y-%m-%d}" if pd.notna(ev["start_date"]) else "date unknown"
    if pd.notna(ev["end_date"]) and ev["end_date"] != ev["start_date"]:
        when += f" to {ev['end_date']:%Y-%m-%d}"
    return when


def source_line(title: object, url: object, source: object, published: object, file: object) -> str:
    """A markdown list item for one report: its title (a link when its URL is http(s)), source, date, file."""
    when = f", {published:%Y-%m-%d}" if pd.notna(published) else ""
    source = source if isinstance(source, str) else "source unknown"
    return f"- {md_link(title, url)} ({md(source)}{md(when)}; file {md(file)})"


def confidences(ev: pd.Series) -> str:
    """Plain text of the event's confidences the tables hold: "date confidence 0.75 · merge confidence 0.80"."""
    parts = [f"{label} {float(ev[col]):.2f}" for col, label in (("date_confidence", "date confidence"),
                                                                  ("merge_confidence", "merge confidence"))
             if col in ev and pd.notna(ev[col])]
    return " · ".join(parts)


def _marker(row: pd.Series) -> None:
    """The ✎ corrected badge of a corrected event, its note on hover (markdown there, so escaped)."""
    cid, note = row.get("correction_id"), row.get("correction_note")
    if mark_text(cid, note):
        st.badge(MARKER, color="orange", help=md(describe_correction(cid, note)))


def _actor_pages(data: Data, participant_ids: pd.Series) -> list[str]:
    """Each participant's page address, with the filters the page address holds now."""
    filters = {k: v for k, v in url_state.current_url().items() if k in url_state.FILTER_PARAMS}
    return [actors.page_query(filters, key) for key in actors.actor_keys(data, participant_ids)]


def show(data: Data, eid: str, options: Options) -> None:
    ev = data.events[data.events["event_id"] == eid].iloc[0]
    st.subheader(md(ev["title"]), anchor=False)
    st.caption(
        f"{md(_when(ev))} · {md(ev['event_type'])} · {md(ev['place'] or 'place unknown')} · "
        f"format: {md(ev['format'])}"
    )
    _marker(ev)
    sure = confidences(ev)
    if sure:
        st.caption(md(sure), help=md(" ".join(COLUMN_DOCS.get(c, "") for c in ("date_confidence", "merge_confidence"))))
    src = data.event_sources[data.event_sources["event_id"] == eid]
    docs = data.documents[data.documents["doc_id"].isin(src["doc_id"])]
    c1, c2 = st.columns(2)
    with c1:
        st.markdown("**Sources**")
        with st.container(key=SOURCES_KEY):
            lines = [source_line(d.title, d.url, d.source, d.published, d.file) for d in docs.itertuples(index=False)]
            st.markdown("\n".join(lines) or "None recorded.")
        st.markdown("**Participants**")
        ep = data.event_participants[data.event_participants["event_id"] == eid]
        order = ep["involvement"].map({v: i for i, v in enumerate(INVOLVEMENTS)}).fillna(len(INVOLVEMENTS))
        ep = ep.assign(_order=order).sort_values(["_order", "kind", "name"], kind="stable")
        ep = ep.assign(corrected=participant_marks(data, ep), page=_actor_pages(data, ep["participant_id"]))
        columns = ["name", "kind", "role", "involvement", "confidence", "corrected", "page", "evidence"]
        st.dataframe(
            ep[[c for c in columns if c != "confidence" or ep[c].notna().any()]],
            hide_index=True,
            key=f"ep-{eid}",
            column_config={
                "involvement": st.column_config.TextColumn(help=COLUMN_DOCS.get("involvement")),
                "confidence": CONFIDENCE_COLUMN,
                "corrected": CORRECTED_COLUMN,
                "page": st.column_config.LinkColumn("Page", display_text="open", help="The actor's own page"),
            },
        )
    with c2:
        st.markdown("**Themes**")
        et = data.event_themes[data.event_themes["event_id"] == eid].sort_values("score", ascending=False)
        et = et.assign(corrected=mark_column(et))
        st.dataframe(
            et[["label", "score", "corrected", "evidence"]],
            hide_index=True,
            key=f"et-{eid}",
            column_config={"score": st.column_config.NumberColumn(format="%.2f", help=COLUMN_DOCS.get("score")),
                           "corrected": CORRECTED_COLUMN},
        )
        figs = data.figures[data.figures["event_id"] == eid]
        if not figs.empty:
            st.markdown("**Figures**")
            st.dataframe(figs[["value", "what", "evidence"]], hide_index=True, key=f"fig-{eid}")
    st.markdown("**Report text** (highlighted: evidence the tables rest on; hover for what it supports)")
    for i, d in enumerate(docs.itertuples(index=False)):
        spans = data.mentions[data.mentions["doc_id"] == d.doc_id]
        with st.expander(md(d.title) or "(untitled)", expanded=i == 0):
            body = highlight(d.text if isinstance(d.text, str) else "", spans, dict(options.theme_labels))
            st.markdown(f'<div class="report-text">{body}</div>', unsafe_allow_html=True)
    suggest_correction.show(data, eid)
