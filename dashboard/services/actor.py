"""One actor's page: a person, organisation or state, its events over time, the roles it held and when,
who it met, on what themes, the reports it appears in with their evidence sentences, and its spellings.

Free of Streamlit. The page address names the actor (`?actor=SCO`, `?actor=Vladimir Norov`, or a
participant_id); `find_actor` accepts any of these. Everything is counted on the filtered View, so the
sidebar's filters apply here as on every other view, and, as elsewhere, organisations and persons count
where they took part (also where only mentioned when the view includes those), states whether they took
part or were discussed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from dashboard.services.charts import empty_figure
from dashboard.services.colours import org_colour, theme_colour, type_colour
from dashboard.services.data import ORGANIZATION, PERSON, STATE, Data
from dashboard.services.filters import View
from dashboard.services.safe_text import plot

PARAMS: tuple[str, ...] = ("actor",)  # the actor page's address parameter
KIND_WORDS = {ORGANIZATION: "organisation", PERSON: "person", STATE: "state"}
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


@dataclass(frozen=True)
class Actor:
    """One participant, as the participants table holds it."""

    participant_id: str
    name: str
    kind: str
    short_name: str | None = None
    affiliation: str | None = None

    @property
    def label(self) -> str:
        """The name the charts use: the short name of an organisation or a state, a person's name."""
        if self.kind in (ORGANIZATION, STATE) and self.short_name:
            return self.short_name
        return self.name

    @property
    def title(self) -> str:
        """The label with the full name when they differ: SCO (Shanghai Cooperation Organisation)."""
        if self.label != self.name:
            return f"{self.label} ({self.name})"
        return self.name


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _actor(row: pd.Series) -> Actor:
    return Actor(
        participant_id=str(row["participant_id"]),
        name=_text(row["name"]) or str(row["participant_id"]),
        kind=_text(row["kind"]) or "",
        short_name=_text(row["short_name"]),
        affiliation=_text(row["affiliation"]),
    )


def find_actor(data: Data, key: str) -> Actor | None:
    """The actor an address names: by participant_id, short name ("SCO", "KAZ") or name, exactly, then
    ignoring case and surrounding spaces; None when nothing matches or the name is ambiguous."""
    p = data.participants
    key = (key or "").strip()
    if not key:
        return None
    for column in ("participant_id", "short_name", "name"):
        hit = p[p[column] == key]
        if len(hit) == 1:
            return _actor(hit.iloc[0])
    low = key.casefold()
    for column in ("short_name", "name"):
        hit = p[p[column].str.casefold() == low]
        if len(hit) == 1:
            return _actor(hit.iloc[0])
    return None


def actor_key(data: Data, actor: Actor) -> str:
    """What the address says for an actor: its short name or name when that names it alone, else its ID."""
    for value in (actor.label, actor.name):
        found = find_actor(data, value)
        if found is not None and found.participant_id == actor.participant_id and value.strip() == value:
            return value
    return actor.participant_id


