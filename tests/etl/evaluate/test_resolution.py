"""Resolution: pairs of gold reports, "in one event" by the tables against "same event_key" by the gold."""

import json

from etl.evaluate.formatting import format_scores
from etl.evaluate.resolution import gold_event, score_resolution
from etl.evaluate.score import evaluate_tables


def test_pairs_are_right_merged_wrongly_merged_or_left_apart():
    gold = [{"file": "a", "event_key": "x"}, {"file": "b", "event_key": "x"}, {"file": "c", "event_key": "x"},
            {"file": "d", "event_key": "y"}, {"file": "e"}]
    built = {"a": "e1", "b": "e1", "c": "e2", "d": "e2", "e": "e3"}
    result = score_resolution(gold, built)
    assert (result.counts.tp, result.counts.fp, result.counts.fn) == (1, 1, 2)
    assert result.wrongly_merged == [("c", "d")]
    assert result.left_apart == [("a", "c"), ("b", "c")]


def test_a_report_without_event_key_is_its_own_event():
    assert gold_event({"file": "a"}) != gold_event({"file": "b"})
    result = score_resolution([{"file": "a"}, {"file": "b"}], {"a": "e1", "b": "e1"})
    assert (result.counts.tp, result.counts.fp) == (0, 1)


def test_only_pairs_of_built_reports_count():
    gold = [{"file": "a", "event_key": "x"}, {"file": "b", "event_key": "x"}]
    assert score_resolution(gold, {"a": "e1"}).counts.fn == 0


def test_no_pair_at_all_scores_one():
    result = score_resolution([{"file": "a"}, {"file": "b"}], {"a": "e1", "b": "e2"})
    assert (result.counts.f1, result.counts.tp + result.counts.fp + result.counts.fn) == (1.0, 0)


def test_the_evaluation_scores_resolution_and_shows_its_misses(tiny):
    tables = tiny.tables({"file": "a.txt", "event_id": "e1"}, {"file": "b.txt", "event_id": "e1"},
                         {"file": "c.txt", "event_id": "e2"})
    gold = [{"file": "a.txt", "event_key": "one"}, {"file": "b.txt", "event_key": "two"},
            {"file": "c.txt", "event_key": "two"}]
    evaluation = evaluate_tables(tables, gold)
    assert evaluation.scores()["resolution"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1,
                                                 "fn": 1}
    as_json = json.loads(json.dumps(evaluation.as_json()))
    assert as_json["resolution"] == {"wrongly_merged": [["a.txt", "b.txt"]], "left_apart": [["b.txt", "c.txt"]]}
    text = format_scores(evaluation)
    assert any(line.startswith("resolution ") and "fp 1, fn 1" in line for line in text.splitlines())
    assert "- wrongly merged: a.txt + b.txt" in text
    assert "- left apart: b.txt + c.txt" in text
