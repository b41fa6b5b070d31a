"""Compare a period with a baseline: how often each theme and each actor came up in both, side by side,
with counts, shares and their change, what is new and what disappeared.

Free of Streamlit. The page address holds the two periods (`cmp_start`, `cmp_end`, `base_start`,
`base_end`, each YYYY-MM-DD); the sidebar's other filters apply to both, its dates are replaced by each
period's. A share is the part of the period's events that have the theme (or the actor): periods of
different lengths or density compare by share, and counts say how much the share rests on. Counts under
SMALL are marked: a change from 2 to 4 events is a doubling that means little.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.services.charts import empty_figure
from dashboard.services.data import ORGANIZATION, PERSON, STATE, Data
from dashboard.services.filters import LIST_FILTERS, FilterState, Options, View, apply_filters
from dashboard.services.safe_text import plot, shorten

PARAMS: tuple[str, ...] = ("cmp_start", "cmp_end", "base_start", "base_end")
SMALL = 5  # counts below this are marked as too small to read much into
STATUSES = ("new", "gone", "up", "down", "same")
# Where an actor leads in the address: the sidebar filter that selects its events.
ACTOR_PARAM = {ORGANIZATION: "org", PERSON: "person", STATE: "country"}
PERIOD_PALETTE = {"period": "#1f77b4", "baseline": "#ff7f0e"}  # mid tones: legible on light and dark pages


@dataclass(frozen=True)
class Periods:
    """The period looked at and the baseline it is compared with (inclusive dates)."""

    start: dt.date
    end: dt.date
    base_start: dt.date
    base_end: dt.date

    def words(self) -> str:
        return f"{span_words(self.start, self.end)} compared with {span_words(self.base_start, self.base_end)}"


def span_words(start: dt.date, end: dt.date) -> str:
    """A span in words: 2015–2020 for whole years, else 2015-03-01 to 2016-02-29."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"{start:%Y-%m-%d} to {end:%Y-%m-%d}"


def default_periods(options: Options) -> Periods | None:
    """Without periods in the address: the later half of the data's years against the earlier half."""
    if options.min_date is None or options.max_date is None:
        return None
    first, last = options.min_date.year, options.max_date.year
    if first == last:
        return Periods(dt.date(first, 1, 1), dt.date(first, 12, 31), dt.date(first, 1, 1), dt.date(first, 12, 31))
    split = first + (last - first + 1) // 2  # the first year of the later half
    return Periods(dt.date(split, 1, 1), dt.date(last, 12, 31), dt.date(first, 1, 1), dt.date(split - 1, 12, 31))


def _values(params: Mapping[str, object], key: str) -> list[str]:
    v = params.get(key)
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]  # type: ignore[union-attr]


def parse_periods(params: Mapping[str, object], options: Options) -> tuple[Periods | None, list[str]]:
    """The periods the address asks for, each missing or unusable date taken from the default, and
    plain-text notes on what could not be used. Never raises on user input."""
    default = default_periods(options)
    if default is None:
        return None, []
    notes: list[str] = []
    got: dict[str, dt.date] = {}
    for key in PARAMS:
        vals = _values(params, key)[:1]
        if not vals or vals[0] == "":
            continue
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", vals[0]):
            notes.append(f"Ignored {key} {shorten(vals)}: dates are written YYYY-MM-DD.")
            continue
        try:
            got[key] = dt.date.fromisoformat(vals[0])
        except ValueError:
            notes.append(f"Ignored {key} {shorten(vals)}: there is no such date.")
    periods = Periods(
        got.get("cmp_start", default.start), got.get("cmp_end", default.end),
        got.get("base_start", default.base_start), got.get("base_end", default.base_end),
    )
    if periods.start > periods.end:
        notes.append(f"Ignored cmp_start {periods.start} and cmp_end {periods.end}: the start is after the end.")
        periods = replace(periods, start=default.start, end=default.end)
    if periods.base_start > periods.base_end:
        notes.append(f"Ignored base_start {periods.base_start} and base_end {periods.base_end}: "
                     "the start is after the end.")
        periods = replace(periods, base_start=default.base_start, base_end=default.base_end)
    return periods, notes


