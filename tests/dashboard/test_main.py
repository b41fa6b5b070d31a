"""`python -m dashboard` decides when the tables need a build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from dashboard.__main__ import tables_stale

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tables"


def test_tables_stale(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    data = tmp_path / "processed"
    assert tables_stale(reports, data).startswith("missing documents, events")
    shutil.copytree(FIXTURES, data)
    report = reports / "a.txt"
    report.write_text("x")
    os.utime(report, (1_000, 1_000))  # a report older than the tables
    assert tables_stale(reports, data) is None
    os.utime(report, None)  # now newer than the tables
    for p in data.iterdir():
        os.utime(p, (2_000, 2_000))
    assert tables_stale(reports, data) == "older than the reports"
