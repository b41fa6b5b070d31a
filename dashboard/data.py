"""Loading the ETL's tables into pandas and preparing the joins every view needs.

Kept free of Streamlit so that tests and the benchmark can call it directly; app.py wraps `load_data` in a
Streamlit cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data" / "processed"

# Required columns per table (tables.md) with the kind each is coerced to. Extra columns are kept.
SCHEMA: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "str",
        "file": "str",
        "title": "str",
        "url": "str",
        "source": "str",
        "published": "date",
        "text": "str",
        "n_chars": "int",
    },
    "events": {
        "event_id": "str",
        "title": "str",
        "start_date": "date",
        "end_date": "date",
        "date_precision": "str",
        "event_type": "str",
        "city": "str",
        "country": "str",
        "format": "str",
        "n_sources": "int",
    },
    "event_sources": {"event_id": "str", "doc_id": "str"},
    "participants": {
        "participant_id": "str",
        "name": "str",
        "kind": "str",
        "short_name": "str",
        "affiliation": "str",
    },
    "event_participants": {
        "event_id": "str",
        "participant_id": "str",
        "role": "str",
        "mentions": "int",
        "evidence": "str",
    },
    "themes": {"theme_id": "str", "label": "str", "parent_id": "str", "description": "str"},
    "event_themes": {
        "event_id": "str",
        "theme_id": "str",
        "mentions": "int",
        "score": "float",
        "evidence": "str",
    },
    "mentions": {
        "doc_id": "str",
        "ref_type": "str",
        "ref_id": "str",
        "start": "int",
        "end": "int",
        "text": "str",
    },
}
# Written by the ETL too but not part of the contract: used when present, an empty frame otherwise.
OPTIONAL_SCHEMA: dict[str, dict[str, str]] = {
    "figures": {"event_id": "str", "doc_id": "str", "value": "float", "what": "str", "evidence": "str"},
}
OPTIONAL_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"leading_org": "str"},
    "documents": {"format": "str"},
}


class TablesMissing(Exception):
    """The folder lacks some required tables (the ETL has not been run there yet)."""

    def __init__(self, folder: Path, missing: list[str]):
        self.folder = folder
        self.missing = missing
        super().__init__(f"{folder}: missing {', '.join(missing)}")


class TablesUnreadable(Exception):
    """A table exists but cannot be read (corrupt file, wrong format)."""


def table_path(folder: Path, name: str) -> Path | None:
    """The file a table is read from: Parquet first, CSV as fallback, None when neither exists."""
    for ext in (".parquet", ".csv"):
        p = Path(folder) / f"{name}{ext}"
        if p.is_file():
            return p
    return None


def _coerce(df: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    for col, kind in columns.items():
        if col not in df.columns:
            df[col] = pd.NA
        s = df[col]
        if kind == "date":
            # Parquet gives date32 (datetime.date objects), CSV gives ISO strings: both become datetime64.
            df[col] = pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")
        elif kind == "int":
            df[col] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif kind == "float":
            df[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            # One string dtype everywhere: empty strings in CSV mean "no value", as in Parquet's nulls.
            s = s.astype("string")
            df[col] = s.mask(s == "")
    return df


def read_table(folder: Path, name: str, columns: dict[str, str]) -> pd.DataFrame | None:
    """Read one table with its columns coerced to the contract's types; None when absent."""
    path = table_path(folder, name)
    if path is None:
        return None
    try:
        if path.suffix == ".parquet":
            df = pd.read_parquet(path)
        else:
            # Everything as text first: pandas' guesses would turn IDs like "001" into numbers.
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except Exception as exc:  # pyarrow and the csv parser raise many kinds; the user needs the file name
        raise TablesUnreadable(f"{path.name}: {exc}") from exc
    return _coerce(df, columns)


@dataclass(frozen=True)
class Data:
    """The tables plus the joins the views use. Treat every frame as read-only (it is cached)."""

    folder: Path
    documents: pd.DataFrame
    events: pd.DataFrame  # + participants, organisations, themes (display strings), search, year
    event_sources: pd.DataFrame
    participants: pd.DataFrame
    event_participants: pd.DataFrame  # + name, kind, short_name, affiliation
    themes: pd.DataFrame
    event_themes: pd.DataFrame  # + label
    mentions: pd.DataFrame
    figures: pd.DataFrame

    @property
    def has_leading_org(self) -> bool:
        return bool(self.events["leading_org"].notna().any())


