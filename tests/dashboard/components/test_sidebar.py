"""components/sidebar.py: the filter widgets, in step with the address; the switch for actors only
mentioned offers them in the actor filters and writes mentioned=1."""

from __future__ import annotations

from tests.support.text import plain


def script(options) -> None:
    import streamlit as st

    from dashboard.components import sidebar, status

    state, notes = sidebar.show(options)
    status.notes(notes)
    st.text(f"mentioned={state.mentioned} orgs={list(state.orgs)} themes={list(state.themes)}")


def query(at) -> dict[str, list[str]]:
    return {k: v if isinstance(v, list) else [v] for k, v in at.query_params.items()}


def test_widgets_write_the_address(run, options) -> None:
    at = run(script, options=options)
    assert [w.label for w in at.sidebar.multiselect] == [
        "Themes", "Organisations", "Persons", "Event type", "Format", "State",
    ]
    assert "NATO" not in at.multiselect(key="f_org").options
    at.multiselect(key="f_theme").select("terrorism").run()
    assert query(at) == {"theme": ["terrorism"]}
    at.toggle(key="f_mentioned").set_value(True).run()
    assert query(at) == {"theme": ["terrorism"], "mentioned": ["1"]}
    assert "NATO (only mentioned)" in at.multiselect(key="f_org").options
    at.multiselect(key="f_org").select("NATO").run()
    assert at.text[0].value == "mentioned=True orgs=['NATO'] themes=['terrorism']"
    # Switched off again: NATO is no longer offered, so no longer chosen.
    at.toggle(key="f_mentioned").set_value(False).run()
    assert not at.exception
    assert at.text[0].value == "mentioned=False orgs=[] themes=['terrorism']"
    assert query(at) == {"theme": ["terrorism"]}


def test_address_sets_the_widgets(run, options) -> None:
    at = run(script, options=options, query={"org": "NATO", "mentioned": "1", "theme": "youth"})
    assert at.toggle(key="f_mentioned").value is True
    assert at.multiselect(key="f_org").value == ["NATO"]
    assert not at.warning


def test_actor_only_mentioned_needs_the_switch(run, options) -> None:
    at = run(script, options=options, query={"org": ["NATO", "SCO"]})
    assert at.multiselect(key="f_org").value == ["SCO"]
    assert "Ignored org 'NATO': only mentioned" in plain(at.warning[0].value)
    assert query(at) == {"org": ["SCO"]}


def test_hostile_address_values_are_notes_in_plain_text(run, options) -> None:
    at = run(script, options=options, query={
        "org": ["[Session expired](https://example.org/login)", *(f"x{i}" for i in range(500))],
        "start": "2021-02-30",
        "q": "**bold**",
    })
    notes = [w.value for w in at.warning]
    assert plain(notes[0]) == "Ignored start '2021-02-30': there is no such date."
    assert plain(notes[1]) == (
        "Ignored unknown org value(s): '[Session expired](https://example.org/login)', 'x0', 'x1' and 498 more."
    )
    assert "\\[Session expired\\]\\(https\\:\u2060" in notes[1]
    assert at.text_input(key="f_q").value == "**bold**"  # a text box shows it as typed
    assert query(at) == {"q": ["**bold**"]}


def corrected_script(options) -> None:
    import streamlit as st

    from dashboard.components import sidebar

    state, _ = sidebar.show(options)
    st.text(f"corrected={state.corrected}")


def test_corrected_only_switch(run, options) -> None:
    at = run(corrected_script, options=options)
    switch = next(t for t in at.sidebar.toggle if t.label == "Only events with corrected facts")
    assert switch.value is False and "(2 in these tables)" in switch.help
    assert at.text[0].value == "corrected=False"
    switch.set_value(True).run()
    assert at.text[0].value == "corrected=True"
    assert query(at) == {"corrected": ["1"]}
    at.button(key="reset_sidebar").click().run()
    assert at.text[0].value == "corrected=False"


def test_a_chosen_actor_has_a_button_to_its_own_page(run, options) -> None:
    at = run(script, options=options)
    assert not [b for b in at.sidebar.button if b.label.startswith("Open the page of")]
    at.multiselect(key="f_org").select("SCO").run()
    buttons = [b for b in at.sidebar.button if b.label.startswith("Open the page of")]
    assert [plain(b.label) for b in buttons] == ["Open the page of SCO"]
    buttons[0].click().run()
    assert query(at)["actor"] == ["SCO"] and query(at)["tab"] == ["actor"]
    assert query(at)["org"] == ["SCO"]  # the filters are kept
