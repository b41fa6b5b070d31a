"""components/status.py: the messages shown instead of the page, with folder names and notes escaped."""

from __future__ import annotations

from pathlib import Path

from tests.support.text import plain


def no_tables_script(folder) -> None:
    from dashboard.components import status

    status.no_tables(folder, ["events", "themes"])


def test_no_tables_names_the_folder_as_text(run) -> None:
    folder = Path("/data/**bold**/[x](https://example.org)")
    at = run(no_tables_script, folder=folder)
    info = at.info[0].value
    assert "python -m etl build" in info and "events, themes" in plain(info)
    assert "\\*\\*bold\\*\\*" in info and "\\[x\\]\\(https\\:\u2060" in info
    assert str(folder) in plain(info)


def notes_and_failure_script(notes, exc) -> None:
    from dashboard.components import status

    status.notes(notes)
    status.failure(exc)


def test_notes_and_failures_are_plain_text(run) -> None:
    at = run(notes_and_failure_script, notes=["Ignored org '<b>x</b>'."], exc=ValueError("**boom** `x`"))
    assert at.warning[0].value == "Ignored org \\'\\<b\\>x\\<\\/b\\>\\'\\."
    error = at.error[0].value
    assert error.startswith("Something went wrong while drawing the dashboard: ValueError: \\*\\*boom\\*\\* \\`x\\`.")
    assert "Traceback" not in error


def nothing_matches_script(options) -> None:
    import streamlit as st

    from dashboard.components import status

    st.session_state.setdefault("f_theme", ["terrorism"])
    status.nothing_matches(options)
    st.text(f"themes={st.session_state['f_theme']}")


def test_nothing_matches_offers_a_reset(run, options) -> None:
    at = run(nothing_matches_script, options=options)
    assert at.warning[0].value == "No events match these filters."
    assert at.text[0].value == "themes=['terrorism']"
    at.button(key="reset_empty").click().run()
    assert at.text[0].value == "themes=[]"
