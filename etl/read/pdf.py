"""Read a PDF report from its text layer, page by page in order."""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.model import Report
from etl.read.errors import UnreadableReportError
from etl.read.layout import LIST_ITEM as _LIST_ITEM
from etl.read.layout import join_wrapped, title_from_body
from etl.read.report import finish_report

if TYPE_CHECKING:
    from pypdf import PageObject

# pypdf logs a warning for every oddity it recovers from; what matters reaches the user as a note
# or a Skipped reason.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# Titles that PDF writers fill in by themselves and that say nothing about the report.
_JUNK_TITLE = re.compile(r"^(?:untitled|microsoft word\s*-.*|document\d*|.*\.(?:docx?|pdf|odt|rtf))$", re.I)
# fewer characters than this over all pages: a scan with at most a stray page number on it
_MIN_TEXT = 20


def parse_pdf_report(raw: bytes, file: str) -> Report:
    """A PDF report from its bytes; raises UnreadableReportError with the reason."""
    if not raw.strip():
        raise UnreadableReportError("empty file")
    if b"%PDF-" not in raw[:1024]:
        raise UnreadableReportError("not a PDF: no %PDF header")
    if b"%%EOF" not in raw[-2048:]:
        raise UnreadableReportError("PDF is truncated or damaged: no %%EOF end marker (file cut short?)")
    from pypdf import PdfReader  # imported here: folders without PDFs don't pay for it

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableReportError("PDF is encrypted with a password")
        pages = [_page_lines(page) for page in reader.pages]
        meta_title = (reader.metadata or {}).get("/Title")
    except UnreadableReportError:
        raise
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds of errors on damaged files
        raise UnreadableReportError(f"PDF is truncated or damaged: {_short(error)}") from None
    if not pages:
        raise UnreadableReportError("PDF has no pages")
    if sum(len(line.text) for page in pages for line in page) < _MIN_TEXT:
        raise UnreadableReportError("PDF has no text layer (a scanned image?): run OCR on it first")
    paragraphs = _paragraphs(_drop_running_lines(pages))
    notes: tuple[str, ...] = ()
    title = " ".join(str(meta_title).split()) if meta_title else ""
    if not title or _JUNK_TITLE.match(title):
        title, paragraphs = _title_from_layout(paragraphs)
    body = "\n".join(paragraph.text for paragraph in paragraphs)
    if not title:
        title, body, notes = title_from_body(body)
    return finish_report(file, title, body, "pdf", notes=notes)


@dataclass(frozen=True)
class _Line:
    text: str
    size: float | None = None  # font size in points, when the layout is known
    y: float | None = None


def _page_lines(page: PageObject) -> list[_Line]:
    """The page's text lines, each with the font size and height of its first characters."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1.0
        pieces.append((text, round(size * scale, 1), tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit) or ""
    if "".join(piece[0] for piece in pieces) != text:  # layout unknown: text only
        return [_Line(line.strip()) for line in text.split("\n") if line.strip()]
    lines: list[_Line] = []
    current: list[str] = []
    layout: tuple[float, float] | None = None
    for piece, size, y in pieces:
        for index, part in enumerate(piece.split("\n")):
            if index:
                _add_line(lines, current, layout)
                current, layout = [], None
            current.append(part)
            if layout is None and part.strip():
                layout = (size, y)
    _add_line(lines, current, layout)
    return lines


def _add_line(lines: list[_Line], parts: list[str], layout: tuple[float, float] | None) -> None:
    text = "".join(parts).strip()
    if text:
        lines.append(_Line(text, *(layout or (None, None))))


def _paragraphs(pages: list[list[_Line]]) -> list[_Line]:
    """Lines joined into paragraphs: a change of font size, a wider gap or a short line ends one."""
    lines = [line for page in pages for line in page]
    width = _usual_width(lines)
    gap = _usual_gap(lines)
    paragraphs: list[_Line] = []
    current: _Line | None = None
    previous: _Line | None = None
    for line in lines:
        new = (
            current is None
            or previous is None
            or _size_changed(previous, line)
            or _wide_gap(previous, line, gap)
            or len(previous.text) < 0.8 * (width.get(previous.size) or width["all"])
            or _LIST_ITEM.match(line.text) is not None
        )
        if new:
            if current is not None:
                paragraphs.append(current)
            current = line
        else:
            current = _Line(join_wrapped(current.text, line.text), current.size, current.y)
        previous = line
    if current is not None:
        paragraphs.append(current)
    return paragraphs


def _usual_width(lines: list[_Line]) -> dict[float | None | str, float]:
    # Measured per font size: the title's wrapped lines are shorter in characters than the body's.
    by_size: dict[float | None, list[int]] = {}
    for line in lines:
        by_size.setdefault(line.size, []).append(len(line.text))
    widths: dict[float | None | str, float] = {
        size: _percentile(lengths, 0.9) if len(lengths) >= 5 else max(lengths)
        for size, lengths in by_size.items()
    }
    widths["all"] = _percentile([len(line.text) for line in lines], 0.9)
    return widths


def _usual_gap(lines: list[_Line]) -> float | None:
    # Line spacing in units of the font size, so a title's wider spacing is not a paragraph break.
    gaps = [
        round((a.y - b.y) / a.size, 2)
        for a, b in zip(lines, lines[1:], strict=False)
        if a.y is not None and b.y is not None and a.size and a.size == b.size and a.y > b.y
    ]
    return _percentile(gaps, 0.5) if gaps else None


def _percentile(values: list, share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))] if ordered else 0


def _size_changed(previous: _Line, line: _Line) -> bool:
    return previous.size is not None and line.size is not None and abs(previous.size - line.size) > 0.4


def _wide_gap(previous: _Line, line: _Line, gap: float | None) -> bool:
    if gap is None or previous.y is None or line.y is None or previous.y <= line.y:
        return False  # a new page starts higher up: no gap to judge
    return (previous.y - line.y) / (previous.size or 1) > 1.45 * gap


def _title_from_layout(paragraphs: list[_Line]) -> tuple[str, list[_Line]]:
    """The paragraph in the largest type near the top, when it is larger than the body text."""
    sizes = [p.size for p in paragraphs if p.size is not None]
    if not sizes:
        return "", paragraphs
    body_size = _percentile(sizes, 0.5)
    top = paragraphs[:5]
    best = max(top, key=lambda p: p.size or 0)
    if best.size is None or best.size < body_size + 1 or len(best.text) > 300:
        return "", paragraphs
    return best.text, [p for p in paragraphs if p is not best]


def _short(error: Exception) -> str:
    message = str(error).split("\n")[0][:160]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def _drop_running_lines(pages: list[list[_Line]]) -> list[list[_Line]]:
    """Drop a letterhead or footer repeated at the top or bottom of every page after the first."""
    if len(pages) < 2 or not all(pages):
        return pages
    running = set()
    for position in (0, -1):
        texts = {page[position].text for page in pages}
        if len(texts) == 1:
            running.add(texts.pop())
    return [pages[0]] + [[line for line in page if line.text not in running] for page in pages[1:]]

