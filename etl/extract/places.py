"""Find the city (and country) where a report's event took place.

Cities come from the gazetteer in knowledge/places.yaml. A city counts as the event's place when the text
says so (a dateline "VIENNA, 10 May 2017 –", "held in Dushanbe", "in the Kazakh capital, Astana"), not
when it is merely mentioned ("the forthcoming summit in St Petersburg", "Moscow-based", "delegates from
Minsk"). With no such city, a country named as the place ("elections in Kyrgyzstan") gives the country only.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from etl.extract.document import Document
from etl.knowledge import load_knowledge_file
from etl.model import Place, Sentence, Span
from etl.text.sentences import sentence_at
from etl.text.spans import in_source_line

KNOWLEDGE = "places.yaml"
STATES = "countries.yaml"  # the one list of states, shared with the states step

# Scores of one mention; a city needs _THRESHOLD to be the event's place.
_BASE = 1.0
_DATELINE = 4.0
_EVENT_CUE = 3.0
_PLAIN_IN = 1.0
_ELSEWHERE = -5.0
_IN_TITLE = 2.5
_REPEAT = 0.5
_THRESHOLD = 2.5
_CONTEXT = 70  # characters before a mention where cues are looked for
_LEAD = 3  # sentences of the body, after the dateline's, where another city puts the event elsewhere

# After a dateline's city: "VIENNA, 10 May", "BISHKEK (24.kg) –", "ASTANA. KAZINFORM –".
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{0,40}\)\s*)?(?:[,—–-]|\.\s+[A-Z]{3,})")
# A line that is only "Bratislava, 15-16 December 2010" (under a letterhead and a title) is a dateline too.
_DATELINE_LINE = re.compile(
    r"[,.]?\s+(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?,?)"
    r"\s+\d{4}\s*$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class _Gazetteer:
    cities: re.Pattern[str]
    city_of: dict[str, str]  # any spelling -> canonical name
    folded_city_of: dict[str, str]  # lower-cased spelling -> canonical name
    country_of_city: dict[str, str]
    countries: re.Pattern[str]
    country_of: dict[str, str]  # name or adjective -> ISO alpha-3
    is_adjective: dict[str, bool]
    capital_of: dict[str, str]
    not_after: re.Pattern[str]
    event_cue: re.Pattern[str]
    event_cue_after: re.Pattern[str]
    future: re.Pattern[str]
    elsewhere: re.Pattern[str]
    based: re.Pattern[str]
    country_cue_after: re.Pattern[str]


def _words(alternatives: list[str]) -> str:
    return "|".join(re.escape(a) for a in sorted(set(alternatives), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> _Gazetteer:
    data = load_knowledge_file(KNOWLEDGE)
    city_of: dict[str, str] = {}
    country_of_city: dict[str, str] = {}
    for name, entry in data["cities"].items():
        country_of_city[name] = entry["country"]
        for spelling in [name, *(entry.get("also") or [])]:
            city_of[spelling] = name
            city_of.setdefault(spelling.upper(), name)  # datelines: "ASTANA, 20 September 2004"
    country_of: dict[str, str] = {}
    is_adjective: dict[str, bool] = {}
    capital_of: dict[str, str] = {}
    for state in load_knowledge_file(STATES)["states"]:
        code = state["iso3"]
        for name in [state["name"], *(state.get("aliases") or [])]:
            country_of[name] = code
            is_adjective[name] = False
        for adjective in state.get("adjectives") or []:
            country_of[adjective] = code
            is_adjective[adjective] = True
        if state.get("capital"):
            capital_of[code] = state["capital"]
    # A city written inside a longer word or joined by a hyphen ("Moscow-based", "Asia-Istanbul") is not one.
    cities = re.compile(rf"(?<![\w-])(?:{_words(list(city_of))})(?![\w-]|’s\w|'s\w)")
    countries = re.compile(rf"(?<![\w-])(?:{_words(list(country_of))})(?![\w-])")
    not_after = re.compile(r"\s+(?:" + "|".join(data["not_a_place_after"]) + r")\b")
    the_city = r")\s*(?:the\s+(?:city\s+of\s+)?)?$"  # "held in the city of Osh"
    event_cue = re.compile(r"\b(?:" + "|".join(data["event_place_cues"]) + the_city, re.IGNORECASE)
    event_cue_after = re.compile(r"\s+(?:" + "|".join(data["event_place_after_cues"]) + r")\b", re.IGNORECASE)
    future = re.compile(r"\b(?:" + "|".join(data["future_place_cues"]) + the_city, re.IGNORECASE)
    elsewhere = re.compile(r"\b(?:" + "|".join(data["elsewhere_cues"]) + the_city, re.IGNORECASE)
    based = re.compile(r"\b(?:" + "|".join(data["based_cues"]) + the_city, re.IGNORECASE)
    # "Kyrgyzstan's parliamentary elections", "Kazakhstan's 2004 Majilis vote", "Kazakhstan elected its Majilis"
    country_cue_after = re.compile(
        r"(?:['’]s)?,?(?:\s+(?:\d{1,4}|[A-Za-z-]+)){0,4}?\s+(?:" + "|".join(data["country_cues_after"]) + r")\b"
        r"|\s+(?:" + "|".join(data["country_verbs_after"]) + r")\b",
        re.IGNORECASE,
    )
    return _Gazetteer(cities, city_of, {k.casefold(): v for k, v in city_of.items()}, country_of_city,
                      countries, country_of, is_adjective, capital_of, not_after, event_cue, event_cue_after,
                      future, elsewhere, based, country_cue_after)


def canonical_city(name: str) -> str | None:
    """The gazetteer's name for a spelling of a city ("Nur-Sultan" -> "Astana"), or None if unknown."""
    return load_gazetteer().folded_city_of.get(name.strip().casefold())


