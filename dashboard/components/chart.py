"""One figure with its PNG / SVG / HTML download buttons, named after what it shows and the filters."""

from __future__ import annotations

from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st

from dashboard.services import export
from dashboard.services.filters import FilterState


def show(fig: go.Figure, what: str, state: FilterState, key: str,
         on_pick: Callable[[object], None] | None = None) -> None:
    """Draw `fig`; PNG and SVG are rendered only when their button is clicked. With `on_pick`, a click on a
    mark calls it with that mark's `customdata`."""
    base = export.file_name(what, state, "png")[:-4]
    config = {"displaylogo": False, "toImageButtonOptions": {"filename": base, "format": "png", "scale": 2}}
    if on_pick is None:
        st.plotly_chart(fig, config=config, key=f"chart-{key}")
    else:
        event = st.plotly_chart(fig, config=config, key=f"chart-{key}", on_select="rerun",
                                selection_mode="points")
        picked = picked_value(event)
        if picked is not None:
            on_pick(picked)
    can_render = export.chrome_path() is not None
    row = st.container(horizontal=True, vertical_alignment="center")
    downloads = (
        ("PNG", lambda: export.figure_image(fig, "png"), "png", "image/png", can_render),
        ("SVG", lambda: export.figure_image(fig, "svg"), "svg", "image/svg+xml", can_render),
        ("HTML", lambda: export.figure_html(fig, base), "html", "text/html", True),
    )
    # Deferred downloads: Streamlit calls these only when the button is clicked, so kaleido never runs
    # on a plain rerun.
    for label, make, extension, mime, enabled in downloads:
        row.download_button(label, data=make, file_name=f"{base}.{extension}", mime=mime,
                            key=f"{extension}-{key}", disabled=not enabled, on_click="ignore")
    if not can_render:
        row.caption(
            "PNG and SVG need Chrome or Chromium on the server (e.g. `apt-get install chromium`); "
            "it is not installed. HTML and the data downloads work."
        )


def picked_value(event: object) -> object | None:
    """The `customdata` of the first mark a chart's selection event holds, or None."""
    selection = getattr(event, "selection", None) or (event.get("selection") if isinstance(event, dict) else None)
    points = (selection.get("points") if isinstance(selection, dict) else getattr(selection, "points", None)) or []
    if not points:
        return None
    value = points[0].get("customdata")
    if isinstance(value, list):
        value = value[0] if value else None
    return value
