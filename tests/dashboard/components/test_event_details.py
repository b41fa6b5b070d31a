"""components/event_details.py: sources with links, participants with their involvement, themes,
figures and highlighted texts; text from reports shown as text, links only to http(s) addresses."""

from __future__ import annotations

import dataclasses

from tests.support.text import plain


def script(data, options, eid) -> None:
    from dashboard.components import event_details

    event_details.show(data, eid, options)


def test_sources_participants_and_text(run, data, options) -> None:
    at = run(script, data=data, options=options, eid="ev-2020-osce-asrc")
    assert plain(at.subheader[0].value) == "SCO Secretary-General at the OSCE Security Review Conference"
    assert plain(at.caption[0].value) == "2020-06-24 · conference · place unknown · format: video"
    sources = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "](https://example.org/sco/2020-asrc)" in sources  # the one source with a URL links to it
    assert sources.count("](") == 1
    assert "file 2020/d-2020-osce-asrc-2.txt" in plain(sources)
    assert [plain(e.label) for e in at.expander] == [
        "SCO Secretary-General addresses OSCE Security Review Conference",
        "Norov speaks at OSCE conference",
        "Suggest a correction",  # last: components/suggest_correction.py
    ]
    texts = " ".join(m.value for m in at.markdown if "report-text" in m.value)
    assert texts.count("<mark") == 8


def test_participants_show_their_involvement(run, data, options) -> None:
    at = run(script, data=data, options=options, eid="ev-2023-video-consultation")
    people = at.dataframe[0].value
    assert list(people.columns) == ["name", "kind", "role", "involvement", "confidence", "corrected", "page",
                                    "evidence"]
    rows = dict(zip(people["name"], people["involvement"], strict=True))
    assert rows["North Atlantic Treaty Organization"] == "mentioned"
    assert rows["Helga Schmid"] == "took-part"
    assert list(people["involvement"])[-1] == "mentioned"  # those that took part first
    pages = dict(zip(people["name"], people["page"], strict=True))
    assert pages["Helga Schmid"] == "?tab=actor&actor=Helga+Schmid"  # each actor's own page


def _hostile(data, eid: str):
    """The fixture data with an event's title and its report's title, source, URL and file replaced."""
    events = data.events.copy()
    events.loc[events["event_id"] == eid, "title"] = "**bold** title `code` <b>html</b>"
    docs = data.documents.copy()
    doc = docs["doc_id"] == f"d-{eid[3:]}-1"
    docs.loc[doc, "title"] = "[Session expired](https://example.org/login) **bold**"
    docs.loc[doc, "source"] = "![img](https://example.org/x.png) :red[red] $x^2$"
    docs.loc[doc, "url"] = "javascript:alert(1)"
    docs.loc[doc, "file"] = "a`b`_c_.txt"
    return dataclasses.replace(data, events=events, documents=docs)


def test_text_from_reports_is_shown_as_text(run, data, options) -> None:
    eid = "ev-2017-beijing-visit"
    at = run(script, data=_hostile(data, eid), options=options, eid=eid)
    title = at.subheader[0].value
    assert plain(title) == "**bold** title `code` <b>html</b>"
    assert "\\*\\*bold\\*\\*" in title and "\\`code\\`" in title and "\\<b\\>" in title
    sources = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "](" not in sources  # no link: the URL is javascript:, and the title's own link is escaped
    assert plain(sources) == (
        "- [Session expired](https://example.org/login) **bold** "
        "(![img](https://example.org/x.png) :red[red] $x^2$, 2017-10-24; file a`b`_c_.txt)"
    )
    assert "https\\:\u2060" in sources  # no autolink either
    assert "\\[Session expired\\]" in at.expander[0].label


def test_data_url_is_not_a_link(run, data, options) -> None:
    eid = "ev-2017-beijing-visit"
    hostile = _hostile(data, eid)
    docs = hostile.documents.copy()
    docs.loc[docs["doc_id"] == f"d-{eid[3:]}-1", "url"] = "data:text/html,<script>alert(1)</script>"
    at = run(script, data=dataclasses.replace(hostile, documents=docs), options=options, eid=eid)
    sources = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert "](" not in sources and "data:" not in sources


def _badges(at) -> list:
    return [m for m in at.markdown if "-badge[" in m.value]


def test_a_corrected_event_is_marked_with_its_note(run, data, options) -> None:
    at = run(script, data=data, options=options, eid="ev-2015-dushanbe-drugs")
    (badge,) = _badges(at)
    assert "corrected" in badge.value
    assert plain(badge.proto.help) == (
        "Corrected by dushanbe-date: the day the conference opened, not the day it was reported"
    )
    assert plain(at.caption[1].value) == "date confidence 1.00"  # set by the correction


def test_an_uncorrected_event_has_no_marker_and_shows_its_confidences(run, data, options) -> None:
    at = run(script, data=data, options=options, eid="ev-2020-osce-asrc")
    assert not _badges(at)
    assert plain(at.caption[1].value) == "date confidence 0.90 · merge confidence 0.80"
    people = at.dataframe[0].value
    assert set(people["corrected"]) == {""}
    assert dict(zip(people["name"], people["confidence"], strict=True))["Vladimir Norov"] == 0.95


def test_corrected_participants_are_marked(run, data, options) -> None:
    at = run(script, data=data, options=options, eid="ev-2010-astana-summit")
    people = at.dataframe[0].value
    marks = dict(zip(people["name"], people["corrected"], strict=True))
    assert marks["Muratbek Imanaliev"] == "✎ his title at the summit"
    assert marks["Organization for Security and Co-operation in Europe"] == ""
    assert dict(zip(people["name"], people["confidence"], strict=True))["Muratbek Imanaliev"] == 1.0
    assert not _badges(at)  # the event's own row is not corrected
    # An actor whose own record was corrected (affiliation) is marked in every event.
    at = run(script, data=data, options=options, eid="ev-2004-kaz-elections")
    marks = dict(zip(at.dataframe[0].value["name"], at.dataframe[0].value["corrected"], strict=True))
    assert marks["Robert L. Barry"] == "✎ he headed the ODIHR mission"


def test_corrected_themes_are_marked_and_notes_stay_text(run, data, options) -> None:
    eid = "ev-2023-video-consultation"
    hostile = "**bold** [x](https://example.org/x) <b>b</b> :red[red]"
    et = data.event_themes.copy()
    row = (et["event_id"] == eid) & (et["theme_id"] == "energy")
    et.loc[row, ["correction_id", "correction_note"]] = ["energy-<i>", hostile]
    events = data.events.copy()
    events.loc[events["event_id"] == eid, ["correction_id", "correction_note"]] = ["ev-*x*", hostile]
    at = run(script, data=dataclasses.replace(data, event_themes=et, events=events), options=options, eid=eid)
    themes = at.dataframe[1].value
    assert dict(zip(themes["label"], themes["corrected"], strict=True))["Energy"] == f"✎ {hostile}"
    (badge,) = _badges(at)
    help_text = badge.proto.help
    assert plain(help_text) == f"Corrected by ev-*x*: {hostile}"
    assert "](" not in help_text and "<b>" not in help_text and "\\*\\*bold" in help_text