def city_country(city: str) -> str | None:
    """ISO alpha-3 of a city known to the gazetteer."""
    canonical = canonical_city(city)
    return load_gazetteer().country_of_city.get(canonical) if canonical else None


@dataclass
class _Candidate:
    city: str
    span: Span
    score: float
    based: bool = False  # "experts based in Astana"
    dateline: bool = False  # "BISHKEK, May 5 (Agency) –"
    cued: bool = False  # a phrase says the event is there: "held in Samarkand", "Dushanbe will host"
    index: int = 0  # of its sentence in the body
    elsewhere: bool = False  # "based in", "the forthcoming summit in", "Moscow-based"


_HOST_CITY = 2.5
_HOST_CAPITAL = 0.25


def find_place(document: Document) -> Place | None:
    """Where the event took place: canonical city + ISO alpha-3, a country alone, or None if not said."""
    g = load_gazetteer()
    text, title, body = document.text, document.title, document.body
    cutoff = document.furniture_start
    announcement = document.announcement
    candidates = list(_city_candidates(g, text, body, cutoff, announcement))
    title_cities = _title_cities(g, title, announcement)
    _demote_datelines(candidates, _cued_title_cities(g, title, announcement))
    country_place = _country_only(g, text, body, cutoff, title)
    if document.about_election:
        _score_election_host(g, candidates, country_place.country if country_place else None)
    best = _best_per_city(candidates, title_cities)
    chosen = max(best.values(), key=lambda c: (c.score, -c.span.start), default=None)
    if chosen is not None and chosen.score >= _THRESHOLD:
        sentence = _sentence_text(body, chosen.span)
        return Place(chosen.city, g.country_of_city[chosen.city], chosen.span, sentence)
    for city in title_cities:
        if city not in best:  # named only in the title, where nothing says it is elsewhere
            return Place(city, g.country_of_city[city], None, title)
    return country_place


def _score_election_host(g: _Gazetteer, candidates: list[_Candidate], host: str | None) -> None:
    """An election happens in its country: observers "based in Tashkent" or visiting polling stations in
    Bishkek place it there, and the city where a later report was released (Warsaw) does not."""
    if host is None:
        return
    for cand in candidates:
        if g.country_of_city[cand.city] == host:
            cand.score += _HOST_CITY - (_ELSEWHERE if cand.based else 0.0)
            if cand.city == g.capital_of.get(host):
                cand.score += _HOST_CAPITAL  # a mission "worked from Astana and Almaty": the capital
        else:
            cand.score += _ELSEWHERE


