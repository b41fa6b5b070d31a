"""The whole Streamlit page driven headlessly with AppTest: widgets, URL parameters, counts, empty states.

Each component also has its own AppTest in tests/dashboard/components/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.support.text import plain

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
FIXTURES = ROOT / "tests" / "fixtures" / "tables"


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DASHBOARD_DATA", str(FIXTURES))

    def make(**query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params.update(query)
        return at.run()

    return make


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def query(at: AppTest) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_overview_counts(app) -> None:
    at = app()
    assert_clean(at)
    assert metrics(at) == {"Events": "12", "Participants": "28", "Organisations": "11", "Themes": "24"}
    assert any("2004-09-19" in c.value and "2024-10-27" in c.value for c in at.caption)
    # Only the open tab (the first) is drawn: the timeline and the counts per period.
    assert [c.key for c in at.get("plotly_chart")] == ["chart-timeline", "chart-counts"]
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("PNG") == labels.count("SVG") == labels.count("HTML") == 2
    assert query(at) == {}
    assert [t.label for t in at.tabs] == ["Timeline", "Participation", "Themes", "Actor", "Compare periods",
                                          "Map", "Events", "Downloads"]


def test_theme_widget_filters_and_writes_url(app) -> None:
    at = app()
    at.multiselect(key="f_theme").select("terrorism").run()
    assert_clean(at)
    assert metrics(at)["Events"] == "4"
    assert query(at) == {"theme": ["terrorism"]}
    at.multiselect(key="f_theme").select("youth").run()
    assert metrics(at)["Events"] == "4"
    at.radio(key="f_theme_match").set_value("all of").run()
    assert metrics(at)["Events"] == "2"
    assert query(at) == {"theme": ["terrorism", "youth"], "theme_match": ["all"]}


def test_other_widgets(app) -> None:
    at = app()
    at.multiselect(key="f_org").select("SCO").run()
    assert metrics(at)["Events"] == "11"
    at.date_input(key="f_start").set_value(dt.date(2020, 1, 1)).run()
    assert metrics(at)["Events"] == "5"  # SCO events from 2020 on
    assert query(at) == {"start": ["2020-01-01"], "org": ["SCO"]}
    at.multiselect(key="f_person").select("Vladimir Norov").run()
    assert metrics(at)["Events"] == "1"
    at.text_input(key="f_q").input("nothing like this").run()
    assert_clean(at)
    assert [w.value for w in at.warning] == ["No events match these filters."]
    assert not at.metric  # no misleading zero metrics and charts
    at.button(key="reset_empty").click().run()
    assert metrics(at)["Events"] == "12"
    assert query(at) == {}


def test_url_sets_the_widgets(app) -> None:
    at = app(theme=["elections"], start="2010-01-01", country="UZB")
    assert_clean(at)
    assert metrics(at)["Events"] == "1"
    assert at.multiselect(key="f_theme").value == ["elections"]
    assert at.date_input(key="f_start").value == dt.date(2010, 1, 1)
    assert at.multiselect(key="f_country").value == ["UZB"]
    assert not at.warning


def test_bad_url_values_are_dropped_with_a_note(app) -> None:
    at = app(theme=["terrorism", "no-such-theme"], end="31/12/2020", colour="red")
    assert_clean(at)
    notes = plain(" ".join(w.value for w in at.warning))
    assert "no-such-theme" in notes and "31/12/2020" in notes and "colour" in notes
    assert metrics(at)["Events"] == "4"
    assert query(at) == {"theme": ["terrorism"]}  # the URL is rewritten without the bad values


def test_url_change_from_outside_wins(app) -> None:
    # What back/forward or a pasted link does: the query string changes and the script reruns.
    at = app()
    at.multiselect(key="f_theme").select("terrorism").run()
    assert metrics(at)["Events"] == "4"
    at.query_params.clear()
    at.query_params["theme"] = "elections"
    at.run()
    assert at.multiselect(key="f_theme").value == ["elections"]
    assert metrics(at)["Events"] == "2"
    at.query_params.clear()
    at.run()
    assert at.multiselect(key="f_theme").value == []
    assert metrics(at)["Events"] == "12"


def test_event_details_show_sources_and_highlighted_text(app) -> None:
    at = app(tab="events")
    at.selectbox(key="event_pick").set_value("ev-2020-osce-asrc").run()
    assert_clean(at)
    assert "SCO Secretary-General at the OSCE Security Review Conference" in [plain(s.value) for s in at.subheader]
    md = " ".join(m.value for m in at.markdown)
    assert "https://example.org/sco/2020-asrc" in md  # source link
    # Nine mentions in the two reports; "Afghanistan" supports a theme and a state with one span.
    assert md.count("<mark") == 8
    assert 'title="theme: Health"' in md


def test_colour_by_and_period(app) -> None:
    at = app()
    at.radio(key="colour_by").set_value("Leading organisation").run()
    at.radio(key="period").set_value("month").run()
    assert_clean(at)
    assert at.radio(key="period").value == "month"


def test_no_tables_explains_how_to_build(app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path))
    at = app()
    assert_clean(at)
    info = plain(" ".join(i.value for i in at.info))
    assert "python -m etl build" in info and "events" in info
    assert not at.get("plotly_chart")


def test_unreadable_table_is_explained(app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for f in FIXTURES.glob("*.csv"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "events.parquet").write_bytes(b"garbage")
    monkeypatch.setenv("DASHBOARD_DATA", str(tmp_path))
    at = app()
    assert not at.exception
    assert "could not be read" in at.error[0].value and "events.parquet" in plain(at.error[0].value)


def test_chart_toolbar_file_names_say_what_and_filters(app) -> None:
    import json

    names = []
    for tab in ("timeline", "participation", "themes"):
        at = app(theme="terrorism", org="SCO", tab=tab)
        names += [json.loads(c.proto.config)["toImageButtonOptions"]["filename"] for c in at.get("plotly_chart")]
        # Images are rendered only on click: the PNG/SVG buttons are deferred downloads, holding no data yet.
        png = [b for b in at.get("download_button") if b.proto.label == "PNG"]
        assert png and all(b.proto.deferred_file_id for b in png)
    assert names[0] == "sco-osce_timeline_theme-terrorism_org-sco"
    assert "sco-osce_themes-by-year_theme-terrorism_org-sco" in names
    assert len(names) == 10 and len(set(names)) == len(names)  # every chart has its own name


def test_actors_only_mentioned_through_the_address(app) -> None:
    at = app(mentioned="1")
    assert_clean(at)
    assert metrics(at)["Participants"] == "29"  # NATO, only named, counts too
    assert at.toggle(key="f_mentioned").value is True
    at.toggle(key="f_mentioned").set_value(False).run()
    assert metrics(at)["Participants"] == "28"
    assert query(at) == {}


# ------------------------------------------------------------------------------- lazy tabs, tab in the URL

VIEWS = ("timeline", "participation", "themes", "events_table", "event_details", "downloads")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Which components' show() ran: each is wrapped so that its calls are recorded, then runs as usual."""
    import importlib

    seen: list[str] = []
    for name in VIEWS:
        module = importlib.import_module(f"dashboard.components.{name}")
        real = module.show

        def spy(*args, _real=real, _name=name, **kwargs):
            seen.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, "show", spy)
    return seen


