"""Find date expressions in a report and pick the date the event took place.

Every date is anchored on a real date pattern (a month name next to a day or a year, a numeric date, a
weekday after "on"/"last"); free words like "Do", "a" or "May" on its own never become dates, which is
what goes wrong with dateparser's search_dates.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from etl.model import EventDate, Sentence, Span

# Stand-in year for mentions written without one ("Nov. 2"): a leap year, so 29 February is valid.
NO_YEAR = 2000

_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


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
    span_text = text[start:end]

    def made(first: date | None, last: date | None, precision: str, has_year: bool, **extra: object):
        if first is None or (last is not None and last < first):
            return None
        return DateMention(start, end, span_text, first, last if last != first else None, precision,
                           has_year, **extra)  # type: ignore[arg-type]

    if kind in ("dmy", "mdy"):
        p = "a" if kind == "dmy" else "b"
        month = _month(m.group(f"{p}m"))
        year_text = m.group(f"{p}y")
        year = int(year_text) if year_text else NO_YEAR
        d2 = m.group(f"{p}d2")
        return made(_safe_date(year, month, int(m.group(f"{p}d1"))),
                    _safe_date(year, month, int(d2)) if d2 else None, "day", year_text is not None)
    if kind == "my":
        year = int(m.group("cy"))
        if _MONTH_YEAR_NAME_AFTER.match(text, end):
            return None
        first = date(year, _month(m.group("cm")), 1)
        last = date(year, _month(m.group("cm2")), 1) if m.group("cm2") else None
        return made(first, last, "month", True)
    if kind == "dotted":
        year, month, day = int(m.group("dy")), int(m.group("dm")), int(m.group("dd"))
        if m.group("dd0"):  # 21–22.07.2011
            return made(_safe_date(year, month, int(m.group("dd0"))), _safe_date(year, month, day), "day", True)
        return made(_safe_date(year, month, day), None, "day", True)
    if kind == "iso":
        return made(_safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))), None, "day", True)
    if kind == "slash":
        a, b, year = int(m.group("sa")), int(m.group("sb")), int(m.group("sy"))
        if a <= 12 and b <= 12 and a != b:
            return None  # 05/06/2020 could be May or June
        day, month = (a, b) if a > 12 else (b, a)
        return made(_safe_date(year, month, day), None, "day", True)
    if kind == "mon":
        return made(date(NO_YEAR, _month(m.group("om")), 1), None, "month", False)
    if kind == "wd":
        word = m.group("wdn") or m.group("wdp")
        before = text[max(0, start - 6) : start].lower()
        return DateMention(start, end, span_text, None, None, "day", False,
                           weekday=_WEEKDAYS.index(word.lower()), last="last" in before)
    if kind == "yday":
        return DateMention(start, end, span_text, None, None, "day", False,
                           days_before=1 if span_text.lower() == "yesterday" else 0)
    # A year alone.
    if _YEAR_NAME_BEFORE.search(text, max(0, start - 14), start) or _YEAR_NAME_AFTER.match(text, end):
        return None
    first = date(int(m.group("yy")), 1, 1)
    last = date(int(m.group("yy2")), 1, 1) if m.group("yy2") else None
    return made(first, last, "year", True)


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
    first, last = left.start_date, right.start_date
    assert first is not None and last is not None
    has_year = left.has_year or right.has_year
    if right.has_year and not left.has_year:
        first = _safe_date(last.year, first.month, first.day)
        if first is not None and first > last:
            first = _safe_date(last.year - 1, first.month, first.day)
    elif left.has_year and not right.has_year:
        last = _safe_date(first.year, last.month, last.day)
        if last is not None and last < first:
            last = _safe_date(first.year + 1, last.month, last.day)
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


# ----------------------------------------------------------------------------------------------------
# The event's date

# Words in the sentence that say something happened (the event) on the date.
_EVENT_CUE = re.compile(
    r"\b(?:took part|take part|taking part|participated|held|hosted|met|meet|meeting|talks|opened|open|"
    r"convened|gathered|voted|vote|voting|polls?|polling|ballot|election day|elections? (?:was|were) held|"
    r"referendum|conference|forum|summit|session|seminar|workshop|round ?table|visit(?:ed|s)?|"
    r"attended|addressed|spoke|speaking|delivered|signed|signing|took place|takes place|observed|"
    r"monitored|followed|chaired|co-chaired|moderated|organi[sz]ed|briefed|briefing|launched|discussed)\b",
    re.IGNORECASE,
)
# Election day itself: for an observation the event date is the vote, not the mission's stay.
_VOTE_CUE = re.compile(
    r"\b(?:election day|polling day|voting day|day of the vote|the vote|vote itself|voters|went to the polls|"
    r"elections? (?:was|were) held|(?:elections?|referendum|vote|polls?|ballot)\b[^.;]{0,40}\b(?:on|held)\b|"
    r"voted|voting|polling stations?|ballots? (?:was|were) cast|went to vote)\b",
    re.IGNORECASE,
)
_VOTE_NOUN = (
    r"(?:elections?|vote|voting|referendum|polls|ballot|by-elections?|run-off|second round|first round|"
    r"election day|polling day|voting day)"
)
# The date belongs to the vote: "elections on Feb. 28", "election held in Kazakhstan on 26 April 2015",
# "Elections, 20 March 2016", "voted on Sunday", "went to the polls on 4 October".
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
_ELECTION_TOPIC = re.compile(
    r"\b(?:elections?|electoral|referendum|vote|voting|polls|ballot)\b", re.IGNORECASE
)
# Words just before the date that make it a side date: a founding, a deadline, a past or next event.
_SIDE_BEFORE = re.compile(
    r"\b(?:since|established|founded|set up|created|adopted|dated|due|deadline|until|till|by|before|"
    r"expires?|born|annulled|previous|earlier|prior|last|next|upcoming|forthcoming|scheduled|planned|"
    r"will|would|postponed|in force|launched in|signed in|as of|starting|starting from|effective)"
    r"\b[^.;]{0,25}$",
    re.IGNORECASE,
)
_SIDE_AFTER = re.compile(
    r"[^.;]{0,30}\b(?:will|would|is due|are due|is scheduled|are scheduled|is planned|are planned|"
    r"annulled|cancelled|canceled|invalidated)\b",
    re.IGNORECASE,
)
# A weekday in a sentence about what is still to come counts forward ("will monitor ... on Sunday").
_FUTURE = re.compile(
    r"\b(?:will|shall|is to|are to|is due|are due|is scheduled|are scheduled|to be held|upcoming|next|"
    r"ahead of|is expected|are expected)\b",
    re.IGNORECASE,
)
_ON_START = re.compile(r"(?:^|[.;:]\s|^\W*)(?:On|on|From|from|Between|between)\s+(?:the\s+)?$")
# Lines after which a saved page holds only furniture: related headlines, sources, share buttons.
_FURNITURE = re.compile(
    r"^(?:\**|#+\s*)(?:Related(?: news| articles| stories| posts)?|Read more|See also|More news|More on|"
    r"Latest news|Most read|Recommended)\b[^\n]{0,30}$",
    re.IGNORECASE | re.MULTILINE,
)
_SOURCE_LINE = re.compile(r"(?:Sources?|Credits?)\s*:", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][\w.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30})?(?:\s*\([^)]{1,30}\))?,\s*$")
_URL_DATES = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[/_-]([01]\d)[/_-]([0-3]\d)(?!\d)"),
    re.compile(r"/((?:19|20)\d\d)/([01]\d)([0-3]\d)(?:/|\.|$)"),
    re.compile(r"(?<![\d])((?:19|20)\d\d)([01]\d)([0-3]\d)(?![\d])"),
)
_URL_YEAR = re.compile(r"/((?:19|20)\d\d)/")


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


def find_event_date(
    text: str,
    sentences: list[Sentence],
    title: str = "",
    published: date | None = None,
    url: str | None = None,
) -> EventDate | None:
    """The date the event took place (not the publication date, not a side date), or None."""
    cutoff = _furniture_start(text)
    mentions = [m for m in find_dates(text) if m.start < cutoff and not _in_source_line(text, m)]
    from_url, url_year = url_date(url)
    years = Counter(
        m.start_date.year for m in mentions if m.has_year and m.start_date and m.precision != "year"
    )
    if not years:  # a lone year ("the 2017 summit") is the last place a missing year can come from
        years = Counter(m.start_date.year for m in mentions if m.has_year and m.start_date)
    known = published or from_url
    default_year = known.year if known else url_year or (years.most_common(1)[0][0] if years else None)
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

    # A look-back piece ("Kazakhstan's 2004 vote", published in 2019) dates its days by the years it names,
    # not by when it was published: a day without a year then takes the text's own year.
    year_reference = reference
    explicit = Counter(m.start_date.year for m in mentions if m.has_year and m.start_date and m.precision == "day")
    if reference is not None and explicit and min(abs(y - reference.year) for y in explicit) > 1:
        year_reference = date(explicit.most_common(1)[0][0], 7, 1)
    resolved: list[DateMention] = []
    for index, mention in enumerate(mentions):
        mention = _year_from_sentence(mention, mentions, index, sentences) or mention
        anchor = reference if mention.is_relative else year_reference
        mention = _resolve(mention, anchor, default_year, _is_future(text, sentences, mention))
        if mention is not None:
            resolved.append(mention)
    if not resolved:
        return _from_title(title, reference, default_year)

    about_election = bool(_ELECTION_TOPIC.search(title) or len(_ELECTION_TOPIC.findall(text[:cutoff])) >= 2)
    counts = Counter(m.start_date for m in resolved)
    in_title = (_resolve(t, reference, default_year) for t in find_dates(title))
    title_dates = {m.start_date for m in in_title if m}
    body_sentences = [
        s for s in sentences if s.start < cutoff and s.text.strip().lstrip("#* ") != title.strip()
    ]
    context = _Context(text, body_sentences, reference, about_election, counts, title_dates,
                       dateline.start if dateline else None)
    best = max(resolved, key=lambda m: (_score(m, context), -m.start))
    # A day that is the second of two the text names together ("held in two rounds on 19 September and
    # 3 October") is the event's second day: the event starts on the first.
    spans = [m for m in resolved if m.end_date is not None and m.start_date is not None and " and " in m.text
             and m.start_date < best.start_date == m.end_date]
    if spans and best.end_date is None:
        best = min(spans, key=lambda m: m.start_date)
    sentence = _sentence_of(sentences, best.start)
    assert best.start_date is not None
    return EventDate(
        start=best.start_date,
        end=best.end_date,
        precision=best.precision,
        evidence=Span(best.start, best.end, best.text),
        sentence=sentence.text if sentence else "",
    )


def _year_from_sentence(mention: DateMention, mentions: list[DateMention], index: int,
                        sentences: list[Sentence]) -> DateMention | None:
    """"on 19 September 2004 and a second on 3 October", "on 19 September and 3 October 2004": a day
    without a year takes the year of the nearest dated day of its sentence (an earlier one first)."""
    if mention.has_year or mention.is_relative or mention.start_date is None:
        return None
    sentence = _sentence_of(sentences, mention.start)
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
        if mention.start > 400:
            break
        line_start = text.rfind("\n", 0, mention.start) + 1
        prefix = text[line_start : mention.start]
        if mention.precision == "day" and not mention.is_relative and _DATELINE.match(prefix):
            return mention
    return None


def _is_future(text: str, sentences: list[Sentence], mention: DateMention) -> bool:
    if mention.weekday is None or mention.last:
        return False
    sentence = _sentence_of(sentences, mention.start)
    start = sentence.start if sentence else max(0, mention.start - 100)
    return bool(_FUTURE.search(text, start, mention.start))


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


def _furniture_start(text: str) -> int:
    match = _FURNITURE.search(text)
    return match.start() if match else len(text)


def _in_source_line(text: str, mention: DateMention) -> bool:
    line_start = text.rfind("\n", 0, mention.start) + 1
    return bool(_SOURCE_LINE.match(text, line_start))


def _sentence_of(sentences: list[Sentence], position: int) -> Sentence | None:
    for sentence in sentences:
        if sentence.start <= position < sentence.end:
            return sentence
    return None


@dataclass(frozen=True)
class _Context:
    text: str
    sentences: list[Sentence]
    reference: date | None
    about_election: bool
    counts: Counter[date | None]
    title_dates: set[date | None]
    dateline_start: int | None


def _score(m: DateMention, c: _Context) -> float:
    text = c.text
    score = {"day": 3.0, "month": 1.0, "year": -2.0}[m.precision]
    sentence = _sentence_of(c.sentences, m.start)
    index = c.sentences.index(sentence) if sentence in c.sentences else len(c.sentences)
    score += max(0.0, 2.0 - 0.4 * index)  # the lead tells what happened
    if m.start == c.dateline_start:
        score -= 2.5  # the day of writing; the event is usually named in the lead
    here = sentence.text if sentence else text[max(0, m.start - 150) : m.end + 150]
    local_start = sentence.start if sentence else max(0, m.start - 150)
    local_end = sentence.end if sentence else m.end + 150
    before = text[max(local_start, m.start - 60) : m.start]
    after = text[m.end : min(local_end, m.end + 60)]
    if _EVENT_CUE.search(here):
        score += 1.5
    if _ON_START.search(text[max(local_start, m.start - 12) : m.start]) and m.precision == "day":
        score += 1.0  # "On 24 June 2020 ..." / "on Thursday"
    attached_vote = c.about_election and bool(_VOTE_BEFORE.search(before) or _VOTE_AFTER.match(after))
    if not attached_vote and (_SIDE_BEFORE.search(before[-40:]) or _SIDE_AFTER.match(after)):
        score -= 3.0
    if attached_vote and (_PAST_VOTE.search(before[-40:]) or _SIDE_AFTER.match(after)):
        score -= 6.0  # "held in place of the October 2020 vote, whose results had been annulled"
    if c.about_election:
        if attached_vote:
            score += 5.0  # "the elections on Feb. 28", "Sunday's presidential election"
        elif _VOTE_CUE.search(here):
            score += 1.5
        if m.end_date is not None and not attached_vote:
            score -= 1.0  # an observation range is the mission's stay, not the vote
    elif m.end_date is not None and _EVENT_CUE.search(here):
        score += 1.0  # "the conference is taking place from June 10 to 13"
    if m.start_date in c.title_dates:
        score += 2.0
    if c.reference is not None and m.start_date is not None:
        days = (m.start_date - c.reference).days
        if days > 0 and not attached_vote:
            score -= 1.5  # announced, not reported
        if days < -92:
            score -= 2.0 if m.precision != "year" else 1.0  # history
        elif days < -31 and not attached_vote:
            score -= 0.5
    if m.has_year and not m.is_relative:
        score += 0.3
    score += 0.5 * min(c.counts[m.start_date] - 1, 2)
    return score
