#!/usr/bin/env python3
"""Build the PDF reports of corpus part c from plain-text sources.

Each source in data/pdf-sources/c/ is a UTF-8 text file:
  line 1      letterhead (small type)
  line 2      heading (title, bold)
  the rest    body paragraphs separated by blank lines; the last one is the
              "Source: NAME, URL" line.
The PDF goes to data/reports/<YYYY>/<same-name>.pdf, the year taken from the
file name. Run from anywhere: python3 data/tools/make_pdfs_c.py
"""
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]          # .../data
SRC = ROOT / "pdf-sources" / "c"
OUT = ROOT / "reports"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def build(src: Path) -> Path:
    lines = src.read_text(encoding="utf-8").splitlines()
    letterhead, title = lines[0].strip(), lines[1].strip()
    body = "\n".join(lines[2:]).strip()
    paragraphs = [" ".join(p.split("\n")).strip() for p in body.split("\n\n") if p.strip()]

    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_title(title)
    pdf.set_creator("make_pdfs_c.py")
    pdf.add_page()

    pdf.set_font("DejaVu", "", 8)
    pdf.multi_cell(0, 4, letterhead, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 14)
    pdf.multi_cell(0, 7, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 10.5)
    for para in paragraphs:
        if para.startswith("Source:"):
            # keep the source line (with its URL) on one line: shrink to fit
            pdf.ln(2)
            size = 9.0
            pdf.set_font("DejaVu", "", size)
            while size > 5 and pdf.get_string_width(para) > pdf.epw - 1:
                size -= 0.25
                pdf.set_font("DejaVu", "", size)
            pdf.cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
            continue
        pdf.multi_cell(0, 5.5, para, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    year = src.name[:4]
    dest = OUT / year / (src.stem + ".pdf")
    dest.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(dest))
    return dest


def main() -> None:
    for src in sorted(SRC.glob("*.txt")):
        print("wrote", build(src).relative_to(ROOT))


if __name__ == "__main__":
    main()
