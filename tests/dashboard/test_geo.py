"""services/geo.py: the gazetteer covers every city of places.yaml and every state of countries.yaml;
events stand at their city, or at their state when no city is named; the map is drawn from nothing
but its own data (no URL in its JSON, no geographic trace that would fetch a base map)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard.services import geo
from etl.knowledge import load_knowledge_file


@pytest.fixture(scope="module")
def gaz() -> geo.Gazetteer:
    return geo.gazetteer()


def test_every_city_of_places_yaml_has_coordinates(gaz) -> None:
    cities = load_knowledge_file("places.yaml")["cities"]
    assert sorted(set(cities) - set(gaz.cities)) == []
    assert sorted(set(gaz.cities) - set(cities)) == []  # no name spelt differently from places.yaml


def test_every_state_of_countries_yaml_has_a_point(gaz) -> None:
    states = [s["iso3"] for s in load_knowledge_file("countries.yaml")["states"]]
    assert [s for s in states if s not in gaz.states] == []


def test_points_are_on_the_globe_and_roughly_right(gaz) -> None:
    assert all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in [*gaz.cities.values(), *gaz.states.values()])
    lat, lon = gaz.cities["Vienna"]
    assert 48 < lat < 48.5 and 16 < lon < 16.6
    assert gaz.states["KAZ"] == gaz.cities["Astana"]  # countries.yaml's capital
    assert gaz.states["MMR"] == gaz.cities["Naypyidaw"]  # a city named in coordinates.yaml
    assert gaz.states["SGP"] == (1.29, 103.85)  # a point


def test_state_entries_point_or_city_and_capital_fallback() -> None:
    gaz = geo.gazetteer(
        {"cities": {"Astana": [51.17, 71.45], "Bad": "nowhere"}, "states": {"AAA": [1, 2], "BBB": "Astana"}},
        {"states": [{"iso3": "KAZ", "name": "Kazakhstan", "capital": "Astana"}, {"iso3": "CCC", "name": "C"}]},
    )
    assert gaz.cities == {"Astana": (51.17, 71.45)}
    assert gaz.states == {"KAZ": (51.17, 71.45), "AAA": (1.0, 2.0), "BBB": (51.17, 71.45)}


def test_places_counted_at_their_cities(data, options, gaz) -> None:
    places, unplaced = geo.places(data.events, gaz, options.country_names)
    by = places.set_index("place")
    assert by.loc["Astana, Kazakhstan", "events"] == 2 and by.loc["Vienna, Austria", "events"] == 2
    assert set(places["level"]) == {geo.CITY}
    assert unplaced == 3  # the fixture's three events without a city or a state
    assert int(places["events"].sum()) + unplaced == len(data.events)
    assert list(places["events"]) == sorted(places["events"], reverse=True)


def test_events_without_a_city_fall_back_to_their_state(data, options, gaz) -> None:
    ev = data.events.copy()
    no_city = ev["event_id"] == "ev-2024-uzb-elections"
    ev.loc[no_city, ["city", "city_canonical"]] = pd.NA
    ev.loc[ev["event_id"] == "ev-2020-osce-asrc", "country"] = "AUT"  # no city, a state
    places, unplaced = geo.places(ev, gaz, options.country_names)
    by = places.set_index("place")
    assert by.loc["Uzbekistan", "level"] == geo.STATE_LEVEL
    assert (by.loc["Uzbekistan", "lat"], by.loc["Uzbekistan", "lon"]) == gaz.states["UZB"]
    assert by.loc["Austria", "events"] == 1 and unplaced == 2
    assert "Tashkent, Uzbekistan" not in by.index


def test_a_city_missing_from_the_gazetteer_falls_back_to_its_state(data, gaz) -> None:
    ev = data.events.copy()
    ev.loc[ev["event_id"] == "ev-2015-dushanbe-drugs", "city"] = "Nowhere-abad"
    loc = geo.locate(ev, gaz).set_index("event_id").loc["ev-2015-dushanbe-drugs"]
    assert loc["level"] == geo.STATE_LEVEL and (loc["lat"], loc["lon"]) == gaz.states["TJK"]


def test_canonical_spelling_wins(data, gaz) -> None:
    ev = data.events.copy()
    ev["city_canonical"] = ev["city_canonical"].astype("object")
    ev.loc[ev["event_id"] == "ev-2010-astana-summit", ["city", "city_canonical"]] = ["Nur-Sultan", "Astana"]
    loc = geo.locate(ev, gaz).set_index("event_id").loc["ev-2010-astana-summit"]
    assert loc["city"] == "Astana" and loc["level"] == geo.CITY


def test_map_figure_sized_by_count_and_offline(data, options, gaz) -> None:
    ev = data.events.copy()
    ev.loc[ev["event_id"] == "ev-2024-uzb-elections", ["city"]] = pd.NA
    places, unplaced = geo.places(ev, gaz, options.country_names)
    fig = geo.map_figure(places, unplaced)
    assert {t.type for t in fig.data} == {"scatter"}  # not scattergeo / mapbox / map: no base map to fetch
    city = next(t for t in fig.data if t.name == geo.LEVEL_WORDS[geo.CITY])
    state = next(t for t in fig.data if t.name == geo.LEVEL_WORDS[geo.STATE_LEVEL])
    assert list(city.marker.size) == list(places.loc[places["level"] == geo.CITY, "events"])
    assert city.marker.sizemode == "area" and "Uzbekistan" in state.text
    assert fig.layout.yaxis.scaleanchor == "x"
    assert "3 events without a known place" in fig.layout.title.subtitle.text
    text = fig.to_json()
    assert re.search(r"https?:|//cdn|topojson|mapbox", text) is None
    assert "geo" not in fig.to_dict()["layout"]


def test_map_of_nothing(gaz) -> None:
    fig = geo.map_figure(pd.DataFrame(columns=geo.PLACE_COLUMNS), 4)
    assert "4 events without a known place" in fig.layout.annotations[0].text


def test_hostile_titles_are_escaped_in_the_hover(data, options, gaz) -> None:
    ev = data.events.copy()
    ev.loc[ev["event_id"] == "ev-2017-beijing-visit", "title"] = "<img src=x onerror=alert(1)> **b**"
    places, _ = geo.places(ev, gaz, options.country_names)
    hover = " ".join(h for t in geo.map_figure(places).data for h in t.hovertext)
    assert "&lt;img src=x" in hover and "<img" not in hover


def test_many_titles_are_cut(data, options, gaz) -> None:
    ev = pd.concat([data.events] * 3, ignore_index=True)
    ev["event_id"] = [f"e{i}" for i in range(len(ev))]
    places, _ = geo.places(ev, gaz, options.country_names, titles=2)
    assert all(len(t) <= 2 for t in places["titles"])
    hover = " ".join(h for t in geo.map_figure(places).data for h in t.hovertext)
    assert "and 4 more" in hover
