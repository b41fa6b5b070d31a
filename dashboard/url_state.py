"""The filters in the page address, both ways: query parameters <-> FilterState <-> the sidebar's widgets.

`?start=2015-01-01&theme=terrorism&theme=extremism&theme_match=all&org=SCO&mentioned=1&corrected=1`

The address also says where the reader is (a Place): the open tab (`tab=themes`) and, on the Events tab, the
table's page and rows per page (`tab=events&page=3&rows=500`).

The URL is the source of truth for a shared link, so parsing never fails: unknown or malformed values are
dropped and described in plain-text notes (the page escapes them before showing them). While the page is
open the widgets are the source of truth and the URL is rewritten from them; a URL changed from outside
(first load, a pasted link, back/forward) sets the widgets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

import streamlit as st

from dashboard.services import actor as actor_view
from dashboard.services import compare as compare_view
from dashboard.services.filters import ACTOR_FILTERS, LIST_FILTERS, THEME_MATCH, FilterState, Options
from dashboard.services.safe_text import shorten, strip_bidi

FILTER_PARAMS: tuple[str, ...] = ("start", "end", *LIST_FILTERS, "theme_match", "q", "mentioned", "corrected")
# The parameters a view keeps in the address itself while its tab is open (`actor=SCO`, `cmp_start=...`).
VIEW_PARAMS: dict[str, tuple[str, ...]] = {"actor": actor_view.PARAMS, "compare": compare_view.PARAMS}
PLACE_PARAMS: tuple[str, ...] = ("tab", "page", "rows", *(p for ps in VIEW_PARAMS.values() for p in ps))
PARAMS: tuple[str, ...] = (*FILTER_PARAMS, *PLACE_PARAMS)
MAX_Q = 200  # a free-text search longer than this is surely a pasted accident

# The tabs: their name in the address and their label on the page, in page order; the first one opens by default.
TABS: dict[str, str] = {
    "timeline": "Timeline",
    "participation": "Participation",
    "themes": "Themes",
    "actor": "Actor",
    "compare": "Compare periods",
    "map": "Map",
    "events": "Events",
    "downloads": "Downloads",
}
PAGE_SIZES: tuple[int, ...] = (50, 100, 500, 1000)  # rows per page of the events table
DEFAULT_PAGE_SIZE = 100
# Widget keys of the place: the tabs, and the events table's page number and rows per page.
TAB_KEY = "tab"
PAGE_KEY = "table_page"
ROWS_KEY = "table_rows"

# Widget keys of the filters; their values are the filter state while the page is open.
KEYS: dict[str, str] = {
    "start": "f_start",
    "end": "f_end",
    "themes": "f_theme",
    "theme_match": "f_theme_match",
    "orgs": "f_org",
    "persons": "f_person",
    "types": "f_type",
    "formats": "f_format",
    "countries": "f_country",
    "q": "f_q",
    "mentioned": "f_mentioned",
    "corrected": "f_corrected",
}
MATCH_LABELS = {"any": "any of", "all": "all of"}
_APPLIED = "_applied_url"  # the query string the widgets were last synced from or to
_FILTERS = "_last_filters"  # the filter state of the last run: when it changes, the table goes back to page 1


@dataclass(frozen=True)
class Place:
    """Where the reader is: the open tab and, on the Events tab, the table's page and rows per page."""

    tab: str = "timeline"
    page: int = 1
    rows: int = DEFAULT_PAGE_SIZE


# ------------------------------------------------------------------------------- parameters <-> state


def _values(params: Mapping[str, object], key: str) -> list[str]:
    v = params.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]  # type: ignore[union-attr]


