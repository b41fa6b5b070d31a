"""Regression guard on the development set of real published reports (../shared/devset, not shipped).

Builds its reports, scores them against its gold as gold.md says, and fails when any figure falls below its
floor. The floors sit a little under the figures measured when they were last set; raise them as the ETL
improves. The folder lives beside the repository and may be absent (in CI): the test then skips.
"""

from pathlib import Path

import pytest

from etl.build import build
from etl.evaluate.formatting import format_scores
from etl.evaluate.gold import load_gold
from etl.evaluate.score import evaluate_tables

# (figure, measure): the lowest value accepted. Every figure the evaluation reports has one.
FLOORS = {
    ("event_date", "accuracy"): 0.98,
    ("event_type", "accuracy"): 0.98,
    ("format", "accuracy"): 0.98,
    ("city", "accuracy"): 0.98,
    ("person_roles", "accuracy"): 0.92,
    ("organizations", "precision"): 0.97,
    ("organizations", "recall"): 0.97,
    ("organizations", "f1"): 0.97,
    ("persons", "precision"): 0.92,
    ("persons", "recall"): 0.96,
    ("persons", "f1"): 0.94,
    ("countries", "precision"): 0.98,
    ("countries", "recall"): 0.98,
    ("countries", "f1"): 0.98,
    ("themes", "precision"): 0.90,
    ("themes", "recall"): 0.93,
    ("themes", "f1"): 0.92,
    ("resolution", "precision"): 0.98,
    ("resolution", "recall"): 0.82,
    ("resolution", "f1"): 0.90,
}

DEVSET = Path(__file__).resolve().parents[1].parent / "shared" / "devset"
MEASURES = ("accuracy", "precision", "recall", "f1")


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory):
    if not (DEVSET / "reports").is_dir() or not (DEVSET / "gold.jsonl").is_file():
        pytest.skip(f"no development set beside the repository ({DEVSET} with reports/ and gold.jsonl)")
    result = build(DEVSET / "reports", tmp_path_factory.mktemp("devset") / "tables", progress=False)
    assert result.tables is not None, "no devset report could be read"
    evaluation = evaluate_tables(result.tables, load_gold(DEVSET / "gold.jsonl"))
    print(format_scores(evaluation))
    return evaluation


def test_every_devset_report_is_built_and_scored(evaluation):
    assert evaluation.unmatched == []
    assert len(evaluation.reports) >= 32


def test_every_figure_has_a_floor(evaluation):
    figures = {(name, measure) for name, values in evaluation.scores().items() for measure in MEASURES
               if measure in values}
    assert figures == set(FLOORS)


def test_no_figure_falls_below_its_floor(evaluation):
    scores = evaluation.scores()
    below = {figure: (scores[figure[0]][figure[1]], floor) for figure, floor in FLOORS.items()
             if scores[figure[0]][figure[1]] < floor}
    assert not below, f"figures below their floor (measured, floor): {below}"
