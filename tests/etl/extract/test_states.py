import json
import re
from pathlib import Path

import pytest
import yaml

from etl.extract.document import Document
from etl.extract.state_names import KNOWLEDGE, lookup_state, state_name
from etl.extract.states import find_states
from etl.knowledge import KNOWLEDGE_DIR
from etl.text.normalise import normalise_text

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed"


def codes(text: str) -> set[str]:
    return {a.short_name for a in find_states(Document(text))}


def test_seed_report_yields_exactly_the_gold_states():
    raw = (SEED / "sco-sg-osce-security-review-conference-2020-06-24.txt").read_text(encoding="utf-8")
    text = normalise_text(raw.strip().partition("\n")[2])
    gold = json.loads((SEED / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert codes(text) == {lookup_state(name) for name in gold["countries"]}


@pytest.mark.parametrize(
    "phrase, iso3",
    [
        ("Russia", "RUS"),
        ("the Russian Federation", "RUS"),
        ("the Russian side", "RUS"),
        ("the Kyrgyz chairmanship", "KGZ"),
        ("the Kyrgyz Republic", "KGZ"),
        ("Kirghizia", "KGZ"),
        ("the People's Republic of China", "CHN"),
        ("the People’s Republic of China", "CHN"),
        ("Chinese", "CHN"),
        ("the UK", "GBR"),
        ("British", "GBR"),
        ("the U.S.", "USA"),
        ("the US", "USA"),
        ("American", "USA"),
        ("Kazakh", "KAZ"),
        ("Uzbek", "UZB"),
        ("Tajik", "TJK"),
        ("Afghans", "AFG"),
        ("Turkmen", "TKM"),
        ("Pakistani", "PAK"),
        ("Indian", "IND"),
        ("Iranian", "IRN"),
        ("Belarusian", "BLR"),
        ("Mongolian", "MNG"),
        ("Slovak", "SVK"),
        ("the Slovak Republic", "SVK"),
        ("Swiss", "CHE"),
        ("Türkiye", "TUR"),
        ("Turkish", "TUR"),
        ("Georgia", "GEO"),
        ("South Sudan", "SSD"),
        ("Guinea-Bissau", "GNB"),
    ],
)
def test_names_official_names_and_adjectives(phrase, iso3):
    assert codes(f"Talks with {phrase} went well.") == {iso3}


@pytest.mark.parametrize(
    "text",
    [
        "Security in Central Asia and Eurasia matters to Europe.",
        "Ships crossed the Indian Ocean to Latin America.",
        "We ate turkey in Shanghai and St Petersburg.",
        "The Organization for Security and Co-operation in Europe met.",
        "Students of the American University of Central Asia took part.",
        "Michael Jordan and Chad Smith spoke.",
        "They spoke to us in Russian-speaking areas? No: the Turkic world.",
    ],
)
def test_phrases_that_are_not_states(text):
    assert codes(text) == set()


def test_ambiguous_names_count_where_they_name_a_state():
    assert codes("Delegations from Egypt, Jordan and Chad arrived.") == {"EGY", "JOR", "TCD"}
    assert codes("The King of Jordan spoke.") == {"JOR"}


def test_source_lines_and_urls_do_not_count():
    text = "Kazakhstan voted.\nSource: Voice of Russia, https://example.org/Pakistan/news"
    assert codes(text) == {"KAZ"}


def test_one_actor_per_state_with_all_mentions_and_first_sentence():
    text = "Russia spoke first. Then the Russian Federation and Kazakhstan agreed."
    actors = {a.short_name: a for a in find_states(Document(text))}
    russia = actors["RUS"]
    assert russia.kind == "state" and russia.name == "Russia"
    assert [m.text for m in russia.mentions] == ["Russia", "Russian Federation"]
    assert all(text[m.start : m.end] == m.text for m in russia.mentions)
    assert russia.evidence == "Russia spoke first."


@pytest.mark.parametrize(
    "phrase, iso3",
    [
        ("Russia", "RUS"),
        ("Kyrgyz", "KGZ"),
        ("the United Kingdom", "GBR"),
        ("UK", "GBR"),
        ("Shanghai", None),
    ],
)
def test_lookup_state(phrase, iso3):
    assert lookup_state(phrase) == iso3


def test_state_name():
    assert state_name("KGZ") == "Kyrgyzstan"
    assert state_name("XYZ") is None


def test_table_covers_the_un_members_with_unique_codes():
    data = yaml.safe_load((KNOWLEDGE_DIR / KNOWLEDGE).read_text(encoding="utf-8"))
    iso3 = [item["iso3"] for item in data["states"]]
    assert len(iso3) == len(set(iso3)) >= 193
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in iso3)
    assert (KNOWLEDGE_DIR / KNOWLEDGE).read_text(encoding="utf-8").startswith("#")


def test_state_spans_point_at_every_mention():
    text = "Kazakhstan, the Kyrgyz Republic and Afghan delegates met in Tashkent."
    assert [text[s:e] for s, e in Document(text).state_spans] == ["Kazakhstan", "Kyrgyz Republic", "Afghan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Baku, Azerbaijan, May 30\n\nDushanbe will host the water conference.", []),
        ("Minsk, Belarus, Nov. 2 (Wire) – The mission opened its office in Almaty.", []),
        ("In Astana, Kazakhstan, May 30 was a holiday.", ["KAZ"]),
    ],
)
def test_a_wire_dateline_names_where_the_report_was_filed_not_a_state_of_the_event(text, expected):
    assert [a.short_name for a in find_states(Document(text))] == expected


def test_a_state_joined_to_another_name_by_a_hyphen_counts():
    text = "The SCO-Afghanistan Contact Group met; Kazakh-Chinese trade grew."
    assert {a.short_name for a in find_states(Document(text))} == {"AFG", "KAZ", "CHN"}


@pytest.mark.parametrize(
    "text",
    [
        "Its budget is put at 2.3 million US dollars.",
        "The fund holds 40 million U.S. dollars.",
        "Based on reporting by the Associated Press of Pakistan and the organisers.",
        "The text draws on the Associated Press of Pakistan.",
    ],
)
def test_currencies_and_news_agencies_name_no_state(text):
    assert find_states(Document(text)) == []
