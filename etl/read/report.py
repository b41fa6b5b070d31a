"""The last step of every reader: a title and a body become a checked, normalised Report."""

from __future__ import annotations

from datetime import date

from etl.model import Report
from etl.read.decode import check_line_length
from etl.read.errors import UnreadableReportError
from etl.read.furniture import remove_furniture
from etl.read.layout import one_line, short_title, source_line
from etl.read.published import language_code
from etl.text.normalise import normalise_text


def finish_report(
    file: str,
    title: str,
    body: str,
    fmt: str,
    *,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    language: str | None = None,
    notes: tuple[str, ...] = (),
) -> Report:
    """Normalise, drop page furniture, check the body, fill url/source from a "Source:" line."""
    check_line_length(body)
    title = one_line(title)
    text = normalise_text(remove_furniture(normalise_text(body), title))
    if not text:
        raise UnreadableReportError("no body text")
    if not title:
        title = short_title(text.split("\n", 1)[0])
        notes += ("no title: title made from the first sentence",)
    if url is None or source is None:
        line_source, line_url = source_line(text)
        url = url or line_url
        source = source or line_source
    return Report(
        file=file,
        title=title,
        text=text,
        url=(url or "").strip() or None,
        source=one_line(source) if source else None,
        published=published,
        language=language_code(language),
        format=fmt,
        notes=notes,
    )
