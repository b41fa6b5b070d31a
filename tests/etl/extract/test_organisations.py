import json
import re
from pathlib import Path

import pytest

from etl.extract.organisations import (
    KNOWLEDGE,
    find_organisations,
    lookup_organisation,
    organisation_short_names,
    organisation_spans,
)
from etl.knowledge import KNOWLEDGE_DIR
from etl.text.normalise import normalise_text
from etl.text.sentences import split_sentences

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
        a.short_name: [m.text for m in a.mentions] for a in find_organisations(text, split_sentences(text))
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


def test_rats_written_with_the_sco_counts_for_the_sco_too():
    assert set(found("The RATS SCO reported.")) == {"SCO RATS", "SCO"}
    assert set(found("The Regional Anti-Terrorist Structure reported.")) == {"SCO RATS"}


def test_odihr_counts_for_the_osce_only_when_the_osce_is_named():
    assert set(found("The OSCE/ODIHR observed.")) == {"ODIHR", "OSCE"}
    assert set(found("The OSCE Office for Democratic Institutions and Human Rights observed.")) == {
        "ODIHR",
        "OSCE",
    }
    assert set(found("The Office for Democratic Institutions and Human Rights observed.")) == {"ODIHR"}


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
    actors = {a.short_name: a for a in find_organisations(text, split_sentences(text))}
    sco = actors["SCO"]
    assert len(sco.mentions) == 2
    for span in sco.mentions:
        assert text[span.start : span.end] == span.text
    assert sco.evidence == "The SCO met the OSCE."
    assert sco.kind == "organization" and sco.name == "Shanghai Cooperation Organisation"


def test_organisation_spans_cover_whole_names():
    text = "The Regional Anti-Terrorist Structure of the SCO met."
    spans = organisation_spans(text)
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
