"""A brief to take away: one self-contained HTML file of the current view.

It holds the filters in words, the key figures, the charts (PNG images inlined when a Chrome or Chromium
can render them, else the interactive figures with plotly.js inlined), and the top events with their
dates, places, participants and sources. Free of Streamlit; nothing in the file is fetched from elsewhere.

Everything from the reports is HTML-escaped (and loses its bidirectional controls); a source links to its
address only when that is an absolute http(s) URL (services/safe_text.http_url).
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from dashboard.services import export
from dashboard.services.data import ORGANIZATION, Data
from dashboard.services.filters import FilterState, Options, View, criteria_slugs, switch_slugs
from dashboard.services.safe_text import http_url, one_line

PREFIX = "sco-osce-brief"
TOP_EVENTS = 20
FILTER_WORDS = {
    "themes": "Themes",
    "orgs": "Organisations",
    "persons": "Persons",
    "types": "Event types",
    "formats": "Formats",
    "countries": "States",
}
# The file is read on paper and on screens of any theme: it sets its own light background and dark text.
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;
color:#1a1a1a;background:#fff;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ccc}
.meta{color:#555}.figures{display:flex;gap:2em;flex-wrap:wrap}.figure b{display:block;font-size:1.6em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:.35em .5em;
vertical-align:top;text-align:left}th{background:#f3f3f3}img{max-width:100%}.chart{margin:1em 0}
ul.sources{margin:0;padding-left:1.1em}
"""


def esc(text: object) -> str:
    """Text from the data as HTML text: escaped, on one line, without bidirectional controls."""
    return html.escape(one_line(text), quote=True)


def _date(value: object) -> str:
    return f"{value:%Y-%m-%d}" if isinstance(value, dt.date | pd.Timestamp) and pd.notna(value) else ""


def filters_in_words(state: FilterState, options: Options) -> list[str]:
    """The filters as sentences a reader understands, one per filter; one sentence when there are none."""
    lines: list[str] = []
    if state.start or state.end:
        lines.append(f"Dates: {_date(state.start) or 'the first event'} to {_date(state.end) or 'the last event'}")
    labels = {
        "themes": lambda v: options.theme_labels.get(v, v),
        "countries": lambda v: options.country_names.get(v, v),
    }
    for attr, words in FILTER_WORDS.items():
        values = getattr(state, attr)
        if values:
            shown = ", ".join(labels.get(attr, lambda v: v)(v) for v in values)
            if attr == "themes" and len(values) > 1:
                words += " (all of)" if state.theme_match == "all" else " (any of)"
            lines.append(f"{words}: {shown}")
    if state.q:
        lines.append(f"Text searched: “{state.q}”")
    if state.corrected:
        lines.append("Only events with a fact a correction changed")
    if not lines:
        lines.append("No filters: every event.")
    lines.append(
        "Actors counted: those that took part and those only mentioned" if state.mentioned
        else "Actors counted: those that took part (states whether they took part or were discussed)"
    )
    return lines


def file_name(state: FilterState, ext: str = "html") -> str:
    """E.g. "sco-osce-brief_theme-terrorism_2015-2020.html": what it is and which filters."""
    dates: list[str] = []
    if state.start or state.end:
        whole = (state.start is None or (state.start.month, state.start.day) == (1, 1)) and (
            state.end is None or (state.end.month, state.end.day) == (12, 31))
        show = (lambda d: str(d.year)) if whole else (lambda d: d.isoformat())
        dates.append(f"{show(state.start) if state.start else 'start'}-{show(state.end) if state.end else 'end'}")
    parts = [*criteria_slugs(state), *dates, *switch_slugs(state)]
    text = "_".join(parts)[:100].rstrip("-_") or "all"
    return f"{PREFIX}_{text}.{ext}"


def key_figures(data: Data, view: View) -> dict[str, str]:
    """Events, reports, participants, organisations, themes and the span covered, as shown in the brief."""
    ep = view.event_participants
    reports = data.event_sources.loc[data.event_sources["event_id"].isin(view.events["event_id"]), "doc_id"]
    first = view.events["start_date"].min()
    last = view.events["end_date"].fillna(view.events["start_date"]).max()
    return {
        "Events": f"{len(view.events):,}",
        "Reports": f"{reports.nunique():,}",
        "Participants": f"{ep['participant_id'].nunique():,}",
        "Organisations": f"{ep.loc[ep['kind'] == ORGANIZATION, 'participant_id'].nunique():,}",
        "Themes": f"{view.event_themes['theme_id'].nunique():,}",
        "Span": f"{_date(first)} to {_date(last)}" if pd.notna(first) else "no dated event",
    }


def top_events(data: Data, view: View, n: int = TOP_EVENTS) -> pd.DataFrame:
    """The n events told by most reports (then the most recent), with date, place, participants, themes
    and their sources (title, source, published, url)."""
    ev = view.events.sort_values(["n_sources", "start_date"], ascending=[False, False], kind="stable",
                                 na_position="last").head(n)
    src = data.event_sources[data.event_sources["event_id"].isin(ev["event_id"])]
    docs = src.merge(data.documents[["doc_id", "title", "source", "published", "url"]], on="doc_id", how="left")
    sources = {e: g.sort_values("published", na_position="last").to_dict("records")
               for e, g in docs.groupby("event_id", sort=False)}
    out = ev[["event_id", "start_date", "end_date", "title", "event_type", "place", "participants",
              "organisations", "themes"]].copy()
    out["sources"] = [sources.get(e, []) for e in out["event_id"]]
    return out.reset_index(drop=True)


