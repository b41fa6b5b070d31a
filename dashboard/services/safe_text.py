"""Text from reports and from the page address, made safe to show.

Report titles, sources, file names, roles and values, and whatever a URL parameter holds, are data: they
must show as the characters they are, never as markdown, HTML or a link. Streamlit renders markdown in
st.markdown, st.caption, st.info/warning/error, headers and the labels of expanders, metrics and widgets,
so text bound for those goes through `md`; text bound for Plotly (which reads a little HTML: <b>, <br>,
<a href>) goes through `plot`. Both drop the bidirectional control characters that can make text read
differently from what it is ("Trojan source"). A link is made only from an http(s) URL.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from urllib.parse import quote, urlsplit

import pandas as pd

# Right-to-left/left-to-right embeddings, overrides and isolates, and the two marks.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
BIDI_PATTERN = "[" + BIDI_CONTROLS + "]"
_BIDI = re.compile(BIDI_PATTERN)
# CommonMark lets a backslash escape any ASCII punctuation, so escaping all of it leaves no markup behind
# (emphasis, links, autolinks, code, headings, lists, tables, HTML, Streamlit's :colour[...] and $maths$).
_MD_SPECIAL = re.compile("([" + re.escape(string.punctuation) + "])")
# GitHub-flavoured markdown turns "https://...", "www.x.y", "mailto:..." and "a@b.c" into links even when
# every mark is escaped (it looks for them in the text after parsing), so a word joiner (U+2060,
# invisible) goes into each: after the ":" of "scheme:/" and "mailto:"/"xmpp:", after an "@", and between
# "www" and its ".". None of the patterns matches any more.
WORD_JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?<=:)(?=\\?/)|(?i:(?<=mailto\\:)|(?<=xmpp\\:))|(?<=@)|(?i:(?<=www))(?=\\?\.)")
_SPACE = re.compile(r"\s+")
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"  # not ( ) < > space or backslash, which could end the link
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_bidi(text: object) -> str:
    """The text without bidirectional control characters (and without other C0 controls)."""
    if not isinstance(text, str) and (text is None or pd.api.types.is_scalar(text) and pd.isna(text)):
        return ""
    return _CONTROL.sub("", _BIDI.sub("", str(text)))


def one_line(text: object) -> str:
    """Cleaned text on one line: runs of white space (newlines included) become one space."""
    return _SPACE.sub(" ", strip_bidi(text)).strip()


def md(text: object) -> str:
    """Text for anything Streamlit renders as markdown: shown literally, on one line, never a link."""
    return _AUTOLINK.sub(WORD_JOINER, _MD_SPECIAL.sub(r"\\\1", one_line(text)))


def plot(text: object) -> str:
    """Text for Plotly labels and hovers: its HTML-like tags and entities shown literally."""
    return strip_bidi(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def http_url(url: object) -> str | None:
    """The URL if it is an absolute http or https address, else None (data:, javascript:, relative...)."""
    text = strip_bidi(url).strip()
    if not text or _SPACE.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def md_link(text: object, url: object) -> str:
    """A markdown link showing `text` literally when `url` is http(s); otherwise the text alone."""
    label = md(text) or md(url)
    target = http_url(url)
    if target is None:
        return label
    return f"[{label}]({quote(target, safe=_URL_SAFE)})"


def shorten(values: Iterable[object], shown: int = 3, quote_values: bool = True) -> str:
    """A readable list cut after `shown` items: 'a', 'b', 'c' and 497 more."""
    items = [one_line(v) for v in values]
    parts = [f"'{v}'" if quote_values else v for v in items[:shown]]
    rest = len(items) - len(parts)
    if rest > 0:
        return ", ".join(parts) + f" and {rest:,} more"
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""
