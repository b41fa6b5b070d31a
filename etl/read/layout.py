"""Lines and paragraphs of a report body: titles from the first line, wrapped lines joined, "Source:" lines."""

from __future__ import annotations

import re

from etl.text.normalise import normalise_text

# A title longer than this is a paragraph that lost its heading, not a headline.
MAX_TITLE_CHARS = 300


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
