"""Find date expressions in a report and pick the date the event took place.

Every date is anchored on a real date pattern (a month name next to a day or a year, a numeric date, a
weekday after "on"/"last"); free words like "Do", "a" or "May" on its own never become dates, which is
what goes wrong with dateparser's search_dates.

The event's date is the best-scored mention: the cue words that make a date the event's, a side date
(founding, deadline, arrival, source of the news, a next event), an announcement, a newsletter's issue or a
step of an election mission are listed in knowledge/dates.yaml.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from etl.extract.document import Document
from etl.knowledge import load_knowledge_file
from etl.model import EventDate, Sentence, Span
from etl.text.calendar import MONTH_NUMBERS as _MONTH_NUMBERS
from etl.text.calendar import WEEKDAYS as _WEEKDAYS
from etl.text.sentences import sentence_at

# Stand-in year for mentions written without one ("Nov. 2"): a leap year, so 29 February is valid.
NO_YEAR = 2000



def _variants(words: list[str]) -> str:
    # Capitalised or all capitals only: lower-case "may", "march" are a verb and a noun.
    forms = {w.capitalize() for w in words} | {w.upper() for w in words}
    return "|".join(sorted(forms, key=len, reverse=True))


_MONTH = rf"(?:{_variants(list(_MONTH_NUMBERS))})(?:\.|(?![A-Za-z]))"
_WEEKDAY = rf"(?:{_variants(list(_WEEKDAYS))})\b"
_ORD = r"(?:st|nd|rd|th)?"
_DAY = r"[0-3]?\d"
_YEAR = r"(?:1[89]\d\d|20\d\d)(?!\d)"
_DAY_JOIN = r"(?:\s*[-–—]\s*|\s+(?:to|and|until|till|through|&)\s+|\s*&\s*)"
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*", re.IGNORECASE)


def _after(words: list[str]) -> str:
    # Python's look-behind needs a fixed width, so one look-behind per word.
    forms = [w for word in words for w in (word, word.capitalize())]
    return "(?:" + "|".join(rf"(?<=\b{w} )" for w in forms) + r"|(?<=\bmid-))"


def _day_list(prefix: str) -> str:
    # "5", "5th", "13-14", "13 to 18", "5, 6 and 7": the first and the last day are kept.
    return (
        rf"(?P<{prefix}d1>{_DAY}){_ORD}(?!\d)"
        rf"(?:(?:,\s*{_DAY}{_ORD}(?!\d))*{_DAY_JOIN}(?P<{prefix}d2>{_DAY}){_ORD}(?!\d))?"
    )


_PATTERN = re.compile(
    "|".join(
        [
            # 24 June 2020, Thursday, 5 May, 13-14 June 2024, the 5th of May, 13 to 18 March
            rf"(?P<dmy>(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?<![\d.,/]){_day_list('a')}\s*(?:of\s+)?"
            rf"(?P<am>{_MONTH})(?:,?\s*(?P<ay>{_YEAR}))?)",
            # June 24, 2020, Nov. 2, June 13-14, 2024, Thursday, May 5
            rf"(?P<mdy>(?:{_WEEKDAY},?\s+)?(?P<bm>{_MONTH})\s*{_day_list('b')}(?:,?\s*(?P<by>{_YEAR}))?)",
            # March 2015, March-April 2015, mid-March 2015, March of 2015
            rf"(?P<my>(?P<cm>{_MONTH})(?:\s*[-–/]\s*(?P<cm2>{_MONTH}))?,?\s+(?:of\s+)?(?P<cy>{_YEAR}))",
            # 28.11.2021 (day first, as Europe and Central Asia write it)
            r"(?P<dotted>(?<![\d.])(?:(?P<dd0>[0-3]?\d)\.?\s*[-–]\s*)?(?P<dd>[0-3]?\d)\.(?P<dm>[01]?\d)\."
            r"(?P<dy>(?:19|20)\d\d)(?![\d]|\.\d))",
            # 2021-11-28
            r"(?P<iso>(?<![\d/-])(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)(?![\d]))",
            # 11/28/2021 or 28/11/2021, only when one side cannot be a month
            r"(?P<slash>(?<![\d/])(?P<sa>[0-3]?\d)/(?P<sb>[0-3]?\d)/(?P<sy>(?:19|20)\d\d)(?![\d/]))",
            # in March, since May, mid-June: a month without day or year after a word that means time
            rf"(?P<mon>{_after(['in', 'since', 'during', 'until', 'by', 'early', 'mid', 'late', 'of'])}"
            rf"(?P<om>{_MONTH})(?!\s*\d))",
            # on Thursday, last Sunday, Thursday's meeting (not followed by a date, which the above take)
            rf"(?P<wd>(?:{_after(['on', 'last', 'this', 'past', 'late', 'early'])}(?P<wdn>{_WEEKDAY})"
            rf"|(?P<wdp>{_WEEKDAY})(?=['’]s\b))(?!,?\s*(?:the\s+)?\d)(?!,?\s*(?:{_MONTH})))",
            r"(?P<yday>\b(?:[Yy]esterday|[Tt]oday)\b)",
            # 2004, 2021-2025: a year alone, only a fallback
            r"(?P<year>(?<![\d.,/#№-])(?P<yy>(?:19[4-9]|20[0-4])\d)(?:\s*[-–]\s*(?P<yy2>(?:19|20)\d\d))?"
            r"(?![\d]|[.,]\d|s\b|['’]s\b|-\w))",
        ]
    )
)

# Words around a lone year that make it part of a name or a number, not a date ("2030 Agenda").
_YEAR_NAME_BEFORE = re.compile(
    r"(?:Agenda|Vision|Strategy|Programme|Program|Horizon|Expo|EXPO|No\.?|Nos\.?|nos?\.|page|pages|p\.|pp\.|"
    r"paragraph|paragraphs|para\.|paras\.|Resolution|resolution|Decision|decision|Article|Art\.|Order|Law|Decree|Report|Euro|Cup|Olympics|"
    r"COVID|Covid|Code|ISO|Rule|Rules)\s*$"
)
_YEAR_NAME_AFTER = re.compile(r"\s*(?:Agenda|Strategy|Vision|Olympic|Games|Expo|Goals|targets?)\b")
_MONTH_YEAR_NAME_AFTER = re.compile(r"\s*(?:Agenda|Goals)\b")


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text.

    `start`/`end` are offsets of `text`. `start_date`/`end_date` hold the year `NO_YEAR` when
    `has_year` is False (use `with_year`); `start_date` is None for a weekday or "yesterday", whose
    date depends on the publication date (`weekday` 0=Monday, or `days_before` for "yesterday").
    `precision` is "day", "month" or "year".
    """

    start: int
    end: int
    text: str
    start_date: date | None
    end_date: date | None
    precision: str
    has_year: bool
    weekday: int | None = None
    days_before: int | None = None
    last: bool = False  # "last Sunday": strictly before the reference day

    @property
    def is_relative(self) -> bool:
        return self.start_date is None

    def with_year(self, year: int) -> DateMention:
        """The same mention with `year` put in; a range crossing New Year ends in the next year."""
        if self.has_year or self.start_date is None:
            return self
        start = _safe_date(year, self.start_date.month, self.start_date.day)
        if start is None:  # 29 February of a common year
            return self
        end = None
        if self.end_date is not None:
            end = _safe_date(year, self.end_date.month, self.end_date.day)
            if end is not None and end < start:
                end = _safe_date(year + 1, self.end_date.month, self.end_date.day)
        return replace(self, start_date=start, end_date=end, has_year=True)

    def resolve(self, reference: date, forward: bool = False) -> DateMention:
        """A weekday or "yesterday" made into a date against the publication date `reference`.

        A weekday is the latest such day on or before `reference` ("last Sunday": before it); with
        `forward`, the first on or after it ("will be held on Sunday").
        """
        if not self.is_relative:
            return self
        if self.days_before is not None:
            day = reference - timedelta(days=self.days_before)
        else:
            assert self.weekday is not None
            if forward:
                day = reference + timedelta(days=(self.weekday - reference.weekday()) % 7)
            else:
                back = (reference.weekday() - self.weekday) % 7
                if back == 0 and self.last:
                    back = 7
                day = reference - timedelta(days=back)
        return replace(self, start_date=day, has_year=True)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTH_NUMBERS[word.rstrip(".").lower()]


