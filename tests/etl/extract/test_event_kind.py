"""Tests for etl/event_kind.py: event type and format."""

from __future__ import annotations

import pytest

from etl.contract import EVENT_TYPES, FORMATS
from etl.extract.document import Document
from etl.extract.event_kind import classify_event
from etl.model import Place, Span


def _kind(title: str, text: str, place: Place | None = None):
    return classify_event(Document(text, title=title), place)


SEED_TITLE = "SCO Secretary-General addresses OSCE Security Review Conference"
SEED_TEXT = (
    "On 24 June 2020 SCO Secretary-General Vladimir Norov took part in the annual OSCE Security Review "
    "Conference at the invitation of the OSCE Secretariat. This "
    "year's conference was held via video conference.\n"
    "Vladimir Norov said that this will be discussed at the forthcoming SCO Summit in St Petersburg."
)


def test_seed_is_a_video_conference() -> None:
    kind = _kind(SEED_TITLE, SEED_TEXT)
    assert (kind.event_type, kind.format) == ("conference", "video")
    assert kind.format_evidence is not None
    assert SEED_TEXT[kind.format_evidence.start : kind.format_evidence.end] == kind.format_evidence.text
    assert "video" in kind.format_evidence.text.lower()


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("SCO observer mission monitors presidential election in Uzbekistan",
         "The mission watched the vote itself on 24 October.", "observation"),
        ("Lavrov and Norov hold talks in Moscow", "The two met to discuss cooperation.", "meeting"),
        ("OSCE Secretary General visits SCO Secretariat", "He arrived in Beijing on Monday.", "visit"),
        ("Neutrality forum in Ashgabat", "Heads of organisations took the floor at the forum.", "forum"),
        ("SCO and UNODC sign memorandum of "
         "understanding", "The memorandum of understanding was signed today.",
         "signing"),
        ("SCO and OSCE secretariats hold consultations", "Consultations covered security.", "consultation"),
        ("OSCE Chair briefs SCO ambassadors", "The briefing covered Afghanistan.", "briefing"),
        ("Almaty hosts third Istanbul Process ministerial meeting", "Delegates convened.", "conference"),
        ("A note", "Nothing in particular happened here.", "other"),
        # consultations held on a working visit are the visit
        ("OSCE official holds consultations in Minsk",
         "During a working visit to Belarus she discussed the agenda with the Foreign Minister.", "visit"),
        ("SCO and OSCE secretariats hold consultations",
         "The two secretariats held consultations on security; a visit is planned.", "consultation"),
        # a newsletter of a named conference week, and a programme of speeches
        ("Lisbon Data Safety Week 2019 Newsletter", "Articles\nBriefs\nPanels on data.", "conference"),
        ("Bulletin", "OPENING SPEECH\nDr A. Novak, Deputy Minister", "conference"),
        ("Bulletin", "The keynote was given by the Secretary-General.", "conference"),
        ("Staff news", "Everyone will be back next week 2019 plans.", "other"),
        # a "meeting" in the title that the lead calls a conference
        ("Minister praises partners at SCO meeting in Riga",
         "Delegations of states gathered in Riga on Friday for a special conference on trade.", "conference"),
        ("SCO envoy meets OSCE chief on the sidelines of the Riga Security Conference",
         "The two met on Friday. The meeting was part of the conference.", "meeting"),
    ],
)
def test_event_types(title: str, text: str, expected: str) -> None:
    assert _kind(title, text).event_type == expected


def test_title_outweighs_body_mentions() -> None:
    text = ("Delegates held a meeting. Another meeting followed. The "
            "meeting ended with a meeting of experts, "
            "and a further meeting.")
    assert _kind("Regional conference on border security", text).event_type == "conference"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The meeting was held by videoconference.", "video"),
        ("Ministers met online to discuss the plan.", "video"),
        ("The event took place in a hybrid format.", "hybrid"),
        ("Participants joined in person and online.", "hybrid"),
        ("Most of the work was done online. The opening plenary met "
         "in the Tauride Palace in Saint Petersburg.",
         "hybrid"),
        ("The conference was held in Dushanbe with 2,500 delegates.", "in-person"),
        ("The Secretary-General arrived in Tashkent for talks.", "in-person"),
        ("The two organisations exchanged views.", "unknown"),
        ("Most of the work was done online. The opening session, however, was held at Riga's Town Hall.",
         "hybrid"),
        ("The seminar opened in the capital; several delegations joined by video link.", "hybrid"),
        ("Others took part in the conference remotely.", "hybrid"),
        ("The meeting was held at the invitation of the Chair by video link.", "video"),
        ("He sent a video message to the participants.", "unknown"),
    ],
)
def test_formats(text: str, expected: str) -> None:
    assert _kind("Talks on security", text).format == expected


def test_a_place_the_caller_found_makes_an_event_without_format_cues_in_person() -> None:
    text = "BISHKEK. The two secretaries general exchanged views on security."
    place = Place(city="Bishkek", country="KGZ", evidence=Span(0, 7, "BISHKEK"), sentence="BISHKEK.")
    assert _kind("Talks on security", text).format == "unknown"
    kind = _kind("Talks on security", text, place)
    assert (kind.format, kind.format_evidence) == ("in-person", place.evidence)
    assert _kind("Talks on security", text, Place(city=None, country="KGZ")).format == "unknown"


def test_an_election_observation_is_in_person() -> None:
    kind = _kind("SCO mission observes parliamentary elections", "The mission found the vote open.")
    assert (kind.event_type, kind.format) == ("observation", "in-person")


def test_values_are_from_the_contract() -> None:
    kind = _kind(SEED_TITLE, SEED_TEXT)
    assert kind.event_type in EVENT_TYPES and kind.format in FORMATS
