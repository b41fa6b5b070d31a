import json
from pathlib import Path

import pytest

from etl.extract.document import Document
from etl.extract.figures import find_figures
from etl.text.normalise import normalise_text

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"


def figures(text: str) -> list[tuple[float, str]]:
    return [(f.value, f.what) for f in find_figures(Document(text))]


def test_seed_report_yields_exactly_the_gold_figures():
    raw = (SEED / "sco-sg-osce-security-review-conference-2020-06-24.txt").read_text(encoding="utf-8")
    text = normalise_text(raw.strip().partition("\n")[2])
    gold = json.loads((SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert figures(text) == [(float(n["value"]), n["what"]) for n in gold["numbers"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The mission had some 305 short-term observers.", [(305, "short-term observers")]),
        ("Its 26 observers came from nine states.", [(26, "observers"), (9, "states")]),
        ("Delegates of ten international organisations attended.", [(10, "international organisations")]),
        ("Twenty-one political parties ran.", [(21, "political parties")]),
        ("Some 21 million citizens had the right to vote.", [(21_000_000, "citizens")]),
        ("More than 13,500 militants were active.", [(13_500, "militants")]),
        ("Turnout was 68.44 percent.", [(68.44, "percent")]),
        ("Summing up the work of the 19-strong SCO team, he spoke.", [(19, "SCO team")]),
    ],
)
def test_numbers_with_what_they_count(text, expected):
    assert figures(text) == [(float(v), what) for v, what in expected]


@pytest.mark.parametrize(
    "text",
    [
        "On 24 June 2020 the conference opened.",
        "The vote of November 28 was annulled in 2020.",
        "It was the 43rd session, on 11.07.2019.",
        "Resolution 2178 and Article 5 apply; see paragraph 3.",
        "The meeting began at 10:30 a.m. on 15-16 December.",
        "He noted joint efforts by the two organisations. One of them spoke.",
        "Of these, 631 represented other bodies.",
        "See https://example.org/news/20200624/57-states.html",
    ],
)
def test_dates_years_ordinals_codes_and_pronouns_are_not_figures(text):
    assert figures(text) == []


def test_span_and_evidence():
    text = "Opening. Representatives of 57 OSCE participating states convened."
    (figure,) = find_figures(Document(text))
    assert text[figure.span.start : figure.span.end] == figure.span.text == "57 OSCE participating states"
    assert figure.evidence == "Representatives of 57 OSCE participating states convened."


@pytest.mark.parametrize("text", ["Sept 12 observers arrived.", "On 12 Sepember observers arrived.",
                                  "The 12 June observers arrived.", "Since Dec. 3 observers arrived."])
def test_a_day_beside_a_month_of_the_calendar_is_no_figure(text):
    assert figures(text) == []
