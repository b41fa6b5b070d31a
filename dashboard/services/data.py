"""Loading the ETL's tables into pandas and preparing the joins every view needs.

Free of Streamlit, so that tests and the benchmark call it directly; dashboard/app.py caches `load_data`.
Columns and their types come from the data contract (etl/contract.py): a column the contract names but a
table lacks is added empty, extra columns are kept.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.services.safe_text import BIDI_PATTERN
from etl.contract import ACTOR_KINDS, SCHEMA, TOOK_PART

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA_DIR = PROJECT_ROOT / "data" / "processed"

# Tables the contract writes but the page can do without: an empty frame stands in when absent.
OPTIONAL_TABLES: tuple[str, ...] = ("figures",)


# Text kept exactly as written: `mentions` offsets point into it (display code cleans it span by span).
KEEP_TEXT: dict[str, frozenset[str]] = {"documents": frozenset({"text"})}


class TablesMissingError(Exception):
    """The folder lacks some required tables (the ETL has not been run there yet)."""

    def __init__(self, folder: Path, missing: list[str]):
        self.folder = folder
        self.missing = missing
        super().__init__(f"{folder}: missing {', '.join(missing)}")


class TablesUnreadableError(Exception):
    """A table exists but cannot be read (corrupt file, wrong format)."""


def table_path(folder: Path, name: str) -> Path | None:
    """The file a table is read from: Parquet first, CSV as fallback, None when neither exists."""
    for ext in (".parquet", ".csv"):
        p = Path(folder) / f"{name}{ext}"
        if p.is_file():
            return p
    return None


def _strip_bidi(s: pd.Series) -> pd.Series:
    # Bidirectional controls never belong in names, titles or sentences; removed here once for every
    # view and download. (Not from documents.text, whose offsets `mentions` points into.) A column of
    # plain ASCII, the usual case, is checked with one fast scan and left as it is.
    arr = pa.array(s, pa.string(), from_pandas=True)
    if pc.all(pc.fill_null(pc.string_is_ascii(arr), True)).as_py() is not False:
        return s
    return pd.Series(pc.replace_substring_regex(arr, BIDI_PATTERN, "").to_pandas(), index=s.index, dtype="string")


def _coerce(df: pd.DataFrame, columns: dict[str, str], keep_text: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Each contract column as its contract type: date, integer, number or string."""
    for col, kind in columns.items():
        if col not in df.columns:
            df[col] = pd.NA
        s = df[col]
        if kind == "date":
            # Parquet gives date32 (datetime.date objects), CSV gives ISO strings: both become datetime64.
            df[col] = pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")
        elif kind == "integer":
            df[col] = pd.to_numeric(s, errors="coerce").astype("Int64")
        elif kind == "number":
            df[col] = pd.to_numeric(s, errors="coerce").astype("float64")
        else:
            # One string dtype everywhere: empty strings in CSV mean "no value", as in Parquet's nulls.
            s = s.astype("string")
            if col not in keep_text:
                s = _strip_bidi(s)
            df[col] = s.mask(s == "")
    return df


def read_table(folder: Path, name: str) -> pd.DataFrame | None:
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
        raise TablesUnreadableError(f"{path.name}: {exc}") from exc
    return _coerce(df, SCHEMA[name], KEEP_TEXT.get(name, frozenset()))


def empty_table(name: str) -> pd.DataFrame:
    """A table with the contract's columns and no rows."""
    return _coerce(pd.DataFrame(columns=list(SCHEMA[name])), SCHEMA[name])


ORGANIZATION, STATE, PERSON = ACTOR_KINDS
T = TypeVar("T")
MEMO_SIZE = 64  # views remembered per version of the tables (see Data.remembered)


