"""Accuracy of the date, event-kind and place steps on the gold lines, report by report.

    .venv/bin/python bench/step_accuracy.py [--gold 'data/gold/*.jsonl'] [--reports data/reports] [-v]

Reads every gold line, reads its report with the project's readers where they exist (a minimal
front-matter reader for .txt/.md otherwise; formats without a reader are skipped and counted), runs
find_event_date, classify_event and find_place, and prints accuracy per field plus every miss.
City is compared after mapping both sides through the gazetteer ("Nur-Sultan" = "Astana"), and also raw.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import json
import sys
import unicodedata
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from etl.dates import find_event_date  # noqa: E402
from etl.event_kind import classify_event  # noqa: E402
from etl.model import Report  # noqa: E402
from etl.normalise import normalise_text  # noqa: E402
from etl.places import canonical_city, find_place  # noqa: E402
from etl.sentences import split_sentences  # noqa: E402

SEED_DIR = Path("/work/shared/seed")


def _reader(suffix: str):
    """The project's reader for a format, if one is there yet."""
    candidates = {
        ".txt": [("etl.read_text", "parse_text_report")],
        ".md": [("etl.read_text", "parse_text_report")],
        ".html": [("etl.read_html", "parse_html_report")],
        ".htm": [("etl.read_html", "parse_html_report")],
        ".pdf": [("etl.read_pdf", "parse_pdf_report")],
    }.get(suffix, [])
    for module, name in candidates:
        try:
            return getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            continue
    return None


def _minimal_text(raw: bytes, file: str) -> Report:
    text = raw.decode("utf-8", errors="replace")
    meta: dict = {}
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        import yaml

        meta = yaml.safe_load(text[4:end]) or {}
        text = text[end + 4 :]
    text = normalise_text(text)
    title = meta.get("title")
    if not title:
        title, _, text = text.partition("\n")
    published = meta.get("published")
    return Report(file, str(title), text.strip(), url=meta.get("url"),
                  published=published if isinstance(published, date) else None)


def read(file: str, reports: Path) -> Report | None:
    if "#" in file:
        path, line = file.split("#")
        raw = (reports / path).read_text(encoding="utf-8").splitlines()[int(line) - 1]
        data = json.loads(raw)
        published = data.get("published")
        return Report(file, data["title"], normalise_text(data["text"]), url=data.get("url"),
                      published=date.fromisoformat(published[:10]) if published else None)
    path = reports / file
    if not path.exists():
        path = SEED_DIR / file
    if not path.exists():
        return None
    reader = _reader(path.suffix.lower())
    if reader is None:
        return _minimal_text(path.read_bytes(), file) if path.suffix in (".txt", ".md") else None
    return reader(path.read_bytes(), file)


def _fold(value: str | None) -> str:
    if not value:
        return ""
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if not unicodedata.combining(c)).casefold().strip()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", default="data/gold/*.jsonl")
    parser.add_argument("--reports", default="data/reports")
    parser.add_argument("-v", "--verbose", action="store_true", help="print hits too")
    args = parser.parse_args()
    lines = [json.loads(line) for path in sorted(glob.glob(args.gold)) for line in open(path) if line.strip()]
    lines = list({line["file"]: line for line in lines}.values())  # a file annotated twice counts once
    fields = ("date", "type", "format", "city", "city_raw")
    right = dict.fromkeys(fields, 0)
    n, skipped = 0, []
    for gold in lines:
        try:
            report = read(gold["file"], Path(args.reports))
        except Exception as error:  # a reader still being written must not stop the measurement
            print(f"{gold['file']}: cannot read ({error})")
            report = None
        if report is None:
            skipped.append(gold["file"])
            continue
        n += 1
        sentences = split_sentences(report.text)
        when = find_event_date(report.text, sentences, report.title, report.published, report.url)
        kind = classify_event(report.title, report.text, sentences)
        place = find_place(report.text, sentences, report.title)
        got = {
            "date": when.start.isoformat() if when else None,
            "type": kind.event_type,
            "format": kind.format,
            "city": _fold(canonical_city(place.city) if place and place.city else None),
            "city_raw": _fold(place.city if place else None),
        }
        want = {
            "date": gold.get("event_date"),
            "type": gold.get("event_type"),
            "format": gold.get("format"),
            "city": _fold(canonical_city(gold.get("city") or "") or gold.get("city")),
            "city_raw": _fold(gold.get("city")),
        }
        misses = [f for f in fields if got[f] != want[f]]
        for f in fields:
            right[f] += f not in misses
        if misses or args.verbose:
            print(f"{gold['file']}")
            for f in fields[:-1]:
                flag = "MISS" if f in misses else "ok  "
                print(f"   {flag} {f:7} got={got[f]!r:24} gold={want[f]!r}")
            if "date" in misses and when:
                evidence = when.evidence.text if when.evidence else None
                print(f"        date evidence: {evidence!r} in {when.sentence[:120]!r}")
    print(f"\n{n} reports scored, {len(skipped)} skipped (no reader yet): {skipped}")
    for f in fields:
        print(f"{f:9} {right[f] / n if n else 0:.3f}  ({right[f]}/{n})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
