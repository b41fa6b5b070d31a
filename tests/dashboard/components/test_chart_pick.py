"""A click on a chart's mark hands its customdata to the view (dashboard.components.chart.picked_value)."""

from types import SimpleNamespace

from dashboard.components.chart import picked_value


def test_the_first_points_customdata_is_picked():
    assert picked_value({"selection": {"points": [{"customdata": "SCO"}, {"customdata": "OSCE"}]}}) == "SCO"


def test_customdata_given_as_a_list_gives_its_first_value():
    assert picked_value({"selection": {"points": [{"customdata": ["ODIHR", 3]}]}}) == "ODIHR"


def test_an_event_read_by_attribute_works_too():
    event = SimpleNamespace(selection=SimpleNamespace(points=[{"customdata": "KAZ"}]))
    assert picked_value(event) == "KAZ"


def test_nothing_selected_picks_nothing():
    assert picked_value({"selection": {"points": []}}) is None
    assert picked_value(None) is None
    assert picked_value({"selection": {"points": [{"x": 3}]}}) is None
