"""Score built tables against gold annotations, as ../shared/spec/gold.md describes.

- `gold`: read and check gold lines (`load_gold`, `GoldError`);
- `match`: when a predicted name, role, city, organisation or state counts as the gold one;
- `predictions`: what the built tables say about each report;
- `score`: per-field scores (`evaluate_tables`, `Evaluation`); `resolution`: pairs of reports in one event;
- `metrics`: the counters; `formatting`: the evaluation as text.
"""

from etl.evaluate.formatting import format_scores
from etl.evaluate.gold import GoldError, load_gold
from etl.evaluate.match import LISTED_ORGS, persons_match, roles_agree
from etl.evaluate.metrics import Accuracy, Counts
from etl.evaluate.predictions import SCOPES
from etl.evaluate.resolution import Resolution, score_resolution
from etl.evaluate.score import Evaluation, evaluate_tables

__all__ = ["LISTED_ORGS", "SCOPES", "Accuracy", "Counts", "Evaluation", "GoldError", "Resolution",
           "evaluate_tables", "format_scores", "load_gold", "persons_match", "roles_agree", "score_resolution"]
