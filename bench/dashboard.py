"""Benchmark the dashboard on synthetic tables: load time and redraw time (filter + build figures), and with
--browser the page as a user meets it in headless Chromium, beside a bare Streamlit page with one chart.

Run it as a module from the repository root (it uses the browser test's harness in tests/support/):

    python -m bench.dashboard --browser        # 100,000 events (Parquet, temp folder) and the shipped reports
    python -m bench.dashboard --events 20000 --keep DIR
    python -m bench.dashboard --data DIR --browser   # measure existing tables instead

It writes events, documents, event_sources, participants, event_participants, themes, event_themes and
mentions (same columns as the data contract) and then measures, each the median of --repeat runs:
  * load: reading the tables and preparing the joins (what the app caches once per tables folder);
  * redraw: applying one set of filters and building the figures of the Timeline tab (what the first page
    computes) and of every tab, plus serialising them to JSON (what Streamlit sends to the browser);
  * a full Streamlit script run and a rerun after a filter change, headless through AppTest (the open tab);
  * with --browser: the first page and a redraw after a theme change in headless Chromium, for the synthetic
    events and the tables of the shipped reports (built by the ETL into a temp folder, or --shipped DIR),
    taking turns with a bare Streamlit page with one chart (bench/bare_app.py), and the ratio between them;
    and each page's first visit after its server started (cold), as soon as the server answers and
    --cold-wait seconds later (the dashboard starts reading its tables when its server starts).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.services import charts
from dashboard.services.colours import KNOWN_ORGS, KNOWN_THEMES
from dashboard.services.data import load_data
from dashboard.services.filters import FilterState, apply_filters, options_from
from etl.contract import EVENT_TYPES, FORMATS, INVOLVEMENTS

ROOT = Path(__file__).resolve().parents[1]

STATES = [
    "KAZ",
    "KGZ",
    "TJK",
    "TKM",
    "UZB",
    "RUS",
    "CHN",
    "IND",
    "PAK",
    "IRN",
    "AFG",
    "MNG",
    "BLR",
    "AUT",
    "CHE",
    "DEU",
    "FRA",
    "TUR",
    "AZE",
    "ARM",
    "GEO",
    "UKR",
    "POL",
    "SWE",
    "FIN",
    "ITA",
    "ESP",
    "USA",
    "CAN",
    "GBR",
]
CITIES = [
    "Vienna",
    "Beijing",
    "Astana",
    "Tashkent",
    "Dushanbe",
    "Bishkek",
    "Ashgabat",
    "Moscow",
    "Geneva",
    "New York",
    "Warsaw",
    "Almaty",
]


def _strings(prefix: str, idx: np.ndarray) -> pa.Array:
    return pa.array(np.char.add(prefix, idx.astype(str)))


def generate(folder: Path, n_events: int, seed: int = 7) -> dict[str, int]:
    """Write synthetic tables into `folder`; return row counts."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    n_persons = 2_000
    ev_idx = np.arange(n_events)
    days = rng.integers(0, (dt.date(2024, 12, 31) - dt.date(2004, 1, 1)).days, n_events)
    start = np.datetime64("2004-01-01") + days.astype("timedelta64[D]")
    long = rng.random(n_events) < 0.2
    end = np.where(long, start + rng.integers(1, 4, n_events).astype("timedelta64[D]"), np.datetime64("NaT"))
    types = np.array(EVENT_TYPES)[rng.integers(0, len(EVENT_TYPES), n_events)]
    cities = np.array(CITIES)[rng.integers(0, len(CITIES), n_events)]
    countries = np.array(STATES)[rng.integers(0, len(STATES), n_events)]
    orgs = np.array(KNOWN_ORGS)
    titles = np.char.add(np.char.add(np.char.add(types, " in "), cities), np.char.add(" #", ev_idx.astype(str)))
    pq.write_table(
        pa.table(
            {
                "event_id": _strings("e", ev_idx),
                "title": pa.array(titles),
                "start_date": pa.array(start.astype("datetime64[D]").astype(dt.date), pa.date32()),
                "end_date": pa.array(
                    [None if np.isnat(e) else e.astype(dt.date) for e in end.astype("datetime64[D]")],
                    pa.date32(),
                ),
                "date_precision": pa.array(np.full(n_events, "day")),
                "event_type": pa.array(types),
                "city": pa.array(cities),
                "country": pa.array(countries),
                "format": pa.array(np.array(FORMATS)[rng.integers(0, len(FORMATS), n_events)]),
                "n_sources": pa.array(np.ones(n_events, dtype=np.int64)),
                "leading_org": pa.array(orgs[rng.integers(0, 3, n_events)]),
            }
        ),
        folder / "events.parquet",
    )

    texts = np.char.add("Report on ", titles)
    pq.write_table(
        pa.table(
            {
                "doc_id": _strings("d", ev_idx),
                "file": pa.array(np.char.add(_np("r", ev_idx), ".txt")),
                "title": pa.array(titles),
                "url": pa.array(np.char.add("https://example.org/", ev_idx.astype(str))),
                "source": pa.array(np.full(n_events, "synthetic")),
                "published": pa.array(start.astype("datetime64[D]").astype(dt.date), pa.date32()),
                "text": pa.array(texts),
                "n_chars": pa.array(np.char.str_len(texts).astype(np.int64)),
            }
        ),
        folder / "documents.parquet",
    )
    pq.write_table(
        pa.table({"event_id": _strings("e", ev_idx), "doc_id": _strings("d", ev_idx)}),
        folder / "event_sources.parquet",
    )

    # Participants: organisations, states, persons affiliated with an organisation.
    p_ids = (
        [f"o{i}" for i in range(len(orgs))]
        + [f"s{i}" for i in range(len(STATES))]
        + [f"p{i}" for i in range(n_persons)]
    )
    pq.write_table(
        pa.table(
            {
                "participant_id": p_ids,
                "name": list(orgs) + [f"State {s}" for s in STATES] + [f"Person {i}" for i in range(n_persons)],
                "kind": ["organization"] * len(orgs) + ["state"] * len(STATES) + ["person"] * n_persons,
                "short_name": list(orgs) + STATES + [None] * n_persons,
                "affiliation": [None] * (len(orgs) + len(STATES)) + list(orgs[rng.integers(0, len(orgs), n_persons)]),
            }
        ),
        folder / "participants.parquet",
    )
    # Per event: SCO or OSCE always, plus one or two other organisations, a state and two persons.
    org_a = rng.integers(0, 2, n_events)
    org_b = rng.integers(2, len(orgs), n_events)
    state = len(orgs) + rng.integers(0, len(STATES), n_events)
    pers = len(orgs) + len(STATES) + (rng.zipf(1.6, (n_events, 2)) % n_persons)
    ev_col = np.concatenate([ev_idx] * 5)
    p_col = np.concatenate([org_a, org_b, state, pers[:, 0], pers[:, 1]])
    p_ids_arr = np.array(p_ids)
    ep = {
        "event_id": _strings("e", ev_col),
        "participant_id": pa.array(p_ids_arr[p_col]),
        "role": pa.array(np.where(p_col >= len(orgs) + len(STATES), "Secretary-General", None)),
        # One participation in twenty is an actor only mentioned.
        "involvement": pa.array(np.array(INVOLVEMENTS)[(rng.random(len(ev_col)) < 0.05).astype(int)]),
        "mentions": pa.array(rng.integers(1, 5, len(ev_col)).astype(np.int64)),
        "evidence": pa.array(np.full(len(ev_col), "A synthetic evidence sentence.")),
    }
    pq.write_table(pa.table(ep), folder / "event_participants.parquet")

    themes = list(KNOWN_THEMES)
    pq.write_table(
        pa.table(
            {
                "theme_id": themes,
                "label": [t.replace("-", " ").capitalize() for t in themes],
                "parent_id": [None] * len(themes),
                "description": ["synthetic"] * len(themes),
            }
        ),
        folder / "themes.parquet",
    )
    k = rng.integers(1, 5, n_events)  # 1-4 themes per event, popular ones more often
    et_ev = np.repeat(ev_idx, k)
    weights = 1 / np.arange(1, len(themes) + 1)
    et_th = rng.choice(len(themes), size=len(et_ev), p=weights / weights.sum())
    pairs = np.unique(np.stack([et_ev, et_th], axis=1), axis=0)
    pq.write_table(
        pa.table(
            {
                "event_id": _strings("e", pairs[:, 0]),
                "theme_id": pa.array(np.array(themes)[pairs[:, 1]]),
                "mentions": pa.array(np.ones(len(pairs), dtype=np.int64)),
                "score": pa.array(rng.random(len(pairs))),
                "evidence": pa.array(np.full(len(pairs), "Evidence.")),
            }
        ),
        folder / "event_themes.parquet",
    )
    pq.write_table(
        pa.table(
            {
                "doc_id": _strings("d", ev_idx),
                "ref_type": pa.array(np.full(n_events, "place")),
                "ref_id": pa.array(cities),
                "start": pa.array(np.full(n_events, 0, dtype=np.int64)),
                "end": pa.array(np.full(n_events, 6, dtype=np.int64)),
                "text": pa.array(np.full(n_events, "Report")),
            }
        ),
        folder / "mentions.parquet",
    )
    return {
        "events": n_events,
        "event_participants": len(ev_col),
        "event_themes": len(pairs),
        "participants": len(p_ids),
    }


