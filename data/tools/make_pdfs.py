#!/usr/bin/env python3
"""Build the PDF reports of the corpus from their plain-text sources.

Each source is a UTF-8 text file data/pdf-sources/<name>.txt: a header of "key: value" lines, a line of three
dashes, then the body.

    year: 2015
    layout: ragged
    letterhead: Name of the issuing body, printed small at the top
    title: Heading of the report, printed bold; also the PDF's Title, which the ETL takes as the report's title
    author: Issuing body, stored as the PDF's Author (optional)
    ---
    Body paragraphs, separated by blank lines. A paragraph may be wrapped
    over several lines; they are joined with spaces.

    Source: NAME, URL

The last paragraph must be the visible "Source: NAME, URL" line that every report of the corpus carries.

`layout` names one of three page designs. They differ in margins, alignment and type sizes, which decide where
the lines break and so what the text layer of the PDF reads; each report keeps the layout it was first built
with, so that rebuilding it never changes its text:

    justified    22 mm margins, justified text, grey letterhead above a rule; a long source line wraps
    ragged       22 mm margins, ragged right, italic letterhead above a rule; the source line is kept on one
                 line (shrunk to fit) so that its URL is never broken
    ragged-wide  20 mm margins, ragged right, plain letterhead without a rule; source line as in ragged

The PDF is written by tools/pdf_writer.py to data/reports/<year>/<name>.pdf with a fixed creation date, so that
rebuilding gives the same bytes. Run from the project root:

    .venv/bin/python data/tools/make_pdfs.py
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from fpdf import FPDF

from tools import pdf_writer

ROOT = Path(__file__).resolve().parents[1]  # .../data
SRC = ROOT / "pdf-sources"
OUT = ROOT / "reports"
CREATOR = "data/tools/make_pdfs.py"

REQUIRED = ("year", "layout", "letterhead", "title")
OPTIONAL = ("author",)

# Type sizes in points, line heights and gaps in mm; the same in every layout.
TITLE_LINE, TITLE_GAP = 7.0, 4.0
BODY_SIZE, BODY_LINE = 10.5, 5.5
SOURCE_SIZE = 9.0
# Below this a one-line source is not shrunk further but allowed to run into the right margin:
# smaller type would no longer be legible in print.
SOURCE_MIN_SIZE = 4.5
SOURCE_ONE_LINE_HEIGHT = 5.0


@dataclass(frozen=True)
class Layout:
    """A page design; see the module docstring for what each one looks like."""

    margin: float  # left and right
    margin_top: float  # also the bottom margin at which a page breaks
    align: Literal["J", "L"]
    letterhead_style: Literal["", "I"]
    letterhead_size: float
    letterhead_line: float
    letterhead_grey: int  # 0 is black
    rule_grey: int | None  # None: no rule under the letterhead
    rule_offset: float  # from the foot of the letterhead down to the rule
    letterhead_gap: float  # from the foot of the letterhead down to the title
    title_size: float
    paragraph_gap: float
    source_gap: float  # added to the paragraph gap before the source line
    source_on_one_line: bool


LAYOUTS: dict[str, Layout] = {
    "justified": Layout(
        margin=22, margin_top=20, align="J",
        letterhead_style="", letterhead_size=8.5, letterhead_line=4.5, letterhead_grey=90,
        rule_grey=150, rule_offset=2, letterhead_gap=8,
        title_size=14, paragraph_gap=2.5, source_gap=3, source_on_one_line=False,
    ),
    "ragged": Layout(
        margin=22, margin_top=18, align="L",
        letterhead_style="I", letterhead_size=8, letterhead_line=4, letterhead_grey=70,
        rule_grey=120, rule_offset=1.5, letterhead_gap=6,
        title_size=13.5, paragraph_gap=2.5, source_gap=3, source_on_one_line=True,
    ),
    "ragged-wide": Layout(
        margin=20, margin_top=20, align="L",
        letterhead_style="", letterhead_size=8, letterhead_line=4, letterhead_grey=0,
        rule_grey=None, rule_offset=0, letterhead_gap=4,
        title_size=14, paragraph_gap=3, source_gap=2, source_on_one_line=True,
    ),
}


@dataclass(frozen=True)
class Source:
    """One parsed source file."""

    name: str  # file name without .txt, also the PDF's
    year: str
    layout: Layout
    letterhead: str
    title: str
    author: str | None
    paragraphs: list[str]  # the body; the last one is the "Source:" line


def parse(path: Path) -> Source:
    """The source file's header and paragraphs; raises ValueError naming the file and the problem."""
    text = path.read_text(encoding="utf-8")
    head, separator, body = text.partition("\n---\n")
    if not separator:
        raise ValueError(f"{path.name}: no '---' line between header and body")
    meta: dict[str, str] = {}
    for line in head.splitlines():
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key = key.strip()
        # Strict on purpose: a misspelt key would otherwise silently drop the author or the letterhead.
        if not colon or key not in (*REQUIRED, *OPTIONAL):
            raise ValueError(f"{path.name}: header line {line!r}: expected 'key: value' with key one of "
                             f"{', '.join((*REQUIRED, *OPTIONAL))}")
        meta[key] = value.strip()
    missing = [key for key in REQUIRED if not meta.get(key)]
    if missing:
        raise ValueError(f"{path.name}: header field(s) {', '.join(missing)} missing")
    if not re.fullmatch(r"\d{4}", meta["year"]):
        raise ValueError(f"{path.name}: year {meta['year']!r} is not a four-digit year")
    if meta["layout"] not in LAYOUTS:
        raise ValueError(f"{path.name}: layout {meta['layout']!r} is not one of {', '.join(LAYOUTS)}")
    paragraphs = [" ".join(block.split("\n")).strip() for block in re.split(r"\n[ \t]*\n", body) if block.strip()]
    if not paragraphs or not paragraphs[-1].startswith("Source:"):
        raise ValueError(f"{path.name}: the last paragraph must be the 'Source: NAME, URL' line")
    return Source(path.stem, meta["year"], LAYOUTS[meta["layout"]], meta["letterhead"], meta["title"],
                  meta.get("author"), paragraphs)


