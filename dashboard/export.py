"""Bytes for downloads: charts as PNG/SVG (kaleido + a Chromium) and HTML, tables as CSV/ZIP/XLSX.

Rendering with kaleido starts a headless browser and takes about a second per image, so the app calls
these functions only when the user clicks a download (Streamlit's deferred downloads), never on a rerun.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import zipfile
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.data import Data, join_values
from dashboard.filters import FilterState, View, describe, to_query

BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 650
PREFIX = "sco-osce"


class ExportUnavailable(RuntimeError):
    """Image export is impossible here (no Chrome/Chromium for kaleido)."""


def chrome_path() -> str | None:
    """The browser kaleido will use, or None. Honours BROWSER_PATH (kaleido's own variable)."""
    env = os.environ.get("BROWSER_PATH")
    if env:
        return env if Path(env).is_file() else None
    for name in BROWSER_CANDIDATES:
        found = shutil.which(name)
        if found:
            # kaleido finds a browser on PATH by itself, but setting the variable makes it deterministic.
            os.environ["BROWSER_PATH"] = found
            return found
    return None


def file_name(what: str, state: FilterState, ext: str) -> str:
    """E.g. "sco-osce_timeline_theme-terrorism.png": what is shown and with which filters."""
    return f"{PREFIX}_{what}_{describe(state)}.{ext}"


def _for_print(fig: go.Figure) -> go.Figure:
    # A downloaded chart lands in a (white) document whatever theme the app was shown in.
    out = go.Figure(fig)
    out.update_layout(template="plotly_white", paper_bgcolor="white", plot_bgcolor="white")
    return out


_IMAGE_CACHE: OrderedDict[str, bytes] = OrderedDict()
_IMAGE_CACHE_SIZE = 32


def figure_image(fig: go.Figure, fmt: str = "png") -> bytes:
    """The figure as PNG or SVG bytes, rendered by kaleido; cached by figure content."""
    if fmt not in ("png", "svg"):
        raise ValueError("fmt must be 'png' or 'svg'")
    if chrome_path() is None:
        raise ExportUnavailable(
            "No Chrome or Chromium found: install Debian's `chromium` package "
            "(or set BROWSER_PATH) to download charts as PNG or SVG."
        )
    printable = _for_print(fig)
    key = hashlib.sha1((fmt + printable.to_json()).encode()).hexdigest()
    if key in _IMAGE_CACHE:
        _IMAGE_CACHE.move_to_end(key)
        return _IMAGE_CACHE[key]
    height = printable.layout.height or EXPORT_HEIGHT
    data = printable.to_image(format=fmt, width=EXPORT_WIDTH, height=height, scale=2 if fmt == "png" else 1)
    _IMAGE_CACHE[key] = data
    if len(_IMAGE_CACHE) > _IMAGE_CACHE_SIZE:
        _IMAGE_CACHE.popitem(last=False)
    return data


def figure_html(fig: go.Figure, filename: str) -> bytes:
    """A self-contained interactive HTML page (plotly.js inlined: it opens offline)."""
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": filename, "format": "png"}}
    return _for_print(fig).to_html(include_plotlyjs=True, full_html=True, config=config).encode("utf-8")


def export_tables(data: Data, view: View) -> dict[str, pd.DataFrame]:
    """The filtered tables for download, with provenance (documents, files, urls, evidence sentences)."""
    ev = view.events
    ids = ev["event_id"]
    src = data.event_sources[data.event_sources["event_id"].isin(ids)]
    docs = data.documents[data.documents["doc_id"].isin(src["doc_id"])]
    src_docs = src.merge(docs[["doc_id", "file", "url", "title"]], on="doc_id", how="left")
    et = view.event_themes
    flat = ev.drop(columns=["search"], errors="ignore").copy()
    flat["doc_ids"] = ids.map(join_values(src_docs["event_id"], src_docs["doc_id"], "; ")).fillna("")
    flat["files"] = ids.map(join_values(src_docs["event_id"], src_docs["file"], "; ")).fillna("")
    flat["urls"] = ids.map(join_values(src_docs["event_id"], src_docs["url"], "; ")).fillna("")
    flat["theme_evidence"] = ids.map(
        join_values(et["event_id"], et["label"] + ": " + et["evidence"].fillna(""), " | ")
    ).fillna("")
    ep_cols = [
        "event_id",
        "participant_id",
        "name",
        "kind",
        "short_name",
        "affiliation",
        "role",
        "mentions",
        "evidence",
    ]
    mentions = data.mentions[data.mentions["doc_id"].isin(docs["doc_id"])]
    figures = data.figures[data.figures["event_id"].isin(ids)]
    return {
        "events": flat.reset_index(drop=True),
        "event_participants": view.event_participants[ep_cols].reset_index(drop=True),
        "event_themes": et[["event_id", "theme_id", "label", "mentions", "score", "evidence"]].reset_index(drop=True),
        "event_sources": src.reset_index(drop=True),
        "documents": docs.reset_index(drop=True),
        "mentions": mentions.reset_index(drop=True),
        "figures": figures.reset_index(drop=True),
    }


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header row and ISO dates."""
    return df.to_csv(index=False, date_format="%Y-%m-%d").encode("utf-8")


def zip_bytes(tables: dict[str, pd.DataFrame]) -> bytes:
    """All tables as CSV files in one ZIP."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, df in tables.items():
            zf.writestr(f"{name}.csv", csv_bytes(df))
    return buf.getvalue()


# Meaning of every column offered for download (tables.md, plus the dashboard's derived columns).
DICTIONARY: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "Stable ID of the real-world event",
        "title": "Short human-readable name of the event",
        "start_date": "When the event took place (first day)",
        "end_date": "Last day, if it lasted longer",
        "date_precision": "day, month or year: how exactly the date is known",
        "event_type": "meeting, visit, conference, forum, consultation, briefing, signing, observation or other",
        "city": "City where it took place",
        "country": "ISO 3166 alpha-3 code of the country",
        "format": "in-person, video, hybrid or unknown",
        "n_sources": "Number of reports describing it",
        "leading_org": "Short name of the organisation leading the event (if the ETL gives it)",
        "participants": "Persons taking part (dashboard: joined from event_participants)",
        "organisations": "Organisations taking part (short names)",
        "themes": "Theme labels discussed",
        "place": "City and country",
        "year": "Year of start_date",
        "doc_ids": "Provenance: IDs of the reports describing the event",
        "files": "Provenance: report files (relative to the reports folder)",
        "urls": "Provenance: report URLs",
        "theme_evidence": "Provenance: for each theme, the sentence that shows it most clearly",
    },
    "event_participants": {
        "event_id": "Event",
        "participant_id": "Actor",
        "name": "Canonical name of the actor",
        "kind": "person, organization or state",
        "short_name": "Organisation acronym or state ISO alpha-3",
        "affiliation": "Persons: their organisation or state",
        "role": "Role as written for this event",
        "mentions": "How often the actor is mentioned in the event's reports",
        "evidence": "Provenance: the sentence of the first mention",
    },
    "event_themes": {
        "event_id": "Event",
        "theme_id": "Theme slug",
        "label": "Theme label",
        "mentions": "How often the theme is mentioned",
        "score": "Confidence in 0..1",
        "evidence": "Provenance: the sentence that shows the theme most clearly",
    },
    "event_sources": {"event_id": "Event", "doc_id": "A report describing it"},
    "documents": {
        "doc_id": "Stable ID from the report's content",
        "file": "Path relative to the reports folder",
        "title": "Title of the report",
        "url": "Where it was published",
        "source": "Publisher",
        "published": "Publication date",
        "text": "Body text as read and normalised (mentions point into it)",
        "n_chars": "Length of the body text",
        "format": "File format of the report",
    },
    "mentions": {
        "doc_id": "Report",
        "ref_type": "participant, theme, date, place or number",
        "ref_id": "The participant_id, theme_id, ... it supports",
        "start": "Character offset of the span in documents.text",
        "end": "End offset (exclusive)",
        "text": "The span itself",
    },
    "figures": {
        "event_id": "Event",
        "doc_id": "Report",
        "value": "The number",
        "what": "What it counts",
        "evidence": "Provenance: the sentence it comes from",
    },
}
EXCEL_CELL_LIMIT = 32_000  # Excel refuses longer cells (32,767); long report texts are cut
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters openpyxl rejects


def dictionary_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per (table, column) downloaded, with its meaning."""
    rows = []
    for name, df in tables.items():
        for col in df.columns:
            rows.append(
                {
                    "table": name,
                    "column": col,
                    "type": str(df[col].dtype),
                    "meaning": DICTIONARY.get(name, {}).get(col, ""),
                }
            )
    return pd.DataFrame(rows, columns=["table", "column", "type", "meaning"])


def _clean_for_excel(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            s = out[col].astype("string")
            out[col] = s.str.replace(_ILLEGAL, "", regex=True).str.slice(0, EXCEL_CELL_LIMIT).astype(object)
    return out


def xlsx_bytes(tables: dict[str, pd.DataFrame], state: FilterState | None = None) -> bytes:
    """An Excel workbook: one sheet per table, a "data dictionary" sheet and the filters used."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in tables.items():
            _clean_for_excel(df).to_excel(xw, sheet_name=name[:31], index=False)
        dictionary_frame(tables).to_excel(xw, sheet_name="data dictionary", index=False)
        params = to_query(state) if state else {}
        filters = pd.DataFrame([(k, v) for k, vals in params.items() for v in vals], columns=["filter", "value"])
        filters.to_excel(xw, sheet_name="filters", index=False)
    return buf.getvalue()
