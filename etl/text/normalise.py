"""Normalise body text so that offsets are stable and patterns see plain spaces."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Bidirectional controls (embeddings, overrides, isolates, marks): they make text display in another order
# than it is stored ("Report", U+202E, "gnp.exe" shows as "Report exe.png"), and no report needs them.
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def remove_bidi_controls(text: str) -> str:
    """The text without bidirectional control characters, for any string shown to a reader."""
    return _BIDI_CONTROLS.sub("", text)


def normalise_text(text: str) -> str:
    """NFC, plain spaces for every kind of space, Unix newlines, at most one blank line in a row, no
    invisible or bidirectional control characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = remove_bidi_controls(text)
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_BLANK_LINES.sub("\n\n", text).strip()
