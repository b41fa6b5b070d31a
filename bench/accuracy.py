"""Score the ETL on every annotated set, and a plain spaCy pipeline beside it, into one JSON file.

    .venv/bin/python bench/accuracy.py [--json bench/accuracy-results.json]

The README's accuracy table is generated from that file (scripts/readme_figures.py), so the README says
what was measured. Sets: the development set of real published reports (../shared/devset, when present:
it is not shipped), the shipped corpus, and the two held-out sets in bench/. Every figure is
`python -m etl evaluate --json` (report scope, as gold.md says) or `bench/baseline_spacy.py --json`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "devset": (ROOT.parent / "shared" / "devset" / "gold.jsonl", ROOT.parent / "shared" / "devset" / "reports"),
    "corpus": (ROOT / "data" / "gold" / "reports.jsonl", ROOT / "data" / "reports"),
    "heldout": (ROOT / "bench" / "heldout" / "gold.jsonl", ROOT / "bench" / "heldout" / "reports"),
    "heldout2": (ROOT / "bench" / "heldout2" / "gold.jsonl", ROOT / "bench" / "heldout2" / "reports"),
}
BASELINE_SETS = ("devset", "heldout2")


def headline(scores: dict) -> dict[str, float]:
    """One figure per field: accuracy for single values, F1 for sets and for resolution."""
    return {name: value.get("accuracy", value.get("f1")) for name, value in scores.items()}


def run(command: list[str]) -> dict[str, float]:
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return headline(json.loads(done.stdout)["scores"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, default=ROOT / "bench" / "accuracy-results.json")
    args = parser.parse_args(argv)
    results: dict[str, dict] = {"etl": {}, "plain_spacy": {}}
    for name, (gold, reports) in SETS.items():
        if not gold.exists():
            print(f"{name}: {gold} is absent, not scored", file=sys.stderr)
            continue
        results["etl"][name] = run([sys.executable, "-m", "etl", "evaluate", "--json", "--gold", str(gold),
                                    str(reports)])
        if name in BASELINE_SETS:
            results["plain_spacy"][name] = run([sys.executable, "bench/baseline_spacy.py", "--json",
                                                "--gold", str(gold), str(reports)])
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
