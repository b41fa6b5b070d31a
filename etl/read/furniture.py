"""Drop page furniture ("Share / Print", cookie notices, related-news lists) from a report body.

The rules are in etl/knowledge/furniture.yaml. Only whole lines are ever dropped, so a sentence is
never cut; the title repeated at the top of the body (a subtitle, a page's h1) goes too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.knowledge import load_knowledge_file

_KNOWLEDGE = "furniture.yaml"
# Furniture lines are short; longer lines are prose and are not tested (this also bounds regex work).
_MAX_FURNITURE_LINE = 160
# A list under "Related news" ends at the first line that reads as prose.
_MAX_HEADLINE = 160
_SEPARATORS = r"[\s|/·•,.:;()\[\]\-–—>»›]"


@dataclass(frozen=True)
class _Rules:
    share_line: re.Pattern[str]
    share_word: re.Pattern[str]
    other_line: re.Pattern[str]
    cookie: re.Pattern[str]
    list_heading: re.Pattern[str]
    caption: re.Pattern[str]
    credit: re.Pattern[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = load_knowledge_file(_KNOWLEDGE)
    words = sorted((str(word) for word in data["share_words"]), key=len, reverse=True)
    word = "|".join(re.escape(w) for w in words)
    # A date or time may stand beside the share buttons ("2021-04-30 10:12 | Share | Print").
    # Each token matches in one way only (no digit run split in two), so a long non-matching line
    # cannot make the regex backtrack exponentially.
    months = "|".join(str(m) for m in data["date_words"])
    token = rf"(?:(?<![\w+])(?:{word}|{months})(?![\w+])|(?<!\d)\d+(?!\d))"
    return _Rules(
        share_line=re.compile(rf"{_SEPARATORS}*(?:{token}{_SEPARATORS}*)+", re.IGNORECASE),
        share_word=re.compile(rf"(?<![\w+])(?:{word})(?![\w+])", re.IGNORECASE),
        other_line=re.compile("|".join(f"(?:{p})" for p in data["line_patterns"]), re.IGNORECASE),
        cookie=re.compile("|".join(f"(?:{p})" for p in data["cookie_patterns"]), re.IGNORECASE),
        list_heading=re.compile(
            r"[#*_\s]*(?:" + "|".join(re.escape(h) for h in data["list_headings"]) + r")[\s:*_.…]*",
            re.IGNORECASE,
        ),
        caption=re.compile(
            r"(?:" + "|".join(re.escape(c) for c in data["caption_labels"]) + r")\b"
            r"\s*(?P<sep>[:|–—-])?\s*(?P<rest>.*)",
            re.IGNORECASE,
        ),
        credit=re.compile("|".join(re.escape(c) for c in data["caption_credits"]), re.IGNORECASE),
    )


def is_furniture(line: str) -> bool:
    """A whole line that is page furniture, not report text."""
    line = line.strip()
    if not line or len(line) > _MAX_FURNITURE_LINE:
        return bool(line) and _rules().cookie.search(line) is not None and len(line) < 600
    rules = _rules()
    if rules.share_line.fullmatch(line) and rules.share_word.search(line):
        return True
    if rules.other_line.fullmatch(line) or rules.cookie.search(line):
        return True
    caption = rules.caption.fullmatch(line)
    if caption:
        rest = caption.group("rest")
        if len(rest.split()) <= 3:
            return True  # "Photo: Reuters", "Photo 24.kg"
        # Without "Photo:" the line may be a sentence ("Video conference participants ..."): keep it.
        return caption.group("sep") is not None and (
            rules.credit.search(rest) is not None or _CREDIT_AT_END.search(rest) is not None
        )
    return False


# "... (OSCE/Micky Kroell)": organisation/photographer at the end of a caption
_CREDIT_AT_END = re.compile(r"\(?\b[\w.-]+/[A-Z][\w.-]+(?:\s[A-Z][\w.-]+){0,2}\)?\s*$")


def remove_furniture(text: str, title: str = "") -> str:
    """The body without furniture lines, related-news lists and the title repeated at its top."""
    rules = _rules()
    lines = text.split("\n")
    kept: list[str] = []
    in_list = False
    for line in lines:
        stripped = line.strip()
        if rules.list_heading.fullmatch(stripped) if stripped else False:
            in_list = True
            continue
        if in_list:
            if not stripped or _is_headline(stripped):
                continue
            in_list = False
        if is_furniture(stripped):
            continue
        kept.append(line)
    return "\n".join(_drop_title_repeats(kept, title))


def _is_headline(line: str) -> bool:
    if line.lower().startswith("source:"):
        return False
    if line[:2] in ("- ", "* ", "• ", "– "):
        return True
    return len(line) <= _MAX_HEADLINE and not line.endswith((".", "!", "…", '."', ".”"))


_KEY = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    return _KEY.sub(" ", text.casefold()).strip()


def _drop_title_repeats(lines: list[str], title: str) -> list[str]:
    # The title comes back as the page's h1, a subtitle, or after a letterhead; only the top of the
    # body is searched so that a later sentence equal to the title is kept.
    wanted = _key(title)
    if not wanted:
        return lines
    out: list[str] = []
    seen = 0
    for line in lines:
        if line.strip() and seen < 4:
            seen += 1
            if _key(line) == wanted:
                continue
        out.append(line)
    return out
