"""components/downloads.py: three downloads, named after the filters, built only on click."""

from __future__ import annotations

from dashboard.services.filters import FilterState


def script(data, options, state) -> None:
    from dashboard.components import downloads
    from dashboard.services.filters import apply_filters

    downloads.show(data, apply_filters(data, state), state, options)


def test_three_deferred_downloads(run, data, options) -> None:
    at = run(script, data=data, options=options, state=FilterState(themes=("elections",), mentioned=True))
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Events (CSV)", "All tables (ZIP of CSV)", "Excel workbook"]
    assert all(b.proto.deferred_file_id for b in buttons)  # nothing built before a click
    assert "**2 filtered events**" in at.markdown[0].value
