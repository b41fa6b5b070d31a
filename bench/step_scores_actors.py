"""Score the organisation, state and theme steps alone against the gold lines.

Usage: .venv/bin/python bench/step_scores_actors.py [--gold 'data/gold/part-*.jsonl'] [--reports data/reports]
       [--misses]

Reads every gold line plus the seed annotation of gold.md, finds the report each line names, runs
find_organisations / find_states / find_themes on its body, and prints micro-averaged precision,
recall and F1 per field (organisations counted only by the short names listed in tables.md, as
gold.md scores them). Reports are read with etl.read when it is there; otherwise .txt/.md files
(minimal front-matter split) and .jsonl feed lines are read here and other formats are skipped.
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from etl.figures import find_figures  # noqa: E402
from etl.normalise import normalise_text  # noqa: E402
from etl.organisations import find_organisations  # noqa: E402
from etl.sentences import split_sentences  # noqa: E402
from etl.states import find_states, lookup_state  # noqa: E402
from etl.themes import find_themes  # noqa: E402

LISTED = {
    "SCO",
    "SCO RATS",
    "OSCE",
    "OSCE PA",
    "ODIHR",
    "UN",
    "UNODC",
    "UNOCT",
    "UNRCCA",
    "EU",
    "CSTO",
    "CIS",
    "CICA",
    "NATO",
    "ASEAN",
    "OTS",
    "ECO",
    "BRICS",
    "ICRC",
    "Interpol",
}
SPEC = Path("/work/shared/spec/gold.md")
SEED_DIR = Path("/work/shared/seed")


def seed_gold() -> list[dict]:
    if not SPEC.exists():
        return []
    block = re.search(r"```json\n(.*?)```", SPEC.read_text(encoding="utf-8"), re.S)
    return [json.loads(block.group(1))] if block else []


def _split_front_matter(raw: str) -> tuple[str, str]:
    """(title, body) of a .txt/.md report: front matter dropped, else the first line is the title."""
    title = ""
    match = re.match(r"---\n(.*?)\n---\n", raw, re.S)
    if match:
        found = re.search(r"^title:\s*(.+)$", match.group(1), re.M)
        title = found.group(1).strip().strip("\"'") if found else ""
        raw = raw[match.end() :]
    if not title:
        first, _, raw = raw.strip().partition("\n")
        title = first.strip()
    return title, raw


def read_texts(reports_dir: Path) -> dict[str, tuple[str, str]]:
    """file -> (title, normalised body)."""
    try:
        from etl.read import read_reports
    except ImportError:
        read_reports = None
    texts: dict[str, tuple[str, str]] = {}
    if read_reports is not None:
        for item in read_reports(reports_dir):
            if hasattr(item, "text"):
                texts[item.file] = (item.title, item.text)
        return texts
    for path in sorted(reports_dir.rglob("*")):
        rel = path.relative_to(reports_dir).as_posix()
        if path.suffix in {".txt", ".md"}:
            title, body = _split_front_matter(path.read_text(encoding="utf-8", errors="replace"))
            texts[rel] = (title, normalise_text(body))
        elif path.suffix == ".jsonl":
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                try:
                    item = json.loads(line)
                    texts[f"{rel}#{number}"] = (item.get("title", ""), normalise_text(item["text"]))
                except (ValueError, KeyError, TypeError):
                    continue
    return texts


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def line(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<14} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(ROOT / "data/gold/part-*.jsonl"))
    parser.add_argument("--reports", default=str(ROOT / "data/reports"))
    parser.add_argument("--misses", action="store_true", help="list misses and false hits per report")
    args = parser.parse_args()

    gold = [
        json.loads(line)
        for name in sorted(glob.glob(args.gold))
        for line in Path(name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    texts = read_texts(Path(args.reports))
    for seed in seed_gold():
        for path in SEED_DIR.glob(seed["file"]):
            texts[seed["file"]] = _split_front_matter(path.read_text(encoding="utf-8"))
            texts[seed["file"]] = (texts[seed["file"]][0], normalise_text(texts[seed["file"]][1]))
        gold.append(seed)

    scores = {"organisations": Score(), "states": Score(), "themes": Score()}
    figures = Score()
    used = missing = 0
    for line in gold:
        if line["file"] not in texts:
            missing += 1
            continue
        used += 1
        _, text = texts[line["file"]]
        sentences = split_sentences(text)
        found = {
            "organisations": {a.short_name for a in find_organisations(text, sentences)} & LISTED,
            "states": {a.short_name for a in find_states(text, sentences)},
            "themes": {t.theme_id for t in find_themes(text, sentences)},
        }
        expected = {
            "organisations": set(line.get("organizations") or []) & LISTED,
            "states": {lookup_state(name) or name for name in line.get("countries") or []},
            "themes": set(line.get("themes") or []),
        }
        for field, score in scores.items():
            score.add(found[field], expected[field])
            if args.misses and found[field] != expected[field]:
                print(
                    f"{line['file']}: {field} missed {sorted(expected[field] - found[field])} "
                    f"false {sorted(found[field] - expected[field])}"
                )
        values = {round(f.value, 2) for f in find_figures(text, sentences)}
        figures.add(values, {round(float(n["value"]), 2) for n in line.get("numbers") or []})
    print(f"gold lines scored: {used} (skipped {missing} whose report could not be read here)")
    for field, score in scores.items():
        print(score.line(field))
    print(figures.line("figure values"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
