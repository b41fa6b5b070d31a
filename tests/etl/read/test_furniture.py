"""Page furniture is dropped as whole lines; report sentences are never touched."""

from __future__ import annotations

import pytest

from etl.read.furniture import is_furniture, remove_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Share", "Print", "Share / Print", "Share | Print", "Share     Print", "Tweet", "E-mail",
        "Share: WeChat Weibo Facebook | Print", "2021-04-30 10:12 | Share | Print",
        "30 March 2015 10:42 1214 views", "Photo: Reuters", "Photo: OSCE/Micky Kroell", "Photo 24.kg",
        "Photo: Observers at a polling station (OSCE/Micky Kroell)",
        "This website uses cookies to improve your browsing experience. By continuing you accept them.",
        "Home > News > Security", "Tags: SCO, OSCE, elections", "Back to top", "© 2024 SCO Secretariat",
        "All rights reserved.", "Page 2 of 3",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Photo: SCO observers at a polling station in Bishkek",
        "Photo: OSCE/ODIHR observers at a polling station in Osh",
        "Video conference participants discussed OSCE/ODIHR findings at length.",
        "The ministers agreed to share information on terrorist financing.",
        "Print media were invited to the press conference.",
        "24 June 2020",
        "The SCO Secretariat said that it would print the final report.",
        "Related news agencies reported the meeting.",
    ],
)
def test_report_lines_are_kept(line: str) -> None:
    assert not is_furniture(line)
    assert remove_furniture(line) == line


def test_related_news_list_goes_up_to_the_next_prose() -> None:
    text = (
        "The meeting was held on 24 June 2020.\n\nRelated news\n- Other headline\nAnother headline\n\n"
        "Read more:\nThird headline\n"
    )
    assert remove_furniture(text) == "The meeting was held on 24 June 2020.\n"


def test_list_ends_at_a_source_line_or_a_paragraph() -> None:
    paragraph = ("The Secretary-General also met the Foreign Minister of Tajikistan and discussed "
                 "co-operation "
                 "on border security and water.")
    text = f"Body.\nRelated articles\nA headline\n{paragraph}\nRelated\nX\nSource: SCO Secretariat, https://x.org"
    assert remove_furniture(text).split("\n") == ["Body.", paragraph, "Source: SCO Secretariat, https://x.org"]


def test_title_repeated_at_the_top_is_dropped_there_only() -> None:
    title = "SCO Secretary-General addresses OSCE conference"
    text = f"SCO Secretary-General addresses OSCE Conference.\n\n{title}\nOne.\nTwo.\nThree.\n{title}"
    assert remove_furniture(text, title) == f"\nOne.\nTwo.\nThree.\n{title}"


def test_offsets_of_kept_text_are_plain() -> None:
    text = "Share / Print\nOn 24 June 2020 the SCO met.\nPrint"
    assert remove_furniture(text) == "On 24 June 2020 the SCO met."


def test_long_lines_are_cheap() -> None:
    import time

    line = "2021-04-30-" * 15 + " | " * 20 + "share x"
    start = time.perf_counter()
    for _ in range(100):
        is_furniture(line)
    assert time.perf_counter() - start < 0.5