def find_dates(text: str) -> list[DateMention]:
    """All date expressions of `text`, in order, ranges joined ("29 November to 1 December 2022")."""
    found: list[DateMention] = []
    for match in _PATTERN.finditer(text):
        mention = _mention(match, text)
        if mention is not None:
            found.append(mention)
    return _join_ranges(found, text)


def _mention(m: re.Match[str], text: str) -> DateMention | None:
    kind = next(name for name in _KINDS if m.group(name) is not None)
    start, end = m.span(kind)
    return _READERS[kind](m, text, start, end)


def _made(m: re.Match[str], text: str, start: int, end: int, first: date | None, last: date | None,
          precision: str, has_year: bool) -> DateMention | None:
    """A mention of the days first..last, or None where they do not make a date (31 June, a backward range)."""
    if first is None or (last is not None and last < first):
        return None
    return DateMention(start, end, text[start:end], first, last if last != first else None, precision, has_year)


def _read_day_month(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    """24 June 2020, 13-14 June 2024 (group prefix "a"); June 24, 2020, June 13-14 (prefix "b")."""
    p = "a" if m.group("dmy") is not None else "b"
    month = _month(m.group(f"{p}m"))
    year_text = m.group(f"{p}y")
    year = int(year_text) if year_text else NO_YEAR
    d2 = m.group(f"{p}d2")
    return _made(m, text, start, end, _safe_date(year, month, int(m.group(f"{p}d1"))),
                 _safe_date(year, month, int(d2)) if d2 else None, "day", year_text is not None)


def _read_month_year(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    """March 2015, March-April 2015 (not "2030 Agenda"-like names)."""
    if _MONTH_YEAR_NAME_AFTER.match(text, end):
        return None
    year = int(m.group("cy"))
    first = date(year, _month(m.group("cm")), 1)
    last = date(year, _month(m.group("cm2")), 1) if m.group("cm2") else None
    return _made(m, text, start, end, first, last, "month", True)


def _read_dotted(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    """28.11.2021, 21–22.07.2011."""
    year, month, day = int(m.group("dy")), int(m.group("dm")), int(m.group("dd"))
    first = _safe_date(year, month, int(m.group("dd0"))) if m.group("dd0") else _safe_date(year, month, day)
    last = _safe_date(year, month, day) if m.group("dd0") else None
    return _made(m, text, start, end, first, last, "day", True)


def _read_iso(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    day = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    return _made(m, text, start, end, day, None, "day", True)


def _read_slash(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    """11/28/2021 or 28/11/2021, only when one side cannot be a month."""
    a, b, year = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
    if a <= 12 and b <= 12 and a != b:
        return None  # 05/06/2020 could be May or June
    day, month = (a, b) if a > 12 else (b, a)
    return _made(m, text, start, end, _safe_date(year, month, day), None, "day", True)


def _read_month_alone(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    return _made(m, text, start, end, date(NO_YEAR, _month(m.group("om")), 1), None, "month", False)


def _read_weekday(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    word = m.group("wdn") or m.group("wdp")
    before = text[max(0, start - 6) : start].lower()
    return DateMention(start, end, text[start:end], None, None, "day", False,
                       weekday=_WEEKDAYS.index(word.lower()), last="last" in before)


def _read_yesterday(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    span_text = text[start:end]
    return DateMention(start, end, span_text, None, None, "day", False,
                       days_before=1 if span_text.lower() == "yesterday" else 0)


def _read_year(m: re.Match[str], text: str, start: int, end: int) -> DateMention | None:
    """A year alone, unless it is part of a name or a number ("2030 Agenda", "Resolution 2178")."""
    if _YEAR_NAME_BEFORE.search(text, max(0, start - 14), start) or _YEAR_NAME_AFTER.match(text, end):
        return None
    first = date(int(m.group("yy")), 1, 1)
    last = date(int(m.group("yy2")), 1, 1) if m.group("yy2") else None
    return _made(m, text, start, end, first, last, "year", True)


_READERS = {
    "dmy": _read_day_month, "mdy": _read_day_month, "my": _read_month_year, "dotted": _read_dotted,
    "iso": _read_iso, "slash": _read_slash, "mon": _read_month_alone, "wd": _read_weekday,
    "yday": _read_yesterday, "year": _read_year,
}
_KINDS = ("dmy", "mdy", "my", "dotted", "iso", "slash", "mon", "wd", "yday", "year")


def _join_ranges(found: list[DateMention], text: str) -> list[DateMention]:
    """Join "29 November" + "to" + "1 December 2022" into one range, sharing the year."""
    out: list[DateMention] = []
    i = 0
    while i < len(found):
        left = found[i]
        if i + 1 < len(found):
            right = found[i + 1]
            joined = _join(left, right, text)
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(left)
        i += 1
    return out


def _join(left: DateMention, right: DateMention, text: str) -> DateMention | None:
    if left.is_relative or right.is_relative or left.precision != right.precision:
        return None
    if left.precision == "year" or left.end_date is not None or right.end_date is not None:
        return None
    if not _RANGE_JOIN.fullmatch(text[left.end : right.start]):
        return None
    has_year = left.has_year or right.has_year
    first, last = _share_year(left, right)
    if first is None or last is None:
        return None
    if last <= first and has_year:
        return None
    if not has_year and (last.month, last.day) < (first.month, first.day):
        # A range over New Year without a year: keep the end in the following stand-in year.
        last = _safe_date(NO_YEAR + 1, last.month, last.day)
        if last is None:
            return None
    return DateMention(left.start, right.end, text[left.start : right.end], first, last, left.precision,
                       has_year)


def _share_year(left: DateMention, right: DateMention) -> tuple[date | None, date | None]:
    """The two ends of a range, the one without a year taking the other's ("29 November to 1 December 2022")."""
    first, last = left.start_date, right.start_date
    assert first is not None and last is not None
    if right.has_year and not left.has_year:
        first = _safe_date(last.year, first.month, first.day)
        if first is not None and first > last:
            first = _safe_date(last.year - 1, first.month, first.day)
    elif left.has_year and not right.has_year:
        last = _safe_date(first.year, last.month, last.day)
        if last is not None and last < first:
            last = _safe_date(first.year + 1, last.month, last.day)
    return first, last


# ----------------------------------------------------------------------------------------------------
# The event's date

KNOWLEDGE = "dates.yaml"


def _alternatives(words: list[str]) -> str:
    return "|".join(words)


@dataclass(frozen=True)
class _Cues:
    """The cue lists of knowledge/dates.yaml, compiled once (see that file for what each one means)."""

    event: re.Pattern[str]
    side_before: re.Pattern[str]
    side_after: re.Pattern[str]
    future_before: re.Pattern[str]
    future_after: re.Pattern[str]
    future_weekday: re.Pattern[str]
    attribution: re.Pattern[str]
    newsletter: re.Pattern[str]
    mission_steps: re.Pattern[str]
    not_mission_steps: re.Pattern[str]
    step_deadline: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def _cues() -> _Cues:
    data = load_knowledge_file(KNOWLEDGE)

    def words(key: str) -> re.Pattern[str]:  # anywhere in a stretch of text
        return re.compile(rf"\b(?:{_alternatives(data[key])})\b", re.IGNORECASE)

    def just_before(key: str, reach: int = 25) -> re.Pattern[str]:  # a few words before a date
        return re.compile(rf"\b(?:{_alternatives(data[key])})\b[^.;]{{0,{reach}}}$", re.IGNORECASE)

    def just_after(key: str) -> re.Pattern[str]:  # a few words after a date
        return re.compile(rf"[^.;]{{0,30}}\b(?:{_alternatives(data[key])})\b", re.IGNORECASE)

    return _Cues(
        event=words("event_cues"),
        side_before=just_before("side_before"),
        side_after=just_after("side_after"),
        future_before=just_before("future_before"),
        future_after=just_after("future_after"),
        future_weekday=words("future_weekday"),
        attribution=just_before("attribution", 70),
        newsletter=words("newsletter"),
        mission_steps=re.compile(rf"\b(?:{_alternatives(data['mission_steps'])})", re.IGNORECASE),
        not_mission_steps=words("not_mission_steps"),
        step_deadline=just_before("step_deadline"),
    )


def _names_a_step(text: str) -> bool:
    """Words of a step of an election observation ("accredited", "invitations"), not "at the invitation of"."""
    cues = _cues()
    return bool(cues.mission_steps.search(cues.not_mission_steps.sub(" ", text)))


# Election day itself: for an observation the event date is the vote, not the mission's stay.
_VOTE_CUE = re.compile(
    r"\b(?:election day|polling day|voting day|day of the vote|the vote|vote itself|voters|went to the polls|"
    r"elections? (?:was|were) held|(?:elections?|referendum|vote|polls?|ballot)\b[^.;]{0,40}\b(?:on|held)\b|"
    r"voted|voting|polling stations?|ballots? (?:was|were) cast|went to vote)\b",
    re.IGNORECASE,
)
_VOTE_NOUN = (
    r"(?:elections?|vote|voting|referendum|polls?|ballot|by-elections?|run-off|second round|first round|"
    r"election day|polling day|voting day)"
)
# The date belongs to the vote: "elections on Feb. 28", "election held in Kazakhstan on 26 April 2015",
# "Elections, 20 March 2016", "voted on Sunday", "went to the polls on 4 October", "the poll of 4 December".
# "Election Observation Mission opened on 7 September" is about the mission, not the vote.
_NOT_THE_VOTE = (
    r"(?!\s+(?:observ|mission|commission|code|law|campaign|administration|bod|official|monitor|legislation|"
    r"assessment|expert|process|dispute|complaint|result|period|preparation|team|day\b))"
)
_VOTE_BEFORE = re.compile(
    rf"(?:\b{_VOTE_NOUN}\b{_NOT_THE_VOTE}[^.;,]{{0,40}}?"
    r"\b(?:on|of|held on|set for|scheduled for|took place on)|"
    rf"\b{_VOTE_NOUN}\b,?\s+(?:which is |which was |that is )?"
    r"(?:scheduled|set|planned|due|called)\s+(?:for|on)|"
    rf"\b{_VOTE_NOUN},|\bvoted on|\bwent to the polls on|\bvoters cast their ballots on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "the 10 October parliamentary elections", "Sunday's pre-term elections", "the November 28 vote"
_VOTE_ADJECTIVE = (
    r"(?:early|snap|pre-term|extraordinary|parliamentary|presidential|general|local|municipal|constitutional|"
    r"national|legislative|repeat|regional|nationwide|(?-i:[A-Z][\w-]*))"
)
_VOTE_AFTER = re.compile(rf"(?:['’]s)?(?:\s+{_VOTE_ADJECTIVE}){{0,3}}\s+{_VOTE_NOUN}\b", re.IGNORECASE)
_PAST_VOTE = re.compile(
    r"\b(?:previous|earlier|prior|last|since|in place of|replace|replaced|repeat of|instead of)\b"
    r"[^.;]{0,30}$",
    re.IGNORECASE,
)
_ON_START = re.compile(r"(?:^|[.;:]\s|^\W*)(?:On|on|From|from|Between|between)\s+(?:the\s+)?$")
_DATELINE = re.compile(r"^[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?(?:\s*\([^)]{1,30}\))?,\s*$")
_URL_DATES = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]([01]\d)[/_-]([0-3]\d)(?!\d)"),
    re.compile(r"/((?:19|20)\d\d)/([01]\d)([0-3]\d)(?:/|\.|$)"),
    re.compile(r"(?<![\d])((?:19|20)\d\d)([01]\d)([0-3]\d)(?![\d])"),
)
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")
_HEAD = 400  # characters of a page's head where a dateline or a newsletter's name stands


def url_date(url: str | None) -> tuple[date | None, int | None]:
    """The date (or only the year) that a URL carries: /2018/03/20/, 20180320, /2021/0430/."""
    if not url:
        return None, None
    for pattern in _URL_DATES:
        for match in pattern.finditer(url):
            day = _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if day is not None:
                return day, day.year
    year = _URL_YEAR.search(url)
    return None, int(year.group(1)) if year else None


@dataclass(frozen=True)
class _Frame:
    """What a report's undated words are read against."""

    reference: date | None  # the day of writing: weekdays and "today" count from it
    year_reference: date | None  # the day a date without a year is put nearest to
    default_year: int | None
    dateline: DateMention | None


def find_event_date(document: Document) -> EventDate | None:
    """The date the event took place (not the publication date, not a side date), or None."""
    text, sentences, title = document.text, document.sentences, document.title
    cutoff = document.furniture_start
    mentions = [m for m in find_dates(text) if m.start < cutoff and not document.in_source_line(m.start)]
    frame = _frame(mentions, text, document.published, document.url)
    resolved = _resolve_all(mentions, text, sentences, frame)
    if not resolved:
        return _from_title(title, frame.reference, frame.default_year)
    context = _context(document, resolved, frame)
    step = _mission_step_date(resolved, context)
    if step is not None:
        return step
    scores = {id(m): _score(m, context) for m in resolved}
    best = max(resolved, key=lambda m: (scores[id(m)], -m.start))
    best = _day_of_the_month(best, resolved, scores, context)
    best = _first_of_two_days(best, resolved)
    best = _first_of_adjoining_parts(best, resolved, scores, context)
    best = _whole_event_around(best, resolved, scores, context)
    return _event_date(best, sentences)


def _frame(mentions: list[DateMention], text: str, published: date | None, url: str | None) -> _Frame:
    from_url, url_year = url_date(url)
    known = published or from_url
    default_year = known.year if known else url_year or _text_year(mentions)
    dateline = _dateline(mentions, text)
    reference = known
    if dateline is not None:
        # A wire's dateline is the day it was written: "on Sunday" counts back from it, and it is
        # rarely the event's own day ("BISHKEK, July 24 - ... the election on Thursday").
        written = _resolve(dateline, known, default_year)
        if written is not None and written.start_date is not None:
            if known is None or abs((written.start_date - known).days) <= 10:
                reference = written.start_date
            default_year = default_year or written.start_date.year
    if reference is None and mentions:
        # Weekdays need a day to count back from; the only one left is a full date of the text.
        dated = [m for m in mentions if m.has_year and m.precision == "day" and m.start_date]
        reference = dated[0].start_date if dated else None
    return _Frame(reference, _year_reference(mentions, reference, text), default_year, dateline)


def _text_year(mentions: list[DateMention]) -> int | None:
    """The year the text names most; a lone year ("the 2017 summit") only where no fuller date has one."""
    years = Counter(
        m.start_date.year for m in mentions if m.has_year and m.start_date and m.precision != "year"
    )
    if not years:
        years = Counter(m.start_date.year for m in mentions if m.has_year and m.start_date)
    return years.most_common(1)[0][0] if years else None


def _year_reference(mentions: list[DateMention], reference: date | None, text: str) -> date | None:
    """A look-back piece ("Kazakhstan's 2004 vote", published in 2019) dates its days by the years it names,
    not by when it was published: a day without a year then takes the text's own year. A side date ("they
    last met on 3 March 2019") does not make a piece a look-back."""
    side = _cues().side_before
    explicit = Counter(
        m.start_date.year for m in mentions
        if m.has_year and m.start_date and m.precision == "day" and not side.search(text, max(0, m.start - 60), m.start)
    )
    if reference is not None and explicit and min(abs(y - reference.year) for y in explicit) > 1:
        return date(explicit.most_common(1)[0][0], 7, 1)
    return reference


def _resolve_all(mentions: list[DateMention], text: str, sentences: Sequence[Sentence],
                 frame: _Frame) -> list[DateMention]:
    resolved: list[DateMention] = []
    for index, mention in enumerate(mentions):
        mention = _year_from_sentence(mention, mentions, index, sentences) or mention
        anchor = frame.reference if mention.is_relative else frame.year_reference
        mention = _resolve(mention, anchor, frame.default_year, _is_future(text, sentences, mention))
        if mention is not None:
            resolved.append(mention)
    return resolved


def _event_date(best: DateMention, sentences: Sequence[Sentence]) -> EventDate:
    sentence = sentence_at(sentences, best.start)
    assert best.start_date is not None
    return EventDate(
        start=best.start_date,
        end=best.end_date,
        precision=best.precision,
        evidence=Span(best.start, best.end, best.text),
        sentence=sentence.text if sentence else "",
    )


def _day_of_the_month(best: DateMention, resolved: list[DateMention], scores: dict[int, float],
                      c: _Context) -> DateMention:
    """A month the text also dates to the day ("the September 2004 poll" of a vote "held on 19 September
    2004") stands for that day."""
    if best.precision != "month" or best.start_date is None:
        return best
    month = (best.start_date.year, best.start_date.month)
    days = [
        m for m in resolved
        if m.precision == "day" and m.start_date is not None and (m.start_date.year, m.start_date.month) == month
        and not _is_side(m, c)
    ]
    return max(days, key=lambda m: (scores[id(m)], -m.start)) if days else best


def _first_of_two_days(best: DateMention, resolved: list[DateMention]) -> DateMention:
    """A day that is the second of two the text names together ("held in two rounds on 19 September and
    3 October") is the event's second day: the event starts on the first."""
    spans = [m for m in resolved if m.end_date is not None and m.start_date is not None and " and " in m.text
             and m.start_date < best.start_date == m.end_date]  # type: ignore[operator]
    if spans and best.end_date is None:
        return min(spans, key=lambda m: m.start_date)  # type: ignore[arg-type,return-value]
    return best


def _first_of_adjoining_parts(best: DateMention, resolved: list[DateMention], scores: dict[int, float],
                              c: _Context) -> DateMention:
    """An event told in parts that follow one another ("Energy track 31 January - 2 February, Diplomacy
    track 29 - 30 January") starts with its first part, whichever the text names first."""
    while best.end_date is not None and best.start_date is not None:
        sentence = sentence_at(c.sentences, best.start)
        earlier = [
            m for m in resolved
            if m.end_date is not None and m.start_date is not None and m.start_date < best.start_date
            and 0 <= (best.start_date - m.end_date).days <= 1 and scores[id(m)] >= scores[id(best)] - 1.0
            and sentence_at(c.sentences, m.start) == sentence
        ]
        if not earlier:
            return best
        best = min(earlier, key=lambda m: m.start_date)  # type: ignore[arg-type,return-value]
    return best


def _whole_event_around(best: DateMention, resolved: list[DateMention], scores: dict[int, float],
                        c: _Context) -> DateMention:
    """A day within an event the text dates as a whole ("spoke at Tuesday's plenary" of a conference held
    "from 10 to 13 June") stands for that event, which starts on its first day."""
    if c.about_election or best.end_date is not None or best.start_date is None:
        return best
    around = [
        m for m in resolved
        if m.end_date is not None and m.start_date is not None and m.start_date < best.start_date <= m.end_date
        and (m.end_date - m.start_date).days <= 14 and scores[id(m)] >= scores[id(best)] - 1.5
        and not _is_side(m, c)
    ]
    return max(around, key=lambda m: scores[id(m)]) if around else best


def _year_from_sentence(mention: DateMention, mentions: list[DateMention], index: int,
                        sentences: Sequence[Sentence]) -> DateMention | None:
    """"on 19 September 2004 and a second on 3 October", "on 19 September and 3 October 2004": a day
    without a year takes the year of the nearest dated day of its sentence (an earlier one first)."""
    if mention.has_year or mention.is_relative or mention.start_date is None:
        return None
    sentence = sentence_at(sentences, mention.start)
    if sentence is None:
        return None
    same_sentence = [m for m in mentions if sentence.start <= m.start < sentence.end and m is not mention]
    earlier = [m for m in same_sentence if m.start < mention.start][::-1]
    later = [m for m in same_sentence if m.start > mention.start]
    for other in (*earlier, *later):
        if other.has_year and other.start_date is not None and other.precision == "day":
            dated = mention.with_year(other.start_date.year)
            if dated.start_date is not None and (other.start_date - dated.start_date).days > 200:
                dated = mention.with_year(other.start_date.year + 1)  # "28 December 2019 ... 3 January"
            return dated if dated.has_year else None
    return None


def _dateline(mentions: list[DateMention], text: str) -> DateMention | None:
    """The date of a dateline ("VIENNA, 10 May 2017 –") in the first lines, if there is one."""
    for mention in mentions:
        if mention.start > _HEAD:
            break
        line_start = text.rfind("\n", 0, mention.start) + 1
        prefix = text[line_start : mention.start]
        if mention.precision == "day" and not mention.is_relative and _DATELINE.match(prefix):
            return mention
    return None


def _is_future(text: str, sentences: Sequence[Sentence], mention: DateMention) -> bool:
    if mention.weekday is None or mention.last:
        return False
    sentence = sentence_at(sentences, mention.start)
    start = sentence.start if sentence else max(0, mention.start - 100)
    return bool(_cues().future_weekday.search(text, start, mention.start))


def _resolve(
    mention: DateMention, reference: date | None, default_year: int | None, forward: bool = False
) -> DateMention | None:
    if mention.is_relative:
        return mention.resolve(reference, forward) if reference else None
    if mention.has_year:
        return mention
    if default_year is None:
        return None
    if reference is not None and mention.precision == "day":
        # The year that puts the day nearest the publication ("28 December" published on 3 January).
        options = [mention.with_year(y) for y in (reference.year - 1, reference.year, reference.year + 1)]
        options = [o for o in options if o.has_year and o.start_date]
        return min(options, key=lambda o: abs((o.start_date - reference).days))  # type: ignore[operator]
    resolved = mention.with_year(default_year)
    return resolved if resolved.has_year else None


def _from_title(title: str, reference: date | None, default_year: int | None) -> EventDate | None:
    for mention in find_dates(title):
        mention = _resolve(mention, reference, default_year)
        if mention is not None and mention.start_date is not None and mention.precision != "year":
            return EventDate(mention.start_date, mention.end_date, mention.precision, None, title)
    return None


# ----------------------------------------------------------------------------------------------------
# Scoring the candidates


@dataclass(frozen=True)
class _Context:
    text: str
    sentences: Sequence[Sentence]  # the body's, without the title repeated and the furniture
    reference: date | None
    about_election: bool
    counts: Counter[date | None]
    title_dates: set[date | None]
    dateline_start: int | None
    announcement: bool = False  # the report announces an event still to come
    newsletter: bool = False  # the page is an issue of a periodical
    mission_step: bool = False  # the report is about a step of an election observation
    surroundings: dict[DateMention, _Local] = field(default_factory=dict)  # computed once per mention


def _context(document: Document, resolved: list[DateMention], frame: _Frame) -> _Context:
    cues = _cues()
    title, body, about_election = document.title, document.body, document.about_election
    in_title = (_resolve(t, frame.reference, frame.default_year) for t in find_dates(title))
    head = document.text[:_HEAD]
    return _Context(
        text=document.text,
        sentences=body,
        reference=frame.reference,
        about_election=about_election,
        counts=Counter(m.start_date for m in resolved),
        title_dates={m.start_date for m in in_title if m},
        dateline_start=frame.dateline.start if frame.dateline else None,
        announcement=document.announcement,
        newsletter=bool(cues.newsletter.search(title) or cues.newsletter.search(head)),
        mission_step=about_election and (_names_a_step(title) or any(_names_a_step(s.text) for s in body[:1])),
    )


@dataclass(frozen=True)
class _Local:
    """A date's surroundings: its sentence and the words just before and after it."""

    sentence: Sentence | None
    index: int  # of the sentence in the body
    here: str
    before: str
    after: str


def _local(m: DateMention, c: _Context) -> _Local:
    local = c.surroundings.get(m)
    if local is None:
        local = c.surroundings[m] = _surroundings(m, c)
    return local


def _surroundings(m: DateMention, c: _Context) -> _Local:
    text = c.text
    sentence = sentence_at(c.sentences, m.start)
    index = c.sentences.index(sentence) if sentence in c.sentences else len(c.sentences)
    here = sentence.text if sentence else text[max(0, m.start - 150) : m.end + 150]
    local_start = sentence.start if sentence else max(0, m.start - 150)
    local_end = sentence.end if sentence else m.end + 150
    before = text[max(local_start, m.start - 60) : m.start]
    after = text[m.end : min(local_end, m.end + 60)]
    return _Local(sentence, index, here, before, after)


def _attached_vote(local: _Local, c: _Context) -> bool:
    """The date is the vote's: "the elections on Feb. 28", "Sunday's presidential election"."""
    return c.about_election and bool(_VOTE_BEFORE.search(local.before) or _VOTE_AFTER.match(local.after))


def _is_future_side(local: _Local, c: _Context) -> bool:
    """Said to be still to come ("will", "scheduled"): a side date, unless the report announces the event."""
    cues = _cues()
    return not c.announcement and bool(
        cues.future_before.search(local.before[-40:]) or cues.future_after.match(local.after)
    )


def _is_side(m: DateMention, c: _Context, local: _Local | None = None) -> bool:
    """A founding, a deadline, an arrival, a next event, the source of the news: not the event's date."""
    local = local or _local(m, c)
    cues = _cues()
    return bool(
        cues.side_before.search(local.before) or cues.side_after.match(local.after)
        or cues.attribution.search(local.before) or _is_future_side(local, c)
    )


def _score(m: DateMention, c: _Context) -> float:
    local = _local(m, c)
    attached_vote = _attached_vote(local, c)
    return (
        _precision_and_position_score(m, local, c)
        + _cue_score(m, local, c, attached_vote)
        + _election_score(m, local, c, attached_vote)
        + _time_score(m, c, attached_vote)
        + _repeat_score(m, c)
    )


def _precision_and_position_score(m: DateMention, local: _Local, c: _Context) -> float:
    score = {"day": 3.0, "month": 1.0, "year": -2.0}[m.precision]
    score += max(0.0, 2.0 - 0.4 * local.index)  # the lead tells what happened
    if m.start == c.dateline_start:
        score -= 2.5  # the day of writing; the event is usually named in the lead
    if c.newsletter and m.precision == "month" and any(d is not None for d in c.counts if d != m.start_date):
        score -= 4.0  # "Newsletter, April 2018": the month, not the events it reports
    return score


def _cue_score(m: DateMention, local: _Local, c: _Context, attached_vote: bool) -> float:
    score = 0.0
    if _cues().event.search(local.here):
        score += 1.5
    on_start = c.text[max(local.sentence.start if local.sentence else 0, m.start - 12) : m.start]
    if _ON_START.search(on_start) and m.precision == "day":
        score += 1.0  # "On 24 June 2020 ..." / "on Thursday"
    if not attached_vote and _is_side(m, c, local):
        score -= 3.0
    if attached_vote and (
        _PAST_VOTE.search(local.before[-40:]) or _cues().side_after.match(local.after)
        or _cues().future_after.match(local.after)
    ):
        score -= 6.0  # "held in place of the October 2020 vote, whose results had been annulled"
    if c.announcement and not attached_vote and m.start != c.dateline_start and _cues().event.search(local.here):
        score += 1.0  # "the conference will be held on 10-11 November" in an announcement
    return score


def _election_score(m: DateMention, local: _Local, c: _Context, attached_vote: bool) -> float:
    if not c.about_election:
        return 1.0 if m.end_date is not None and _cues().event.search(local.here) else 0.0
    score = 0.0
    if attached_vote:
        score += 5.0  # "the elections on Feb. 28", "Sunday's presidential election"
    elif _VOTE_CUE.search(local.here):
        score += 1.5
    if m.end_date is not None and not attached_vote:
        score -= 1.0  # an observation range is the mission's stay, not the vote
    return score


def _time_score(m: DateMention, c: _Context, attached_vote: bool) -> float:
    score = 2.0 if m.start_date in c.title_dates else 0.0
    if c.reference is not None and m.start_date is not None:
        days = (m.start_date - c.reference).days
        if days > 0 and not attached_vote and not c.announcement:
            score -= 1.5  # announced, not reported
        if days < -92:
            score -= 2.0 if m.precision != "year" else 1.0  # history
        elif days < -31 and not attached_vote:
            score -= 0.5
    if m.has_year and not m.is_relative:
        score += 0.3
    return score


def _repeat_score(m: DateMention, c: _Context) -> float:
    return 0.5 * min(c.counts[m.start_date] - 1, 2)


# ----------------------------------------------------------------------------------------------------
# A report about a step of an election observation


def _mission_step_date(resolved: list[DateMention], c: _Context) -> EventDate | None:
    """A report about a step of the mission (an accreditation, an invitation, a briefing) is dated by the
    day its step sentence gives the step; with no such day, by the polling day if the text names one (the
    scoring finds it), else by the day of writing ("the CEC will accredit observers until 3 June, a member
    said": the news is her statement)."""
    if not c.mission_step:
        return None
    step = next((s for s in c.sentences[:3] if _names_a_step(s.text)), None)
    if step is None:
        return None
    own: list[DateMention] = []
    vote_named = False
    for m in resolved:
        local = _local(m, c)
        if _attached_vote(local, c):
            vote_named = vote_named or not _PAST_VOTE.search(local.before[-40:])
            continue
        if local.sentence is step and m.precision == "day" and m.end_date is None and not _is_step_deadline(local, c):
            own.append(m)
    if own:
        return _event_date(own[0], c.sentences)
    if vote_named or c.reference is None:
        return None
    return EventDate(start=c.reference, end=None, precision="day", evidence=None, sentence=step.text)


def _is_step_deadline(local: _Local, c: _Context) -> bool:
    cues = _cues()
    return bool(
        cues.step_deadline.search(local.before[-40:]) or cues.side_after.match(local.after)
        or cues.attribution.search(local.before)
    )
