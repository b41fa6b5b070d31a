"""Tests for etl/places.py: the city and country where the event took place."""

from __future__ import annotations

import pytest

from etl.extract.document import Document
from etl.extract.places import canonical_city, city_country, find_place


def _place(text: str, title: str = ""):
    return find_place(Document(text, title=title))


def test_seed_future_summit_is_not_the_place() -> None:
    text = (
        "On 24 June 2020 SCO Secretary-General Vladimir Norov took part in the annual OSCE Security "
        "Review Conference. This year's conference was held via video conference.\n"
        "Vladimir Norov said that this will be reflected in the documents that are to be discussed at "
        "the forthcoming SCO Summit in St Petersburg."
    )
    assert _place(text, "SCO Secretary-General addresses OSCE Security Review Conference") is None


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("VIENNA, 10 May 2017 – The OSCE and the SCO met to discuss terrorism.", "Vienna", "AUT"),
        ("BISHKEK, Oct 5 (Wire) — Observers praised the vote.", "Bishkek", "KGZ"),
        ("ASTANA. KAZINFORM – The minister thanked the observers.", "Astana", "KAZ"),
        ("The conference was held in Dushanbe on 6 June.", "Dushanbe", "TJK"),
        ("Talks took place in the Kazakh capital, Nur-Sultan, on Monday.", "Astana", "KAZ"),
        ("Delegates from Minsk met in Tashkent on Friday.", "Tashkent", "UZB"),
        ("The opening plenary met in the Tauride Palace in St. Petersburg.", "Saint Petersburg", "RUS"),
    ],
)
def test_event_city(text: str, city: str, country: str) -> None:
    place = _place(text)
    assert place is not None and (place.city, place.country) == (city, country)
    assert place.evidence is not None
    assert text[place.evidence.start : place.evidence.end] == place.evidence.text
    assert place.evidence.text in place.sentence


@pytest.mark.parametrize(
    "text",
    [
        "A Moscow-based analyst said the Shanghai Cooperation Organisation had grown.",
        "The Helsinki Final Act and the Istanbul Document were quoted.",
        "The next summit will be held in Qingdao.",
        "The OSCE Office in Dushanbe sent a letter.",
        "The two organisations exchanged views.",
    ],
)
def test_cities_merely_mentioned_are_not_the_place(text: str) -> None:
    place = _place(text)
    assert place is None or place.city is None


def test_country_only_when_no_city() -> None:
    place = _place("The SCO mission observed the parliamentary elections in Kyrgyzstan. The vote was calm.",
                   "SCO observers at Kyrgyz elections")
    assert place is not None and (place.city, place.country) == (None, "KGZ")


def test_election_city_must_be_in_the_host_country() -> None:
    text = ("WARSAW, 24 April 2008 – ODIHR today made public in Warsaw its final report on the parliamentary "
            "elections held in the Kyrgyz Republic on 16 December 2007. The vote was observed widely.")
    place = _place(text, "ODIHR releases final report on Kyrgyzstan's parliamentary elections")
    assert place is not None and place.city is None and place.country == "KGZ"


def test_election_mission_based_in_the_capital() -> None:
    text = ("ODIHR deployed a mission to observe Uzbekistan's 27 October 2024 parliamentary elections. "
            "It had 14 experts based in Tashkent and 26 observers. The vote was calm.")
    place = _place(text)
    assert place is not None and (place.city, place.country) == ("Tashkent", "UZB")


def test_city_in_title_only() -> None:
    title = "Bratislava expert meeting launches process"
    place = _place("Experts discussed the strategy for two days.", title)
    assert place is not None and place.city == "Bratislava" and place.evidence is None