def _source_item(doc: Mapping[str, object]) -> str:
    title = esc(doc.get("title")) or esc(doc.get("doc_id")) or "(untitled)"
    url = http_url(doc.get("url"))
    link = f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{title}</a>' if url else title
    extra = ", ".join(x for x in (esc(doc.get("source")), _date(doc.get("published"))) if x)
    return f"<li>{link}{' (' + extra + ')' if extra else ''}</li>"


def events_table_html(top: pd.DataFrame) -> str:
    rows = []
    for r in top.itertuples(index=False):
        when = _date(r.start_date) or "date unknown"
        if pd.notna(r.end_date) and r.end_date != r.start_date:
            when += f" to {_date(r.end_date)}"
        actors = "; ".join(x for x in (esc(r.organisations), esc(r.participants)) if x)
        sources = "".join(_source_item(d) for d in r.sources)
        rows.append(
            f"<tr><td>{when}</td><td>{esc(r.title)}<br><small>{esc(r.event_type)}; {esc(r.themes)}</small></td>"
            f"<td>{esc(r.place) or 'place unknown'}</td><td>{actors}</td>"
            f'<td><ul class="sources">{sources}</ul></td></tr>'
        )
    head = "<tr><th>Date</th><th>Event</th><th>Place</th><th>Took part</th><th>Sources</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def chart_html(fig: go.Figure, title: str, image: Callable[[go.Figure], bytes] | None, first: bool) -> str:
    """One chart: a PNG inlined when `image` renders one, else the interactive figure (plotly.js inlined
    with the first chart only)."""
    if image is not None:
        try:
            png = base64.b64encode(image(fig)).decode("ascii")
            return f'<div class="chart"><img alt="{esc(title)}" src="data:image/png;base64,{png}"></div>'
        except Exception:  # noqa: BLE001 - a chart that cannot be rendered goes in as an interactive figure
            pass
    printable = go.Figure(fig)
    printable.update_layout(template="plotly_white", paper_bgcolor="white", plot_bgcolor="white")
    div = printable.to_html(full_html=False, include_plotlyjs=bool(first), config={"displaylogo": False})
    return f'<div class="chart">{div}</div>'


def default_image() -> Callable[[go.Figure], bytes] | None:
    """PNG rendering when a Chrome or Chromium is on the server (export.figure_image), else None."""
    if export.chrome_path() is None:
        return None
    return lambda fig: export.figure_image(fig, "png")


def brief_html(
    data: Data,
    view: View,
    state: FilterState,
    options: Options,
    figures: Mapping[str, go.Figure],
    image: Callable[[go.Figure], bytes] | None = None,
    title: str = "SCO–OSCE interactions: brief",
    made: dt.datetime | None = None,
) -> str:
    """The whole brief as one HTML document. `figures` maps each chart's caption to its figure; `image`
    renders a figure as PNG bytes (None: the charts go in as interactive HTML)."""
    made = made or dt.datetime.now().replace(microsecond=0)
    filters = "".join(f"<li>{esc(line)}</li>" for line in filters_in_words(state, options))
    figs = "".join(f'<div class="figure"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in key_figures(data, view).items())
    charts = "".join(
        f"<h3>{esc(name)}</h3>" + chart_html(fig, name, image, first=(i == 0 or image is not None))
        for i, (name, fig) in enumerate(figures.items())
    )
    top = top_events(data, view)
    n = len(view.events)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{esc(title)}</title><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<style>{STYLE}</style></head><body>"
        f"<h1>{esc(title)}</h1><p class=\"meta\">Made {made:%Y-%m-%d %H:%M} from the tables of the SCO–OSCE "
        "events dashboard. Every fact below comes from the reports listed as its sources.</p>"
        f"<h2>Filters</h2><ul>{filters}</ul>"
        f"<h2>Key figures</h2><div class=\"figures\">{figs}</div>"
        f"<h2>Charts</h2>{charts or '<p>No charts.</p>'}"
        f"<h2>Top events</h2><p class=\"meta\">The {min(n, TOP_EVENTS):,} of {n:,} events told by most reports, "
        f"then the most recent.</p>{events_table_html(top)}"
        "</body></html>\n"
    )


def brief_pdf(page: str, timeout: float = 120.0) -> bytes:
    """The brief as PDF, printed by the server's Chrome or Chromium (headless, from a temporary file, with
    network access off: the page needs none). Raises export.ExportUnavailableError without a browser and
    RuntimeError when the browser made no PDF."""
    browser = export.chrome_path()
    if browser is None:
        raise export.ExportUnavailableError("No Chrome or Chromium found to print the brief as PDF.")
    with tempfile.TemporaryDirectory(prefix="brief-") as tmp:
        src, out = Path(tmp) / "brief.html", Path(tmp) / "brief.pdf"
        src.write_text(page, encoding="utf-8")
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--no-pdf-header-footer",
            f"--user-data-dir={Path(tmp) / 'profile'}", "--proxy-server=127.0.0.1:9",  # nothing leaves the machine
            "--virtual-time-budget=10000", f"--print-to-pdf={out}", src.as_uri(),
        ]
        subprocess.run(command, timeout=timeout, check=False, capture_output=True)
        data = out.read_bytes() if out.is_file() else b""
    if not data.startswith(b"%PDF-"):
        raise RuntimeError("The browser did not print the brief as PDF.")
    return data


def standard_figures(view: View, country_names: Mapping[str, str] | None = None) -> dict[str, go.Figure]:
    """The brief's charts for a filtered view: events per year, themes, top organisations and the map."""
    from dashboard.services import charts, geo

    places, unplaced = geo.places(view.events, geo.gazetteer(), country_names)
    return {
        "Events per year": charts.counts_by_period(view.events, "year"),
        "Themes": charts.theme_frequencies(view.event_themes),
        "Organisations": charts.top_actors(view.event_participants, ORGANIZATION),
        "Where": geo.map_figure(places, unplaced),
    }
