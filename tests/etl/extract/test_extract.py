from pathlib import Path

from etl.extract import extract_report
from etl.model import Report
from etl.text.normalise import normalise_text


def extract(title: str, text: str):
    return extract_report(Report(file="x.txt", title=title, text=normalise_text(text)))


def test_the_host_state_of_an_election_takes_part_even_when_only_its_capital_is_named():
    found = extract("Observers split over poll",
                    "ASTANA, Dec 5, 2005 – President Nursultan Nazarbayev won a new term in Sunday's election, "
                    "but observers from the OSCE said the poll failed to meet a number of commitments. "
                    "SCO observers watched the vote at polling stations.")
    assert found.event_type == "observation"
    assert [a.short_name for a in found.actors if a.kind == "state"] == ["KAZ"]


def test_a_conference_city_does_not_make_its_state_a_participant():
    found = extract("OSCE conference", "VIENNA, 10 May 2017 – The OSCE held a conference on terrorism with the SCO.")
    assert found.event_type == "conference"
    assert [a for a in found.actors if a.kind == "state"] == []


def test_every_span_of_an_extraction_points_into_the_text():
    seed = next((Path(__file__).parents[2] / "fixtures" / "seed").glob("*.txt"))
    text = normalise_text(seed.read_text(encoding="utf-8"))
    found = extract_report(Report(file="seed.txt", title="SCO Secretary-General addresses OSCE", text=text))
    spans = [m for a in found.actors for m in a.mentions] + [m for t in found.themes for m in t.mentions]
    spans += [f.span for f in found.figures] + [found.date.evidence]
    assert spans and all(text[s.start:s.end] == s.text for s in spans)


def test_the_title_tells_the_organisation_step_who_takes_part():
    text = "Delegations from the OSCE and CIS member states are on their way to the vote."
    involvement = {a.short_name: a.involvement for a in extract("Observers arrive", text).actors
                   if a.kind == "organization"}
    assert involvement == {"OSCE": "took-part", "CIS": "mentioned"}
    involvement = {a.short_name: a.involvement for a in extract("OSCE and CIS send observers", text).actors
                   if a.kind == "organization"}
    assert involvement == {"OSCE": "took-part", "CIS": "took-part"}