def _np(prefix: str, idx: np.ndarray) -> np.ndarray:
    return np.char.add(prefix, idx.astype(str))


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times = []
    result = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


SCENARIOS: dict[str, FilterState] = {
    "no filter": FilterState(),
    "theme=terrorism": FilterState(themes=("terrorism",)),
    "themes all of (terrorism, extremism)": FilterState(themes=("terrorism", "extremism"), theme_match="all"),
    "org=SCO, 2015-2020": FilterState(orgs=("SCO",), start=dt.date(2015, 1, 1), end=dt.date(2020, 12, 31)),
    "q=vienna, type=meeting": FilterState(q="vienna", types=("meeting",)),
}


def redraw(data, state: FilterState, only_timeline_tab: bool = False) -> tuple[int, int]:
    view = apply_filters(data, state)
    if only_timeline_tab:
        figs = {"timeline": charts.timeline(view.events), "counts": charts.counts_by_period(view.events)}
    else:
        figs = charts.all_figures(view.events, view.event_participants, view.event_themes)
    size = sum(len(f.to_json()) for f in figs.values())
    return len(view.events), size


def apptest_rerun(folder: Path, timeout: float) -> tuple[float, float]:
    """Seconds for the first full script run (loading included) and for a rerun after a theme change."""
    os.environ["DASHBOARD_DATA"] = str(folder)
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=timeout)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception[0].value)
    at.multiselect(key="f_theme").select("terrorism")
    t0 = time.perf_counter()
    at.run()
    rerun = time.perf_counter() - t0
    return first, rerun


