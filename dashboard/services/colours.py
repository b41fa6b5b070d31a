"""One colour per theme, per organisation and per event type, the same in every chart.

The mapping must not depend on what the current filters leave visible (otherwise "terrorism" would be
blue in one view and red in the next), so known IDs get a fixed slot and unknown ones a slot chosen by a
hash of the ID itself. The palette avoids very light and very dark tones so that marks stay visible on
Streamlit's light and dark backgrounds alike.
"""

from __future__ import annotations

import zlib

from etl.contract import EVENT_TYPES, LISTED_ORGS, REQUIRED_THEMES

# 26 mid-luminance colours (from Plotly/D3/Tableau palettes, greys and near-whites removed).
PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#4c78a8",
    "#f58518",
    "#54a24b",
    "#e45756",
    "#72b7b2",
    "#b279a2",
    "#ff9da6",
    "#9d755d",
    "#eeca3b",
    "#3366cc",
    "#dc3912",
    "#109618",
    "#990099",
    "#0099c6",
    "#dd4477",
    "#66aa00",
    "#b82e2e",
)

# The IDs the data contract fixes, in the contract's order: each gets its own slot.
KNOWN_THEMES: tuple[str, ...] = REQUIRED_THEMES
# The four most frequent first, so that they take the most distinct colours.
_FIRST_ORGS = ("SCO", "OSCE", "ODIHR", "UN")
KNOWN_ORGS: tuple[str, ...] = (*_FIRST_ORGS, *(o for o in LISTED_ORGS if o not in _FIRST_ORGS))
# Organisations and types use a shifted start so SCO and "meeting" are not both the first blue.
_ORG_COLOURS = {org: PALETTE[(i * 7 + 3) % len(PALETTE)] for i, org in enumerate(KNOWN_ORGS)}
_ORG_COLOURS.update({"SCO": "#1f77b4", "OSCE": "#d62728"})  # the two protagonists: blue and red
# Event types: nine clearly distinct hues (a shared palette index would put two purples side by side).
_TYPE_COLOURS = dict(
    zip(
        EVENT_TYPES,
        ("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#bcbd22", "#e377c2", "#d62728", "#8c564b"),
        strict=True,
    )
)
_THEME_COLOURS = {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(KNOWN_THEMES)}
UNKNOWN = "#7f7f7f"  # for missing values ("no leading organisation"): a neutral grey


def _hashed(key: str) -> str:
    # crc32 is stable across processes (unlike hash()), so a new ID keeps its colour between runs.
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def theme_colour(theme_id: str) -> str:
    """Colour of a theme, the same in every chart and every run."""
    return _THEME_COLOURS.get(theme_id) or _hashed("theme:" + str(theme_id))


def org_colour(short_name: str | None) -> str:
    """Colour of an organisation (by short_name)."""
    if short_name is None or short_name != short_name or short_name == "":
        return UNKNOWN
    return _ORG_COLOURS.get(short_name) or _hashed("org:" + str(short_name))


def type_colour(event_type: str | None) -> str:
    """Colour of an event type."""
    if event_type is None or event_type != event_type or event_type == "":
        return UNKNOWN
    return _TYPE_COLOURS.get(event_type) or _hashed("type:" + str(event_type))
