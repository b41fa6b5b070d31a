#!/usr/bin/env python3
"""Build the two PDF reports of bench/heldout2 from their text sources.

Each source in pdf-sources/ is rendered with fpdf2 (DejaVuSans, so the PDF has a
real text layer). Lines in ALL CAPS or starting with a Roman numeral heading are
set in bold; everything else as normal paragraphs.

Usage: python3 make_pdfs.py
"""
import re
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
SRC = HERE / "pdf-sources"
OUT = HERE / "reports"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

DOCS = {
    "k05-kyrgyz-2010-preliminary-findings": {
        "title": ("Kyrgyz Republic Parliamentary Elections, 10 October 2010 - "
                  "Statement of Preliminary Findings (excerpt)"),
        "author": "International Election Observation Mission",
        "footer": ("International Election Observation Mission - Kyrgyz Republic 2010 - "
                   "Statement of Preliminary Findings (excerpt)"),
    },
    "k06-bratislava-ct-strategy-expert-meeting": {
        "title": "Meeting note: first expert meeting on the UN Global Counter-Terrorism Strategy in Central Asia",
        "author": "UNRCCA (summary)",
        "footer": "UNRCCA - meeting note",
    },
}

HEADING = re.compile(r"^([IVX]+\.\s|\d+\.\s)")


class Doc(FPDF):
    footer_text = ""

    def footer(self):
        self.set_y(-15)
        self.set_font("DejaVu", size=7)
        self.cell(0, 10, f"{self.footer_text}  |  page {self.page_no()}", align="C")


def build(stem: str, meta: dict) -> Path:
    text = (SRC / f"{stem}.txt").read_text(encoding="utf-8")
    pdf = Doc(format="A4")
    pdf.footer_text = meta["footer"]
    pdf.set_title(meta["title"])
    pdf.set_author(meta["author"])
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    for para in text.split("\n\n"):
        para = para.strip()
        if not para:
            continue
        for line in para.split("\n"):
            bold = line.isupper() or bool(HEADING.match(line)) and len(line) < 60
            pdf.set_font("DejaVu", "B" if bold else "", 12 if line.isupper() else 10.5)
            pdf.multi_cell(0, 5.5, line, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    out = OUT / f"{stem}.pdf"
    pdf.output(str(out))
    return out


if __name__ == "__main__":
    for stem, meta in DOCS.items():
        print("wrote", build(stem, meta))
