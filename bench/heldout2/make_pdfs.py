#!/usr/bin/env python3
"""Build the two PDF reports of bench/heldout2 from their text sources.

Each source in pdf-sources/ is rendered by the project's PDF writer (tools/pdf_writer.py, DejaVu Sans, so
the PDF has a real text layer). Lines in ALL CAPS or starting with a Roman numeral heading are set in
bold; everything else as normal paragraphs. Every page has a footer line with its number.

Usage: .venv/bin/python bench/heldout2/make_pdfs.py
"""

from __future__ import annotations

import re
from pathlib import Path

from tools import pdf_writer

HERE = Path(__file__).resolve().parent
SRC = HERE / "pdf-sources"
OUT = HERE / "reports"

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


def build(stem: str, meta: dict) -> Path:
    text = (SRC / f"{stem}.txt").read_text(encoding="utf-8")
    pdf = pdf_writer.new_document(
        title=meta["title"],
        author=meta["author"],
        styles=("", "B"),
        margins=(22, 20, 22),
        page_break=20,
        footer=lambda page: f"{meta['footer']}  |  page {page}",
    )
    for para in text.split("\n\n"):
        para = para.strip()
        if not para:
            continue
        for line in para.split("\n"):
            bold = line.isupper() or bool(HEADING.match(line)) and len(line) < 60
            pdf_writer.write(pdf, line, size=12 if line.isupper() else 10.5, style="B" if bold else "", line=5.5,
                             align="L")
        pdf.ln(3)
    return pdf_writer.save(pdf, OUT / f"{stem}.pdf")


if __name__ == "__main__":
    for stem, meta in DOCS.items():
        print("wrote", build(stem, meta))
