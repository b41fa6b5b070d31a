"""Helpers shared by the per-format readers: decoding bytes, publication dates, finishing a Report."""

from __future__ import annotations

import codecs
import re
import unicodedata
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from etl.model import Report
from etl.read.errors import UnreadableReport
from etl.read.furniture import remove_furniture
from etl.text.normalise import normalise_text

MAX_LINE_CHARS = 200_000
# A title longer than this is a paragraph that lost its heading, not a headline.
MAX_TITLE_CHARS = 300

# Files that are not text at all, named so the reason tells the user what they put in the folder.
_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx?)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x7fELF", "a program"),
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# UTF-8 read as windows-1252 ("â€™" for "’", "Ã©" for "é").
_MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf\u2018-\u203a]|Â[\u00a0-\u00bf]")


def decode_bytes(raw: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes of a text file as str, plus notes on how it was decoded; raises UnreadableReport."""
    if not raw.strip():
        raise UnreadableReport("empty file")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise UnreadableReport(f"not text: looks like {what}")
    notes: list[str] = []
    if raw.startswith(codecs.BOM_UTF8):
        text = _strict(raw[3:], "utf-8")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(raw, "utf-16")
        notes.append("decoded as UTF-16, not UTF-8")
    elif b"\x00" in raw[:8192]:
        text = _utf16_without_bom(raw[:8192], raw)
        notes.append("decoded as UTF-16, not UTF-8")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            text, encoding = _legacy_encoding(raw, error)
            notes.append(f"decoded as {encoding}, not UTF-8")
    text, more = _check_text(text)
    return text, tuple(notes) + more


def _strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableReport(
            f"broken encoding: declares {encoding.upper()} but byte {error.start:,} is invalid"
        ) from None


def _utf16_without_bom(head: bytes, raw: bytes) -> str:
    # ASCII-heavy UTF-16 has a NUL in every other byte; anything else with NULs is binary.
    half = max(len(head) // 2, 1)
    zeros_even, zeros_odd = head[0::2].count(0), head[1::2].count(0)
    if zeros_odd > 0.3 * half and zeros_even == 0:
        return _strict(raw, "utf-16-le")
    if zeros_even > 0.3 * half and zeros_odd == 0:
        return _strict(raw, "utf-16-be")
    raise UnreadableReport("not text: looks binary (contains NUL bytes)")


def _legacy_encoding(raw: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    valid = len(_UTF8_MULTIBYTE.findall(raw))
    invalid = raw.decode("utf-8", errors="replace").count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    # Mostly UTF-8 with some bad bytes: a damaged or mixed file; guessing another encoding would
    # turn its good characters into garbage.
    if valid and valid >= invalid:
        raise UnreadableReport(
            f"broken encoding: UTF-8 with {invalid:,} invalid byte(s), first at byte {error.start:,}"
        )
    from charset_normalizer import from_bytes  # imported here: only legacy files pay for it

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UnreadableReport("broken encoding: not UTF-8, and no other encoding reads it cleanly")
    return str(best), best.encoding


def _check_text(text: str) -> tuple[str, tuple[str, ...]]:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(3, len(sample) // 100):
        raise UnreadableReport(f"not text: looks binary ({controls:,} control characters)")
    replaced = text.count("\ufffd")
    if replaced >= 10 or replaced > len(text) // 200:
        raise UnreadableReport(f"broken encoding: {replaced:,} replacement characters (\ufffd) in the text")
    notes: tuple[str, ...] = ()
    if replaced:
        notes = (f"{replaced} replacement character(s) (\ufffd) in the text",)
    if len(_MOJIBAKE.findall(sample)) >= 3:
        try:
            text = text.encode("cp1252").decode("utf-8")
            notes += ("repaired UTF-8 that had been decoded as windows-1252 (mojibake)",)
        except UnicodeError:
            notes += ("text looks double-encoded (mojibake such as 'â€™')",)
    return text, notes


def check_line_length(text: str) -> None:
    """One enormous line is a dump or a minified blob, never a report, and would slow every step."""
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        raise UnreadableReport(f"a line of {longest:,} characters: not a report")


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[./](?P<mon>\d{1,2})[./](?P<year>\d{4})(?:[t ,].*)?")
_DATE_FORMS = (
    re.compile(r"(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?:[t ].*)?"),
    re.compile(r"(?P<year>\d{4})/(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?:[t ].*)?"),
    re.compile(r"(?P<year>\d{4})(?P<mon>\d{2})(?P<day>\d{2})"),
    _DAY_FIRST,
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b.*"),
    re.compile(_WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b.*"),
)


def parse_published(value: object) -> date | None:
    """A publication date from front matter, a feed or page metadata; None when not understood."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip().lower()  # patterns below are lower case ("t" of ISO too)
    for form in _DATE_FORMS:
        match = form.fullmatch(text)
        if match:
            found = _date_from(match)
            if found:
                return found
    try:  # RSS-style "Wed, 24 Jun 2020 10:00:00 GMT"
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _date_from(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = _MONTHS[parts["month"]] if parts.get("month") else int(parts["mon"])
    day, year = int(parts["day"]), int(parts["year"])
    if match.re is _DAY_FIRST and month > 12 and day <= 12 and "/" in match.group(0):
        # "06/24/2020": American order; "24.13.2020" stays wrong
        day, month = month, day
    try:
        return date(year, month, day)
    except ValueError:
        return None


def one_line(text: str) -> str:
    return " ".join(normalise_text(text).split())


def title_from_body(body: str) -> tuple[str, str, tuple[str, ...]]:
    """Title = first non-empty line, body = the rest; a paragraph-long first line stays in the body."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.strip():
            first = line.strip()
            if len(first) <= MAX_TITLE_CHARS:
                return first, "\n".join(lines[index + 1 :]), ()
            return short_title(first), body, ("no title line: title made from the first sentence",)
    return "", body, ()


def short_title(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]
    if len(sentence) <= 200:
        return sentence
    return sentence[:200].rsplit(" ", 1)[0] + "…"


_SOURCE_LINE = re.compile(r"^source\s*:\s*(?P<rest>.+)$", re.IGNORECASE | re.MULTILINE)
_URL = re.compile(r"https?://[^\s<>\"']+")


def source_line(body: str) -> tuple[str | None, str | None]:
    """(source, url) from a visible "Source: NAME, URL" line, the last one in the body."""
    matches = list(_SOURCE_LINE.finditer(body))
    if not matches:
        return None, None
    rest = matches[-1].group("rest")
    url_match = _URL.search(rest)
    url = url_match.group(0).rstrip(").,;]") if url_match else None
    name = rest[: url_match.start()] if url_match else rest
    name = name.strip(" ,;:-–—")
    if name.endswith("(") or (name.startswith("(") and name.endswith(")")):
        name = name.strip("()").strip()
    elif name.count("(") > name.count(")"):  # "Name (via X, URL)" split at the URL
        name += ")"
    return (name or None), url


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
        raise UnreadableReport("no body text")
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


def language_code(value: object) -> str | None:
    """'en', 'en-GB', 'en_US' → 'en'; YAML reads a bare `no` (Norwegian) as False."""
    if value is False:
        return "no"
    if not isinstance(value, str) or not value.strip():
        return None
    return re.split(r"[-_]", value.strip())[0].lower() or None


def reflow(text: str) -> str:
    """Join lines that were wrapped to a width (PDF layout, hard-wrapped text) back into paragraphs.

    Sentences never cross a line break downstream, so a wrapped sentence must become one line. A line
    much shorter than the usual width ends its paragraph; in doubt two lines are joined, which costs
    less than a sentence cut in two.
    """
    lines = [line.strip() for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return ""
    width = lengths[int(0.9 * (len(lengths) - 1))]
    out: list[str] = []
    current = ""
    for line in lines:
        if not line or LIST_ITEM.match(line):
            if current:
                out.append(current)
            current = ""
            if not line:
                out.append("")
                continue
        current = join_wrapped(current, line) if current else line
        if len(line) < 0.8 * width:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return "\n".join(out)


LIST_ITEM = re.compile(r"^(?:[-•*–]\s|\d{1,2}[.)]\s)")


def join_wrapped(left: str, right: str) -> str:
    # "Secretary-\nGeneral", "co-\noperation": keep the hyphen, drop the break.
    if left.endswith("-") and len(left) > 1 and left[-2].isalpha() and right[:1].isalpha():
        return left + right
    return left + " " + right


def looks_hard_wrapped(text: str) -> bool:
    """A text wrapped at ~70-100 columns (e-mails, wires), as opposed to one line per paragraph."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if len(filled) < 6:
        return False
    lengths = sorted(len(line) for line in filled)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not 40 <= width <= 110:
        return False
    near_width = sum(1 for n in lengths if n >= 0.8 * width)
    followed = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.strip() and b.strip())
    return near_width >= 0.4 * len(filled) and followed >= 0.5 * len(filled)
