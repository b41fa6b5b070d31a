"""Reading PDFs from their text layer: paragraphs rebuilt from lines, title, bad PDFs."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fpdf import FPDF

from etl.read.errors import UnreadableReportError
from etl.read.pdf import parse_pdf_report

FIXTURE = Path(__file__).parents[2] / "fixtures" / "reports" / "good" / "report.pdf"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LONG = (
    "On 15-16 December 2010 experts gathered in Bratislava for the first of three meetings devoted to the "
    "implementation of the United Nations Global Counter-Terrorism Strategy in Central Asia, together with "
    "the OSCE and the Shanghai Cooperation Organisation."
)


def _pdf(pages: list[list[tuple[float, str]]], title: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=UTC))
    if Path(FONT).exists():
        pdf.add_font("Body", "", FONT)
        family = "Body"
    else:  # core font: Latin-1 only, enough for these texts
        family = "Helvetica"
    for page in pages:
        pdf.add_page()
        for size, text in page:
            pdf.set_font(family, "", size)
            pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
    if title:
        pdf.set_title(title)
    return bytes(pdf.output())


def test_fixture_pdf() -> None:
    report = parse_pdf_report(FIXTURE.read_bytes(), "good/report.pdf")
    assert report.format == "pdf"
    assert report.title.startswith("SCO and OSCE Secretaries-General hold consultations")
    assert "Share / Print" not in report.text
    assert report.url == "https://www.osce.org/example" and report.source == "OSCE"
    assert "in Beijing." in report.text  # the second page, after the first


def test_wrapped_lines_become_one_paragraph_line() -> None:
    report = parse_pdf_report(_pdf([[(10.5, LONG), (10.5, "A second paragraph.")]], title="Meeting"), "a.pdf")
    lines = report.text.split("\n")
    assert lines[0] == LONG
    assert lines[1] == "A second paragraph."


def test_title_from_the_largest_type_when_metadata_has_none() -> None:
    raw = _pdf([[(8, "UNRCCA Press Release"), (15, "Bratislava hosts first expert meeting on the UN Strategy "
                 "in Central Asia"), (10.5, LONG)]])
    report = parse_pdf_report(raw, "a.pdf")
    assert report.title == "Bratislava hosts first expert meeting on the UN Strategy in Central Asia"
    assert report.text.split("\n")[0] == "UNRCCA Press Release"
    assert LONG in report.text


def test_pages_are_read_in_order() -> None:
    raw = _pdf([[(10.5, "Page one says the meeting opened.")], [(10.5, "Page two says it closed.")]], "T")
    text = parse_pdf_report(raw, "a.pdf").text
    assert text.index("Page one") < text.index("Page two")


def test_no_text_layer() -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 100, 100, style="F")
    with pytest.raises(UnreadableReportError) as caught:
        parse_pdf_report(bytes(pdf.output()), "scan.pdf")
    assert "no text layer" in caught.value.reason


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_truncated_pdf(cut: float) -> None:
    raw = _pdf([[(10.5, LONG)]], title="T")
    with pytest.raises(UnreadableReportError) as caught:
        parse_pdf_report(raw[: int(len(raw) * cut)], "cut.pdf")
    assert "truncated or damaged" in caught.value.reason


def test_damaged_inside_but_with_end_marker() -> None:
    raw = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> garbage garbage\ntrailer <<>>\n%%EOF\n"
    with pytest.raises(UnreadableReportError) as caught:
        parse_pdf_report(raw, "bad.pdf")
    assert caught.value.reason.startswith("PDF")


def test_not_a_pdf() -> None:
    with pytest.raises(UnreadableReportError) as caught:
        parse_pdf_report(b"plain text with a .pdf name", "x.pdf")
    assert "not a PDF" in caught.value.reason
