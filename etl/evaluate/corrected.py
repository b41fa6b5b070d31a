"""Scores without and with a corrections file, so that its effect is measured (docs/corrections.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from etl.evaluate.formatting import format_scores
from etl.evaluate.score import Evaluation, evaluate_tables

if TYPE_CHECKING:
    from etl.corrections import Corrections, CorrectionsReport
    from etl.output.tables import Tables


@dataclass
class Compared:
    """The tables scored as built (`without`) and with the corrections applied (`with_`)."""

    without: Evaluation
    with_: Evaluation
    report: CorrectionsReport

    def as_json(self) -> dict:
        """The corrected tables' evaluation (what a build publishes), the scores as built, and the corrections."""
        return {**self.with_.as_json(), "scores_without_corrections": self.without.scores(),
                "corrections": self.report.as_json()}


def evaluate_corrected(tables: Tables, gold: list[dict], corrections: Corrections,
                       scope: str = "report") -> Compared:
    """Score tables built without corrections, then the same tables with `corrections` applied."""
    from etl.corrections import apply_corrections

    corrected, report = apply_corrections(tables, corrections)
    return Compared(evaluate_tables(tables, gold, scope), evaluate_tables(corrected, gold, scope), report)


def _value(scores: dict) -> float:
    return scores["accuracy"] if "accuracy" in scores else scores["f1"]


def effect_lines(compared: Compared) -> list[str]:
    """One line per score: as built, with corrections, and the difference."""
    before, after = compared.without.scores(), compared.with_.scores()
    applied = len(compared.report.applied)
    lines = ["", f"Effect of corrections ({applied} applied, {len(compared.report.problems)} not applied):",
             f"{'field':<16}{'without':>9}{'with':>9}{'change':>9}"]
    for name in before:
        old, new = _value(before[name]), _value(after[name])
        lines.append(f"{name:<16}{old:>9.3f}{new:>9.3f}{new - old:>+9.3f}")
    return lines


def format_corrected(compared: Compared) -> str:
    """The scores with corrections as `format_scores` prints them, then the effect of the corrections."""
    if not compared.report.applied and not compared.report.problems:
        return format_scores(compared.with_) + "\n\nNo corrections applied: the scores are those of the build."
    return format_scores(compared.with_) + "\n" + "\n".join(effect_lines(compared))