def periods_query(periods: Periods) -> dict[str, list[str]]:
    """The address parameters of two periods."""
    return {
        "cmp_start": [periods.start.isoformat()], "cmp_end": [periods.end.isoformat()],
        "base_start": [periods.base_start.isoformat()], "base_end": [periods.base_end.isoformat()],
    }


def views(data: Data, state: FilterState, periods: Periods) -> tuple[View, View]:
    """The filtered views of the period and of the baseline: the sidebar's filters, each period's dates."""
    return (
        apply_filters(data, replace(state, start=periods.start, end=periods.end)),
        apply_filters(data, replace(state, start=periods.base_start, end=periods.base_end)),
    )


COLUMNS = ["key", "label", "count", "share", "base_count", "base_share", "change", "share_change", "status",
           "small"]


def _side_by_side(now: pd.Series, base: pd.Series, labels: Mapping[str, str], n_now: int, n_base: int) -> pd.DataFrame:
    keys = sorted(set(now.index) | set(base.index))
    if not keys:
        return pd.DataFrame(columns=COLUMNS)
    c = now.reindex(keys, fill_value=0).astype(int).to_numpy()
    b = base.reindex(keys, fill_value=0).astype(int).to_numpy()
    share = c / n_now if n_now else np.zeros(len(keys))
    base_share = b / n_base if n_base else np.zeros(len(keys))
    status = np.select(
        [(b == 0) & (c > 0), (c == 0) & (b > 0), share > base_share, share < base_share],
        ["new", "gone", "up", "down"], "same",
    )
    out = pd.DataFrame({
        "key": keys, "label": [labels.get(k, k) for k in keys], "count": c, "share": share, "base_count": b,
        "base_share": base_share, "change": c - b, "share_change": share - base_share, "status": status,
        "small": (c < SMALL) | (b < SMALL),
    })
    out["_top"] = np.maximum(c, b)
    out = out.sort_values(["_top", "count", "label"], ascending=[False, False, True], kind="stable")
    return out[COLUMNS].reset_index(drop=True)


def theme_table(now: View, base: View) -> pd.DataFrame:
    """Per theme: events and share of events in the period and the baseline, the change in events and in
    share (as a fraction: 0.1 is ten points), its status (new, gone, up, down, same) and whether either
    count is under SMALL. Most frequent first."""
    def counts(view: View) -> pd.Series:
        return view.event_themes.groupby("theme_id")["event_id"].nunique()

    labels = {**_labels(base.event_themes, "theme_id"), **_labels(now.event_themes, "theme_id")}
    return _side_by_side(counts(now), counts(base), labels, len(now.events), len(base.events))


def _labels(frame: pd.DataFrame, key: str) -> dict[str, str]:
    if frame.empty:
        return {}
    first = frame.drop_duplicates(key)
    return dict(zip(first[key], first["label"].fillna(first[key]), strict=False))


def actor_table(now: View, base: View, kind: str | None = None) -> pd.DataFrame:
    """The same per actor (of one kind, or all): the participations that count in each view (actors that
    took part, or also those only mentioned when the view includes them; states always). `key` is the
    participant_id, with `kind` and `name` added."""
    def rows(view: View) -> pd.DataFrame:
        ep = view.event_participants
        return ep if kind is None else ep[ep["kind"] == kind]

    r_now, r_base = rows(now), rows(base)

    def counts(r: pd.DataFrame) -> pd.Series:
        return r.groupby("participant_id")["event_id"].nunique()

    labels = {**_labels(r_base, "participant_id"), **_labels(r_now, "participant_id")}
    out = _side_by_side(counts(r_now), counts(r_base), labels, len(now.events), len(base.events))
    both = pd.concat([r_now, r_base]).drop_duplicates("participant_id").set_index("participant_id")
    out["kind"] = out["key"].map(both["kind"]) if len(out) else pd.Series(dtype="string")
    out["name"] = out["key"].map(both["name"]) if len(out) else pd.Series(dtype="string")
    return out


