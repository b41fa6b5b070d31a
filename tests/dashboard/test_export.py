"""Downloads: file names, CSV/ZIP/XLSX contents with provenance, HTML, and kaleido images."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest

from dashboard.services import charts, export
from dashboard.services.data import Data
from dashboard.services.evidence import highlight
from dashboard.services.filters import FilterState, apply_filters
from etl.contract import DESCRIPTIONS, column_doc


@pytest.fixture(scope="module")
def tables(data: Data) -> dict[str, pd.DataFrame]:
    return export.export_tables(data, apply_filters(data, FilterState(themes=("elections",))))


def test_file_name_says_what_and_filters() -> None:
    state = FilterState(themes=("terrorism",), orgs=("SCO",))
    assert export.file_name("timeline", state, "png") == "sco-osce_timeline_theme-terrorism_org-sco.png"


def test_export_tables_with_provenance(tables: dict[str, pd.DataFrame]) -> None:
    ev = tables["events"].set_index("event_id")
    assert list(ev.index) == ["ev-2004-kaz-elections", "ev-2024-uzb-elections"]
    assert "search" not in ev.columns
    assert ev.loc["ev-2004-kaz-elections", "doc_ids"] == "d-2004-kaz-elections-1"
    assert ev.loc["ev-2004-kaz-elections", "files"] == "2004/d-2004-kaz-elections-1.txt"
    assert ev.loc["ev-2004-kaz-elections", "urls"] == "https://example.org/odihr/kaz-2004"
    assert "Elections: The SCO sent observers" in ev.loc["ev-2004-kaz-elections", "theme_evidence"]
    assert set(tables["event_participants"]["event_id"]) == set(ev.index)
    assert "evidence" in tables["event_participants"].columns
    assert len(tables["documents"]) == 2
    assert set(tables["mentions"]["doc_id"]) == set(tables["documents"]["doc_id"])
    assert len(tables["figures"]) == 1


def test_csv_round_trip(tables: dict[str, pd.DataFrame]) -> None:
    back = pd.read_csv(io.BytesIO(export.csv_bytes(tables["events"])))
    assert list(back["event_id"]) == list(tables["events"]["event_id"])
    assert back.loc[0, "start_date"] == "2004-09-19"  # ISO dates, no time part


def test_zip_holds_every_table(tables: dict[str, pd.DataFrame]) -> None:
    with zipfile.ZipFile(io.BytesIO(export.zip_bytes(tables))) as zf:
        assert sorted(zf.namelist()) == sorted(f"{n}.csv" for n in tables)
        assert pd.read_csv(zf.open("event_themes.csv")).shape[0] == len(tables["event_themes"])


def test_xlsx_sheets_and_dictionary(tables: dict[str, pd.DataFrame]) -> None:
    data = export.xlsx_bytes(tables, {"theme": ["elections"]})
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert wb.sheetnames == [*tables, "data dictionary", "filters"]
    events = list(wb["events"].values)
    assert events[0][0] == "event_id" and len(events) == 3
    dictionary = pd.read_excel(io.BytesIO(data), sheet_name="data dictionary")
    row = dictionary[(dictionary["table"] == "event_themes") & (dictionary["column"] == "evidence")]
    assert "sentence" in row["meaning"].iloc[0]
    # Every downloaded column is listed, and the contract's columns all have a meaning.
    columns = dictionary[dictionary["column"] != export.TABLE_ROW]
    assert len(columns) == sum(len(df.columns) for df in tables.values())
    tables_described = dictionary[dictionary["column"] == export.TABLE_ROW].set_index("table")["meaning"]
    assert tables_described["events"] == DESCRIPTIONS["events"]  # the contract's words
    kinds = columns.set_index(["table", "column"])["type"]
    assert kinds["events", "start_date"] == "date" and kinds["event_themes", "score"] == "number"
    meanings = columns.set_index(["table", "column"])["meaning"]
    assert meanings["event_participants", "involvement"] == column_doc("event_participants", "involvement")
    assert meanings["documents", "format"] != meanings["events", "format"]  # one name, two meanings
    assert meanings["events", "doc_ids"].startswith("Provenance")  # a column the dashboard adds
    assert meanings["events", "event_type"].startswith("One of: meeting, visit")  # the contract's vocabulary
    filters = pd.read_excel(io.BytesIO(data), sheet_name="filters")
    assert filters.values.tolist() == [["theme", "elections"]]


def test_xlsx_survives_control_characters_and_long_text() -> None:
    df = pd.DataFrame({"text": ["bad \x01 char", "x" * 40_000]})
    data = export.xlsx_bytes({"documents": df})
    back = pd.read_excel(io.BytesIO(data), sheet_name="documents")
    assert back.loc[0, "text"] == "bad  char"
    assert len(back.loc[1, "text"]) == export.EXCEL_CELL_LIMIT


def test_html_is_self_contained(data: Data) -> None:
    fig = charts.theme_frequencies(data.event_themes)
    html = export.figure_html(fig, "sco-osce_theme-frequencies_all").decode()
    assert html.lower().startswith("<!doctype html>") and "Plotly.newPlot" in html
    assert '"filename": "sco-osce_theme-frequencies_all"' in html
    assert '<script src="https://cdn.plot.ly' not in html and len(html) > 1_000_000  # plotly.js inlined


def test_image_export_says_plainly_without_browser(monkeypatch: pytest.MonkeyPatch, data: Data) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    assert export.chrome_path() is None
    with pytest.raises(export.ExportUnavailableError, match="Chromium"):
        export.figure_image(charts.theme_frequencies(data.event_themes), "png")


@pytest.mark.skipif(export.chrome_path() is None, reason="no Chrome/Chromium for kaleido on this machine")
def test_png_and_svg_render(data: Data) -> None:
    fig = charts.counts_by_period(data.events, "year")
    png = export.figure_image(fig, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert export.figure_image(fig, "png") is png  # second call served from the cache
    svg = export.figure_image(fig, "svg").decode()
    assert svg.startswith("<svg") and "Events per year, by type" in svg


def test_highlight_marks_spans_and_escapes() -> None:
    text = "The SCO & <OSCE> discussed terrorism."
    spans = pd.DataFrame(
        {
            "start": [4, 27, 8, 30, 100],
            "end": [7, 36, 16, 25, 110],
            "ref_type": ["participant", "theme", "participant", "theme", "theme"],
            "ref_id": ["p-sco", "terrorism", "p-osce", "x", "y"],
        }
    )
    out = highlight(text, spans, {"terrorism": "Terrorism"})
    assert out.count("<mark") == 3  # the reversed span and the one beyond the text are skipped
    assert ">SCO</mark>" in out and ">terrorism</mark>" in out
    assert "&amp; &lt;OSCE&gt;</mark>" in out
    assert 'title="theme: Terrorism"' in out
    assert "<OSCE>" not in out


def test_highlight_fixture_document(data: Data) -> None:
    doc = data.documents.iloc[0]
    spans = data.mentions[data.mentions["doc_id"] == doc["doc_id"]]
    out = highlight(doc["text"], spans)
    # Eight spans; "OSCE PA" lies inside the theme span "with the OSCE PA" and is not marked twice.
    assert len(spans) == 8
    assert out.count("<mark") == 7
    assert ">with the OSCE PA</mark>" in out
