"""What the user asked for (FilterState), what the data offers (Options), and the filtered View.

Free of Streamlit. The page address carries a FilterState: dashboard/url_state.py reads and writes it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from dashboard.services.corrections import corrected_event_mask
from dashboard.services.data import ORGANIZATION, PERSON, STATE, Data

# The list-valued filters, by their short name (the URL parameter and the file-name prefix).
LIST_FILTERS: dict[str, str] = {
    "theme": "themes",
    "org": "orgs",
    "person": "persons",
    "type": "types",
    "format": "formats",
    "country": "countries",
}
# The filters on actors: by default they match actors that took part, with `mentioned` also those named only.
ACTOR_FILTERS: tuple[str, ...] = ("orgs", "persons", "countries")
THEME_MATCH = ("any", "all")


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
    mentioned: bool = False  # count actors only mentioned too, not just those that took part
    corrected: bool = False  # only events with a fact a correction changed (services/corrections.py)


@dataclass(frozen=True)
class Options:
    """The values each filter accepts, taken from the data. `orgs`, `persons` and `countries` are the
    actors that took part in some event (and, for countries, where events were held); the *_mentioned
    fields are the actors that are only ever mentioned, offered when mentioned actors are included."""

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
    orgs_mentioned: tuple[str, ...] = ()
    persons_mentioned: tuple[str, ...] = ()
    countries_mentioned: tuple[str, ...] = ()
    corrected_events: int = 0  # events with a corrected fact (the "corrected only" filter keeps these)

    def choices(self, attr: str, include_mentioned: bool = False) -> tuple[str, ...]:
        """The values offered for an actor filter ("orgs", "persons", "countries")."""
        values = getattr(self, attr)
        if not include_mentioned:
            return values
        return tuple(sorted({*values, *getattr(self, f"{attr}_mentioned")}))


def _distinct(s: pd.Series) -> tuple[str, ...]:
    return tuple(sorted(str(v) for v in s.dropna().unique()))


def _sorted(values: Iterable[object]) -> tuple[str, ...]:
    return tuple(sorted({str(v) for v in values if isinstance(v, str)}))


def options_from(data: Data) -> Options:
    """The choices offered by the widgets and accepted in the URL."""
    ev = data.events
    p = data.participants
    # Actors by participant ID: the link tables can hold millions of rows, the participants a few thousand.
    took = p[p["participant_id"].isin(data.took_part["participant_id"].unique())]
    everyone = p[p["participant_id"].isin(data.event_participants["participant_id"].unique())]

    def actors(rows: pd.DataFrame, kind: str, column: str) -> set[str]:
        return set(rows.loc[rows["kind"] == kind, column].dropna())

    orgs = actors(took, ORGANIZATION, "short_name") | set(ev["leading_org"].dropna().unique())
    persons = actors(took, PERSON, "name")
    countries = actors(took, STATE, "short_name") | set(ev["country"].dropna().unique())
    states = p[p["kind"] == STATE]
    names = dict(zip(states["short_name"], states["name"], strict=False))
    dates = ev["start_date"].dropna()
    ends = ev["end_date"].dropna()
    return Options(
        themes=_distinct(data.themes["theme_id"]),
        theme_labels=dict(
            zip(data.themes["theme_id"], data.themes["label"].fillna(data.themes["theme_id"]), strict=False)
        ),
        orgs=_sorted(orgs),
        persons=_sorted(persons),
        types=_distinct(ev["event_type"]),
        formats=_distinct(ev["format"]),
        countries=_sorted(countries),
        min_date=dates.min().date() if len(dates) else None,
        max_date=max([dates.max(), *([ends.max()] if len(ends) else [])]).date() if len(dates) else None,
        country_names={k: v for k, v in names.items() if isinstance(k, str)},
        orgs_mentioned=_sorted(actors(everyone, ORGANIZATION, "short_name") - orgs),
        persons_mentioned=_sorted(actors(everyone, PERSON, "name") - persons),
        countries_mentioned=_sorted(actors(everyone, STATE, "short_name") - countries),
        corrected_events=int(corrected_event_mask(data).sum()),
    )


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
    ep = data.participations(state.mentioned)
    if state.themes:
        et = data.event_themes
        if state.theme_match == "all":
            mask &= _flag(n, _rows_with_all(et, "theme_id", state.themes))
        else:
            mask &= _flag(n, et.loc[et["theme_id"].isin(state.themes), "ev_row"].to_numpy())
    if state.orgs:
        hit = ep.loc[(ep["kind"] == ORGANIZATION) & ep["short_name"].isin(state.orgs), "ev_row"]
        mask &= _flag(n, hit.to_numpy()) | where(ev["leading_org"].isin(state.orgs))
    if state.persons:
        hit = ep.loc[(ep["kind"] == PERSON) & ep["name"].isin(state.persons), "ev_row"]
        mask &= _flag(n, hit.to_numpy())
    if state.countries:
        # A state filter keeps events held there and events the state took part in.
        hit = ep.loc[(ep["kind"] == STATE) & ep["short_name"].isin(state.countries), "ev_row"]
        mask &= _flag(n, hit.to_numpy()) | where(ev["country"].isin(state.countries))
    if state.q:
        mask &= where(ev["search"].str.contains(state.q.lower(), regex=False))
    if state.corrected:
        mask &= corrected_event_mask(data)
    return mask


def apply_filters(data: Data, state: FilterState) -> View:
    """The events matching the state, the participations that count in them (actors that took part, or
    also those only mentioned when `state.mentioned`) and their themes."""
    mask = event_mask(data, state)
    ep = data.participations(state.mentioned)
    if mask.all():
        # Nothing filtered out: no need to touch the big link tables.
        return View(data.events, ep, data.event_themes)
    keep = np.append(mask, False)  # position -1 (a link row whose event is unknown) maps to False
    et = data.event_themes
    return View(data.events[mask], ep[keep[ep["ev_row"].to_numpy()]], et[keep[et["ev_row"].to_numpy()]])


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def criteria_slugs(state: FilterState) -> list[str]:
    """The list filters, "all of" the themes and the search, each as a file-name-safe part."""
    parts: list[str] = []
    for key, attr in LIST_FILTERS.items():
        vals = getattr(state, attr)
        if vals:
            parts.append(key + "-" + "-".join(slug(v) for v in vals))
    if state.themes and state.theme_match == "all":
        parts.append("all-themes")
    if state.q:
        parts.append("q-" + slug(state.q))
    return parts


def switch_slugs(state: FilterState) -> list[str]:
    """The switches that widen or narrow every view: actors only mentioned, corrected facts only."""
    return ["with-mentioned"] * state.mentioned + ["corrected"] * state.corrected


def describe(state: FilterState, limit: int = 80) -> str:
    """A short file-name-safe description of the filters, e.g. "2010-2020_theme-terrorism_org-sco"."""
    dates = [f"{state.start or 'start'}_to_{state.end or 'end'}"] if state.start or state.end else []
    text = "_".join([*dates, *criteria_slugs(state), *switch_slugs(state)]) or "all"
    return text[:limit].rstrip("-_")
