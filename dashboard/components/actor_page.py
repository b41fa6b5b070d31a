"""One actor's page (`?actor=SCO`, `?actor=Vladimir Norov`, or a participant_id): its events per year,
the roles it held and when, who it met, the themes of its events, the reports it appears in with their
evidence sentences, and its spellings. The sidebar's filters apply; the work is in services/actor.py.

Names, roles, titles and sentences come from reports: markdown-rendered text goes through safe_text.md,
table cells are plain text, and a report links to its address only when that is http(s).
"""

from __future__ import annotations

import streamlit as st

from dashboard import url_state
from dashboard.components import chart
from dashboard.services import actor as actors
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, Options, View, slug
from dashboard.services.safe_text import http_url, md, shorten

PICK = "actor_page_pick"  # the chosen participant_id
_APPLIED = "_actor_page_url"  # the address value the box was last synced from or to
MAX_REPORTS = 1_000  # rows of the reports table sent to the page


def _url_value() -> str | None:
    values = st.query_params.get_all(actors.PARAMS[0])
    return values[0] if values else None


def _sync_from_url(data: Data) -> list[str]:
    """When the address names another actor than last time (a pasted link, back/forward), choose it."""
    ss = st.session_state
    value = _url_value()
    if ss.get(_APPLIED, "") == value:
        return []
    ss[_APPLIED] = value
    if not value:
        return []
    found = actors.find_actor(data, value)
    if found is None:
        return [f"Ignored actor {shorten([value])}: no person, organisation or state of that name or ID."]
    ss[PICK] = found.participant_id
    return []


def _write_url(data: Data, actor: actors.Actor) -> None:
    key = actors.actor_key(data, actor)
    if _url_value() != key:
        st.query_params[actors.PARAMS[0]] = key
    st.session_state[_APPLIED] = key


def show(data: Data, view: View, state: FilterState, options: Options) -> None:
    notes = _sync_from_url(data)
    for note in notes:
        st.warning(md(note), icon="⚠️")
    choices = actors.actor_choices(view)
    ids = list(choices["participant_id"])
    label = dict(zip(choices["participant_id"], choices["label"], strict=False))
    count = dict(zip(choices["participant_id"], choices["events"], strict=False))
    kind = dict(zip(choices["participant_id"], choices["kind"], strict=False))
    chosen = st.session_state.get(PICK)
    if chosen and chosen not in ids:
        # An actor with no events under these filters (or only mentioned): still offered, shown empty.
        found = actors.find_actor(data, chosen)
        if found is not None:
            ids.insert(0, chosen)
            label[chosen], count[chosen], kind[chosen] = found.label, 0, found.kind
    if not ids:
        st.info("No actors in these events.")
        return
    if chosen not in ids:
        st.session_state[PICK] = ids[0]
    pid = st.selectbox(
        "Actor",
        ids,
        key=PICK,
        format_func=lambda p: f"{label[p]} ({actors.KIND_WORDS.get(kind[p], kind[p])}, {count[p]} events)",
        help="Every person, organisation and state of the filtered events, most events first.",
    )
    actor = actors.find_actor(data, pid)
    if actor is None:
        return
    _write_url(data, actor)
    _page(data, view, state, options, actor)


def _page(data: Data, view: View, state: FilterState, options: Options, actor: actors.Actor) -> None:
    st.subheader(md(actor.title), anchor=False)
    facts = [actors.KIND_WORDS.get(actor.kind, actor.kind)]
    if actor.affiliation:
        facts.append(f"acts for {actor.affiliation}")
    st.caption(md(" · ".join(facts)))
    info = actors.summary(view, actor)
    if info["events"] == 0:
        only = actor.label in {*options.orgs_mentioned, *options.persons_mentioned} and not state.mentioned
        st.info(
            md(f"{actor.label} has no events under the current filters.")
            + (" It is only mentioned in the reports: switch on 'Include actors only mentioned'." if only else "")
        )
    c = st.columns(4)
    c[0].metric("Events", f"{info['events']:,}")
    reps = actors.reports(data, view, actor)
    c[1].metric("Reports naming it", f"{reps['doc_id'].nunique():,}")
    c[2].metric("Roles", f"{info['roles']:,}")
    span = f"{info['first']:%Y}–{info['last']:%Y}" if info["first"] is not None else "–"
    c[3].metric("Years", span)
    name = slug(actor.label) or "actor"
    chart.show(actors.events_per_year(actors.actor_events(view, actor), actor), f"actor-{name}-per-year", state,
               "actor-years")

    st.markdown("**Roles held** (as the reports write them, with the first and last event in each)")
    roles = actors.roles(view, actor)
    if roles.empty:
        st.caption("No role recorded.")
    else:
        st.dataframe(roles, hide_index=True, key="actor-roles", column_config={
            "role": "Role", "first": st.column_config.DateColumn("First", format="YYYY-MM-DD"),
            "last": st.column_config.DateColumn("Last", format="YYYY-MM-DD"), "events": "Events"})

    left, right = st.columns(2)
    with left:
        co = actors.co_participants(view, actor)
        chart.show(actors.co_participants_figure(co, actor), f"actor-{name}-meets", state, "actor-co")
        if not co.empty:
            with st.expander(f"All {len(co):,} actors it met, each with a link to its page"):
                filters = url_state.to_query(state, options)
                pages = [actors.page_query(filters, k) for k in actors.actor_keys(data, co["participant_id"])]
                st.dataframe(
                    co.assign(kind=co["kind"].map(actors.KIND_WORDS), page=pages)[["label", "kind", "shared", "page"]],
                    hide_index=True,
                    key="actor-co-table",
                    column_config={"label": "Actor", "kind": "Kind", "shared": "Events shared",
                                   "page": st.column_config.LinkColumn("Page", display_text="open")},
                )
    with right:
        th = actors.themes(view, actor)
        chart.show(actors.themes_figure(th, actor), f"actor-{name}-themes", state, "actor-themes")

    st.markdown("**Reports it appears in**, with the sentence that names it")
    if reps.empty:
        st.caption("None under the current filters.")
    else:
        if len(reps) > MAX_REPORTS:
            st.caption(f"The {MAX_REPORTS:,} most recent of {len(reps):,}; the Downloads tab has every report.")
            reps = reps.head(MAX_REPORTS)
        shown = reps.assign(url=[http_url(u) for u in reps["url"]])  # only http(s) addresses become links
        st.dataframe(
            shown[["date", "event", "report", "source", "published", "url", "evidence"]],
            hide_index=True,
            key="actor-reports",
            column_config={
                "date": st.column_config.DateColumn("Event date", format="YYYY-MM-DD"),
                "event": st.column_config.TextColumn("Event", width="medium"),
                "report": st.column_config.TextColumn("Report", width="medium"),
                "source": "Source",
                "published": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
                "url": st.column_config.LinkColumn("Address"),
                "evidence": st.column_config.TextColumn("Evidence sentence", width="large"),
            },
        )

    st.markdown("**Spellings**: every way the reports write it (all reports, whatever the filters)")
    sp = actors.spellings(data, actor)
    if sp.empty:
        st.caption("No mention recorded.")
    else:
        st.dataframe(sp, hide_index=True, key="actor-spellings",
                     column_config={"spelling": "Spelling", "mentions": "Mentions", "reports": "Reports"})