def _date(key: str, text: str) -> tuple[dt.date | None, str | None]:
    """The date, or None and a note saying what is wrong with it."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None, f"Ignored {key} {shorten([text])}: dates are written YYYY-MM-DD."
    try:
        return dt.date.fromisoformat(text), None
    except ValueError:
        return None, f"Ignored {key} {shorten([text])}: there is no such date."


def parse_query(params: Mapping[str, object], options: Options) -> tuple[FilterState, list[str]]:
    """Turn query parameters (name -> str or list of str) into a FilterState.

    Returns the state and plain-text notes about what was dropped; never raises on user input.
    """
    notes: list[str] = []
    unknown = sorted(set(params) - set(PARAMS))
    if unknown:
        notes.append(f"Ignored unknown URL parameter(s): {shorten(unknown)}.")

    flag = _values(params, "mentioned")
    mentioned = bool(flag) and flag[0] == "1"
    if flag and flag[0] not in ("0", "1", ""):
        notes.append(f"Ignored mentioned {shorten(flag[:1])}: use mentioned=1 to include actors only mentioned.")
    fixed = _values(params, "corrected")
    corrected = bool(fixed) and fixed[0] == "1"
    if fixed and fixed[0] not in ("0", "1", ""):
        notes.append(f"Ignored corrected {shorten(fixed[:1])}: use corrected=1 for events with corrected facts only.")

    dates: dict[str, dt.date | None] = {"start": None, "end": None}
    for key in dates:
        vals = _values(params, key)
        if vals and vals[0] != "":
            dates[key], note = _date(key, vals[0])
            if note:
                notes.append(note)
    if dates["start"] and dates["end"] and dates["start"] > dates["end"]:
        notes.append(f"Ignored start {dates['start']} and end {dates['end']}: the start is after the end.")
        dates = {"start": None, "end": None}

    lists: dict[str, tuple[str, ...]] = {}
    for key, attr in LIST_FILTERS.items():
        allowed = set(options.choices(attr, mentioned) if attr in ACTOR_FILTERS else getattr(options, attr))
        only_mentioned = set()
        if attr in ACTOR_FILTERS and not mentioned:
            only_mentioned = set(getattr(options, f"{attr}_mentioned"))
        keep: list[str] = []
        bad: list[str] = []
        named_only: list[str] = []
        for v in _values(params, key):
            if v in allowed:
                keep.append(v)
            elif v in only_mentioned:
                named_only.append(v)
            elif v != "":
                bad.append(v)
        if bad:
            notes.append(f"Ignored unknown {key} value(s): {shorten(bad)}.")
        if named_only:
            notes.append(
                f"Ignored {key} {shorten(named_only)}: only mentioned in the reports, never taking part "
                "(switch on 'Include actors only mentioned' to use it)."
            )
        lists[attr] = tuple(dict.fromkeys(keep))  # dedupe, keep order

    match_vals = _values(params, "theme_match")
    match = match_vals[0] if match_vals else "any"
    if match not in THEME_MATCH:
        notes.append(f"Ignored theme_match {shorten([match])}: use 'any' or 'all'.")
        match = "any"

    q_vals = _values(params, "q")
    q = strip_bidi(q_vals[0]).strip() if q_vals else ""
    if len(q) > MAX_Q:
        notes.append(f"Shortened the search text to {MAX_Q} characters.")
        q = q[:MAX_Q]

    state = FilterState(start=dates["start"], end=dates["end"], theme_match=match, q=q, mentioned=mentioned,
                        corrected=corrected, **lists)
    return state, notes


def to_query(state: FilterState, options: Options | None = None) -> dict[str, list[str]]:
    """The query parameters for a state: only what differs from the default, in a fixed order.

    Dates at or beyond the data's own bounds are left out, so the plain URL stays plain.
    """
    out: dict[str, list[str]] = {}
    if state.start and not (options and options.min_date and state.start <= options.min_date):
        out["start"] = [state.start.isoformat()]
    if state.end and not (options and options.max_date and state.end >= options.max_date):
        out["end"] = [state.end.isoformat()]
    for key, attr in LIST_FILTERS.items():
        vals = getattr(state, attr)
        if vals:
            out[key] = list(vals)
    if state.themes and state.theme_match == "all":
        out["theme_match"] = ["all"]
    if state.q:
        out["q"] = [state.q]
    if state.mentioned:
        out["mentioned"] = ["1"]
    if state.corrected:
        out["corrected"] = ["1"]
    return out


def parse_place(params: Mapping[str, object]) -> tuple[Place, list[str]]:
    """The open tab, page and rows per page the address asks for, and notes on what could not be used.

    The page is not checked against the number of pages here (that depends on the filters); the table
    shows its last page when asked for one beyond it.
    """
    notes: list[str] = []
    place = Place()
    tab = _values(params, "tab")[:1]
    if tab and tab[0] != "":
        if tab[0].lower() in TABS:
            place = replace(place, tab=tab[0].lower())
        else:
            notes.append(f"Ignored tab {shorten(tab)}: the tabs are {', '.join(TABS)}.")
    elif _values(params, "actor")[:1] not in ([], [""]):
        place = replace(place, tab="actor")  # `?actor=SCO` opens the actor's page
    page = _values(params, "page")[:1]
    if page and page[0] != "":
        if re.fullmatch(r"[1-9]\d{0,8}", page[0]):
            place = replace(place, page=int(page[0]))
        else:
            notes.append(f"Ignored page {shorten(page)}: pages are numbered 1, 2, 3…")
    rows = _values(params, "rows")[:1]
    if rows and rows[0] != "":
        if rows[0] in {str(n) for n in PAGE_SIZES}:
            place = replace(place, rows=int(rows[0]))
        else:
            notes.append(f"Ignored rows {shorten(rows)}: rows per page are {', '.join(map(str, PAGE_SIZES))}.")
    return place, notes


def place_query(place: Place) -> dict[str, list[str]]:
    """The query parameters for a place: the tab unless it is the first, and the table's page and rows per
    page only on the Events tab and only when they are not the defaults."""
    out: dict[str, list[str]] = {}
    if place.tab != next(iter(TABS)):
        out["tab"] = [place.tab]
    if place.tab == "events":
        if place.page > 1:
            out["page"] = [str(place.page)]
        if place.rows != DEFAULT_PAGE_SIZE:
            out["rows"] = [str(place.rows)]
    return out


def view_query(params: Mapping[str, object], tab: str) -> dict[str, list[str]]:
    """The open tab's own parameters as the address holds them (the view checks and writes them)."""
    return {k: _values(params, k) for k in VIEW_PARAMS.get(tab, ()) if _values(params, k)}


