"""`python -m dashboard`: build the tables if they are missing or older than the reports, then start the app.

    python -m dashboard [--reports data/reports] [--data data/processed] [streamlit options...]

Any option it does not know (e.g. `--server.port 8502`) is passed on to `streamlit run`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from dashboard.data import DEFAULT_DATA_DIR, PROJECT_ROOT, SCHEMA, table_path

DEFAULT_REPORTS = PROJECT_ROOT / "data" / "reports"


def newest_mtime(folder: Path) -> float | None:
    """Modification time of the newest file below `folder` (None if there is none)."""
    times = [p.stat().st_mtime for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []
    return max(times) if times else None


def tables_stale(reports: Path, data: Path) -> str | None:
    """Why the tables need a build ("missing ...", "older than the reports"), or None if they are fresh."""
    paths = [table_path(data, name) for name in SCHEMA]
    missing = [name for name, p in zip(SCHEMA, paths, strict=True) if p is None]
    if missing:
        return "missing " + ", ".join(missing)
    newest_report = newest_mtime(reports)
    oldest_table = min(p.stat().st_mtime for p in paths if p is not None)
    if newest_report is not None and newest_report > oldest_table:
        return "older than the reports"
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR)
    args, streamlit_args = ap.parse_known_args(argv)
    reason = tables_stale(args.reports, args.data)
    if reason and args.reports.is_dir():
        print(f"Tables in {args.data} are {reason}: building them from {args.reports} ...", flush=True)
        cmd = [sys.executable, "-m", "etl", "build", str(args.reports), "--out", str(args.data)]
        code = subprocess.call(cmd, cwd=PROJECT_ROOT)
        if code not in (0, 1):  # 1 means some reports were skipped but the tables were written
            print(f"The build failed (exit code {code}); the dashboard will explain what is missing.")
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(PROJECT_ROOT / "dashboard" / "app.py"),
        *streamlit_args,
        "--",
        "--data",
        str(args.data),
    ]
    os.chdir(PROJECT_ROOT)
    os.execv(sys.executable, cmd)  # replace this process: Ctrl+C then stops Streamlit directly
    return 0  # not reached


if __name__ == "__main__":
    raise SystemExit(main())
