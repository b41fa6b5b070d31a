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
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.services.data import Data, join_values
from dashboard.services.filters import FilterState, View, describe
from etl.contract import ACTOR_KINDS, DESCRIPTIONS, EVENT_TYPES, FORMATS, INVOLVEMENTS, SCHEMA, column_doc

BROWSER_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
EXPORT_WIDTH = 1200
EXPORT_HEIGHT = 650
PREFIX = "sco-osce"


class ExportUnavailableError(RuntimeError):
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
        raise ExportUnavailableError(
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
    """The filtered tables for download, with provenance (documents, files, urls, evidence sentences).

    `event_participants` holds every actor of the filtered events, those only mentioned too, with its
    `involvement`: the download is the data, whatever the page counts."""
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
        "involvement",
        "mentions",
        "evidence",
    ]
    ep = data.event_participants
    ep = ep[ep["event_id"].isin(ids)]
    mentions = data.mentions[data.mentions["doc_id"].isin(docs["doc_id"])]
    figures = data.figures[data.figures["event_id"].isin(ids)]
    return {
        "events": flat.reset_index(drop=True),
        "event_participants": ep[ep_cols].reset_index(drop=True),
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


# Columns the dashboard adds to the contract's tables. The contract's own columns are described by
# etl/contract.py (column_doc), and so are the tables (DESCRIPTIONS).
DERIVED_COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "participants": "Persons that took part (joined from event_participants).",
        "organisations": "Organisations that took part (short names).",
        "themes": "Theme labels discussed.",
        "place": "City and country.",
        "year": "Year of start_date.",
        "doc_ids": "Provenance: IDs of the reports describing the event.",
        "files": "Provenance: report files (relative to the reports folder).",
        "urls": "Provenance: report URLs.",
        "theme_evidence": "Provenance: for each theme, the sentence that shows it most clearly.",
    },
    "event_participants": {
        "name": "The actor's name (joined from participants).",
        "kind": "The actor's kind (joined from participants).",
        "short_name": "Organisation acronym or state ISO alpha-3 (joined from participants).",
        "affiliation": "Persons: their organisation or state (joined from participants).",
    },
    "event_themes": {"label": "The theme's label (joined from themes)."},
}
# Columns whose values come from a vocabulary of the contract: where the contract has no words for the
# column, its values say what it holds.
VOCABULARIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("events", "event_type"): EVENT_TYPES,
    ("events", "format"): FORMATS,
    ("event_participants", "kind"): ACTOR_KINDS,
    ("event_participants", "involvement"): INVOLVEMENTS,
}
TABLE_ROW = "(table)"  # the dictionary row that describes a whole table


def column_meaning(table: str, column: str) -> str:
    """What a downloaded column means: the dashboard's own words for columns it adds, else the contract's."""
    meaning = DERIVED_COLUMNS.get(table, {}).get(column) or column_doc(table, column)
    if not meaning and (table, column) in VOCABULARIES:
        meaning = "One of: " + ", ".join(VOCABULARIES[table, column]) + "."
    return meaning


EXCEL_CELL_LIMIT = 32_000  # Excel refuses longer cells (32,767); long report texts are cut
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters openpyxl rejects


def dictionary_frame(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per table downloaded (its description) and per column (its contract type and meaning)."""
    rows = []
    for name, df in tables.items():
        rows.append({"table": name, "column": TABLE_ROW, "type": "", "meaning": DESCRIPTIONS.get(name, "")})
        for col in df.columns:
            kind = SCHEMA.get(name, {}).get(col) or str(df[col].dtype)
            rows.append({"table": name, "column": col, "type": kind, "meaning": column_meaning(name, col)})
    return pd.DataFrame(rows, columns=["table", "column", "type", "meaning"])


def _clean_for_excel(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            s = out[col].astype("string")
            out[col] = s.str.replace(_ILLEGAL, "", regex=True).str.slice(0, EXCEL_CELL_LIMIT).astype(object)
    return out


def xlsx_bytes(tables: dict[str, pd.DataFrame], filters: Mapping[str, Sequence[str]] | None = None) -> bytes:
    """An Excel workbook: one sheet per table, a "data dictionary" sheet and the filters used (as the
    page address writes them: parameter, value)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        for name, df in tables.items():
            _clean_for_excel(df).to_excel(xw, sheet_name=name[:31], index=False)
        dictionary_frame(tables).to_excel(xw, sheet_name="data dictionary", index=False)
        rows = [(k, v) for k, vals in (filters or {}).items() for v in vals]
        pd.DataFrame(rows, columns=["filter", "value"]).to_excel(xw, sheet_name="filters", index=False)
    return buf.getvalue()
