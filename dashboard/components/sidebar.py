"""The filters in the sidebar, kept in step with the page address (dashboard/url_state.py)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from dashboard import url_state
from dashboard.services.filters import ACTOR_FILTERS, FilterState, Options
from dashboard.services.safe_text import md
from dashboard.url_state import KEYS, MATCH_LABELS

MENTIONED_LABEL = "Include actors only mentioned"
CORRECTED_LABEL = "Only events with corrected facts"
# The address keeps it as corrected=1 once url_state.py knows the key; until then it lives in the session.
CORRECTED_KEY = KEYS.get("corrected", "f_corrected")


def _keep_offered(options: Options, include_mentioned: bool) -> None:
    # Switching "only mentioned" off takes those actors out of the choices, so out of the selection too.
    ss = st.session_state
    for attr in ACTOR_FILTERS:
        offered = set(options.choices(attr, include_mentioned))
        chosen = ss.get(KEYS[attr], [])
        if any(v not in offered for v in chosen):
            ss[KEYS[attr]] = [v for v in chosen if v in offered]


def _reset(options: Options) -> None:
    url_state.reset(options)
    st.session_state[CORRECTED_KEY] = False


def show(options: Options) -> tuple[FilterState, list[str]]:
    """Draw the filters; returns the state they hold and plain-text notes on what the address held that
    could not be used."""
    notes = url_state.read_url(options)
    mentioned = bool(st.session_state.get(KEYS["mentioned"], False))
    _keep_offered(options, mentioned)

    def actor_label(attr: str, label=lambda v: v):
        only = set(getattr(options, f"{attr}_mentioned"))
        return lambda v: f"{label(v)} (only mentioned)" if v in only else label(v)

    sb = st.sidebar
    sb.header("Filters", anchor=False)
    sb.date_input("From", key=KEYS["start"], min_value=options.min_date, max_value=options.max_date,
                  format="YYYY-MM-DD")
    sb.date_input("To", key=KEYS["end"], min_value=options.min_date, max_value=options.max_date,
                  format="YYYY-MM-DD")
    sb.multiselect("Themes", options.themes, key=KEYS["themes"], format_func=lambda t: options.theme_labels.get(t, t))
    sb.radio(
        "Match themes",
        list(MATCH_LABELS.values()),
        key=KEYS["theme_match"],
        horizontal=True,
        help="'any of': events with at least one chosen theme; 'all of': events with every one.",
    )
    sb.multiselect("Organisations", options.choices("orgs", mentioned), key=KEYS["orgs"],
                   format_func=actor_label("orgs"))
    sb.multiselect("Persons", options.choices("persons", mentioned), key=KEYS["persons"],
                   format_func=actor_label("persons"))
    sb.multiselect("Event type", options.types, key=KEYS["types"])
    sb.multiselect("Format", options.formats, key=KEYS["formats"])

    def country(c: str) -> str:
        return f"{options.country_names[c]} ({c})" if c in options.country_names else c

    sb.multiselect(
        "State",
        options.choices("countries", mentioned),
        key=KEYS["countries"],
        format_func=actor_label("countries", country),
        help="Events held in the state or in which it took part.",
    )
    sb.text_input("Search", key=KEYS["q"], placeholder="words in titles, places, names, themes")
    sb.toggle(
        MENTIONED_LABEL,
        key=KEYS["mentioned"],
        help="By default counts, charts and the actor filters use the actors that took part in an event. "
        "Switched on, actors the reports only name (\"unlike NATO\", the president whose election is "
        "observed) count too.",
    )
    sb.toggle(
        CORRECTED_LABEL,
        key=CORRECTED_KEY,
        help=f"Events whose date, place, type, format, actors or themes a correction changed "
        f"({options.corrected_events:,} in these tables); the ✎ marks say which, and why.",
    )
    sb.button("Reset filters", key="reset_sidebar", on_click=_reset, args=(options,))

    state = url_state.without_bound_dates(url_state.from_widgets(), options)
    state = replace(state, corrected=bool(st.session_state.get(CORRECTED_KEY, False)))
    if state.start and state.end and state.start > state.end:
        notes.append("The 'From' date is after the 'To' date, so no event can match.")
    url_state.write_url(state, options)
    _actor_pages(state)
    sb.caption("The filters are in the page address: copy it to share this view.")
    return state, notes


MAX_ACTOR_BUTTONS = 6


def _actor_pages(state: FilterState) -> None:
    """A button to each chosen organisation's, person's or state's own page (the Actor tab), filters kept."""
    chosen = [value for attr in ACTOR_FILTERS for value in getattr(state, attr)][:MAX_ACTOR_BUTTONS]
    for value in chosen:
        st.sidebar.button(f"Open the page of {md(value)}", key=f"actor-page-{value}", on_click=open_actor_page,
                          args=(value,), type="tertiary", icon=":material/person_search:")


def open_actor_page(key: str) -> None:
    """The Actor tab on `key` (a short name, name or ISO code, as the filters hold it), filters kept."""
    st.query_params["actor"] = key
    st.query_params["tab"] = "actor"
