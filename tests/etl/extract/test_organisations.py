import json
import re
from pathlib import Path

import pytest

from etl.extract.document import Document
from etl.extract.organisation_names import KNOWLEDGE, lookup_organisation, organisation_short_names
from etl.extract.organisations import find_organisations
from etl.knowledge import KNOWLEDGE_DIR
from etl.text.normalise import normalise_text

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"
LISTED = {
    "SCO",
    "SCO RATS",
    "OSCE",
    "OSCE PA",
    "ODIHR",
    "UN",
    "UNODC",
    "UNOCT",
    "UNRCCA",
    "EU",
    "CSTO",
    "CIS",
    "CICA",
    "NATO",
    "ASEAN",
    "OTS",
    "ECO",
    "BRICS",
    "ICRC",
    "Interpol",
}


def found(text: str) -> dict[str, list[str]]:
    return {
        a.short_name: [m.text for m in a.mentions] for a in find_organisations(Document(text))
    }


def test_seed_report_yields_exactly_the_gold_organisations():
    raw = (SEED / "sco-sg-osce-security-review-conference-2020-06-24.txt").read_text(encoding="utf-8")
    text = normalise_text(raw.strip().partition("\n")[2])
    gold = json.loads((SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert set(found(text)) == set(gold["organizations"])


@pytest.mark.parametrize(
    "phrase",
    [
        "Shanghai Cooperation Organisation",
        "Shanghai Co-operation Organization",
        "SHANGHAI COOPERATION ORGANIZATION",
        "Shanghai Co‑operation Organisation",
        "the SCO",
        "SCO's",
        "the SCO Secretariat",
        "SCO Council of Foreign Ministers",
    ],
)
def test_spellings_and_bodies_of_the_sco(phrase):
    assert set(found(f"Delegates of {phrase} met.")) == {"SCO"}


@pytest.mark.parametrize(
    "phrase",
    [
        "Organization for Security and Co-operation in Europe",
        "Organisation for Security and Cooperation in Europe",
        "Organization for Cooperation and Security in Europe",
        "OSCE Programme Office in Dushanbe",
        "OSCE Centre in Bishkek",
        "OSCE Forum for Security Co-operation",
        "High Commissioner on National Minorities",
        "OSCE Secretariat",
    ],
)
def test_spellings_and_bodies_of_the_osce(phrase):
    assert set(found(f"The {phrase} said so.")) == {"OSCE"}


@pytest.mark.parametrize(
    "phrase",
    [
        "RATS SCO",
        "SCO RATS",
        "Regional Anti-Terrorist Structure",
        "Executive Committee of RATS SCO",
    ],
)
def test_rats_spellings(phrase):
    assert "SCO RATS" in found(f"The {phrase} reported.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The RATS SCO reported.", {"SCO RATS"}),
        ("The Regional Anti-Terrorist Structure reported.", {"SCO RATS"}),
        ("The Regional Anti-Terroristic Structure of the SCO reported.", {"SCO RATS"}),
        ("The OSCE/ODIHR observed.", {"ODIHR"}),
        ("The OSCE ODIHR observed.", {"ODIHR"}),
        ("The OSCE Office for Democratic Institutions and Human Rights observed.", {"ODIHR"}),
        ("The Office for Democratic Institutions and Human Rights observed.", {"ODIHR"}),
        ("The OSCE PA delegation observed.", {"OSCE PA"}),
    ],
)
def test_a_listed_body_stands_for_itself_not_for_its_parent(text, expected):
    assert set(found(text)) == expected


def test_misspelt_and_other_names():
    assert set(found("Observers of the Shanghai Cooperation Organizations came.")) == {"SCO"}
    assert set(found("The Cooperation Council of Turkic-Speaking Countries sent seven.")) == {"OTS"}


def test_osce_pa_stands_alone_as_the_annotators_list_it():
    assert set(found("The OSCE Parliamentary Assembly and the OSCE PA met.")) == {"OSCE PA"}


def test_the_longest_name_wins_at_the_same_place():
    assert set(
        found("The UN Office on Drugs and Crime and the United Nations Office of Counter-Terrorism.")
    ) == {"UNODC", "UNOCT"}


def test_acronyms_match_only_as_written_and_as_whole_words():
    assert found("It is un-American to disco at the eco-fair of Unesco in the CISTERN.") == {}
    assert set(found("The UN, the EU, NATO and the CIS.")) == {"UN", "EU", "NATO", "CIS"}


def test_mentions_point_into_the_text_and_evidence_is_the_first_sentence():
    text = "Opening words.\nThe SCO met the OSCE. Later the Shanghai Cooperation Organisation spoke."
    actors = {a.short_name: a for a in find_organisations(Document(text))}
    sco = actors["SCO"]
    assert len(sco.mentions) == 2
    for span in sco.mentions:
        assert text[span.start : span.end] == span.text
    assert sco.evidence == "The SCO met the OSCE."
    assert sco.kind == "organization" and sco.name == "Shanghai Cooperation Organisation"


def test_organisation_spans_cover_whole_names():
    text = "The Regional Anti-Terrorist Structure of the SCO met."
    spans = Document(text).organisation_spans
    assert [text[s:e] for s, e in spans] == ["Regional Anti-Terrorist Structure of the SCO"]


