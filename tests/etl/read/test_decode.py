"""Decoding the bytes of a text file."""

from __future__ import annotations

import pytest

from etl.read.decode import decode_bytes
from etl.read.errors import UnreadableReportError


def test_decode_utf8_is_silent() -> None:
    assert decode_bytes("Вена – “quote”".encode()) == ("Вена – “quote”", ())


def test_mojibake_is_repaired_with_a_note() -> None:
    garbled = "The SCO’s ‘joint’ statement – signed in Astana".encode().decode("cp1252")
    text, notes = decode_bytes(garbled.encode())
    assert text == "The SCO’s ‘joint’ statement – signed in Astana"
    assert notes and "mojibake" in notes[0]


def test_gzip_is_not_text() -> None:
    with pytest.raises(UnreadableReportError, match="gzip"):
        decode_bytes(b"\x1f\x8b\x08\x00 rest")
