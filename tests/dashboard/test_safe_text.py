"""The escaping helpers: text from reports and from the address shows as written, never as markup."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.services.evidence import highlight
from dashboard.services.safe_text import WORD_JOINER, http_url, md, md_link, one_line, plot, shorten, strip_bidi

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


@pytest.mark.parametrize(
    "text",
    [
        "**bold** _it_ `code` ~~gone~~",
        "[Session expired](https://example.org/login)",
        "<b>html</b> <script>alert(1)</script> &amp;",
        "# heading",
        "1. list",
        "> quote | table | row",
        ":red[red] :material/home: $x^2$ \\ backslash",
        "![img](https://example.org/x.png)",
    ],
)
def test_md_escapes_every_mark(text: str) -> None:
    out = md(text)
    assert unescape(out) == text
    # Every ASCII punctuation mark is preceded by a backslash: nothing is left for markdown to read.
    assert not re.search(r"(?<!\\)[*_`~\[\]()<>#|:$!&]", out.replace("\\\\", ""))


def test_md_breaks_autolinks() -> None:
    out = md("see https://example.org, www.example.org and someone@example.org")
    assert "https\\:" + WORD_JOINER in out
    assert "www" + WORD_JOINER + "\\." in out
    assert "@" + WORD_JOINER in out


def test_md_is_one_line_without_bidi_controls() -> None:
    assert md("a\n\n  b\tc") == "a b c"
    assert md(f"abc{BIDI}def") == "abcdef"
    assert md(None) == "" and md(float("nan")) == "" and md(pd.NA) == ""


def test_strip_bidi_removes_every_control() -> None:
    text = "".join(f"{c}x" for c in BIDI)
    assert strip_bidi(text) == "x" * len(BIDI)
    assert strip_bidi("line\nnext\ttab\x07bell") == "line\nnext\ttabbell"
    assert one_line(" a \u202e b ") == "a b"


def test_plot_shows_tags_as_text() -> None:
    assert plot("<a href='x'>AT&T</a>\u202e") == "&lt;a href='x'&gt;AT&amp;T&lt;/a&gt;"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1#c", "https://example.org/a?b=1#c"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://EXAMPLE.ORG", "HTTPS://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("JaVaScRiPt:alert(1)", None),
        ("//example.org/x", None),
        ("/relative", None),
        ("https://", None),
        ("https://exa mple.org", None),
        ("ftp://example.org", None),
        ("https://example.org/\u202e", "https://example.org/"),
        (None, None),
        ("", None),
    ],
)
def test_http_url(url: str | None, expected: str | None) -> None:
    assert http_url(url) == expected


def test_md_link() -> None:
    assert md_link("A title", "https://example.org/a") == "[A title](https://example.org/a)"
    # Brackets and parentheses of the URL cannot close the link early.
    assert md_link("t", "https://example.org/a)b(c") == "[t](https://example.org/a%29b%28c)"
    assert md_link("t", "https://example.org/<x> y") == "t"  # white space: not a URL
    assert md_link("**t**", "javascript:alert(1)") == "\\*\\*t\\*\\*"
    assert md_link(None, "https://example.org") == "[https\\:" + WORD_JOINER + "\\/\\/example\\.org](https://example.org)"


def test_shorten_counts_what_it_leaves_out() -> None:
    assert shorten([]) == ""
    assert shorten(["a"]) == "'a'"
    assert shorten(["a", "b"]) == "'a' and 'b'"
    assert shorten(["a", "b", "c"]) == "'a', 'b' and 'c'"
    assert shorten([f"v{i}" for i in range(500)]) == "'v0', 'v1', 'v2' and 497 more"
    assert shorten(["a\nb\u202e"], quote_values=False) == "a b"


def test_highlight_keeps_report_text_as_text() -> None:
    text = "**bold** <script>alert(1)</script> [x](javascript:alert(1)) \u202eevil SCO"
    spans = pd.DataFrame({"start": [text.index("SCO")], "end": [len(text)], "ref_type": ["participant"],
                          "ref_id": ["p-<sco>"]})
    out = highlight(text, spans)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "**" not in out and "](" not in out and "[" not in out
    assert "\u202e" not in out
    assert 'title="participant: p-&lt;sco&gt;">SCO</mark>' in out
