"""The data package: other tools load the tables typed, keys and all."""

import shutil
from pathlib import Path

from frictionless import Package

from etl.build import build

SEED = Path(__file__).parents[2] / "fixtures" / "seed"


def test_the_datapackage_validates_with_frictionless_and_loads_typed(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(next(SEED.glob("*.txt")), reports)
    out = tmp_path / "out"
    assert not build(reports, out, progress=False).skipped
    package = Package(str(out / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    row = package.get_resource("events").read_rows()[0]
    assert str(row["start_date"]) == "2020-06-24" and row["n_sources"] == 1
    figures = package.get_resource("figures").read_rows()
    assert {r["value"] for r in figures} == {57, 6, 10}
