"""The Downloads tab: the filtered events as CSV, all filtered tables as a ZIP of CSVs, and an Excel
workbook with a data dictionary and the filters used. Built only when a button is clicked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.services import export
from dashboard.services.data import Data
from dashboard.services.filters import FilterState, Options, View, describe
from dashboard.url_state import to_query

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def show(data: Data, view: View, state: FilterState, options: Options) -> None:
    st.markdown(
        f"The **{len(view.events):,} filtered events** with their participants (those only mentioned too, "
        "marked in `involvement`), themes, sources and evidence sentences. The Excel workbook has one sheet "
        "per table, a *data dictionary* sheet and the filters used."
    )
    name = f"{export.PREFIX}_{{}}_{describe(state)}"

    def tables() -> dict[str, pd.DataFrame]:
        return export.export_tables(data, view)

    c = st.columns(3)
    c[0].download_button("Events (CSV)", data=lambda: export.csv_bytes(tables()["events"]),
                         file_name=name.format("events") + ".csv", mime="text/csv", key="dl-csv", on_click="ignore")
    c[1].download_button("All tables (ZIP of CSV)", data=lambda: export.zip_bytes(tables()),
                         file_name=name.format("tables") + ".zip", mime="application/zip", key="dl-zip",
                         on_click="ignore")
    c[2].download_button("Excel workbook", data=lambda: export.xlsx_bytes(tables(), to_query(state, options)),
                         file_name=name.format("tables") + ".xlsx", mime=XLSX, key="dl-xlsx", on_click="ignore")
