"""Filtering the fixture tables: every filter, the link tables of a view, actors only mentioned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.services import charts
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, Options, apply_filters, describe, options_from

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tables"


def ids(data: Data, **kw: object) -> set[str]:
    return set(apply_filters(data, FilterState(**kw)).events["event_id"])  # type: ignore[arg-type]


def test_no_filter_keeps_everything(data: Data) -> None:
    view = apply_filters(data, FilterState())
    assert len(view.events) == 12
    # Every participation of an actor that took part (NATO, only mentioned, is the one left out).
    assert len(view.event_participants) == len(data.event_participants) - 1


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"themes": ("terrorism",)}, 4),
        ({"themes": ("terrorism", "youth")}, 4),  # any of
        ({"themes": ("terrorism", "youth"), "theme_match": "all"}, 2),
        ({"themes": ("elections", "water"), "theme_match": "all"}, 0),
        ({"orgs": ("SCO",)}, 11),
        ({"orgs": ("OSCE",)}, 10),
        ({"orgs": ("SCO RATS",)}, 1),
        ({"persons": ("Vladimir Norov",)}, 2),
        ({"countries": ("KAZ",)}, 2),
        ({"countries": ("AFG",)}, 2),  # no event is held there; it takes part in two
        ({"types": ("conference",)}, 3),
        ({"formats": ("video",)}, 2),
        ({"q": "Dushanbe"}, 2),
        ({"q": "norov"}, 2),
        ({"start": dt.date(2020, 1, 1)}, 5),
        ({"start": dt.date(2004, 10, 1), "end": dt.date(2004, 12, 31)}, 1),  # overlaps 19 Sep - 3 Oct
        ({"end": dt.date(2004, 9, 18)}, 0),
        ({"themes": ("terrorism",), "orgs": ("UNOCT",)}, 1),
        ({"corrected": True}, 2),  # a corrected event and an event with a corrected participant
        ({"corrected": True, "types": ("conference",)}, 2),
        ({"corrected": True, "types": ("meeting",)}, 0),
    ],
)
def test_filter_counts(data: Data, kw: dict, expected: int) -> None:
    assert len(ids(data, **kw)) == expected


def test_filtered_link_tables_belong_to_filtered_events(data: Data) -> None:
    view = apply_filters(data, FilterState(themes=("elections",)))
    assert set(view.events["event_id"]) == {"ev-2004-kaz-elections", "ev-2024-uzb-elections"}
    assert set(view.event_participants["event_id"]) == set(view.events["event_id"])
    assert set(view.event_themes["theme_id"]) == {
        "elections",
        "human-rights",
        "inter-organisational-cooperation",
    }


def test_describe_for_file_names() -> None:
    assert describe(FilterState()) == "all"
    name = describe(FilterState(start=dt.date(2010, 1, 1), themes=("terrorism",), orgs=("SCO RATS",), q="a b"))
    assert name == "2010-01-01_to_end_theme-terrorism_org-sco-rats_q-a-b"
    assert len(describe(FilterState(persons=tuple(f"Person number {i}" for i in range(20))))) <= 80


def test_fixture_folder_exists() -> None:
    assert (FIXTURES / "events.csv").is_file()


def test_actors_only_mentioned_do_not_count_by_default(data: Data) -> None:
    # NATO is named in one report ("unlike NATO") and takes part nowhere.
    view = apply_filters(data, FilterState())
    assert "NATO" not in set(view.event_participants["label"])
    assert len(view.event_participants) == len(data.event_participants) - 1
    assert ids(data, orgs=("NATO",)) == set()
    assert "NATO" not in set(charts.actor_counts(view.event_participants, "organization")["label"])
    assert "NATO" not in list(charts.co_participation(view.event_participants).data[0].x)
    assert "NATO" not in data.events.set_index("event_id").loc["ev-2023-video-consultation", "organisations"]


def test_actors_only_mentioned_count_when_switched_on(data: Data) -> None:
    view = apply_filters(data, FilterState(mentioned=True))
    assert len(view.event_participants) == len(data.event_participants)
    assert ids(data, orgs=("NATO",), mentioned=True) == {"ev-2023-video-consultation"}
    counts = charts.actor_counts(view.event_participants, "organization").set_index("label")
    assert counts.loc["NATO", "events"] == 1
    fig = charts.co_participation(view.event_participants)
    names = list(fig.data[0].x)
    assert fig.data[0].text[names.index("NATO")][names.index("OSCE")] == 1
    top = charts.top_actors(view.event_participants, "organization").data[0]
    assert dict(zip(top.y, top.x, strict=True))["NATO"] == 1


def test_options_offer_mentioned_actors_apart(data: Data, options: Options) -> None:
    assert "NATO" not in options.orgs and options.orgs_mentioned == ("NATO",)
    assert "NATO" in options.choices("orgs", include_mentioned=True)
    assert options.choices("orgs") == options.orgs
    assert options_from(data) == options


def test_describe_says_mentioned_actors_are_in() -> None:
    assert describe(FilterState(mentioned=True)) == "with-mentioned"


def test_options_count_the_corrected_events(options: Options) -> None:
    assert options.corrected_events == 2