@pytest.mark.parametrize(
    ("spelling", "canonical", "country"),
    [
        ("Nur-Sultan", "Astana", "KAZ"), ("alma-ata", "Almaty", "KAZ"),
        ("St Petersburg", "Saint Petersburg", "RUS"), ("Kiev", "Kyiv", "UKR"),
        ("Ulan Bator", "Ulaanbaatar", "MNG"), ("Atlantis", None, None),
    ],
)
def test_canonical_city(spelling: str, canonical: str | None, country: str | None) -> None:
    assert canonical_city(spelling) == canonical
    assert city_country(spelling) == country


def test_a_dateline_line_under_a_letterhead_and_a_venue_held_at():
    text = ("UN Regional Centre\nMEETING NOTE\nFirst expert meeting on the Strategy\nBratislava, 15-16 December 2010\n"
            "The two days were devoted to two pillars. The plan was approved at a meeting in Ashgabat in 2011.")
    assert find_place(Document(text)).city == "Bratislava"
    text = ("It was the third conference of its kind.\n\nMost of it took place online. The opening session, "
            "however, was held at St Petersburg's Tauride Palace.")
    assert find_place(Document(text)).city == "Saint Petersburg"


@pytest.mark.parametrize(
    ("text", "title", "city"),
    [
        # A wire's dateline is where it was written; the text puts the event elsewhere.
        ("BISHKEK, May 5 (Wire) – A regional conference on security will be held in Samarkand on 6-7 May.",
         "Samarkand to host regional conference", "Samarkand"),
        ("BAKU, 3 March (Wire) – The conference on water was held in Dushanbe, the embassy said.", "", "Dushanbe"),
        ("Baku, Azerbaijan, May 30\n\nDushanbe will host an international water conference, the Embassy of "
         "Tajikistan in Baku said.", "", "Dushanbe"),
        # Where nothing puts it elsewhere, the dateline's city is the event's.
        ("ASTANA, 5 June (Wire) - The observers, who arrived in Almaty on Monday, met the election commission "
         "in Astana on Tuesday.", "", "Astana"),
        ("VIENNA, 10 May 2017 – The OSCE and the SCO met. The next meeting will be held in Tashkent.", "", "Vienna"),
        # An announcement: "forthcoming ... in" names the event's own city.
        ("The forthcoming forum in Almaty will gather 200 experts.", "Almaty forum to gather 200 experts", "Almaty"),
    ],
)
def test_dateline_and_announcement(text: str, title: str, city: str) -> None:
    place = _place(text, title)
    assert place is not None and place.city == city


def test_a_forthcoming_city_in_a_report_of_a_past_event_is_elsewhere() -> None:
    place = _place("The ministers met on Monday. The forthcoming forum in Almaty will gather 200 experts.",
                   "Ministers met")
    assert place is None or place.city is None


def test_an_embassy_of_a_country_in_a_city_is_not_the_place() -> None:
    place = _place("The Embassy of Tajikistan in Baku sent a note on the water agenda.")
    assert place is None or place.city is None


def test_an_election_mission_that_worked_from_two_cities_is_placed_in_the_capital() -> None:
    text = ("Twenty years ago Kazakhstan elected its parliament in two rounds. The observers of the mission "
            "worked from Almaty and Astana, and long-term observers were posted in eight towns.")
    place = _place(text, "From the archive: the first vote the SCO watched")
    assert place is not None and (place.city, place.country) == ("Astana", "KAZ")


def test_a_team_based_in_a_city_is_elsewhere_outside_an_election() -> None:
    text = "A think tank that works from Moscow and Minsk published a study on regional security."
    place = _place(text)
    assert place is None or place.city is None


def test_every_state_of_the_one_country_list_places_an_event_and_its_capital_resolves() -> None:
    # Portugal is in countries.yaml alone (places.yaml once had its own, shorter list without it).
    place = _place("The seminar was held in Portugal on 3 May 2019.")
    assert place is not None and place.country == "PRT" and place.city is None
    capital = _place("Talks were held in the Kazakh capital on 3 May 2019.")
    assert capital is not None and (capital.city, capital.country) == ("Astana", "KAZ")