def test_only_the_open_tab_is_computed(app, calls: list[str]) -> None:
    at = app()
    assert_clean(at)
    assert calls == ["timeline"]  # the closed tabs' components never ran
    assert at.session_state["tab"] == "Timeline"
    calls.clear()
    at.session_state["tab"] = "Themes"  # what a click on the tab sends
    at.run()
    assert_clean(at)
    assert calls == ["themes"]
    assert [c.key for c in at.get("plotly_chart")] == ["chart-theme-freq", "chart-theme-year", "chart-theme-co"]
    assert query(at) == {"tab": ["themes"]}  # a copied link opens the same tab
    calls.clear()
    at.session_state["tab"] = "Downloads"
    at.run()
    assert calls == ["downloads"]
    assert not at.get("plotly_chart")
    # Nothing heavy before it is asked for: the downloads are deferred, built on click only.
    assert all(b.proto.deferred_file_id for b in at.get("download_button"))


def test_tab_from_the_url(app, calls: list[str]) -> None:
    at = app(tab="events", theme="elections")
    assert_clean(at)
    assert calls == ["events_table", "event_details"]
    assert at.session_state["tab"] == "Events"
    assert len(at.dataframe[0].value) == 2
    assert query(at) == {"theme": ["elections"], "tab": ["events"]}
    # Back to the plain address (the browser's back button): the first tab again.
    calls.clear()
    at.query_params.clear()
    at.run()
    assert calls == ["timeline"] and at.session_state["tab"] == "Timeline"
    assert query(at) == {}


def test_unknown_tab_in_the_url_is_a_note(app, calls: list[str]) -> None:
    at = app(tab="<b>nope</b>")
    assert_clean(at)
    assert "Ignored tab '<b>nope</b>': the tabs are timeline, participation" in plain(at.warning[0].value)
    assert calls == ["timeline"]
    assert query(at) == {}


def test_tab_survives_a_filter_change_and_nothing_matching(app) -> None:
    at = app(tab="participation")
    at.multiselect(key="f_theme").select("terrorism").run()
    assert query(at) == {"theme": ["terrorism"], "tab": ["participation"]}
    at.text_input(key="f_q").input("nothing like this").run()
    assert [w.value for w in at.warning] == ["No events match these filters."]
    at.text_input(key="f_q").input("").run()
    assert at.session_state["tab"] == "Participation"
    assert query(at) == {"theme": ["terrorism"], "tab": ["participation"]}


# ------------------------------------------------------------------------------- the paged events table


def test_events_table_pages_through_the_address(app) -> None:
    at = app(tab="events", rows="50")
    assert_clean(at)
    assert at.selectbox(key="table_rows").value == 50
    assert at.number_input(key="table_page").value == 1
    assert len(at.dataframe[0].value) == 12  # 12 events: one page
    assert query(at) == {"tab": ["events"], "rows": ["50"]}
    # A page beyond the last (an old link) shows the last page, and the address follows.
    at = app(tab="events", page="7")
    assert_clean(at)
    assert at.number_input(key="table_page").value == 1
    assert query(at) == {"tab": ["events"]}
    at = app(tab="events", page="two", rows="7")
    notes = plain(" ".join(w.value for w in at.warning))
    assert "Ignored page 'two'" in notes and "Ignored rows '7': rows per page are 50, 100, 500, 1000" in notes
