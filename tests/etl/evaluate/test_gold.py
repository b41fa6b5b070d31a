"""Gold files are checked line by line; a broken line is named with its file, its number and the reason."""

import json

import pytest

from etl.evaluate.gold import GoldError, load_gold, same_event_groups

GOOD = {"file": "a.txt", "event_date": "2020-05-04", "event_end": None, "event_type": "meeting",
        "city": "Vienna", "country": "Austria", "format": "in-person", "organizations": ["SCO", "OSCE"],
        "persons": [{"name": "Anna Example", "role": "Envoy", "organization": "OSCE"}],
        "countries": ["Austria"], "themes": ["terrorism"], "numbers": [{"value": 3, "what": "days"}],
        "event_key": "vienna-2020", "accept": {"event_date": ["2020-05-05"], "themes": ["extremism"],
                                                "persons": ["Bo Example"]}}


def _write(tmp_path, *items) -> object:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(i if isinstance(i, str) else json.dumps(i) for i in items) + "\n")
    return path


def _error(tmp_path, *items) -> str:
    path = _write(tmp_path, *items)
    with pytest.raises(GoldError) as error:
        load_gold(path)
    assert str(path) in str(error.value)
    return str(error.value)


def test_a_good_line_loads(tmp_path):
    assert load_gold(_write(tmp_path, GOOD, "", {"file": "b.txt"})) == [GOOD, {"file": "b.txt"}]


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(GoldError, match="no such gold file"):
        load_gold(tmp_path / "none.jsonl")


def test_bad_json_names_the_line(tmp_path):
    assert "line 2: not valid JSON" in _error(tmp_path, GOOD, "{not json")


@pytest.mark.parametrize("change, reason", [
    ({"file": ""}, "'file' must be a non-empty string"),
    ({"organizations": "SCO"}, "'organizations' must be a list"),
    ({"persons": [{"role": "Envoy"}]}, "'persons': a person's name must be a non-empty string"),
    ({"persons": [{"name": "A B", "role": 3}]}, "'persons': a person's role must be a non-empty string"),
    ({"persons": [{"name": "A B", "title": "x"}]}, "unknown fields ['title']"),
    ({"themes": ["terrorism", "space-travel"]}, "unknown theme ID 'space-travel'"),
    ({"event_date": "4 May 2020"}, "must be a date as YYYY-MM-DD"),
    ({"event_end": "2020-02-30"}, "no calendar date"),
    ({"event_type": "party"}, "'party' is not one of"),
    ({"format": "telepathy"}, "'telepathy' is not one of"),
    ({"countries": ["Atlantis"]}, "'Atlantis' names no state"),
    ({"numbers": [{"value": "three", "what": "days"}]}, "value must be a number"),
    ({"organisations": ["SCO"]}, "unknown fields ['organisations']"),
    ({"event_key": 7}, "'event_key' must be a non-empty string"),
])
def test_a_field_of_the_wrong_kind_is_named(tmp_path, change, reason):
    message = _error(tmp_path, {"file": "ok.txt"}, {**GOOD, **change})
    assert "line 2" in message and reason in message


@pytest.mark.parametrize("accept, reason", [
    (["2020-05-05"], "'accept' must be an object"),
    ({"event_date": "2020-05-05"}, "'accept.event_date' must be a non-empty list"),
    ({"event_date": []}, "'accept.event_date' must be a non-empty list"),
    ({"event_date": ["5 May"]}, "'accept.event_date': must be a date"),
    ({"themes": ["space-travel"]}, "'accept.themes': unknown theme ID"),
    ({"format": ["telepathy"]}, "'accept.format': 'telepathy' is not one of"),
    ({"numbers": [{"value": 1, "what": "x"}]}, "'accept' names 'numbers', which is not scored"),
    ({"persons": [{"role": "Envoy"}]}, "'accept.persons': a person's name"),
])
def test_a_badly_shaped_accept_is_named(tmp_path, accept, reason):
    message = _error(tmp_path, {**GOOD, "accept": accept})
    assert "line 1" in message and reason in message


def test_a_file_annotated_twice_is_an_error(tmp_path):
    assert "line 3: a.txt already has a gold line (line 1)" in _error(tmp_path, GOOD, {"file": "b.txt"}, GOOD)


def test_lines_group_by_event_key():
    lines = [{"file": "a", "event_key": "k"}, {"file": "b"}, {"file": "c", "event_key": "k"}]
    assert same_event_groups(lines) == {"k": [lines[0], lines[2]]}