def _settle(page) -> None:
    """Wait until the run that has started is over and drawn: no element marked stale (Streamlit marks the
    elements not yet redrawn data-stale="true"), the "running" widget gone, and every Plotly chart on the
    page drawn (its SVG present)."""
    page.wait_for_function(
        """() => !document.querySelector('[data-stale="true"]') &&
                 [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                   .every(c => c.querySelector('.main-svg'))""",
        timeout=300_000,
        polling=50,
    )
    page.get_by_test_id("stStatusWidget").wait_for(state="hidden", timeout=300_000)


def _first_page(browser, url: str, ready: str) -> tuple[float, object]:
    """Seconds from opening `url` in a new tab until the page is drawn (`ready` shown and settled)."""
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    t0 = time.perf_counter()
    page.goto(url)
    page.locator(ready).first.wait_for(timeout=300_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=300_000)
    _settle(page)
    return time.perf_counter() - t0, page


def _theme_redraw(page) -> tuple[float, str]:
    """Seconds from choosing the theme "Terrorism" in the sidebar until the page is redrawn."""
    from playwright.sync_api import expect

    events = page.get_by_test_id("stMetric").filter(has_text="Events").get_by_test_id("stMetricValue")
    before = events.inner_text()
    themes = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text="Themes")
    themes.locator("input").click()
    page.keyboard.type("Terrorism")
    t0 = time.perf_counter()
    page.keyboard.press("Enter")
    expect(events).not_to_have_text(before, timeout=300_000)
    _settle(page)
    return time.perf_counter() - t0, f"{before} -> {events.inner_text()} events"


def _bare_redraw(page) -> tuple[float, str]:
    """Seconds from choosing the bare page's other series until its chart is redrawn."""
    from playwright.sync_api import expect

    title = page.locator(".js-plotly-plot .gtitle").first
    t0 = time.perf_counter()
    page.get_by_text("second", exact=True).click()
    expect(title).to_have_text("The second series", timeout=300_000)
    _settle(page)
    return time.perf_counter() - t0, "another series"