@pytest.mark.parametrize(
    "phrase, short",
    [
        ("OSCE", "OSCE"),
        ("the SCO Secretariat", "SCO"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("OSCE/ODIHR", "ODIHR"),
        ("RATS SCO", "SCO RATS"),
        ("Deputy Foreign Minister", None),
    ],
)
def test_lookup_organisation(phrase, short):
    assert lookup_organisation(phrase) == short


def test_every_listed_short_name_is_known():
    assert LISTED <= organisation_short_names()


def test_knowledge_file_explains_how_to_edit_it():
    first = (KNOWLEDGE_DIR / KNOWLEDGE).read_text(encoding="utf-8").splitlines()[0]
    assert re.match(r"#\s+\w", first)


def involvement(text: str, title: str = "") -> dict[str, str]:
    return {a.short_name: a.involvement for a in find_organisations(Document(text, title=title))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of examples after a general noun, where the sentence speaks of relations, not of taking part
        ("Dr Ivanov briefed her on dialogue between the SCO and other major regional organisations, including ASEAN, "
         "the CSTO and the CIS.",
         {"SCO": "took-part", "ASEAN": "mentioned", "CSTO": "mentioned", "CIS": "mentioned"}),
        ("The fair fostered contacts between police agencies and international organisations such as UNODC, "
         "the CIS and the SCO, whose delegates attended.",
         {"UNODC": "took-part", "CIS": "took-part", "SCO": "took-part"}),
        # "X member states / countries / participating States", "X commitments"
        ("The club was founded as a meeting of defence experts of NATO member-states.", {"NATO": "mentioned"}),
        ("The scheme is open to the SCO, EU and OSCE countries.",
         {"SCO": "mentioned", "EU": "mentioned", "OSCE": "mentioned"}),
        ("On voting day 300 observers from 40 OSCE participating States joined.", {"OSCE": "mentioned"}),
        ("The vote fell short of OSCE commitments.", {"OSCE": "mentioned"}),
        # in a sentence of taking part, only the last of the list is a member-states phrase
        ("Delegations from the OSCE, the SCO and CIS member states have arrived.",
         {"OSCE": "took-part", "SCO": "took-part", "CIS": "mentioned"}),
        # "unlike", "the role of", a state's envoy "to" an organisation
        ("Unlike NATO, the SCO is no military bloc.", {"NATO": "mentioned", "SCO": "took-part"}),
        ("Unlike the North Atlantic Treaty Organization (NATO), the SCO is no bloc.",
         {"NATO": "mentioned", "SCO": "took-part"}),
        ("One panel will look at the role of the RATS SCO in border protection.", {"SCO RATS": "mentioned"}),
        ("Ms Berg, Permanent Mission of Norway to the OSCE, chaired the panel.", {"OSCE": "mentioned"}),
        # the parent that only describes its body
        ("Observers came from the Office for Democratic Institutions and Human Rights (ODIHR), the specialised "
         "institution of the Organisation for Security and Co-operation in Europe (OSCE), and from the CIS.",
         {"ODIHR": "took-part", "OSCE": "mentioned", "CIS": "took-part"}),
        ("Observers came from the CIS, the SCO and the OSCE's Office for Democratic Institutions and Human Rights.",
         {"CIS": "took-part", "SCO": "took-part", "OSCE": "mentioned", "ODIHR": "took-part"}),
        ("Organization for Security and Co-operation in Europe · Office for Democratic Institutions and Human "
         "Rights\nThe mission published its report.", {"OSCE": "mentioned", "ODIHR": "took-part"}),
        # a list of bodies is no description: the CIS's Executive Committee is an observer of its own
        ("Among them were missions of the OSCE/ODIHR, the Executive Committee of the CIS and the SCO.",
         {"ODIHR": "took-part", "CIS": "took-part", "SCO": "took-part"}),
        # history and background
        ("The forum was established in 1963 by the EU and NATO.", {"EU": "mentioned", "NATO": "mentioned"}),
        ("The forum was established in 1963; this year the EU and NATO attended.",
         {"EU": "took-part", "NATO": "took-part"}),
    ],
)
def test_organisations_named_in_passing_are_mentioned(text, expected):
    assert involvement(text) == expected


def test_one_mention_that_takes_part_is_enough():
    text = "Unlike NATO, the bloc is open. NATO officials attended the session."
    assert involvement(text) == {"NATO": "took-part"}


def test_the_title_can_say_that_an_organisation_takes_part():
    text = "Delegations from the OSCE and CIS member states are on their way."
    assert involvement(text) == {"OSCE": "took-part", "CIS": "mentioned"}
    assert involvement(text, title="OSCE and CIS send observers") == {"OSCE": "took-part", "CIS": "took-part"}
    assert involvement(text, title="Unlike the CIS, the OSCE sends observers")["CIS"] == "mentioned"
    assert "SCO" not in involvement(text, title="SCO sends observers")  # only what the text names



def test_agencies_count_as_their_organisation():
    assert set(found("Experts of the EMCDDA and the INCB spoke.")) == {"EU", "UN"}
    assert set(found("The European Monitoring Centre for Drugs and Drug Addiction and the International "
                     "Narcotics Control Board spoke.")) == {"EU", "UN"}


def test_the_un_counter_terrorism_chief_stands_for_his_office():
    assert set(found("Vladimir Ivanov, UN Under-Secretary-General for Counter-Terrorism, spoke.")) == {"UNOCT"}
