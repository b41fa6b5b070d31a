"""The one PDF writer: every PDF of the corpus, the held-out sets, the test fixtures and the benchmark is
laid out with these few calls, in DejaVu Sans so that the PDF has a real text layer.

    pdf = new_document(title="...", styles=("", "B"), margins=(22, 20, 22))
    write(pdf, "Heading", size=14, line=7, style="B", gap=4)
    write(pdf, "A paragraph ...", size=10.5, line=5.5)
    save(pdf, path)

`write` sets the type and adds one paragraph as a multi-line cell, then a gap; anything else (a rule, a
colour, a drawing) is plain fpdf2 on the returned document. A document has a fixed creation date, so
that writing it again gives the same bytes. Where the ETL reads the text of such a PDF, the line breaks
are what fpdf2 makes of the margins, type sizes and alignment given here: change none of them for a
PDF that is already shipped, or its text changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
FAMILY = "DejaVu"
# Without DejaVu (fonts-dejavu-core) a document may fall back to a core font, which holds Latin-1 only.
CORE_FAMILY = "Helvetica"
# Any fixed date will do; it only has to stay the same from one run to the next.
FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)

Align = Literal["J", "L", "C", "R"]


class _Document(FPDF):
    """An fpdf2 document whose footer, if any, is a centred small line at the foot of every page."""

    footer_text: Callable[[int], str] | None = None
    text_family: str = FAMILY

    def footer(self) -> None:
        if self.footer_text is None:
            return
        self.set_y(-15)
        self.set_font(self.text_family, size=7)
        self.cell(0, 10, self.footer_text(self.page_no()), align="C")


def fonts_available(styles: Iterable[str] = ("",)) -> bool:
    return all((FONT_DIR / FONT_FILES[style]).exists() for style in styles)


def new_document(
    *,
    title: str | None = None,
    author: str | None = None,
    creator: str | None = None,
    styles: Iterable[str] = ("",),
    margins: tuple[float, float, float] | None = None,
    page_break: float | None = None,
    footer: Callable[[int], str] | None = None,
    core_font_fallback: bool = False,
) -> FPDF:
    """An A4 document with its first page added.

    `styles` are the DejaVu styles to embed ("", "B", "I"); fpdf2 embeds every added font, used or not,
    so add only those the document uses. `margins` are (left, top, right) in mm, `page_break` the bottom
    margin at which a page breaks (fpdf2's defaults otherwise: 10 mm margins, 20 mm at the foot).
    `footer` gives the footer line of a page from its number. With `core_font_fallback`, a machine
    without DejaVu writes in Helvetica instead of failing.
    """
    styles = tuple(styles)
    pdf = _Document(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if creator:
        pdf.set_creator(creator)
    if margins is not None:
        pdf.set_margins(*margins)
    if page_break is not None:
        pdf.set_auto_page_break(auto=True, margin=page_break)
    if fonts_available(styles):
        for style in styles:
            pdf.add_font(FAMILY, style, str(FONT_DIR / FONT_FILES[style]))
    elif core_font_fallback:
        pdf.text_family = CORE_FAMILY
    else:
        missing = ", ".join(str(FONT_DIR / FONT_FILES[s]) for s in styles if not (FONT_DIR / FONT_FILES[s]).exists())
        raise FileNotFoundError(f"font not found: {missing} (Debian: apt-get install fonts-dejavu-core)")
    pdf.footer_text = footer
    pdf.add_page()
    return pdf


def set_type(pdf: FPDF, size: float, style: str = "") -> None:
    """The type of what is written next."""
    pdf.set_font(_family(pdf), style, size)


def write(
    pdf: FPDF,
    text: str,
    *,
    size: float | None = None,
    line: float,
    style: str = "",
    align: Align = "J",
    gap: float = 0.0,
) -> None:
    """One paragraph as a multi-line cell across the page, then `gap` mm of space.

    `size` (points) and `style` set the type first; without `size` the current type is kept. `line` is
    the line height in mm; `align` is fpdf2's ("J", its default, justifies).
    """
    if size is not None:
        set_type(pdf, size, style)
    if _family(pdf) == CORE_FAMILY:
        text = text.encode("latin-1", "replace").decode("latin-1")
    pdf.multi_cell(0, line, text, align=align, new_x="LMARGIN", new_y="NEXT")
    if gap:
        pdf.ln(gap)


def write_on_one_line(pdf: FPDF, text: str, *, size: float, min_size: float, line: float) -> None:
    """A line kept whole (a source line whose URL must not break): the type shrinks by quarter points
    until it fits the page width, down to `min_size`, below which it may run into the right margin."""
    set_type(pdf, size)
    while size > min_size and pdf.get_string_width(text) > pdf.epw - 1:
        size -= 0.25
        set_type(pdf, size)
    pdf.cell(0, line, text, new_x="LMARGIN", new_y="NEXT")


def save(pdf: FPDF, path: Path) -> Path:
    """Write the document to `path` (its folder is made if needed); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def to_bytes(pdf: FPDF) -> bytes:
    return bytes(pdf.output())


def _family(pdf: FPDF) -> str:
    return getattr(pdf, "text_family", FAMILY)
