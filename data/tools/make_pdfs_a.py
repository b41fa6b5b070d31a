#!/usr/bin/env python3
"""Build the PDF reports of corpus part a from plain-text sources.

Each source in data/pdf-sources/a/ is a UTF-8 text file with a small header,
a line of three dashes, then the body:

    year: 2010
    letterhead: Name of the issuing body (printed small, grey)
    title: Heading of the report (printed bold)
    ---
    Body paragraphs, separated by blank lines. The last paragraph is the
    visible "Source: NAME, URL" line.

The PDF is written to data/reports/<year>/<same-name>.pdf.
Run from anywhere:  python3 data/tools/make_pdfs_a.py
"""
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]  # .../data
SRC = ROOT / "pdf-sources" / "a"
OUT = ROOT / "reports"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# Fixed creation date so that rebuilding gives the same files.
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)


def parse(src: Path) -> tuple[dict, list[str]]:
    text = src.read_text(encoding="utf-8")
    head, _, body = text.partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip()
    for key in ("year", "letterhead", "title"):
        if key not in meta:
            raise ValueError(f"{src.name}: header field {key!r} missing")
    paragraphs = [" ".join(p.split("\n")).strip() for p in body.split("\n\n") if p.strip()]
    return meta, paragraphs


def build(src: Path) -> Path:
    meta, paragraphs = parse(src)

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(meta["title"])
    pdf.set_author(meta["letterhead"].split("·")[0].strip())
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()

    # letterhead
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(90, 90, 90)
    pdf.multi_cell(0, 4.5, meta["letterhead"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(6)

    # heading
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 7, meta["title"], new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    # body
    pdf.set_font("DejaVu", "", 10.5)
    for para in paragraphs:
        is_source = para.startswith("Source:")
        if is_source:
            pdf.ln(3)
            pdf.set_font("DejaVu", "", 9)
        pdf.multi_cell(0, 5.5, para, new_x="LMARGIN", new_y="NEXT")
        if not is_source:
            pdf.ln(2.5)

    out_dir = OUT / meta["year"]
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / (src.stem + ".pdf")
    pdf.output(str(out))
    return out


def main() -> None:
    for src in sorted(SRC.glob("*.txt")):
        out = build(src)
        print(f"{src.name} -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
