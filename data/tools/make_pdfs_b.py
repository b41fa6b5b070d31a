#!/usr/bin/env python3
"""Build the PDF reports of corpus part b from plain-text sources.

Each source in data/pdf-sources/b/ is a UTF-8 text file, one paragraph a line:
  "@ ..."     letterhead line (small type, optional)
  "# ..."     heading (title, bold)
  "Source: NAME, URL"   the source line, printed last on a single line
  any other non-empty line is a body paragraph.
The PDF goes to data/reports/<YYYY>/<same-name>.pdf, the year taken from the
first four characters of the file name.

Run from anywhere: python3 data/tools/make_pdfs_b.py
"""
from pathlib import Path

from fpdf import FPDF

ROOT = Path(__file__).resolve().parents[1]          # .../data
SRC = ROOT / "pdf-sources" / "b"
OUT = ROOT / "reports"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
FONT_ITALIC = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"


def fit_one_line(pdf: FPDF, text: str, style: str = "", start: float = 9.0) -> None:
    """Print text on one line, shrinking the font so that a URL is never broken."""
    size = start
    pdf.set_font("DejaVu", style, size)
    while size > 4.5 and pdf.get_string_width(text) > pdf.epw - 1:
        size -= 0.25
        pdf.set_font("DejaVu", style, size)
    pdf.cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")


def build(src: Path) -> Path:
    letterhead, title, source = None, None, None
    paragraphs = []
    for raw in src.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@ "):
            letterhead = line[2:].strip()
        elif line.startswith("# "):
            title = line[2:].strip()
        elif line.startswith("Source:"):
            source = line
        else:
            paragraphs.append(line)
    if not title or not source:
        raise SystemExit(f"{src.name}: needs a '# title' line and a 'Source:' line")

    pdf = FPDF(format="A4")
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_font("DejaVu", "I", FONT_ITALIC)
    pdf.set_title(title)
    pdf.set_author("corpus part b")
    pdf.set_creator("make_pdfs_b.py")
    pdf.add_page()

    if letterhead:
        pdf.set_font("DejaVu", "I", 8)
        pdf.set_text_color(70, 70, 70)
        pdf.multi_cell(0, 4, letterhead, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(120, 120, 120)
        pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.w - pdf.r_margin, pdf.get_y() + 1.5)
        pdf.ln(6)

    pdf.set_font("DejaVu", "B", 13.5)
    pdf.multi_cell(0, 7, title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    pdf.set_font("DejaVu", "", 10.5)
    for para in paragraphs:
        pdf.multi_cell(0, 5.5, para, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)

    pdf.ln(3)
    fit_one_line(pdf, source)

    year = src.name[:4]
    dest = OUT / year / (src.stem + ".pdf")
    dest.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(dest))
    return dest


def main() -> None:
    for src in sorted(SRC.glob("*.txt")):
        print(build(src).relative_to(ROOT))


if __name__ == "__main__":
    main()
