"""Bytes of a text file to str: magic numbers of non-text files, BOMs, UTF-16, legacy encodings, mojibake.

Also the check that no line is so long that the file cannot be a report.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from etl.read.errors import UnreadableReportError

MAX_LINE_CHARS = 200_000

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
    """Bytes of a text file as str, plus notes on how it was decoded; raises UnreadableReportError."""
    if not raw.strip():
        raise UnreadableReportError("empty file")
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise UnreadableReportError(f"not text: looks like {what}")
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
        raise UnreadableReportError(
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
    raise UnreadableReportError("not text: looks binary (contains NUL bytes)")


def _legacy_encoding(raw: bytes, error: UnicodeDecodeError) -> tuple[str, str]:
    valid = len(_UTF8_MULTIBYTE.findall(raw))
    invalid = raw.decode("utf-8", errors="replace").count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    # Mostly UTF-8 with some bad bytes: a damaged or mixed file; guessing another encoding would
    # turn its good characters into garbage.
    if valid and valid >= invalid:
        raise UnreadableReportError(
            f"broken encoding: UTF-8 with {invalid:,} invalid byte(s), first at byte {error.start:,}"
        )
    from charset_normalizer import from_bytes  # imported here: only legacy files pay for it

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise UnreadableReportError("broken encoding: not UTF-8, and no other encoding reads it cleanly")
    return str(best), best.encoding


def _check_text(text: str) -> tuple[str, tuple[str, ...]]:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > max(3, len(sample) // 100):
        raise UnreadableReportError(f"not text: looks binary ({controls:,} control characters)")
    replaced = text.count("\ufffd")
    if replaced >= 10 or replaced > len(text) // 200:
        raise UnreadableReportError(f"broken encoding: {replaced:,} replacement characters (\ufffd) in the text")
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
        raise UnreadableReportError(f"a line of {longest:,} characters: not a report")