def without_bound_dates(state: FilterState, options: Options) -> FilterState:
    """The same state with dates at (or beyond) the data's own bounds dropped: they restrict nothing,
    and leaving them out keeps URLs and file names short."""
    start = state.start
    end = state.end
    if start and options.min_date and start <= options.min_date:
        start = None
    if end and options.max_date and end >= options.max_date:
        end = None
    return replace(state, start=start, end=end)


# ------------------------------------------------------------------------------- state <-> widgets


def set_widgets(state: FilterState, options: Options) -> None:
    """Put a state into the filter widgets (allowed before they are drawn, or in a callback)."""
    ss = st.session_state
    lo, hi = options.min_date, options.max_date

    def clamp(d: dt.date | None, default: dt.date | None) -> dt.date | None:
        if d is None or lo is None or hi is None:
            return default
        return min(max(d, lo), hi)

    ss[KEYS["start"]] = clamp(state.start, lo)
    ss[KEYS["end"]] = clamp(state.end, hi)
    ss[KEYS["theme_match"]] = MATCH_LABELS[state.theme_match]
    for attr in LIST_FILTERS.values():
        ss[KEYS[attr]] = list(getattr(state, attr))
    ss[KEYS["q"]] = state.q
    ss[KEYS["mentioned"]] = state.mentioned
    ss[KEYS["corrected"]] = state.corrected


def from_widgets() -> FilterState:
    """The state the filter widgets hold."""
    ss = st.session_state
    lists = {attr: tuple(ss.get(KEYS[attr], ())) for attr in LIST_FILTERS.values()}
    return FilterState(
        start=ss.get(KEYS["start"]),
        end=ss.get(KEYS["end"]),
        theme_match="all" if ss.get(KEYS["theme_match"]) == MATCH_LABELS["all"] else "any",
        q=strip_bidi(ss.get(KEYS["q"]) or "").strip(),
        mentioned=bool(ss.get(KEYS["mentioned"], False)),
        corrected=bool(ss.get(KEYS["corrected"], False)),
        **lists,
    )


def reset(options: Options) -> None:
    """Callback of the "Reset filters" buttons."""
    set_widgets(FilterState(), options)


def tab_slug(label: str | None) -> str:
    """The address name of a tab label ("Themes" -> "themes"); the first tab for anything else."""
    return next((slug for slug, shown in TABS.items() if shown == label), next(iter(TABS)))


def set_place(place: Place) -> None:
    """Put a place into the tabs and the table's widgets (before they are drawn)."""
    ss = st.session_state
    ss[TAB_KEY] = TABS[place.tab]
    ss[PAGE_KEY] = place.page
    ss[ROWS_KEY] = place.rows


def from_place_widgets() -> Place:
    """The place the tabs and the table's widgets hold."""
    ss = st.session_state
    rows = ss.get(ROWS_KEY, DEFAULT_PAGE_SIZE)
    page = ss.get(PAGE_KEY, 1)
    return Place(
        tab=tab_slug(ss.get(TAB_KEY)),
        page=int(page) if isinstance(page, int | float) and page >= 1 else 1,
        rows=rows if rows in PAGE_SIZES else DEFAULT_PAGE_SIZE,
    )


def _keep_place_widgets() -> None:
    # A widget's value is forgotten after a run that does not draw it (a closed tab, "nothing matches");
    # writing it back before the widget is drawn keeps it, so the table's page survives a look at another tab.
    ss = st.session_state
    for key in (TAB_KEY, PAGE_KEY, ROWS_KEY):
        if key in ss:
            ss[key] = ss[key]


def current_url() -> dict[str, list[str]]:
    """The page address's query parameters, each with all its values."""
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}


def read_url(options: Options) -> list[str]:
    """Before the widgets are drawn: when the address changed from outside, put it into the widgets (the
    filters, the open tab, the table's page). Returns the notes on what the address held that could not
    be used."""
    params = current_url()
    state, notes = parse_query(params, options)
    place, place_notes = parse_place(params)
    canonical = {**to_query(state, options), **place_query(place), **view_query(params, place.tab)}
    ss = st.session_state
    if ss.get(_APPLIED) != canonical:
        set_widgets(state, options)
        set_place(place)
        ss[_APPLIED] = canonical
        ss[_FILTERS] = without_bound_dates(state, options)  # the page asked for goes with these filters
    else:
        _keep_place_widgets()
    return notes + place_notes


def write_url(state: FilterState, options: Options) -> None:
    """After the filter widgets are drawn: rewrite the address from the widgets' state (a browser history
    entry). New filters take the events table back to its first page."""
    ss = st.session_state
    if ss.get(_FILTERS, state) != state:
        ss[PAGE_KEY] = 1
    ss[_FILTERS] = state
    place = from_place_widgets()
    wanted = {**to_query(state, options), **place_query(place), **view_query(current_url(), place.tab)}
    if wanted != current_url():
        st.query_params.from_dict(wanted)
    ss[_APPLIED] = wanted