@dataclass(frozen=True)
class Data:
    """The tables plus the joins the views use. Treat every frame as read-only (it is cached)."""

    folder: Path  # the resolved folder every table was read from
    documents: pd.DataFrame
    events: pd.DataFrame  # + participants, organisations, themes (display strings), place, search, year
    event_sources: pd.DataFrame
    participants: pd.DataFrame
    event_participants: pd.DataFrame  # + name, kind, short_name, affiliation, label, took_part, ev_row
    took_part: pd.DataFrame  # the rows that count by default: actors that took part, and every state
    themes: pd.DataFrame
    event_themes: pd.DataFrame  # + label, ev_row
    mentions: pd.DataFrame
    figures: pd.DataFrame
    _memo: OrderedDict[Hashable, Any] = field(default_factory=OrderedDict, repr=False, compare=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def remembered(self, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, remembered with these tables under `key` (the MEMO_SIZE last used). The tables are shared
        by every visitor, and so is what is remembered: a view's figures and counts, keyed by the filters,
        are computed once for everyone who opens that view (the first page above all), not on every visit.
        Treat the value as read-only. Two visitors asking at once may both compute it; either result stands."""
        with self._memo_lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
        value = make()
        with self._memo_lock:
            self._memo[key] = value
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
        return value

    @property
    def has_leading_org(self) -> bool:
        return bool(self.events["leading_org"].notna().any())

    def participations(self, include_mentioned: bool = False) -> pd.DataFrame:
        """The actor-event rows that count: those that took part, or also those only mentioned."""
        return self.event_participants if include_mentioned else self.took_part


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


def join_per_row(rows: np.ndarray, values: pd.Series, n_rows: int, sep: str = ", ") -> pd.Series:
    """For each of `n_rows` rows (0 .. n_rows-1), the sorted distinct `values` whose `rows` entry is that
    row, joined into one display string ("" for a row with none). Rows outside the range and missing values
    are left out. The same strings as `join_values` keyed by row, but on integer codes: one sort of
    (row, value code) pairs instead of a sort of strings, and the result already in row order, which
    makes loading 100,000 events several tenths of a second faster."""
    rows = np.asarray(rows, dtype=np.int64)
    keep = (rows >= 0) & (rows < n_rows) & values.notna().to_numpy(dtype=bool)
    # factorize(sort=True): code order is the values' sort order, so sorting codes sorts the strings.
    codes, uniques = pd.factorize(values[keep].astype("string"), sort=True)
    rows = rows[keep]
    order = np.lexsort((codes, rows))
    rows, codes = rows[order], codes[order]
    distinct = np.ones(len(rows), dtype=bool)
    distinct[1:] = (rows[1:] != rows[:-1]) | (codes[1:] != codes[:-1])
    rows, codes = rows[distinct], codes[distinct]
    offsets = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=offsets[1:])
    words = pa.array(np.asarray(uniques, dtype=object), pa.large_string()).take(pa.array(codes, pa.int64()))
    lists = pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), words)
    joined = pc.binary_join(lists, pa.scalar(sep, pa.large_string()))
    return pd.Series(joined.cast(pa.string()).to_pandas(), dtype="string")


def _positions(keys: pd.Series, ids: pd.Series) -> np.ndarray:
    # Position of each key among `ids` (unique), -1 where absent: a hash lookup in Arrow, ten times faster
    # than pandas' get_indexer on Arrow strings.
    found = pc.index_in(pa.array(keys, pa.string(), from_pandas=True), value_set=pa.array(ids, pa.string()))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def resolve_folder(folder: Path | str) -> Path:
    """The real folder behind `folder`. The ETL may publish its output as a symlink that a rebuild
    switches to a new folder: resolving it once and reading every table from the result means one
    load never mixes two builds."""
    return Path(os.path.realpath(folder))


def load_data(folder: Path | str) -> Data:
    """Read all tables of `folder` and prepare the joins. Raises TablesMissingError / TablesUnreadableError."""
    folder = resolve_folder(folder)
    frames: dict[str, pd.DataFrame] = {}
    missing = []
    for name in SCHEMA:
        df = read_table(folder, name)
        if df is not None:
            frames[name] = df
        elif name in OPTIONAL_TABLES:
            frames[name] = empty_table(name)
        else:
            missing.append(name)
    if missing:
        raise TablesMissingError(folder, missing)

    parts = frames["participants"].drop_duplicates("participant_id")
    ep = frames["event_participants"].merge(
        parts[["participant_id", "name", "kind", "short_name", "affiliation"]],
        on="participant_id",
        how="left",
    )
    # A participant missing from `participants` still counts, under its ID.
    ep["name"] = ep["name"].fillna(ep["participant_id"])
    ep["label"] = ep["short_name"].where(ep["kind"].isin([ORGANIZATION, STATE]) & ep["short_name"].notna(), ep["name"])
    # Tables written before `involvement` existed hold only actors that took part.
    ep["involvement"] = ep["involvement"].fillna(TOOK_PART)
    themes = frames["themes"].drop_duplicates("theme_id")
    et = frames["event_themes"].merge(themes[["theme_id", "label"]], on="theme_id", how="left")
    et["label"] = et["label"].fillna(et["theme_id"])

    ev = frames["events"].drop_duplicates("event_id").sort_values("start_date", kind="stable")
    ev = ev.reset_index(drop=True)
    eid = ev["event_id"]
    # Each link row knows its event's row position (-1 if the event is unknown): filters use it.
    ep["ev_row"] = _positions(ep["event_id"], eid)
    et["ev_row"] = _positions(et["event_id"], eid)
    # States count whether they took part or were discussed (tables.md); organisations and people only
    # where they took part.
    took_mask = ((ep["involvement"] == TOOK_PART) | (ep["kind"] == STATE)).to_numpy(dtype=bool)
    took = ep[took_mask]
    kind = ep["kind"].to_numpy(dtype=object, na_value=None)
    rows = ep["ev_row"].to_numpy()
    n = len(ev)
    person = took_mask & (kind == PERSON)
    org = took_mask & (kind == ORGANIZATION)
    ev["participants"] = join_per_row(rows[person], ep["name"][person], n)
    ev["organisations"] = join_per_row(rows[org], ep["label"][org], n)
    ev["themes"] = join_per_row(et["ev_row"].to_numpy(), et["label"], n)
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
        took_part=took,
        themes=themes,
        event_themes=et,
        mentions=frames["mentions"],
        figures=frames["figures"],
    )


def tables_signature(folder: Path | str) -> tuple:
    """The resolved folder and the names, sizes and modification times of its table files. A rebuild in
    place or a switch of the folder's symlink gives a new signature, which is what the app's cache is
    keyed on, so the next rerun loads the new build whole."""
    folder = resolve_folder(folder)
    sig: list[object] = [str(folder)]
    for name in SCHEMA:
        p = table_path(folder, name)
        if p is not None:
            st = p.stat()
            sig.append((p.name, st.st_size, st.st_mtime_ns))
    return tuple(sig)