def render(source: Source) -> FPDF:
    """The source laid out as a PDF document."""
    layout = source.layout
    pdf = pdf_writer.new_document(
        title=source.title,
        author=source.author,
        creator=CREATOR,
        # fpdf2 embeds every added font, used or not: italic only for the layout that uses it
        styles=("", "B", "I") if layout.letterhead_style == "I" else ("", "B"),
        margins=(layout.margin, layout.margin_top, layout.margin),
        page_break=layout.margin_top,
    )

    pdf_writer.set_type(pdf, layout.letterhead_size, layout.letterhead_style)
    # Greys are set as RGB triples: fpdf2 then writes the same colour operators as the PDFs were first built with.
    grey = layout.letterhead_grey
    pdf.set_text_color(grey, grey, grey)
    pdf_writer.write(pdf, source.letterhead, line=layout.letterhead_line, align=layout.align)
    pdf.set_text_color(0, 0, 0)
    if layout.rule_grey is not None:
        pdf.set_draw_color(layout.rule_grey, layout.rule_grey, layout.rule_grey)
        y = pdf.get_y() + layout.rule_offset
        pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.ln(layout.letterhead_gap)

    pdf_writer.write(pdf, source.title, size=layout.title_size, style="B", line=TITLE_LINE, align=layout.align,
                     gap=TITLE_GAP)

    *body, source_line = source.paragraphs
    for paragraph in body:
        pdf_writer.write(pdf, paragraph, size=BODY_SIZE, line=BODY_LINE, align=layout.align,
                         gap=layout.paragraph_gap)

    pdf.ln(layout.source_gap)
    if layout.source_on_one_line:
        pdf_writer.write_on_one_line(pdf, source_line, size=SOURCE_SIZE, min_size=SOURCE_MIN_SIZE,
                                     line=SOURCE_ONE_LINE_HEIGHT)
    else:
        pdf_writer.write(pdf, source_line, size=SOURCE_SIZE, line=BODY_LINE, align=layout.align)
    return pdf


def build(path: Path) -> Path:
    """Write the PDF of one source file; returns its path."""
    source = parse(path)
    return pdf_writer.save(render(source), OUT / source.year / f"{source.name}.pdf")


def main() -> None:
    sources = sorted(SRC.glob("*.txt"))
    if not sources:
        sys.exit(f"no sources found in {SRC}")
    for path in sources:
        try:
            out = build(path)
        except ValueError as error:
            sys.exit(str(error))
        print(f"{path.relative_to(ROOT)} -> {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
