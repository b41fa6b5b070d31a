"""services/actor.py on the fixture tables: finding an actor by ID, short name or name; its events,
roles with dates, co-participants, themes, reports with evidence sentences and spellings; actors only
mentioned count only when the view includes them, states always."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from dashboard.services import actor as actors
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, apply_filters


@pytest.fixture(scope="module")
def view(data: Data):
    return apply_filters(data, FilterState())


@pytest.mark.parametrize("key", ["p-norov", "Vladimir Norov", "vladimir norov", "  Vladimir Norov "])
def test_find_a_person_by_id_or_name(data, key) -> None:
    found = actors.find_actor(data, key)
    assert found is not None and found.participant_id == "p-norov" and found.kind == "person"
    assert found.affiliation == "SCO"


def test_find_organisations_and_states_by_short_name(data) -> None:
    sco = actors.find_actor(data, "SCO")
    assert sco.participant_id == "p-sco" and sco.label == "SCO"
    assert sco.title == "SCO (Shanghai Cooperation Organisation)"
    assert actors.find_actor(data, "kaz").name == "Kazakhstan"
    assert actors.find_actor(data, "Nobody at all") is None
    assert actors.find_actor(data, "") is None


def test_the_address_names_an_actor_by_its_label(data) -> None:
    assert actors.actor_key(data, actors.find_actor(data, "p-sco")) == "SCO"
    assert actors.actor_key(data, actors.find_actor(data, "p-norov")) == "Vladimir Norov"
    assert actors.actor_key(data, actors.find_actor(data, "p-kaz")) == "KAZ"


def test_an_ambiguous_name_falls_back_to_the_id(data) -> None:
    twin = pd.DataFrame([{"participant_id": "p-norov-2", "name": "Vladimir Norov", "kind": "person",
                          "short_name": pd.NA, "affiliation": pd.NA}])
    both = dataclasses.replace(data, participants=pd.concat([data.participants, twin], ignore_index=True))
    assert actors.find_actor(both, "Vladimir Norov") is None
    norov = actors.find_actor(both, "p-norov")
    assert actors.actor_key(both, norov) == "p-norov"


def test_choices_most_events_first(view) -> None:
    choices = actors.actor_choices(view)
    assert list(choices["label"][:2]) == ["SCO", "OSCE"]
    assert list(choices["events"][:2]) == [11, 10]
    assert "NATO" not in set(choices["label"])  # only mentioned


def test_events_per_year_every_year_of_the_span(data, view) -> None:
    norov = actors.find_actor(data, "Vladimir Norov")
    events = actors.actor_events(view, norov)
    assert set(events["event_id"]) == {"ev-2019-vienna-norov", "ev-2020-osce-asrc"}
    fig = actors.events_per_year(events, norov)
    assert fig.layout.title.text == "Events of Vladimir Norov per year"
    assert list(fig.data[0].x) == [2019, 2020]
    assert sum(sum(t.y) for t in fig.data) == 2
    sco = actors.find_actor(data, "SCO")
    years = actors.events_per_year(actors.actor_events(view, sco), sco).data[0].x
    assert list(years) == list(range(2004, 2025))  # empty years are there, as zeros


def test_roles_with_first_and_last_dates(data, view) -> None:
    greminger = actors.find_actor(data, "Thomas Greminger")
    roles = actors.roles(view, greminger)
    assert list(roles.columns) == ["role", "first", "last", "events"]
    row = roles.iloc[0]
    assert row["role"] == "Secretary General" and row["events"] == 2
    assert row["first"].year == 2017
    assert row["last"].year == 2019
    assert actors.roles(view, actors.find_actor(data, "SCO")).empty


def test_co_participants_ranked(data, view) -> None:
    co = actors.co_participants(view, actors.find_actor(data, "SCO"))
    assert co.iloc[0]["label"] == "OSCE" and co.iloc[0]["shared"] == 9
    assert "p-sco" not in set(co["participant_id"])
    assert list(co["shared"]) == sorted(co["shared"], reverse=True)
    fig = actors.co_participants_figure(co, actors.find_actor(data, "SCO"))
    assert list(fig.data[0].y)[-1] == "OSCE"  # largest bar at the top


def test_themes_with_shares(data, view) -> None:
    sco = actors.find_actor(data, "SCO")
    th = actors.themes(view, sco)
    top = th.iloc[0]
    assert top["theme_id"] == "terrorism" and top["events"] == 4
    assert top["share"] == pytest.approx(4 / 11)
    assert actors.themes_figure(th, sco).data[0].marker.color[-1]  # coloured per theme


def test_reports_with_their_evidence_sentences(data, view) -> None:
    norov = actors.find_actor(data, "Vladimir Norov")
    reps = actors.reports(data, view, norov)
    assert list(reps["event_id"]) == ["ev-2020-osce-asrc", "ev-2019-vienna-norov"]  # most recent first
    assert all("Vladimir Norov" in e for e in reps["evidence"])
    assert reps.iloc[1]["url"] is not None


def test_reports_evidence_from_the_mention_when_the_table_names_another_report(data, view) -> None:
    # The ETL names the report of the evidence sentence (doc_id); another report of the event that
    # mentions the actor gets the sentence around its first mention.
    ep = data.event_participants.copy()
    ep["doc_id"] = ep["doc_id"].astype("object")
    ep.loc[(ep["participant_id"] == "p-norov") & (ep["event_id"] == "ev-2020-osce-asrc"), "doc_id"] = \
        "d-2020-osce-asrc-1"
    changed = dataclasses.replace(data, event_participants=ep, took_part=ep)
    v = apply_filters(changed, FilterState())
    reps = actors.reports(changed, v, actors.find_actor(changed, "p-norov"))
    asrc = reps[reps["event_id"] == "ev-2020-osce-asrc"]
    assert set(asrc["doc_id"]) <= {"d-2020-osce-asrc-1", "d-2020-osce-asrc-2"}
    assert all(isinstance(e, str) and e for e in asrc["evidence"])


def test_sentence_around_a_span() -> None:
    text = "First one. The SCO met the OSCE in Vienna. Last one."
    start = text.index("SCO")
    assert actors.sentence_around(text, start, start + 3) == "The SCO met the OSCE in Vienna."
    assert actors.sentence_around(text, 0, 5) == "First one."
    assert actors.sentence_around(text, 40, 999) == ""


def test_spellings_are_the_mentions_that_resolve_to_it(data) -> None:
    sp = actors.spellings(data, actors.find_actor(data, "SCO"))
    assert list(sp["spelling"]) == ["SCO", "The SCO"]
    assert list(sp["mentions"]) == [10, 1]
    kaz = actors.spellings(data, actors.find_actor(data, "KAZ"))
    assert set(kaz["spelling"]) == {"Kazakhstan", "Astana"}


def test_actors_only_mentioned_count_only_when_included(data) -> None:
    nato = actors.find_actor(data, "NATO")
    assert actors.summary(apply_filters(data, FilterState()), nato)["events"] == 0
    assert actors.summary(apply_filters(data, FilterState(mentioned=True)), nato)["events"] == 1


def test_states_count_whether_they_took_part_or_were_discussed(data) -> None:
    ep = data.event_participants.copy()
    ep.loc[(ep["participant_id"] == "p-afg"), "involvement"] = "mentioned"
    took = ep[(ep["involvement"] == "took-part") | (ep["kind"] == "state")]
    changed = dataclasses.replace(data, event_participants=ep, took_part=took)
    afg = actors.find_actor(changed, "AFG")
    assert actors.summary(apply_filters(changed, FilterState()), afg)["events"] == 2


def test_filters_apply(data) -> None:
    sco = actors.find_actor(data, "SCO")
    v = apply_filters(data, FilterState(themes=("elections",)))
    assert actors.summary(v, sco)["events"] == len(v.events)
    assert set(actors.themes(v, sco)["theme_id"]) >= {"elections"}


def test_hostile_names_are_escaped_in_figures(data, view) -> None:
    sco = actors.find_actor(data, "SCO")
    bad = dataclasses.replace(sco, short_name="<b>SCO</b>")
    assert "&lt;b&gt;" in actors.events_per_year(actors.actor_events(view, sco), bad).layout.title.text


def test_keys_for_many_actors_match_the_one_by_one_key(data) -> None:
    ids = list(data.participants["participant_id"])
    assert actors.actor_keys(data, ids) == [actors.actor_key(data, actors.find_actor(data, i)) for i in ids]
    twin = pd.DataFrame([{"participant_id": "p-norov-2", "name": "Vladimir Norov", "kind": "person",
                          "short_name": pd.NA, "affiliation": pd.NA}])
    both = dataclasses.replace(data, participants=pd.concat([data.participants, twin], ignore_index=True))
    assert actors.actor_keys(both, ["p-norov", "p-sco"]) == ["p-norov", "SCO"]


def test_page_query_keeps_the_filters() -> None:
    query = actors.page_query({"theme": ["terrorism"], "tab": ["themes"], "actor": ["old"]}, "Vladimir Norov")
    assert query == "?theme=terrorism&tab=actor&actor=Vladimir+Norov"
