"""'Suggest a correction' in an event's details: a small form whose values become one entry of the
corrections file (docs/corrections.md), shown as YAML to copy and offered as a download
(`correction-<event_id>.yaml`). The entry is built and checked by dashboard/services/corrections.py with
the ETL's own validator; nothing is written to disk.

The choice of what to correct sits above the form (it decides the form's fields); the form's values are
read when it is submitted. Names, IDs, themes and vocabularies come from the tables and the contract.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard.services.corrections import (
    ACTIONS,
    VOCABULARIES,
    EntryError,
    build_entry,
    entry_yaml,
    file_name,
)
from dashboard.services.data import STATE, Data
from dashboard.services.safe_text import md, one_line

LABEL = "Suggest a correction"
MIN_DATE = dt.date(1990, 1, 1)  # before the first SCO–OSCE contact (the SCO's forerunner dates from 1996)


def _key(eid: str, name: str) -> str:
    return f"sc-{name}-{eid}"


def _actor_label(rows: pd.DataFrame) -> dict[str, str]:
    return {
        str(pid): f"{one_line(name)} ({kind})" if isinstance(kind, str) else one_line(name)
        for pid, name, kind in zip(rows["participant_id"], rows["name"], rows["kind"], strict=True)
    }


def _choose(label: str, choices: list[str], key: str, current: object = None, **kw) -> str | None:
    index = choices.index(current) if current in choices else (0 if choices else None)
    return st.selectbox(label, choices, index=index, key=key, **kw)


def _date(value: object) -> dt.date | None:
    return value.date() if isinstance(value, pd.Timestamp) and pd.notna(value) else None


def _fields(data: Data, eid: str, action: str) -> dict[str, object]:
    """The form's fields for an action; returns the values they hold (read when the form is submitted)."""
    ev = data.events[data.events["event_id"] == eid].iloc[0]
    key = lambda name: _key(eid, f"{action}-{name}")  # noqa: E731 - a short local helper
    values: dict[str, object] = {}
    if action == "set_date":
        today = dt.date.today()
        start = _date(ev["start_date"])
        end = _date(ev["end_date"])
        values["start_date"] = st.date_input("Start date", value=start, min_value=MIN_DATE,
                                             max_value=today + dt.timedelta(days=730), key=key("start"),
                                             format="YYYY-MM-DD")
        values["end_date"] = st.date_input("End date (empty: one day)", value=end if end != start else None,
                                           min_value=MIN_DATE, max_value=today + dt.timedelta(days=730),
                                           key=key("end"), format="YYYY-MM-DD")
        values["date_precision"] = _choose("Precision", list(VOCABULARIES["date_precision"]), key("precision"),
                                           ev.get("date_precision"))
    elif action == "set_type":
        values["event_type"] = _choose("Event type", list(VOCABULARIES["event_type"]), key("type"), ev["event_type"])
    elif action == "set_format":
        values["format"] = _choose("Format", list(VOCABULARIES["format"]), key("format"), ev["format"])
    elif action == "set_city":
        city = ev["city"] if isinstance(ev["city"], str) else ""
        values["city"] = st.text_input("City, as the report names it", value=city, key=key("city"))
    elif action == "set_country":
        states = data.participants[data.participants["kind"] == STATE]
        names = {c: one_line(n) for c, n in zip(states["short_name"], states["name"], strict=False)
                 if isinstance(c, str)}
        codes = sorted({*names, *data.events["country"].dropna().astype(str)})
        values["country"] = _choose("Country (ISO 3166 alpha-3; type another code if it is not listed)", codes,
                                    key("country"), ev["country"], accept_new_options=True,
                                    format_func=lambda c: f"{names[c]} ({c})" if c in names else c)
    elif action in ("remove_participant", "set_role", "set_involvement"):
        ep = data.event_participants[data.event_participants["event_id"] == eid].sort_values(["kind", "name"])
        labels = _actor_label(ep)
        values["participant_id"] = st.selectbox("Participant", list(labels), format_func=labels.get,
                                                key=key("participant"))
        if action == "set_role":
            values["role"] = st.text_input("Role, as the report writes it", key=key("role"))
        if action == "set_involvement":
            values["involvement"] = st.selectbox("Involvement", VOCABULARIES["involvement"], key=key("involvement"))
    elif action == "add_participant":
        here = set(data.event_participants.loc[data.event_participants["event_id"] == eid, "participant_id"])
        others = data.participants[~data.participants["participant_id"].isin(here)].sort_values(["kind", "name"])
        labels = _actor_label(others)
        values["participant_id"] = st.selectbox("An actor of the tables", list(labels), index=None,
                                                format_func=labels.get, key=key("participant"),
                                                placeholder="or a new one: name and kind below")
        c1, c2 = st.columns(2)
        values["name"] = c1.text_input("New actor's name", key=key("name"))
        values["kind"] = c2.selectbox("Kind", VOCABULARIES["kind"], index=2, key=key("kind"))
        values["short_name"] = c1.text_input("Short name (organisations: acronym; states: alpha-3)",
                                             key=key("short"))
        values["affiliation"] = c2.text_input("Affiliation (a person's organisation or state)", key=key("aff"))
        values["role"] = c1.text_input("Role at this event", key=key("role"))
        values["involvement"] = c2.selectbox("Involvement", VOCABULARIES["involvement"], key=key("involvement"))
        values["sentence"] = st.text_area("The report's sentence that names it (optional)", key=key("sentence"))
    elif action in ("add_theme", "remove_theme"):
        here = data.event_themes.loc[data.event_themes["event_id"] == eid, "theme_id"]
        themes = data.themes
        on_event = themes["theme_id"].isin(here)
        rows = themes[on_event if action == "remove_theme" else ~on_event]
        labels = dict(zip(rows["theme_id"], rows["label"].fillna(rows["theme_id"]).map(one_line), strict=True))
        values["theme_id"] = st.selectbox("Theme", list(labels), format_func=labels.get, key=key("theme"))
        if action == "add_theme":
            values["sentence"] = st.text_area("The report's sentence that shows it (optional)", key=key("sentence"))
    return values


def show(data: Data, eid: str) -> None:
    """The form for event `eid`, and the entry it made (kept for the event until the next one)."""
    ss = st.session_state
    result_key = _key(eid, "entry")
    with st.expander(LABEL, icon=":material/edit_note:"):
        st.caption(
            "Describe one correction: the entry below goes into the corrections file "
            "(data/corrections.yaml), and the next build applies it. This page writes no file."
        )
        action = st.selectbox("What to correct", list(ACTIONS), format_func=ACTIONS.get, key=_key(eid, "action"))
        with st.form(key=_key(eid, "form"), enter_to_submit=False):
            values = _fields(data, eid, action)
            note = st.text_area("Note: why (shown with the corrected fact)", key=_key(eid, f"{action}-note"))
            submitted = st.form_submit_button("Make the entry", key=_key(eid, "submit"), type="primary")
        if submitted:
            try:
                entry = build_entry(data, eid, action, values, note)
            except EntryError as error:
                ss[result_key] = None
                st.error(md(str(error)))
            else:
                ss[result_key] = (action, entry_yaml(entry))
        made = ss.get(result_key)
        if made and made[0] == action:
            st.code(made[1], language="yaml")
            st.download_button(
                "Download the entry",
                data=made[1],
                file_name=file_name(eid),
                mime="application/x-yaml",
                key=_key(eid, "download"),
                on_click="ignore",
                icon=":material/download:",
            )
