"""Compare periods (`?cmp_start=2021-01-01&cmp_end=2024-12-31&base_start=2015-01-01&base_end=2020-12-31`):
themes and actors in a period and a baseline side by side, with counts, shares and their change, counts
under five marked, what is new and what disappeared, and each row's events a click away. The sidebar's
other filters apply to both periods; the work is in services/compare.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import url_state
from dashboard.components import chart
from dashboard.services import actor as actor_view
from dashboard.services import compare
from dashboard.services.data import ORGANIZATION, PERSON, STATE, Data
from dashboard.services.filters import FilterState, Options
from dashboard.services.safe_text import md, shorten

KEYS = {p: f"w_{p}" for p in compare.PARAMS}  # widget keys of the four dates
LABELS = {"cmp_start": "Period from", "cmp_end": "Period to", "base_start": "Baseline from", "base_end": "Baseline to"}
_APPLIED = "_compare_url"  # the address's periods the widgets were last synced from or to
KINDS = {"All actors": None, "Organisations": ORGANIZATION, "Persons": PERSON, "States": STATE}
STATUS_WORDS = {"new": "new", "gone": "disappeared", "up": "share up", "down": "share down", "same": "same share"}
PICK = "compare_pick"


def _url() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in compare.PARAMS if st.query_params.get_all(k)}


def _sync(options: Options) -> tuple[compare.Periods | None, list[str]]:
    """Put the address's periods into the date widgets when it changed from outside; returns the periods
    the widgets hold and notes on what the address held that could not be used."""
    ss = st.session_state
    url = _url()
    periods, notes = compare.parse_periods(url, options)
    if periods is None:
        return None, notes
    if ss.get(_APPLIED) != url or any(KEYS[k] not in ss for k in compare.PARAMS):
        for key, value in zip(compare.PARAMS, (periods.start, periods.end, periods.base_start, periods.base_end),
                              strict=True):
            ss[KEYS[key]] = value
        ss[_APPLIED] = url
    return periods, notes


def _from_widgets(fallback: compare.Periods) -> tuple[compare.Periods, list[str]]:
    ss = st.session_state
    got = [ss.get(KEYS[k]) or d for k, d in zip(compare.PARAMS, (fallback.start, fallback.end, fallback.base_start,
                                                                  fallback.base_end), strict=True)]
    notes = []
    if got[0] > got[1]:
        notes.append("The period's 'from' date is after its 'to' date: using the default period.")
        got[0], got[1] = fallback.start, fallback.end
    if got[2] > got[3]:
        notes.append("The baseline's 'from' date is after its 'to' date: using the default baseline.")
        got[2], got[3] = fallback.base_start, fallback.base_end
    return compare.Periods(*got), notes


def _write_url(periods: compare.Periods) -> None:
    wanted = compare.periods_query(periods)
    for key, value in wanted.items():
        if st.query_params.get_all(key) != value:
            st.query_params[key] = value[0]
    st.session_state[_APPLIED] = wanted


def _show_events(state: FilterState, options: Options, start: dt.date, end: dt.date, param: str,
                 value: str) -> None:
    """Callback: set the sidebar's filters to one row's events in one period, and open the Events tab."""
    attr = {"theme": "themes", "org": "orgs", "person": "persons", "country": "countries"}[param]
    mentioned = state.mentioned or (attr != "themes" and value in getattr(options, f"{attr}_mentioned", ()))
    values = tuple(dict.fromkeys((*getattr(state, attr), value)))
    url_state.set_widgets(replace(state, start=start, end=end, mentioned=mentioned, **{attr: values}), options)
    if "events" in url_state.TABS:
        st.session_state[url_state.TAB_KEY] = url_state.TABS["events"]


def _table(table: pd.DataFrame, key: str, pages: list[str] | None = None) -> None:
    shown = pd.DataFrame({
        "label": table["label"],
        "caution": table["small"].map({True: f"⚠ under {compare.SMALL}", False: ""}),
        "count": table["count"],
        "share": table["share"] * 100,
        "base_count": table["base_count"],
        "base_share": table["base_share"] * 100,
        "change": table["change"],
        "share_change": table["share_change"] * 100,
        "status": table["status"].map(STATUS_WORDS),
        "events": table["events"],
        "base_events": table["base_events"],
    })
    if pages is not None:
        shown["page"] = pages
    st.dataframe(
        shown,
        hide_index=True,
        key=key,
        column_config={
            "label": st.column_config.TextColumn("Name", width="medium"),
            "count": st.column_config.NumberColumn("Period: events", format="%d"),
            "share": st.column_config.NumberColumn("Period: share", format="%.0f%%"),
            "base_count": st.column_config.NumberColumn("Baseline: events", format="%d"),
            "base_share": st.column_config.NumberColumn("Baseline: share", format="%.0f%%"),
            "change": st.column_config.NumberColumn("Change: events", format="%+d"),
            "share_change": st.column_config.NumberColumn("Change: share (points)", format="%+.0f"),
            "status": "Status",
            "caution": st.column_config.TextColumn(
                "Small numbers", help=f"Fewer than {compare.SMALL} events in the period or the baseline"),
            "events": st.column_config.LinkColumn("Period's events", display_text="open"),
            "base_events": st.column_config.LinkColumn("Baseline's events", display_text="open"),
            "page": st.column_config.LinkColumn("Actor page", display_text="open"),
        },
    )


def _new_and_gone(table: pd.DataFrame, what: str) -> None:
    new, gone = compare.new_and_gone(table)
    st.markdown(f"**New {what}** (none in the baseline): " + (md(shorten(new, 12, False)) if new else "none."))
    st.markdown(f"**Disappeared {what}** (none in the period): " + (md(shorten(gone, 12, False)) if gone else "none."))


def show(data: Data, state: FilterState, options: Options) -> None:
    default, notes = _sync(options)
    if default is None:
        st.info("No dated events to compare.")
        return
    cols = st.columns(4)
    for col, key in zip(cols, compare.PARAMS, strict=True):
        col.date_input(LABELS[key], key=KEYS[key], min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31),
                       format="YYYY-MM-DD")
    periods, more = _from_widgets(compare.default_periods(options) or default)
    for note in notes + more:
        st.warning(md(note), icon="⚠️")
    _write_url(periods)
    now, base = compare.views(data, state, periods)
    summary = compare.summary(now, base)
    st.caption(
        md(f"{compare.span_words(periods.start, periods.end)}: {summary['events']:,} events; baseline "
           f"{compare.span_words(periods.base_start, periods.base_end)}: {summary['base_events']:,} events.")
        + " The sidebar's other filters apply to both. A share is the part of a period's events with the theme "
        f"or actor. **Counts under {compare.SMALL} are marked ⚠ and hatched in the charts: a change between "
        "such small numbers says little.**"
    )
    what = (f"compare_{periods.start:%Y%m%d}-{periods.end:%Y%m%d}"
            f"_vs_{periods.base_start:%Y%m%d}-{periods.base_end:%Y%m%d}")

    st.subheader("Themes", anchor=False)
    themes = compare.with_links(compare.theme_table(now, base), state, periods, "theme", options)
    chart.show(compare.comparison_figure(themes, periods, "Themes"), f"{what}_themes", state, "cmp-themes")
    _new_and_gone(themes, "themes")
    _table(themes, "cmp-themes-table")

    st.subheader("Actors", anchor=False)
    kind_label = st.radio("Actors among", list(KINDS), horizontal=True, key="cmp_kind")
    people = compare.with_links(compare.actor_table(now, base, KINDS[kind_label]), state, periods, "actor", options)
    chart.show(compare.comparison_figure(people, periods, "Actors"), f"{what}_actors", state, "cmp-actors")
    _new_and_gone(people, "actors")
    filters = url_state.to_query(state, options)
    _table(people, "cmp-actors-table",
           [actor_view.page_query(filters, k) for k in actor_view.actor_keys(data, list(people["key"]))])

    st.markdown("**Open the events of a row** (sets the sidebar's filters and opens the Events tab)")
    rows = [("theme", k, lab) for k, lab in zip(themes["key"], themes["label"], strict=True)]
    rows += [(compare.ACTOR_PARAM.get(k, "person"), lab if compare.ACTOR_PARAM.get(k) != "person" else n, lab)
             for k, lab, n in zip(people["kind"], people["label"], people["name"], strict=True)]
    if not rows:
        return
    if st.session_state.get(PICK) not in range(len(rows)):
        st.session_state[PICK] = 0
    pick_cols = st.columns([3, 2, 2])
    choice = pick_cols[0].selectbox(
        "Theme or actor", range(len(rows)), key=PICK,
        format_func=lambda i: f"{rows[i][2]} ({'theme' if rows[i][0] == 'theme' else 'actor'})",
    )
    param, value, _ = rows[choice]
    pick_cols[1].button("Its events in the period", key="cmp-open-period", on_click=_show_events,
                        args=(state, options, periods.start, periods.end, param, value))
    pick_cols[2].button("Its events in the baseline", key="cmp-open-base", on_click=_show_events,
                        args=(state, options, periods.base_start, periods.base_end, param, value))
