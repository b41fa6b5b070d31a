"""Extraction on a Dask cluster (a local one here) gives the tables the local worker processes give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.__main__ import main
from etl.build import build

REPORTS = Path(__file__).parents[3] / "data" / "reports"
TABLES = ["documents", "events", "event_sources", "participants", "event_participants", "themes",
          "event_themes", "mentions", "figures"]

pytest.importorskip("distributed")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    for part in ("2005", "2021", "feeds"):
        shutil.copytree(REPORTS / part, folder / part)
    return folder


def test_a_build_on_a_local_dask_cluster_equals_a_local_build(corpus, tmp_path):
    on_dask = build(corpus, tmp_path / "dask", progress=False, workers=2, engine="dask")
    local = build(corpus, tmp_path / "local", progress=False, workers=2)
    assert on_dask.reports == local.reports > 10 and not on_dask.skipped
    for name in TABLES:
        assert on_dask.tables.arrow(name).equals(local.tables.arrow(name)), name
        assert (tmp_path / "dask" / f"{name}.csv").read_bytes() == (tmp_path / "local" / f"{name}.csv").read_bytes()
    # The kept work is the same too: a local rebuild of the Dask build extracts nothing again.
    again = build(corpus, tmp_path / "dask", progress=False, workers=2)
    assert again.reused == local.reports


def test_an_unreachable_scheduler_is_named_and_nothing_is_built(corpus, tmp_path, capsys, monkeypatch):
    import etl.build.engines

    monkeypatch.setattr(etl.build.engines, "CONNECT_TIMEOUT", "2s")
    out = tmp_path / "out"
    code = main(["build", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2
    assert "cannot reach the Dask scheduler tcp://127.0.0.1:9" in capsys.readouterr().err
    assert not out.exists()


def test_a_scheduler_without_the_dask_engine_is_refused(corpus, tmp_path, capsys):
    code = main(["build", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9"])
    assert code == 2 and "use it with --engine dask" in capsys.readouterr().err