def _best_per_city(candidates: list[_Candidate], title_cities: list[str]) -> dict[str, _Candidate]:
    """Each city's best mention, with a little more for being named again and more for the title."""
    best: dict[str, _Candidate] = {}
    seen: dict[str, int] = {}
    for cand in candidates:
        seen[cand.city] = seen.get(cand.city, 0) + 1
        if cand.city not in best or cand.score > best[cand.city].score:
            best[cand.city] = cand
    for city, cand in best.items():
        cand.score += _REPEAT * min(seen[city] - 1, 2)
        if city in title_cities:
            cand.score += _IN_TITLE
    return best


def _sentence_text(sentences: Sequence[Sentence], span: Span) -> str:
    sentence = sentence_at(sentences, span.start)
    return sentence.text if sentence else ""


def _sentence_index(sentences: Sequence[Sentence], position: int) -> tuple[int, int]:
    """Index of the sentence holding `position`, and that sentence's start."""
    for i, sentence in enumerate(sentences):
        if sentence.start <= position < sentence.end:
            return i, sentence.start
    return len(sentences), max(0, position - _CONTEXT)


def _demote_datelines(candidates: list[_Candidate], cued_in_title: set[str]) -> None:
    """A dateline's city is where the report was written; it is the event's only where the text does not put
    the event in another city ("BISHKEK, Nov. 9 (Agency) – The conference will be held in Samarkand")."""
    datelines = {cand.city for cand in candidates if cand.dateline}
    # Named again in the lead, not as somewhere else ("met the commission in Astana"): still the place.
    datelines -= {cand.city for cand in candidates
                  if not cand.dateline and not cand.elsewhere and cand.index <= _LEAD}
    if not datelines:
        return
    elsewhere = cued_in_title | {cand.city for cand in candidates if cand.cued and cand.index <= _LEAD}
    if not elsewhere - datelines:
        return
    for cand in candidates:
        if cand.dateline and cand.city not in elsewhere:
            cand.score -= _DATELINE


def _is_future_elsewhere(g: _Gazetteer, before: str, announcement: bool) -> bool:
    """'the forthcoming summit in St Petersburg': another event, unless the report announces this one."""
    return not announcement and bool(g.future.search(before))


def _is_cued(g: _Gazetteer, text: str, before: str, end: int, announcement: bool) -> bool:
    """A phrase around the city says the event is there ("held in", "Dushanbe will host", "the Kazakh
    capital, Astana"; in an announcement also "will be held in")."""
    return bool(
        g.event_cue.search(before) or _capital_before(g, before) or g.event_cue_after.match(text, end)
        or (announcement and g.future.search(before))
    )


_JOINED = re.compile(r"\s*(?:,|and|,\s*and)\s*$")


def _city_candidates(g: _Gazetteer, text: str, body: Sequence[Sentence], cutoff: int, announcement: bool = False):
    previous: _Candidate | None = None
    for match in g.cities.finditer(text, 0, cutoff):
        if g.not_after.match(text, match.end()):
            continue  # "Shanghai Cooperation Organisation", "Helsinki Final Act"
        if in_source_line(text, match.start()):
            continue
        line_start = text.rfind("\n", 0, match.start()) + 1
        city = g.city_of[match.group()]
        index, sentence_start = _sentence_index(body, match.start())
        score = _BASE + max(0.0, 1.5 - 0.25 * index)
        before = text[max(sentence_start, match.start() - _CONTEXT) : match.start()]
        dateline = line_start == match.start() and bool(
            index <= 2 and _DATELINE_AFTER.match(text, match.end())
            or index <= 6 and _DATELINE_LINE.match(text, match.end())
        )
        if dateline:
            score += _DATELINE
        cued = _is_cued(g, text, before, match.end(), announcement)
        if cued:
            score += _EVENT_CUE
        if re.search(r"\bin\s+(?:the\s+)?$", before):
            score += _PLAIN_IN
        based = bool(g.based.search(before))
        elsewhere = based or g.elsewhere.search(before) or _is_future_elsewhere(g, before, announcement)
        joined = previous is not None and _JOINED.fullmatch(text, previous.span.end, match.start())
        if joined and previous is not None and previous.based and not elsewhere:
            based = elsewhere = True  # "worked from Astana and Almaty"
        elsewhere = bool(elsewhere or re.match(r"\s*(?:-based|based)\b", text[match.end():]))
        if elsewhere:
            score += _ELSEWHERE
            cued = False
        span = Span(match.start(), match.end(), match.group())
        previous = _Candidate(city, span, score, based, dateline, cued, index, elsewhere)
        yield previous


