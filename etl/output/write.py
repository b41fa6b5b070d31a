"""Write the tables as Parquet, CSV, DuckDB and a Frictionless data package, published whole at the end."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from etl.output.datapackage import datapackage
from etl.output.publish import Target, claim, new_staging, publish
from etl.output.tables import Tables

DUCKDB_MEMORY_LIMIT = "256MB"


def write_tables(tables: Tables, out_dir: Path,
                 extra_files: dict[str, bytes | Path | Callable[[Path], None]] | None = None,
                 target: Target | None = None) -> Path:
    """Write a new version of the tables beside `out_dir`, then point `out_dir` at it (see publish.py).

    A failure leaves the previous tables as they were. `target` is the folder as claimed by the caller
    (checked and locked, see `publish.claim`); without it the folder is claimed here. `extra_files` are
    written beside the tables: bytes, a file to link (hard link, or a copy where links are not possible) or a
    function that writes the file at the path it is given, called while the tables are written. Returns the
    version folder.
    """
    if target is None:
        with claim(out_dir) as claimed:
            return write_tables(tables, out_dir, extra_files, claimed)
    staging = new_staging(target)
    try:
        arrows = {name: tables.arrow(name) for name in tables.names}
        # Parquet and CSV writers run in Arrow's C++ without the GIL, so tables are written side by side.
        with ThreadPoolExecutor(max_workers=4) as pool:
            jobs = [pool.submit(_write_duckdb, staging, arrows)]
            jobs += [pool.submit(_write_files, staging, name, arrow) for name, arrow in arrows.items()]
            (staging / "datapackage.json").write_text(json.dumps(datapackage(), indent=2), encoding="utf-8")
            for relative, content in (extra_files or {}).items():
                file = staging / relative
                file.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(content, Path):
                    _link_or_copy(content, file)
                elif callable(content):
                    content(file)
                else:
                    file.write_bytes(content)
            for done in jobs:
                done.result()
        return publish(target, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _write_files(folder: Path, name: str, arrow: pa.Table) -> None:
    pq.write_table(arrow, folder / f"{name}.parquet")
    pa_csv.write_csv(arrow, folder / f"{name}.csv")


def _write_duckdb(folder: Path, arrows: dict[str, pa.Table]) -> None:
    # One thread and one transaction: the other tables are being written beside it, and one commit
    # writes the file once. The memory limit makes DuckDB write its blocks to the file as it goes instead
    # of holding a large archive's tables in memory until the commit. A checkpoint at the commit writes
    # the tables into the file once, instead of into its log first and the file when it is closed.
    config = {"threads": 1, "memory_limit": DUCKDB_MEMORY_LIMIT, "checkpoint_threshold": "1KB"}
    with duckdb.connect(str(folder / "events.duckdb"), config=config) as connection:
        connection.execute("BEGIN TRANSACTION")
        for name, arrow in arrows.items():
            connection.register("incoming", arrow)
            connection.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            connection.unregister("incoming")
        connection.execute("COMMIT")
