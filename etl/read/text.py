"""Read .txt and .md reports, with optional YAML front matter between two `---` lines."""

from __future__ import annotations

import re
from datetime import date

import yaml

from etl.model import Report
from etl.read.decode import check_line_length, decode_bytes
from etl.read.errors import UnreadableReportError
from etl.read.layout import looks_hard_wrapped, reflow, title_from_body
from etl.read.published import parse_published
from etl.read.report import finish_report

_FENCE = re.compile(r"[ \t]*---[ \t]*")
_CLOSING = re.compile(r"[ \t]*(?:---|\.\.\.)[ \t]*")
_TEXT_FIELDS = ("title", "url", "source", "language")


def parse_text_report(raw: bytes, file: str) -> Report:
    """A .txt or .md report from its bytes; raises UnreadableReportError with the reason."""
    markdown = file.lower().endswith(".md")
    text, notes = decode_bytes(raw)
    check_line_length(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fields, body, front_notes = split_front_matter(text)
    notes += front_notes
    if markdown:
        body = markdown_to_text(body)
    elif looks_hard_wrapped(body):
        body = reflow(body)
        notes += ("hard-wrapped lines joined into paragraphs",)
    title = fields.get("title") or ""
    if markdown and title:
        title = markdown_inline(title)
    if not title:
        title, body, title_notes = title_from_body(body)
        notes += title_notes
    return finish_report(
        file,
        title,
        body,
        "md" if markdown else "txt",
        url=fields.get("url"),
        source=fields.get("source"),
        published=fields.get("published"),
        language=fields.get("language"),
        notes=notes,
    )


def split_front_matter(text: str) -> tuple[dict, str, tuple[str, ...]]:
    """(fields, body, notes); a front matter block that is opened must close and be a YAML mapping."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not _FENCE.fullmatch(lines[first]):
        return {}, text, ()
    close = next((i for i in range(first + 1, len(lines)) if _CLOSING.fullmatch(lines[i])), None)
    if close is None:
        raise UnreadableReportError(f"front matter opened with '---' on line {first + 1} is never closed")
    block = "\n".join(lines[first + 1 : close])
    notes: tuple[str, ...] = ()
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError as error:
        data = _simple_fields(block)
        if data is None:
            raise UnreadableReportError(_yaml_reason(error, first + 1)) from None
        notes = ("front matter is not strict YAML (a ':' inside a value?): read as 'key: value' lines",)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a single value ({str(data)[:40]!r})"
        raise UnreadableReportError(f"front matter is not a mapping of fields (it is {kind})")
    fields, field_notes = _fields(data)
    return fields, "\n".join(lines[close + 1 :]), notes + field_notes


_SIMPLE_FIELD = re.compile(r"(?P<key>[A-Za-z_][\w-]*):[ \t]+(?P<value>[^\s\"'\[{|>&*!%@`].*)")


def _simple_fields(block: str) -> dict | None:
    """Front matter written as plain `key: value` lines that YAML rejects, typically an unquoted title
    with a colon ("title: SCO RATS: over 13,500 militants ..."). Anything else stays an error."""
    fields: dict = {}
    for line in block.split("\n"):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _SIMPLE_FIELD.fullmatch(line.rstrip())
        if not match:
            return None
        fields[match.group("key").lower()] = match.group("value").strip()
    return fields or None


def _yaml_reason(error: yaml.YAMLError, offset: int) -> str:
    problem = getattr(error, "problem", None) or str(error).split("\n")[0]
    mark = getattr(error, "problem_mark", None)
    where = f" (line {mark.line + 1 + offset})" if mark is not None else ""
    return f"front matter is not valid YAML: {problem}{where}"


def _fields(data: dict) -> tuple[dict, tuple[str, ...]]:
    fields: dict = {}
    notes: list[str] = []
    for name in _TEXT_FIELDS:
        value = data.get(name)
        if value is None or (name == "language" and isinstance(value, bool)):
            fields[name] = value
        elif isinstance(value, (str, int, float, date)):
            fields[name] = str(value).strip()
        else:
            raise UnreadableReportError(f"front matter field '{name}' is {type(value).__name__}, not text")
    published = data.get("published", data.get("date"))
    if published is not None:
        fields["published"] = parse_published(published)
        if fields["published"] is None:
            notes.append(f"published date not understood: {str(published)[:40]!r}")
    return fields, tuple(notes)


# Markdown syntax is removed so that offsets point into plain prose.
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_SETEXT = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(.+?)~~")
_CODE = re.compile(r"`+([^`\n]+?)`+")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")


def markdown_inline(text: str) -> str:
    """Inline markdown to plain text: links keep their text, emphasis loses its markers."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _STRONG.sub(r"\2", text)  # nested "**bold _and_ more**" may need a second pass
    text = _EMPHASIS_STAR.sub(r"\1", text)
    text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
    text = _STRIKE.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def markdown_to_text(body: str) -> str:
    """Markdown to plain paragraphs, one per line, as a reader of the rendered page would see them.

    Lines of one paragraph are joined (markdown renders a single line break as a space); headings,
    list items, quotes and table rows stay lines of their own.
    """
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append(markdown_inline(" ".join(paragraph)))
            paragraph.clear()

    for raw_line in body.split("\n"):
        line = raw_line.rstrip()
        heading = _HEADING.match(line)
        if not line.strip():
            flush()
            out.append("")
        elif _REF_DEFINITION.match(line) or _TABLE_RULE.match(line):
            continue
        elif _RULE.match(line) or (_SETEXT.match(line) and paragraph):
            # A setext underline turns the paragraph above into a heading: it stays its own line.
            flush()
        elif heading:
            flush()
            out.append(markdown_inline(heading.group(1)))
        elif _BULLET.match(line) or _QUOTE.match(line) or line.lstrip().startswith("|"):
            flush()
            line = _QUOTE.sub("", line)
            line = _BULLET.sub("", line)
            if line.lstrip().startswith("|"):
                line = " | ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
            out.append(markdown_inline(line.strip()))
        else:
            paragraph.append(line.strip())
            if raw_line.endswith("  "):  # two trailing spaces: a hard line break
                flush()
    flush()
    return "\n".join(out)