def join_values(keys: pd.Series, values: pd.Series, sep: str = ", ") -> pd.Series:
    """Per key, the sorted distinct values joined into one display string.

    Done in Arrow (group into lists, then join): a pandas groupby with str.join runs Python per group
    and took 6 s for 100,000 events, this takes a fraction of a second.
    """
    frame = pd.DataFrame({"k": keys.astype("string").to_numpy(), "v": values.astype("string").to_numpy()})
    frame = frame.dropna().drop_duplicates().sort_values(["k", "v"])
    table = pa.table({"k": pa.array(frame["k"], pa.string()), "v": pa.array(frame["v"], pa.string())})
    grouped = table.group_by("k", use_threads=False).aggregate([("v", "list")])
    joined = pc.binary_join(grouped["v_list"], sep)
    return pd.Series(joined.to_pylist(), index=grouped["k"].to_pylist(), dtype="string")


def load_data(folder: Path | str) -> Data:
    """Read all tables of `folder` and prepare the joins. Raises TablesMissing / TablesUnreadable."""
    folder = Path(folder)
    frames: dict[str, pd.DataFrame] = {}
    missing = []
    for name, cols in SCHEMA.items():
        cols = {**cols, **OPTIONAL_COLUMNS.get(name, {})}
        df = read_table(folder, name, cols)
        if df is None:
            missing.append(name)
        else:
            frames[name] = df
    if missing:
        raise TablesMissing(folder, missing)
    for name, cols in OPTIONAL_SCHEMA.items():
        df = read_table(folder, name, cols)
        frames[name] = df if df is not None else _coerce(pd.DataFrame(columns=list(cols)), cols)

    parts = frames["participants"].drop_duplicates("participant_id")
    ep = frames["event_participants"].merge(
        parts[["participant_id", "name", "kind", "short_name", "affiliation"]],
        on="participant_id",
        how="left",
    )
    # A participant missing from `participants` still counts, under its ID.
    ep["name"] = ep["name"].fillna(ep["participant_id"])
    ep["label"] = ep["short_name"].where(
        ep["kind"].isin(["organization", "state"]) & ep["short_name"].notna(), ep["name"]
    )
    themes = frames["themes"].drop_duplicates("theme_id")
    et = frames["event_themes"].merge(themes[["theme_id", "label"]], on="theme_id", how="left")
    et["label"] = et["label"].fillna(et["theme_id"])

    ev = frames["events"].drop_duplicates("event_id").sort_values("start_date", kind="stable")
    ev = ev.reset_index(drop=True)
    eid = ev["event_id"]
    # Each link row knows its event's row position (-1 if the event is unknown): filters use it.
    index = pd.Index(eid)
    ep["ev_row"] = index.get_indexer(ep["event_id"]).astype(np.int64)
    et["ev_row"] = index.get_indexer(et["event_id"]).astype(np.int64)
    people = ep[ep["kind"] == "person"]
    orgs = ep[ep["kind"] == "organization"]
    ev["participants"] = eid.map(join_values(people["event_id"], people["name"])).fillna("")
    ev["organisations"] = eid.map(join_values(orgs["event_id"], orgs["label"])).fillna("")
    ev["themes"] = eid.map(join_values(et["event_id"], et["label"])).fillna("")
    ev["place"] = ev["city"].fillna("").str.cat(ev["country"].fillna(""), sep=", ").str.strip(", ")
    ev["year"] = ev["start_date"].dt.year.astype("Int64")
    # One lower-cased text per event for the free-text filter: a single vectorised `contains` then.
    ev["search"] = (
        ev["title"].fillna("")
        + " | "
        + ev["place"]
        + " | "
        + ev["participants"]
        + " | "
        + ev["organisations"]
        + " | "
        + ev["themes"]
        + " | "
        + ev["event_type"].fillna("")
    ).str.lower()
    return Data(
        folder=folder,
        documents=frames["documents"],
        events=ev,
        event_sources=frames["event_sources"],
        participants=parts,
        event_participants=ep,
        themes=themes,
        event_themes=et,
        mentions=frames["mentions"],
        figures=frames["figures"],
    )


def tables_signature(folder: Path | str) -> tuple:
    """Names, sizes and modification times of the table files: a new build gives a new signature,
    which is what the app's cache is keyed on."""
    folder = Path(folder)
    sig = []
    for name in [*SCHEMA, *OPTIONAL_SCHEMA]:
        p = table_path(folder, name)
        if p is not None:
            st = p.stat()
            sig.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(sig)