def new_and_gone(table: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The labels that are new in the period, and those that disappeared from it, most frequent first."""
    return list(table.loc[table["status"] == "new", "label"]), list(table.loc[table["status"] == "gone", "label"])


def events_query(state: FilterState, start: dt.date, end: dt.date, param: str, value: str,
                 options: Options | None = None) -> str:
    """The address ("?...") of the events of one row in one period: the sidebar's filters, the period's
    dates, the row's theme or actor added to its filter, on the Events tab."""
    query: list[tuple[str, str]] = [("start", start.isoformat()), ("end", end.isoformat())]
    for key, attr in LIST_FILTERS.items():
        values = list(getattr(state, attr))
        if key == param and value not in values:
            values.append(value)
        query.extend((key, v) for v in values)
    if state.themes and state.theme_match == "all":
        query.append(("theme_match", "all"))
    if state.q:
        query.append(("q", state.q))
    mentioned = state.mentioned
    if options is not None and param in ("org", "person", "country"):
        attr = {"org": "orgs", "person": "persons", "country": "countries"}[param]
        mentioned = mentioned or value in getattr(options, f"{attr}_mentioned")
    if mentioned:
        query.append(("mentioned", "1"))
    query.append(("tab", "events"))
    return "?" + urlencode(query)


def with_links(table: pd.DataFrame, state: FilterState, periods: Periods, what: str,
               options: Options | None = None) -> pd.DataFrame:
    """The table with the address of each row's events in the period (`events`) and in the baseline
    (`base_events`). `what` is "theme" or "actor" (whose filter follows from its kind)."""
    out = table.copy()
    if out.empty:
        return out.assign(events=pd.Series(dtype="string"), base_events=pd.Series(dtype="string"))
    if what == "theme":
        params = ["theme"] * len(out)
        values = list(out["key"])
    else:
        params = [ACTOR_PARAM.get(k, "person") for k in out["kind"]]
        # Organisations and states are filtered by their short name (the label), persons by name.
        values = [lab if p != "person" else name
                  for p, lab, name in zip(params, out["label"], out["name"], strict=True)]
    out["events"] = [events_query(state, periods.start, periods.end, p, v, options) for p, v in
                     zip(params, values, strict=True)]
    out["base_events"] = [events_query(state, periods.base_start, periods.base_end, p, v, options) for p, v in
                          zip(params, values, strict=True)]
    return out


def comparison_figure(table: pd.DataFrame, periods: Periods, what: str = "Themes", n: int = 15) -> go.Figure:
    """The shares of the n most frequent rows in the period and in the baseline, side by side. Bars
    resting on fewer than SMALL events are hatched, and their hover says so."""
    title = f"{what}: share of events, {span_words(periods.start, periods.end)} and " \
            f"{span_words(periods.base_start, periods.base_end)}"
    if table.empty:
        return empty_figure(title, "No events in either period under the current filters.")
    top = table.head(n).iloc[::-1]
    labels = [plot(v) for v in top["label"]]
    fig = go.Figure()
    for side, count, share, name in (
        ("baseline", "base_count", "base_share", f"Baseline {span_words(periods.base_start, periods.base_end)}"),
        ("period", "count", "share", f"Period {span_words(periods.start, periods.end)}"),
    ):
        counts = top[count].to_numpy()
        small = counts < SMALL
        fig.add_trace(go.Bar(
            y=labels, x=(top[share] * 100).to_numpy(), orientation="h", name=plot(name),
            marker={"color": PERIOD_PALETTE[side], "pattern": {"shape": ["/" if s else "" for s in small]}},
            customdata=np.stack([counts, np.where(small, f"<br>fewer than {SMALL} events: read with care", "")],
                                axis=-1),
            hovertemplate="%{y}: %{x:.0f}% of events (%{customdata[0]} events)%{customdata[1]}<extra>"
                          + plot(name) + "</extra>",
            text=[f"{c}" for c in counts], textposition="outside", cliponaxis=False,
        ))
    fig.update_layout(
        barmode="group", title={"text": title, "x": 0, "xanchor": "left",
                                "subtitle": {"text": f"Hatched: fewer than {SMALL} events"}},
        height=max(340, 40 * len(top) + 140), margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"title": None, "traceorder": "reversed"},
    )
    top_share = float(max(top["share"].max(), top["base_share"].max())) * 100
    fig.update_xaxes(title_text="Share of the period's events (%)", rangemode="tozero",
                     range=[0, top_share * 1.15 + 1])
    return fig


def summary(now: View, base: View) -> dict[str, int]:
    """Events in the period and in the baseline."""
    return {"events": len(now.events), "base_events": len(base.events)}