_CAPITAL = re.compile(r"\b(?:in|at|to)\s+the\s+(\w+)\s+capital,?\s*(?:city\s+of\s+)?$", re.IGNORECASE)


def _capital_before(g: _Gazetteer, before: str) -> bool:
    """"in the Kazakh capital, Astana": the city is named right after its country's capital."""
    return bool(_CAPITAL.search(before))


def _title_cities(g: _Gazetteer, title: str, announcement: bool = False) -> list[str]:
    found = []
    for match in g.cities.finditer(title):
        before = title[: match.start()][-_CONTEXT:]
        if g.not_after.match(title, match.end()) or g.elsewhere.search(before):
            continue
        if _is_future_elsewhere(g, before, announcement):
            continue
        found.append(g.city_of[match.group()])
    return found


def _cued_title_cities(g: _Gazetteer, title: str, announcement: bool) -> set[str]:
    """Cities the title puts the event in ("Dushanbe to host ...", "... conference held in Tashkent")."""
    found = set()
    for match in g.cities.finditer(title):
        before = title[: match.start()][-_CONTEXT:]
        if g.not_after.match(title, match.end()) or g.elsewhere.search(before):
            continue
        if _is_cued(g, title, before, match.end(), announcement):
            found.add(g.city_of[match.group()])
    return found


# "elections in Kyrgyzstan", "held in Kazakhstan", "visit to Uzbekistan", "Kyrgyzstan's parliamentary
# elections", "the Kazakh capital" (without a city name: then the capital is the city).
_COUNTRY_CUE_BEFORE = re.compile(
    r"\b(?:held in|took place in|hosted in|elections? in|referendum in|vote in|polls in|visit to|visited|"
    r"arrived in|convened in|in the Republic of|in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_VENUE_IN = re.compile(
    r"(?:held|took place|hosted|convened|arrived|elections?|referendum|vote|polls|Republic of)"
    r"\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ADJECTIVE_CUE_AFTER = re.compile(
    r"\s+(?:(?:early|snap|pre-term|general|national|local|constitutional|parliamentary|presidential)\s+)*"
    r"(?:elections?|referendum|vote|polls)\b",
    re.IGNORECASE,
)
_CAPITAL_AFTER = re.compile(r"\s+capital\b(?!,?\s+[A-Z])")


def _country_only(g: _Gazetteer, text: str, body: Sequence[Sentence], cutoff: int, title: str) -> Place | None:
    scores: dict[str, tuple[float, Span | None, str]] = {}
    for source, offset in ((title, None), (text[:cutoff], 0)):
        for match in g.countries.finditer(source):
            name = match.group()
            code = g.country_of[name]
            before = source[max(0, match.start() - 40) : match.start()]
            after = source[match.end() : match.end() + 60]
            unnamed_capital = _CAPITAL_AFTER.match(after) and re.search(r"\b(?:in|at|to)\s+the\s+$", before)
            if g.is_adjective[name] and unnamed_capital:
                capital = g.capital_of.get(code)
                if capital:  # "talks in the Kazakh capital" with the city left unnamed
                    span = Span(match.start(), match.end(), name) if offset is not None else None
                    return Place(capital, code, span, _sentence_text(body, span) if span else title)
            score = 0.0
            if not g.is_adjective[name] and _COUNTRY_CUE_BEFORE.search(before):
                # A bare "in Afghanistan" is usually a topic, not the venue.
                bare = re.search(r"(?<!\w)in\s+(?:the\s+)?$", before) and not _VENUE_IN.search(before)
                score = 1.0 if bare else 3.0
            if (_ADJECTIVE_CUE_AFTER if g.is_adjective[name] else g.country_cue_after).match(after):
                score = max(score, 3.0)
            if score == 0.0:
                continue
            if offset is None:
                score += 1.0
            span = Span(match.start(), match.end(), name) if offset is not None else None
            old = scores.get(code)
            total = max(old[0] if old else 0.0, score)
            keep_span = old[1] if old and old[1] is not None else span
            scores[code] = (total, keep_span, _sentence_text(body, keep_span) if keep_span else title)
    if not scores:
        return None
    code, (score, span, sentence) = max(scores.items(), key=lambda item: item[1][0])
    return Place(None, code, span, sentence) if score >= 3.0 else None
