"""Filter state: to and from readable URL query parameters, and applied to the tables.

The URL is the source of truth for a shared link, so parsing must never fail: unknown or malformed values
are dropped and reported in plain words for the app to show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from dashboard.data import Data

# Query parameter -> FilterState field, for the repeatable (list-valued) ones.
LIST_PARAMS: dict[str, str] = {
    "theme": "themes",
    "org": "orgs",
    "person": "persons",
    "type": "types",
    "format": "formats",
    "country": "countries",
}
# "theme_match=all" switches the theme filter from "any of" to "all of"; absent means "any".
PARAMS: tuple[str, ...] = ("start", "end", *LIST_PARAMS, "theme_match", "q")
THEME_MATCH = ("any", "all")
MAX_Q = 200  # a free-text search longer than this is surely a pasted accident


@dataclass(frozen=True)
class FilterState:
    """What the user asked for. Empty tuples / None mean "no restriction"."""

    start: dt.date | None = None
    end: dt.date | None = None
    themes: tuple[str, ...] = ()
    theme_match: str = "any"
    orgs: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    q: str = ""

    def is_default(self) -> bool:
        return self == FilterState()


@dataclass(frozen=True)
class Options:
    """The values each filter accepts, taken from the data."""

    themes: tuple[str, ...]
    theme_labels: Mapping[str, str]
    orgs: tuple[str, ...]
    persons: tuple[str, ...]
    types: tuple[str, ...]
    formats: tuple[str, ...]
    countries: tuple[str, ...]
    min_date: dt.date | None
    max_date: dt.date | None
    country_names: Mapping[str, str] = field(default_factory=dict)


def _distinct(s: pd.Series) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in s.dropna().unique()))


def options_from(data: Data) -> Options:
    """The choices offered by the widgets and accepted in the URL."""
    p = data.participants
    ev = data.events
    orgs = set(p.loc[p["kind"] == "organization", "short_name"].dropna())
    orgs |= set(ev["leading_org"].dropna())
    states = p[p["kind"] == "state"]
    countries = set(ev["country"].dropna()) | set(states["short_name"].dropna())
    names = dict(zip(states["short_name"], states["name"], strict=False))
    dates = ev["start_date"].dropna()
    ends = ev["end_date"].dropna()
    return Options(
        themes=_distinct(data.themes["theme_id"]),
        theme_labels=dict(
            zip(data.themes["theme_id"], data.themes["label"].fillna(data.themes["theme_id"]), strict=False)
        ),
        orgs=tuple(sorted(str(o) for o in orgs)),
        persons=_distinct(p.loc[p["kind"] == "person", "name"]),
        types=_distinct(ev["event_type"]),
        formats=_distinct(ev["format"]),
        countries=tuple(sorted(str(c) for c in countries)),
        min_date=dates.min().date() if len(dates) else None,
        max_date=max([dates.max(), *([ends.max()] if len(ends) else [])]).date() if len(dates) else None,
        country_names={k: v for k, v in names.items() if isinstance(k, str)},
    )


def _values(params: Mapping[str, object], key: str) -> list[str]:
    v = params.get(key)
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]  # type: ignore[union-attr]


def _date(text: str) -> dt.date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_query(params: Mapping[str, object], options: Options) -> tuple[FilterState, list[str]]:
    """Turn query parameters (name -> str or list of str) into a FilterState.

    Returns the state and notes about what was dropped; never raises on user input.
    """
    notes: list[str] = []
    unknown = sorted(set(params) - set(PARAMS))
    if unknown:
        notes.append("Ignored unknown URL parameter(s): " + ", ".join(unknown) + ".")

    dates: dict[str, dt.date | None] = {}
    for key in ("start", "end"):
        vals = _values(params, key)
        dates[key] = None
        if not vals or vals[0] == "":
            continue
        d = _date(vals[0])
        if d is None:
            notes.append(f"Ignored {key}={vals[0]!r}: dates are written YYYY-MM-DD.")
        else:
            dates[key] = d
    if dates["start"] and dates["end"] and dates["start"] > dates["end"]:
        notes.append(f"Ignored start={dates['start']} and end={dates['end']}: the start is after the end.")
        dates = {"start": None, "end": None}

    allowed = {
        "theme": set(options.themes),
        "org": set(options.orgs),
        "person": set(options.persons),
        "type": set(options.types),
        "format": set(options.formats),
        "country": set(options.countries),
    }
    lists: dict[str, tuple[str, ...]] = {}
    for key, attr in LIST_PARAMS.items():
        keep: list[str] = []
        bad: list[str] = []
        for v in _values(params, key):
            if v == "":
                continue
            (keep if v in allowed[key] else bad).append(v)
        if bad:
            notes.append(f"Ignored unknown {key} value(s): " + ", ".join(repr(b) for b in bad) + ".")
        lists[attr] = tuple(dict.fromkeys(keep))  # dedupe, keep order

    match_vals = _values(params, "theme_match")
    match = match_vals[0] if match_vals else "any"
    if match not in THEME_MATCH:
        notes.append(f"Ignored theme_match={match!r}: use 'any' or 'all'.")
        match = "any"

    q_vals = _values(params, "q")
    q = q_vals[0].strip() if q_vals else ""
    if len(q) > MAX_Q:
        notes.append(f"Shortened the search text to {MAX_Q} characters.")
        q = q[:MAX_Q]

    state = FilterState(start=dates["start"], end=dates["end"], theme_match=match, q=q, **lists)
    return state, notes


def to_query(state: FilterState, options: Options | None = None) -> dict[str, list[str]]:
    """The query parameters for a state: only what differs from the default, in a fixed order.

    Dates equal to the data's own bounds are left out, so the plain URL stays plain.
    """
    out: dict[str, list[str]] = {}
    if state.start and not (options and options.min_date and state.start <= options.min_date):
        out["start"] = [state.start.isoformat()]
    if state.end and not (options and options.max_date and state.end >= options.max_date):
        out["end"] = [state.end.isoformat()]
    for key, attr in LIST_PARAMS.items():
        vals = getattr(state, attr)
        if vals:
            out[key] = list(vals)
    if state.themes and state.theme_match == "all":
        out["theme_match"] = ["all"]
    if state.q:
        out["q"] = [state.q]
    return out


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


@dataclass(frozen=True)
class View:
    """The filtered data: events and the rows of the linked tables that belong to them."""

    events: pd.DataFrame
    event_participants: pd.DataFrame
    event_themes: pd.DataFrame


def _rows_with_all(rows: pd.DataFrame, column: str, wanted: Iterable[str]) -> np.ndarray:
    """Event row positions having every wanted value of `column`."""
    wanted = set(wanted)
    hit = rows.loc[rows[column].isin(wanted) & (rows["ev_row"] >= 0), ["ev_row", column]].drop_duplicates()
    counts = np.bincount(hit["ev_row"].to_numpy(), minlength=1)
    return np.flatnonzero(counts == len(wanted))


def _flag(n: int, positions: np.ndarray) -> np.ndarray:
    # Link-table rows carry the integer position of their event (data.py adds `ev_row`), so marking
    # events is an array assignment instead of a string `isin` over 100,000 IDs.
    out = np.zeros(n, dtype=bool)
    out[positions[positions >= 0]] = True
    return out


def event_mask(data: Data, state: FilterState) -> np.ndarray:
    """Boolean mask over data.events for the state; all vectorised operations."""
    ev = data.events
    n = len(ev)
    mask = np.ones(n, dtype=bool)

    def where(cond: pd.Series) -> np.ndarray:
        return cond.fillna(False).to_numpy(dtype=bool)

    if state.start:
        # An event that overlaps the range counts: it ends (or, without an end, starts) after the start.
        mask &= where(ev["end_date"].fillna(ev["start_date"]) >= pd.Timestamp(state.start))
    if state.end:
        mask &= where(ev["start_date"] <= pd.Timestamp(state.end))
    if state.types:
        mask &= where(ev["event_type"].isin(state.types))
    if state.formats:
        mask &= where(ev["format"].isin(state.formats))
    ep = data.event_participants
    if state.themes:
        et = data.event_themes
        if state.theme_match == "all":
            mask &= _flag(n, _rows_with_all(et, "theme_id", state.themes))
        else:
            mask &= _flag(n, et.loc[et["theme_id"].isin(state.themes), "ev_row"].to_numpy())
    if state.orgs:
        hit = ep.loc[(ep["kind"] == "organization") & ep["short_name"].isin(state.orgs), "ev_row"]
        mask &= _flag(n, hit.to_numpy()) | where(ev["leading_org"].isin(state.orgs))
    if state.persons:
        hit = ep.loc[(ep["kind"] == "person") & ep["name"].isin(state.persons), "ev_row"]
        mask &= _flag(n, hit.to_numpy())
    if state.countries:
        # A state filter keeps events held there and events the state took part in.
        hit = ep.loc[(ep["kind"] == "state") & ep["short_name"].isin(state.countries), "ev_row"]
        mask &= _flag(n, hit.to_numpy()) | where(ev["country"].isin(state.countries))
    if state.q:
        mask &= where(ev["search"].str.contains(state.q.lower(), regex=False))
    return mask


def apply_filters(data: Data, state: FilterState) -> View:
    """The events matching the state and their participants and themes."""
    mask = event_mask(data, state)
    if mask.all():
        # Nothing filtered out: no need to touch the big link tables.
        return View(data.events, data.event_participants, data.event_themes)
    keep = np.append(mask, False)  # position -1 (a link row whose event is unknown) maps to False
    ep = data.event_participants
    et = data.event_themes
    return View(data.events[mask], ep[keep[ep["ev_row"].to_numpy()]], et[keep[et["ev_row"].to_numpy()]])


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def describe(state: FilterState, limit: int = 80) -> str:
    """A short file-name-safe description of the filters, e.g. "2010-2020_theme-terrorism_org-sco"."""
    parts: list[str] = []
    if state.start or state.end:
        parts.append(f"{state.start or 'start'}_to_{state.end or 'end'}")
    for key, attr in LIST_PARAMS.items():
        vals = getattr(state, attr)
        if vals:
            parts.append(key + "-" + "-".join(_slug(v) for v in vals))
    if state.themes and state.theme_match == "all":
        parts.append("all-themes")
    if state.q:
        parts.append("q-" + _slug(state.q))
    text = "_".join(parts) or "all"
    return text[:limit].rstrip("-_")
