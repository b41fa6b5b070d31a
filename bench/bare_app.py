"""A bare Streamlit page with one chart: the yardstick the dashboard's first page is measured against
(`python -m bench.dashboard --browser`). A title, one Plotly line chart of 500 points, and a radio that
redraws it with another series, so that a rerun can be timed too."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="Bare page", layout="wide")
st.title("A bare page", anchor=False)
series = st.radio("Series", ["first", "second"], horizontal=True, key="series")
rng = np.random.default_rng(1 if series == "first" else 2)
fig = go.Figure(go.Scatter(x=np.arange(500), y=rng.standard_normal(500).cumsum(), mode="lines"))
fig.update_layout(title={"text": f"The {series} series"}, height=420)
st.plotly_chart(fig, key="chart")
