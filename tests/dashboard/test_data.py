"""Loading tables: CSV and Parquet give the same frames; missing tables are reported by name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard.services.data import (
    Data,
    TablesMissingError,
    TablesUnreadableError,
    join_per_row,
    join_values,
    load_data,
    tables_signature,
)
from etl.contract import REQUIRED_THEMES, SCHEMA

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "tables"


def test_fixture_tables_load_with_contract_types(data: Data) -> None:
    assert len(data.events) == 12
    assert str(data.events["start_date"].dtype) == "datetime64[ns]"
    assert data.events["end_date"].isna().sum() == 8  # one-day events have no end date
    assert data.events["n_sources"].sum() == 13
    # Empty CSV cells are missing values, not empty strings.
    assert data.events.loc[data.events["event_id"] == "ev-2020-osce-asrc", "city"].isna().all()
    assert set(data.participants["kind"]) == {"person", "organization", "state"}


def test_required_theme_ids_present(data: Data) -> None:
    required = set(REQUIRED_THEMES)
    assert required <= set(data.themes["theme_id"])


def test_mentions_point_into_document_text(data: Data) -> None:
    texts = data.documents.set_index("doc_id")["text"]
    for m in data.mentions.itertuples(index=False):
        assert texts[m.doc_id][m.start : m.end] == m.text


def test_joined_display_columns(data: Data) -> None:
    ev = data.events.set_index("event_id")
    assert ev.loc["ev-2019-vienna-norov", "participants"] == "Thomas Greminger, Vladimir Norov"
    assert ev.loc["ev-2019-vienna-norov", "organisations"] == "OSCE, SCO"
    assert "Terrorism" in ev.loc["ev-2019-vienna-norov", "themes"]
    assert ev.loc["ev-2020-osce-asrc", "place"] == ""  # a video conference has no place
    assert ev.loc["ev-2010-astana-summit", "place"] == "Astana, KAZ"


def test_join_per_row_sorts_dedupes_and_skips() -> None:
    rows = [2, 0, 2, 2, -1, 0, 5, 0, 2]
    values = pd.Series(["Zhang", "b", "Ärzte", "Zhang", "lost", None, "out of range", "a", "Abe"], dtype="string")
    joined = join_per_row(rows, values, 4, "; ")
    # Row 1 and 3 have nothing; -1, 5 and the missing value are left out; each row sorted, once per value.
    assert joined.tolist() == ["a; b", "", "Abe; Zhang; Ärzte", ""]
    assert str(joined.dtype) == "string"


def test_join_per_row_gives_what_join_values_gives(data: Data) -> None:
    et = data.event_themes
    by_id = data.events["event_id"].map(join_values(et["event_id"], et["label"])).fillna("")
    by_row = join_per_row(et["ev_row"].to_numpy(), et["label"], len(data.events))
    assert by_row.tolist() == by_id.tolist()
    assert by_row.str.len().gt(0).sum() == data.event_themes["event_id"].nunique()


def _to_parquet(src: Path, dst: Path) -> None:
    """Write the fixtures as Parquet the way the ETL does: dates as date32, ints as int64."""
    dst.mkdir()
    for name, cols in SCHEMA.items():
        if name == "figures" or not (src / f"{name}.csv").is_file():  # figures: left out on purpose
            continue
        df = pd.read_csv(src / f"{name}.csv", dtype=str, keep_default_na=False)
        arrays = {}
        for col in df.columns:
            kind = cols.get(col, "string")
            s = df[col].replace("", None)
            if kind == "date":
                arrays[col] = pa.array(pd.to_datetime(s).dt.date, pa.date32())
            elif kind == "integer":
                arrays[col] = pa.array(pd.to_numeric(s), pa.int64())
            elif kind == "number":
                arrays[col] = pa.array(pd.to_numeric(s), pa.float64())
            else:
                arrays[col] = pa.array(s, pa.string())
        pq.write_table(pa.table(arrays), dst / f"{name}.parquet")


def test_parquet_and_csv_load_the_same(tmp_path: Path, data: Data) -> None:
    _to_parquet(FIXTURES, tmp_path / "pq")
    from_pq = load_data(tmp_path / "pq")
    cols = ["event_id", "start_date", "end_date", "n_sources", "city", "participants", "themes"]
    pd.testing.assert_frame_equal(from_pq.events[cols], data.events[cols], check_dtype=False)
    assert from_pq.figures.empty  # no figures.parquet there: an empty frame, not an error
    assert list(from_pq.figures.columns) == ["event_id", "doc_id", "value", "what", "evidence"]


def test_parquet_preferred_over_csv(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    pq.write_table(
        pa.table(
            {
                "event_id": ["only"],
                "title": ["Only one"],
                "start_date": pa.array([pd.Timestamp("2020-01-01").date()], pa.date32()),
            }
        ),
        folder / "events.parquet",
    )
    assert load_data(folder).events["event_id"].tolist() == ["only"]


def test_missing_tables_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    (folder / "themes.csv").unlink()
    (folder / "mentions.csv").unlink()
    with pytest.raises(TablesMissingError) as err:
        load_data(folder)
    assert err.value.missing == ["themes", "mentions"]
    with pytest.raises(TablesMissingError):
        load_data(tmp_path / "does-not-exist")


def test_unreadable_table(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    (folder / "events.parquet").write_bytes(b"not parquet at all")
    with pytest.raises(TablesUnreadableError, match="events.parquet"):
        load_data(folder)


def test_signature_changes_when_a_table_changes(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    before = tables_signature(folder)
    with open(folder / "events.csv", "a", encoding="utf-8") as fh:
        fh.write("ev-x,Extra,2024-12-01,,day,meeting,,,unknown,1,\n")
    assert tables_signature(folder) != before
    assert len(load_data(folder).events) == 13


def test_reads_every_table_from_the_resolved_folder(tmp_path: Path) -> None:
    # The ETL may publish its output as a symlink switched to a new build: a load reads one build whole,
    # and the cache signature names the build, so the next rerun after a switch loads the new one.
    v1, v2 = tmp_path / "v1", tmp_path / "v2"
    shutil.copytree(FIXTURES, v1)
    shutil.copytree(FIXTURES, v2)
    with open(v2 / "events.csv", "a", encoding="utf-8") as fh:
        fh.write("ev-x,Extra,2024-12-01,,day,meeting,,,unknown,1,\n")
    out = tmp_path / "processed"
    out.symlink_to(v1)
    first = tables_signature(out)
    data = load_data(out)
    assert data.folder == v1.resolve() and len(data.events) == 12
    assert first[0] == str(v1.resolve())
    out.unlink()
    out.symlink_to(v2)
    assert tables_signature(out) != first  # same file sizes or not: another folder is another key
    assert load_data(out).folder == v2.resolve() and len(load_data(out).events) == 13


def test_old_tables_without_involvement_count_as_taking_part(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    ep = pd.read_csv(folder / "event_participants.csv", dtype=str, keep_default_na=False)
    ep.drop(columns=["involvement"]).to_csv(folder / "event_participants.csv", index=False)
    data = load_data(folder)
    assert set(data.event_participants["involvement"]) == {"took-part"}
    assert len(data.took_part) == len(data.event_participants)


def test_bidi_controls_are_dropped_but_report_text_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    docs = pd.read_csv(folder / "documents.csv", dtype=str, keep_default_na=False)
    docs.loc[0, "title"] = "Evil \u202etitle\u2066"
    docs.loc[0, "text"] = "\u202e" + docs.loc[0, "text"]
    docs.to_csv(folder / "documents.csv", index=False)
    data = load_data(folder)
    assert data.documents.loc[0, "title"] == "Evil title"
    assert data.documents.loc[0, "text"].startswith("\u202e")  # mentions' offsets count it


def test_states_count_whether_they_took_part_or_were_discussed(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    shutil.copytree(FIXTURES, folder)
    ep = pd.read_csv(folder / "event_participants.csv", dtype=str, keep_default_na=False)
    states = set(pd.read_csv(folder / "participants.csv", dtype=str).query("kind == 'state'")["participant_id"])
    discussed = ep["participant_id"].isin(states)
    assert discussed.any()
    ep.loc[discussed, "involvement"] = "mentioned"
    ep.to_csv(folder / "event_participants.csv", index=False)
    data = load_data(folder)
    kept = data.took_part
    assert kept["participant_id"].isin(states).sum() == discussed.sum()
    assert "p-nato" not in set(kept["participant_id"])  # an organisation only mentioned stays out


def test_remembered_computes_a_view_once_per_version_of_the_tables(monkeypatch) -> None:
    import dashboard.services.data as data_module

    monkeypatch.setattr(data_module, "MEMO_SIZE", 2)
    one, other = load_data(FIXTURES), load_data(FIXTURES)
    calls: list[str] = []

    def make(name: str):
        return lambda: calls.append(name) or [name]

    first = one.remembered(("view", 1), make("a"))
    assert one.remembered(("view", 1), make("again")) is first and calls == ["a"]
    assert other.remembered(("view", 1), make("other tables")) == ["other tables"]  # not shared between versions
    one.remembered(("view", 2), make("b"))
    one.remembered(("view", 1), make("used last, kept"))
    one.remembered(("view", 3), make("c"))  # the least recently used (view 2) makes room
    one.remembered(("view", 1), make("kept"))
    one.remembered(("view", 2), make("b again"))
    assert calls == ["a", "other tables", "b", "c", "b again"]
