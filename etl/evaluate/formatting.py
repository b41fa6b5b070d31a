"""The evaluation as text: a table of figures, then what went wrong report by report."""

from __future__ import annotations

from etl.evaluate.metrics import Counts
from etl.evaluate.score import Evaluation


def _counts_line(name: str, counts: Counts, note: str = "") -> str:
    return (f"{name:<16}{counts.f1:>8.3f}   F1; precision {counts.precision:.3f}, recall {counts.recall:.3f} "
            f"(tp {counts.tp}, fp {counts.fp}, fn {counts.fn}){note}")


def score_table(evaluation: Evaluation) -> list[str]:
    lines = [f"{'field':<16}{'score':>8}   detail"]
    for name, accuracy in evaluation.accuracy.items():
        lines.append(f"{name:<16}{accuracy.value:>8.3f}   accuracy, {accuracy.right}/{accuracy.total}")
    for name, counts in evaluation.sets.items():
        lines.append(_counts_line(name, counts))
    lines.append(_counts_line("resolution", evaluation.resolution.counts, "; pairs of reports in one event"))
    return lines


def report_problems(evaluation: Evaluation) -> list[str]:
    problems = [r for r in evaluation.reports if r["wrong"] or r["misses"] or r["false_hits"]]
    lines = ["", "Misses and false hits per report:"] if problems else []
    for report in problems:
        lines.append(f"- {report['file']}")
        for name, detail in report["wrong"].items():
            lines.append(f"    wrong {name}: {detail}")
        for name, values in report["misses"].items():
            lines.append(f"    missed {name}: {', '.join(map(str, values))}")
        for name, values in report["false_hits"].items():
            lines.append(f"    false {name}: {', '.join(map(str, values))}")
    for file in evaluation.unmatched:
        lines.append(f"- {file}: in the gold file but not built (skipped or missing)")
    return lines


def resolution_problems(evaluation: Evaluation) -> list[str]:
    resolution = evaluation.resolution
    if not resolution.wrongly_merged and not resolution.left_apart:
        return []
    lines = ["", "Resolution misses (pairs of reports):"]
    lines += [f"- wrongly merged: {left} + {right}" for left, right in resolution.wrongly_merged]
    lines += [f"- left apart: {left} + {right}" for left, right in resolution.left_apart]
    return lines


def format_scores(evaluation: Evaluation) -> str:
    """The figures, the misses and false hits per report, and the pairs resolution got wrong."""
    return "\n".join(score_table(evaluation) + report_problems(evaluation) + resolution_problems(evaluation))