def actor_choices(view: View) -> pd.DataFrame:
    """The actors of the view (participant_id, label, name, kind, events), most events first."""
    ep = view.event_participants
    cols = ["participant_id", "label", "name", "kind", "events"]
    if ep.empty:
        return pd.DataFrame(columns=cols)
    g = ep.groupby("participant_id", sort=False)
    out = pd.DataFrame(
        {"label": g["label"].first(), "name": g["name"].first(), "kind": g["kind"].first(),
         "events": g["event_id"].nunique()}
    ).reset_index()
    out = out.sort_values(["events", "label"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def actor_rows(view: View, actor: Actor) -> pd.DataFrame:
    """The actor's participation rows in the view (those that count: see the module's note)."""
    ep = view.event_participants
    return ep[ep["participant_id"] == actor.participant_id]


def actor_events(view: View, actor: Actor) -> pd.DataFrame:
    """The view's events the actor counts in, in date order."""
    ids = actor_rows(view, actor)["event_id"].unique()
    return view.events[view.events["event_id"].isin(ids)]


def events_per_year(events: pd.DataFrame, actor: Actor) -> go.Figure:
    """The actor's events per year, stacked by event type; every year of the span shown."""
    title = f"Events of {plot(actor.label)} per year"
    ev = events[events["start_date"].notna()]
    if ev.empty:
        return empty_figure(title, "No dated events of this actor under the current filters.")
    years = ev["start_date"].dt.year
    counts = pd.crosstab(years, ev["event_type"].fillna("other"))
    counts = counts.reindex(range(int(years.min()), int(years.max()) + 1), fill_value=0)
    fig = go.Figure()
    for t in sorted(counts.columns):
        fig.add_trace(go.Bar(x=list(counts.index), y=counts[t].to_numpy(), name=plot(t), marker_color=type_colour(t),
                             hovertemplate=plot(t).replace("%", "%%") + ": %{y}<extra>%{x}</extra>"))
    fig.update_layout(barmode="stack", title={"text": title, "x": 0, "xanchor": "left"}, height=360,
                      margin={"l": 10, "r": 10, "t": 60, "b": 10}, legend={"title": {"text": "Event type"}})
    fig.update_xaxes(title_text="Year", dtick=1 if len(counts) <= 25 else 5)
    fig.update_yaxes(title_text="Events", tickformat=",d", rangemode="tozero")
    if counts.sum(axis=1).max() <= 10:
        fig.update_yaxes(dtick=1)
    return fig


def roles(view: View, actor: Actor) -> pd.DataFrame:
    """The roles the actor held, as the reports write them, with the first and last date and the number
    of events of each; earliest first."""
    cols = ["role", "first", "last", "events"]
    rows = actor_rows(view, actor).dropna(subset=["role"])
    if rows.empty:
        return pd.DataFrame(columns=cols)
    ev = view.events.set_index("event_id")
    start = rows["event_id"].map(ev["start_date"])
    end = rows["event_id"].map(ev["end_date"].fillna(ev["start_date"]))
    frame = pd.DataFrame({"role": rows["role"].to_numpy(), "start": start.to_numpy(), "end": end.to_numpy(),
                          "event_id": rows["event_id"].to_numpy()})
    g = frame.groupby("role", sort=False)
    out = pd.DataFrame({"first": g["start"].min(), "last": g["end"].max(), "events": g["event_id"].nunique()})
    out = out.reset_index().sort_values(["first", "role"], kind="stable", na_position="last")
    return out[cols].reset_index(drop=True)


def co_participants(view: View, actor: Actor) -> pd.DataFrame:
    """The other actors in the actor's events, by number of events shared (label, name, kind, shared)."""
    cols = ["participant_id", "label", "name", "kind", "shared"]
    ep = view.event_participants
    ids = actor_rows(view, actor)["event_id"].unique()
    others = ep[ep["event_id"].isin(ids) & (ep["participant_id"] != actor.participant_id)]
    if others.empty:
        return pd.DataFrame(columns=cols)
    g = others.groupby("participant_id", sort=False)
    out = pd.DataFrame({"label": g["label"].first(), "name": g["name"].first(), "kind": g["kind"].first(),
                        "shared": g["event_id"].nunique()}).reset_index()
    out = out.sort_values(["shared", "label"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def co_participants_figure(co: pd.DataFrame, actor: Actor, n: int = 15) -> go.Figure:
    """The n actors sharing most events with the actor, as horizontal bars."""
    title = f"Who {plot(actor.label)} meets: events shared"
    if co.empty:
        return empty_figure(title, "No other actor in these events.")
    top = co.head(n).iloc[::-1]
    colours = [org_colour(r.label) if r.kind == ORGANIZATION else ("#54a24b" if r.kind == STATE else "#4c78a8")
               for r in top.itertuples()]
    fig = go.Figure(go.Bar(
        x=top["shared"].to_numpy(), y=[plot(v) for v in top["label"]], orientation="h", marker_color=colours,
        text=top["shared"].to_numpy(), textposition="outside", cliponaxis=False,
        customdata=[KIND_WORDS.get(k, k) for k in top["kind"]],
        hovertemplate="%{y} (%{customdata}): %{x} events shared<extra></extra>", name="shared events",
    ))
    return _counted_bars(fig, title, len(top), 26, "Events shared", float(top["shared"].max()))


def themes(view: View, actor: Actor) -> pd.DataFrame:
    """The themes of the actor's events (theme_id, label, events, share of the actor's events)."""
    cols = ["theme_id", "label", "events", "share"]
    ids = actor_rows(view, actor)["event_id"].unique()
    et = view.event_themes[view.event_themes["event_id"].isin(ids)]
    if et.empty:
        return pd.DataFrame(columns=cols)
    g = et.groupby("theme_id", sort=False)
    out = pd.DataFrame({"label": g["label"].first(), "events": g["event_id"].nunique()}).reset_index()
    out["share"] = out["events"] / len(ids)
    out = out.sort_values(["events", "label"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def themes_figure(th: pd.DataFrame, actor: Actor) -> go.Figure:
    """The themes of the actor's events, most frequent at the top, in each theme's colour."""
    title = f"Themes of {plot(actor.label)}'s events"
    if th.empty:
        return empty_figure(title, "No themes in these events.")
    top = th.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=top["events"].to_numpy(), y=[plot(v) for v in top["label"]], orientation="h",
        marker_color=[theme_colour(t) for t in top["theme_id"]], text=top["events"].to_numpy(),
        textposition="outside", cliponaxis=False, customdata=(top["share"] * 100).round(0).to_numpy(),
        hovertemplate="%{y}: %{x} events (%{customdata}% of the actor's)<extra></extra>", name="themes",
    ))
    return _counted_bars(fig, title, len(top), 24, "Events", float(top["events"].max()))


def _counted_bars(fig: go.Figure, title: str, rows: int, row_height: int, x_title: str, most: float) -> go.Figure:
    """The layout of a bar per row, counted in events: a row's height each, room for the count beside it."""
    fig.update_layout(title={"text": title, "x": 0, "xanchor": "left"}, height=max(300, row_height * rows + 110),
                      margin={"l": 10, "r": 10, "t": 60, "b": 10})
    fig.update_xaxes(title_text=x_title, tickformat=",d", rangemode="tozero", range=[0, most * 1.15 + 0.5])
    return fig


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of `text` that holds the span start..end (bounded by . ! ? before a space, or a line end)."""
    if not isinstance(text, str) or not 0 <= start <= end <= len(text):
        return ""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    return " ".join(text[left:right].split())


def reports(data: Data, view: View, actor: Actor) -> pd.DataFrame:
    """The reports the actor appears in, among the sources of its events in the view: one row per event
    and report, with the evidence sentence (the one the table names for that report, else the sentence of
    the actor's first mention in it). Most recent event first. Vectorised but for the sentences looked up
    around a mention."""
    cols = ["date", "event_id", "event", "doc_id", "report", "source", "published", "url", "evidence"]
    rows = actor_rows(view, actor)
    if rows.empty:
        return pd.DataFrame(columns=cols)
    es = data.event_sources
    out = es.loc[es["event_id"].isin(rows["event_id"].unique()), ["event_id", "doc_id"]].drop_duplicates()
    stated = rows.dropna(subset=["doc_id", "evidence"]).drop_duplicates(["event_id", "doc_id"])
    out = out.merge(stated[["event_id", "doc_id", "evidence"]], on=["event_id", "doc_id"], how="left")
    out["evidence"] = out["evidence"].astype("object")
    m = data.mentions
    mine = (m["ref_type"] == "participant") & (m["ref_id"] == actor.participant_id)
    spans = m[mine & m["doc_id"].isin(out["doc_id"])].dropna(subset=["start", "end"])
    spans = spans.sort_values(["doc_id", "start"]).drop_duplicates("doc_id").set_index("doc_id")
    need = (out["evidence"].isna() & out["doc_id"].isin(spans.index)).to_numpy()
    if need.any():
        docs = data.documents
        texts = docs.loc[docs["doc_id"].isin(out.loc[need, "doc_id"])].set_index("doc_id")["text"]
        out.loc[need, "evidence"] = [
            sentence_around(texts.get(d), int(spans.at[d, "start"]), int(spans.at[d, "end"])) or None
            for d in out.loc[need, "doc_id"]
        ]
    if rows["doc_id"].isna().all():
        # Tables without the column: the actor's evidence belongs to the event's one report.
        evidence = rows.dropna(subset=["evidence"]).drop_duplicates("event_id").set_index("event_id")["evidence"]
        one = (out["evidence"].isna() & (out.groupby("event_id")["doc_id"].transform("size") == 1)).to_numpy()
        out.loc[one, "evidence"] = out.loc[one, "event_id"].map(evidence).to_numpy()
    out = out[out["evidence"].notna()]  # a report of the event that does not name the actor
    docs = data.documents[["doc_id", "title", "source", "published", "url"]].rename(columns={"title": "report"})
    out = out.merge(docs, on="doc_id", how="left")
    events = view.events[["event_id", "start_date", "title"]].rename(columns={"start_date": "date", "title": "event"})
    out = out.merge(events, on="event_id", how="left")
    out["report"] = out["report"].fillna(out["doc_id"])
    out = out.sort_values(["date", "event_id", "doc_id"], ascending=[False, True, True], kind="stable",
                          na_position="last")
    return out[cols].reset_index(drop=True)


def spellings(data: Data, actor: Actor) -> pd.DataFrame:
    """Every way the reports write the actor (the `mentions` spans that resolve to it), with the number
    of mentions and of reports; most used first. All reports, whatever the filters."""
    cols = ["spelling", "mentions", "reports"]
    m = data.mentions
    rows = m[(m["ref_type"] == "participant") & (m["ref_id"] == actor.participant_id)]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    text = rows["text"].fillna("").map(lambda s: " ".join(str(s).split()))
    frame = pd.DataFrame({"spelling": text.to_numpy(), "doc_id": rows["doc_id"].to_numpy()})
    frame = frame[frame["spelling"] != ""]
    g = frame.groupby("spelling", sort=False)
    out = pd.DataFrame({"mentions": g.size(), "reports": g["doc_id"].nunique()}).reset_index()
    out = out.sort_values(["mentions", "spelling"], ascending=[False, True], kind="stable")
    return out[cols].reset_index(drop=True)


def summary(view: View, actor: Actor) -> dict[str, object]:
    """Key figures: events, reports (sources of those events), first and last date, roles."""
    ev = actor_events(view, actor)
    dates = ev["start_date"].dropna()
    ends = ev["end_date"].fillna(ev["start_date"]).dropna()
    return {
        "events": len(ev),
        "first": dates.min() if len(dates) else None,
        "last": ends.max() if len(ends) else None,
        "roles": int(actor_rows(view, actor)["role"].dropna().nunique()),
    }


def actor_keys(data: Data, participant_ids: list[str] | pd.Series) -> list[str]:
    """What the address says for many actors at once (as actor_key): the label when no other participant
    has it as short name or name, else the participant_id."""
    p = data.participants
    label = p["short_name"].where(p["kind"].isin([ORGANIZATION, STATE]) & p["short_name"].notna(), p["name"])
    names = pd.concat([
        pd.DataFrame({"pid": p["participant_id"], "value": p["short_name"]}),
        pd.DataFrame({"pid": p["participant_id"], "value": p["name"]}),
    ]).dropna().drop_duplicates()
    owners = names.groupby("value")["pid"].nunique()
    key = dict(zip(p["participant_id"], label, strict=False))
    out = []
    for pid in participant_ids:
        value = key.get(pid)
        ok = (isinstance(value, str) and value == value.strip() and owners.get(value, 0) == 1
              and (value not in key or value == pid))
        out.append(value if ok else str(pid))
    return out


def page_query(filters: dict[str, list[str]], key: str) -> str:
    """The address of an actor's page ("?..."): the filters as the address writes them, the actor, the tab."""
    pairs = [(k, v) for k, values in filters.items() for v in values if k not in ("tab", "actor")]
    return "?" + urlencode([*pairs, ("tab", "actor"), ("actor", key)])