def _cold_visit(browser, folder: Path | None, source: Path | None, wait: float) -> float:
    """Seconds of the first visit to a server of its own, started for it, `wait` seconds after the server
    answered (0: at once)."""
    from tests.support.browser import running_app

    bare_app = ROOT / "bench" / "bare_app.py"
    app = running_app(folder, script=bare_app) if folder is None else running_app(folder, source=source)
    with app as url:
        time.sleep(wait)
        ready = ".js-plotly-plot" if folder is None else '[data-testid="stMetric"]'
        seconds, page = _first_page(browser, url, ready)
        page.close()
    return seconds


def browser_timings(
    apps: list[tuple[str, Path | None]],
    repeat: int,
    sources: dict[str, Path] | None = None,
    cold_wait: float = 10,
    cold_repeat: int = 1,
) -> list[str]:
    """Every app side by side in headless Chromium: first page and redraw, `repeat` rounds taking turns.

    `apps` is a list of (name, tables folder); a folder of None is the bare page (bench/bare_app.py), the
    yardstick. Each round opens each app in a new tab and times the first page (until every element is
    drawn and the run has ended), then a redraw (the theme "Terrorism" chosen in the sidebar; on the bare
    page, the other series). Before the rounds, each app's first visit after its server started ("cold":
    imports and, for the dashboard, reading the tables) is timed on a server started for it alone, once
    as soon as the server answers and once `cold_wait` seconds later, which is what a user meets who opens
    the page a moment after starting the server (the dashboard reads its tables when the server starts);
    each the median of `cold_repeat` servers, the apps taking turns.
    `sources` maps an app's name to a folder with another version's `dashboard` and `etl` packages, run
    instead of this one. Returns printable lines.
    """
    sources = sources or {}
    from contextlib import ExitStack

    from playwright.sync_api import sync_playwright

    from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, running_app

    bare_app = ROOT / "bench" / "bare_app.py"
    cold: dict[str, list[float]] = {name: [] for name, _ in apps}
    cold_later: dict[str, list[float]] = {name: [] for name, _ in apps}
    first: dict[str, list[float]] = {name: [] for name, _ in apps}
    redraw: dict[str, list[float]] = {name: [] for name, _ in apps}
    what: dict[str, str] = {}
    with ExitStack() as stack, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(cold_repeat):
            for name, folder in apps:
                cold[name].append(_cold_visit(browser, folder, sources.get(name), 0))
                cold_later[name].append(_cold_visit(browser, folder, sources.get(name), cold_wait))
        urls = {
            name: stack.enter_context(
                running_app(folder, script=bare_app)
                if folder is None
                else running_app(folder, source=sources.get(name))
            )
            for name, folder in apps
        }
        # Round 0 warms every server up (its first visit is the cold one, timed above); it is not counted.
        for round_ in range(repeat + 1):
            for name, folder in apps:
                ready = ".js-plotly-plot" if folder is None else '[data-testid="stMetric"]'
                seconds, page = _first_page(browser, urls[name], ready)
                if round_ > 0:
                    first[name].append(seconds)
                    seconds, what[name] = (_bare_redraw if folder is None else _theme_redraw)(page)
                    redraw[name].append(seconds)
                page.close()
        browser.close()
    bare = statistics.median(first[apps[0][0]])
    later = f"+{cold_wait:g}s"
    lines = [
        f"headless Chromium, median of {repeat} rounds taking turns; first page in a new tab; cold = the first "
        f"visit after the server started, at once and {cold_wait:g} s after it answered (median of {cold_repeat})",
        f"{'page':56} {'cold':>6} {'cold ' + later:>9} {'first page':>11} {'ratio to bare':>14} {'redraw':>7}  "
        "redraw of",
    ]
    for name, _ in apps:
        f = statistics.median(first[name])
        r = statistics.median(redraw[name])
        lines.append(
            f"{name:56} {statistics.median(cold[name]):>5.2f}s {statistics.median(cold_later[name]):>8.2f}s "
            f"{f:>10.2f}s {f / bare:>14.2f} {r:>6.2f}s  {what[name]}"
        )
    return lines


