"""Command line: `python -m etl build` and `python -m etl evaluate`, as tables.md describes, and
`python -m etl review` (docs/corrections.md)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from etl.corrections import CorrectionsReport

EXIT_DONE, EXIT_SOME_SKIPPED, EXIT_NOTHING = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # bad arguments exit with 2, as the contract says
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_NOTHING)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m etl", description="Turn event reports into tidy tables.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="read reports and write the tables")
    build_cmd.add_argument("reports_dir", nargs="?", default="data/reports", type=Path)
    build_cmd.add_argument("--out", default=Path("data/processed"), type=Path)
    build_cmd.add_argument("--workers", type=int, default=None, help="extraction processes (default: cores)")
    build_cmd.add_argument("--engine", choices=("local", "dask"), default="local",
                           help="where reports are extracted: worker processes here (default) or a Dask "
                                "cluster (needs requirements-dask.txt)")
    build_cmd.add_argument("--scheduler", default=None, metavar="ADDRESS",
                           help="with --engine dask: the scheduler's address (tcp://host:8786), whose workers "
                                "have this project installed; without it a local cluster of --workers processes")
    build_cmd.add_argument("--if-stale", action="store_true",
                           help="do nothing when the tables are newer than every report")
    build_cmd.add_argument("--wait", action="store_true",
                           help="when another build is writing OUT_DIR, wait for it to end instead of stopping")
    build_cmd.add_argument("--corrections", type=Path, default=None,
                           help="corrections file or folder (default: data/corrections.yaml when present)")
    evaluate_cmd = commands.add_parser("evaluate", help="build in a temporary folder and score against gold")
    evaluate_cmd.add_argument("reports_dir", nargs="?", default="data/reports", type=Path)
    evaluate_cmd.add_argument("--gold", required=True, type=Path)
    evaluate_cmd.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate_cmd.add_argument("--scope", choices=("event", "report"), default="report",
                              help="score only the actors and themes found in each report's own text "
                                   "(gold.md, default) or those of the whole merged event")
    evaluate_cmd.add_argument("--corrections", type=Path, default=None,
                              help="corrections file or folder scored as well (default: data/corrections.yaml "
                                   "when present)")
    review_cmd = commands.add_parser("review", help="the least certain facts first, as corrections to edit")
    review_cmd.add_argument("--out", default=Path("data/processed"), type=Path, help="the tables' folder")
    review_cmd.add_argument("--top", type=int, default=20, help="how many facts (default 20)")
    args = parser.parse_args(argv)
    from etl.corrections import CorrectionsFileError
    from etl.knowledge import KnowledgeFileError

    try:
        if args.command == "build":
            return _build(args)
        if args.command == "review":
            return _review(args)
        return _evaluate(args)
    except KeyboardInterrupt:
        print("interrupted; the previous tables are untouched", file=sys.stderr)
        return EXIT_NOTHING
    except KnowledgeFileError as error:
        print(f"error: {error}; nothing was built, the previous tables are untouched", file=sys.stderr)
        return EXIT_NOTHING
    except CorrectionsFileError as error:
        print(f"error: {error}; nothing was built, the previous tables are untouched (docs/corrections.md)",
              file=sys.stderr)
        return EXIT_NOTHING
    except Exception as error:  # the user gets a sentence, not a traceback (re-raised with ETL_DEBUG)
        if os.environ.get("ETL_DEBUG"):
            raise
        print(f"error: the build failed ({type(error).__name__}: {error}); the previous tables are untouched. "
              "Run again with ETL_DEBUG=1 for the details.", file=sys.stderr)
        return EXIT_NOTHING


def _check_reports_dir(path: Path) -> str | None:
    if not path.exists():
        return f"{path}: no such folder"
    if not path.is_dir():
        return f"{path}: not a folder"
    return None


def _print_skipped(result) -> None:
    for item in result.skipped:
        print(f"skipped {item.file}: {item.reason}", file=sys.stderr)


def _corrections(args: argparse.Namespace):
    """The corrections asked for; a path given that does not exist is an error, the default may be absent."""
    from etl.corrections import DEFAULT_PATH, CorrectionsFileError, load_corrections

    if args.corrections is not None and not args.corrections.exists():
        raise CorrectionsFileError(f"{args.corrections}: no such corrections file or folder")
    return load_corrections(args.corrections if args.corrections is not None else DEFAULT_PATH)


def _corrections_changed(args: argparse.Namespace) -> bool:
    """Whether the corrections file (or a file of the folder) changed since the tables were written."""
    from etl.corrections import DEFAULT_PATH
    from etl.corrections.load import corrections_files

    path = args.corrections if args.corrections is not None else DEFAULT_PATH
    tables = args.out / "events.parquet"
    if not path.exists() or not tables.exists():
        return False
    built = tables.stat().st_mtime
    return any(file.stat().st_mtime > built for file in [path, *corrections_files(path)] if file.exists())


def _print_corrections(report: CorrectionsReport | None) -> None:
    for line in report.lines() if report is not None else []:
        print(line, file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from etl.build import build, tables_are_current
    from etl.build.engines import EngineError
    from etl.corrections import using
    from etl.output.lock import BuildBusyError
    from etl.output.publish import OutRefusedError

    problem = _check_reports_dir(args.reports_dir)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_NOTHING
    if args.scheduler and args.engine != "dask":
        print("error: --scheduler is the address of a Dask scheduler: use it with --engine dask", file=sys.stderr)
        return EXIT_NOTHING
    if args.if_stale and tables_are_current(args.reports_dir, args.out) and not _corrections_changed(args):
        print(f"Tables in {args.out} are up to date.")
        return EXIT_DONE
    corrections = _corrections(args)
    try:
        with using(corrections):
            result = build(args.reports_dir, args.out, workers=args.workers, wait=args.wait,
                           on_wait=lambda message: print(message, file=sys.stderr, flush=True),
                           engine=args.engine, scheduler=args.scheduler)
    except EngineError as error:
        print(f"error: {error}; nothing was changed", file=sys.stderr)
        return EXIT_NOTHING
    except BuildBusyError as error:
        print(f"error: {error}; nothing was changed. Run again when it has ended, or add --wait to wait for it.",
              file=sys.stderr)
        return EXIT_NOTHING
    except OutRefusedError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING
    except OSError as error:
        print(f"error: cannot write the tables to {args.out}: {error}", file=sys.stderr)
        return EXIT_NOTHING
    _print_skipped(result)
    if result.tables is None:
        print(f"error: no usable report in {args.reports_dir}; nothing written", file=sys.stderr)
        return EXIT_NOTHING
    print(result.summary(args.out))
    _print_corrections(result.corrections)
    return EXIT_SOME_SKIPPED if result.skipped else EXIT_DONE


def _review(args: argparse.Namespace) -> int:
    from etl.corrections.review import format_queue, read_tables, review_queue

    if args.top < 1:
        print("error: --top must be at least 1", file=sys.stderr)
        return EXIT_NOTHING
    try:
        tables = read_tables(args.out)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING
    print(format_queue(review_queue(tables), args.top))
    return EXIT_DONE


def _evaluate(args: argparse.Namespace) -> int:
    from etl.build import build
    from etl.corrections import using
    from etl.evaluate.corrected import evaluate_corrected, format_corrected
    from etl.evaluate.gold import GoldError, load_gold

    problem = _check_reports_dir(args.reports_dir)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_NOTHING
    try:
        gold = load_gold(args.gold)
    except GoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_NOTHING
    corrections = _corrections(args)
    # Built without corrections, then scored as built and with the corrections applied.
    with tempfile.TemporaryDirectory() as folder, using(None):
        result = build(args.reports_dir, Path(folder) / "tables", progress=False)
    _print_skipped(result)
    if result.tables is None:
        print(f"error: no usable report in {args.reports_dir}", file=sys.stderr)
        return EXIT_NOTHING
    compared = evaluate_corrected(result.tables, gold, corrections, scope=args.scope)
    _print_corrections(compared.report)
    if args.json:
        print(json.dumps(compared.as_json(), ensure_ascii=False))
    else:
        print(format_corrected(compared))
    return EXIT_SOME_SKIPPED if result.skipped else EXIT_DONE


if __name__ == "__main__":
    sys.exit(main())
