"""Write the tables as Parquet, CSV, DuckDB and a Frictionless data package, swapped in whole at the end."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from etl.tables import DESCRIPTIONS, SCHEMA, Tables

_ARROW_TYPES = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "date": pa.date32()}
_PRIMARY_KEYS = {"documents": ["doc_id"], "events": ["event_id"], "participants": ["participant_id"],
                 "themes": ["theme_id"], "event_sources": ["event_id", "doc_id"],
                 "event_participants": ["event_id", "participant_id"],
                 "event_themes": ["event_id", "theme_id"]}
_FOREIGN_KEYS = {
    "event_sources": [("event_id", "events", "event_id"), ("doc_id", "documents", "doc_id")],
    "event_participants": [("event_id", "events", "event_id"),
                           ("participant_id", "participants", "participant_id")],
    "event_themes": [("event_id", "events", "event_id"), ("theme_id", "themes", "theme_id")],
    "mentions": [("doc_id", "documents", "doc_id")],
    "figures": [("event_id", "events", "event_id"), ("doc_id", "documents", "doc_id")],
}
COLUMN_DOCS = {
    "doc_id": "Stable ID from the report's content.", "file": "Path relative to the reports folder.",
    "event_id": "Stable ID of the event.", "participant_id": "Stable ID of the actor.",
    "theme_id": "Slug of the theme.", "evidence": "The sentence the fact came from.",
    "start_date": "When the event began (not when it was reported).", "end_date": "Last day, if several.",
    "date_precision": "day, month or year.", "country": "ISO 3166 alpha-3.",
    "city": "Where it took place, as the report names it.",
    "city_canonical": "The city's one spelling in etl/knowledge/places.yaml.",
    "n_sources": "How many reports describe the event.", "mentions": "How often it is mentioned.",
    "score": "Confidence in 0..1.", "start": "Offset of the span in documents.text.",
    "end": "End offset of the span in documents.text.", "leading_org": "The first SCO/OSCE body named.",
}


def write_tables(tables: Tables, out_dir: Path,
                 extra_files: dict[str, bytes | Callable[[], bytes]] | None = None) -> None:
    """Write into a temporary folder beside `out_dir`, then swap it in: a failure leaves the old tables.

    `extra_files` are written beside the tables; a callable is called while the tables are written.
    """
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    try:
        arrows = {name: to_arrow(name, frame) for name, frame in tables.frames.items()}
        # Parquet and CSV writers run in Arrow's C++ without the GIL, so tables are written side by side.
        with ThreadPoolExecutor(max_workers=4) as pool:
            jobs = [pool.submit(_write_duckdb, staging, arrows)]
            jobs += [pool.submit(_write_files, staging, name, arrow) for name, arrow in arrows.items()]
            (staging / "datapackage.json").write_text(json.dumps(datapackage(), indent=2), encoding="utf-8")
            for relative, content in (extra_files or {}).items():
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content() if callable(content) else content)
            for done in jobs:
                done.result()
        _swap(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    schema = pa.schema([(column, _ARROW_TYPES[kind]) for column, kind in SCHEMA[name].items()])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False).replace_schema_metadata(None)


def _write_files(folder: Path, name: str, arrow: pa.Table) -> None:
    pq.write_table(arrow, folder / f"{name}.parquet")
    pa_csv.write_csv(arrow, folder / f"{name}.csv")


def _write_duckdb(folder: Path, arrows: dict[str, pa.Table]) -> None:
    # One thread and one transaction: the other tables are being written beside it, and one commit
    # writes the file once.
    with duckdb.connect(str(folder / "events.duckdb"), config={"threads": 1}) as connection:
        connection.execute("BEGIN TRANSACTION")
        for name, arrow in arrows.items():
            connection.register("incoming", arrow)
            connection.execute(f"CREATE TABLE {name} AS SELECT * FROM incoming")
            connection.unregister("incoming")
        connection.execute("COMMIT")


def _swap(staging: Path, out_dir: Path) -> None:
    previous = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(previous)
    try:
        staging.rename(out_dir)
    except BaseException:
        if previous.exists():
            previous.rename(out_dir)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def datapackage() -> dict:
    """A Frictionless Tabular Data Package describing every CSV table and column with its type."""
    resources = []
    for name, columns in SCHEMA.items():
        schema: dict = {
            "fields": [{"name": c, "type": t, **({"description": COLUMN_DOCS[c]} if c in COLUMN_DOCS else {})}
                       for c, t in columns.items()],
            "missingValues": [""],
        }
        if name in _PRIMARY_KEYS:
            schema["primaryKey"] = _PRIMARY_KEYS[name]
        if name in _FOREIGN_KEYS:
            schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}}
                                     for f, r, rf in _FOREIGN_KEYS[name]]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": DESCRIPTIONS[name], "schema": schema,
        })
    return {
        "profile": "tabular-data-package",
        "name": "sco-osce-events",
        "title": "SCO–OSCE interactions: events, participants and themes extracted from reports",
        "resources": resources,
    }