def shipped_tables(folder: Path) -> Path:
    """The ETL's tables from the shipped reports (data/reports), built into `folder`."""
    from etl.build import build

    result = build(ROOT / "data" / "reports", folder, progress=False)
    if result.tables is None:
        raise RuntimeError("the ETL built no tables from data/reports")
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="write the tables here and keep them")
    ap.add_argument("--data", type=Path, help="measure this existing tables folder instead (e.g. data/processed)")
    ap.add_argument("--no-apptest", action="store_true", help="skip the full Streamlit rerun measurement")
    ap.add_argument(
        "--browser",
        action="store_true",
        help="also time the real app in headless Chromium, beside a bare Streamlit page with one chart",
    )
    ap.add_argument(
        "--shipped",
        type=Path,
        help="with --browser: the tables of the shipped reports (default: built by the ETL from data/reports "
        "into a temp folder)",
    )
    ap.add_argument("--browser-repeat", type=int, default=5, help="rounds of browser timings (default 5)")
    ap.add_argument(
        "--cold-wait",
        type=float,
        default=10,
        help="with --browser: seconds between the server answering and the second cold visit (default 10)",
    )
    ap.add_argument(
        "--cold-repeat", type=int, default=1, help="with --browser: servers started for each cold visit (default 1)"
    )
    ap.add_argument(
        "--compare-with",
        type=Path,
        metavar="DIR",
        help="with --browser: also time another version of the dashboard on the same tables, from a folder "
        "holding its dashboard/ and etl/ (e.g. `git archive REV dashboard etl | tar -x -C DIR`)",
    )
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.data:
            folder = args.data
            rows = {}
        else:
            folder = args.keep or Path(tmp) / "tables"
            t0 = time.perf_counter()
            rows = generate(folder, args.events)
            print(f"generated {', '.join(f'{v:,} {k}' for k, v in rows.items())} in {time.perf_counter() - t0:.1f} s")

        load_s, data = timed(lambda: load_data(folder), args.repeat)
        opt_s, _ = timed(lambda: options_from(data), args.repeat)
        print(f"load tables + joins: {load_s:.2f} s (median of {args.repeat}); filter options: {opt_s:.2f} s")
        print(
            f"{'scenario':40} {'events':>8} {'filter':>8} {'tab+json':>9} {'KB':>6} "
            f"{'all figs':>9} {'+json':>8} {'KB':>6}"
        )
        for name, state in SCENARIOS.items():
            f_s, view = timed(lambda state=state: apply_filters(data, state), args.repeat)
            t_s, (n, tab_size) = timed(lambda state=state: redraw(data, state, True), args.repeat)
            b_s, _ = timed(
                lambda view=view: charts.all_figures(view.events, view.event_participants, view.event_themes),
                args.repeat,
            )
            r_s, (n, size) = timed(lambda state=state: redraw(data, state), args.repeat)
            print(
                f"{name:40} {n:>8,} {f_s:>7.2f}s {t_s:>8.2f}s {tab_size / 1e3:>6,.0f} "
                f"{b_s:>8.2f}s {r_s:>7.2f}s {size / 1e3:>6,.0f}"
            )
        if not args.no_apptest:
            first, rerun = apptest_rerun(folder, timeout=600)
            print(
                f"full Streamlit script run (AppTest): first {first:.2f} s incl. loading; "
                f"rerun after a theme change {rerun:.2f} s"
            )
        if args.browser:
            apps: list[tuple[str, Path | None]] = [("bare Streamlit page, one chart", None)]
            if args.data:
                apps.append((f"dashboard, {folder.name} ({len(data.events):,} events)", folder))
            else:
                shipped = args.shipped or shipped_tables(Path(tmp) / "shipped")
                n_shipped = len(load_data(shipped).events)
                apps.append((f"dashboard, shipped reports ({n_shipped:,} events)", shipped))
                apps.append((f"dashboard, synthetic ({len(data.events):,} events)", folder))
            sources: dict[str, Path] = {}
            if args.compare_with:
                for name, app_folder in list(apps[1:]):
                    other = f"{name}, {args.compare_with.name}"
                    apps.append((other, app_folder))
                    sources[other] = args.compare_with.resolve()
            for line in browser_timings(apps, args.browser_repeat, sources, args.cold_wait, args.cold_repeat):
                print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
