"""Reading saved web pages: main text without page furniture, metadata from the head."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import lxml.html
import pytest

from etl.read.errors import UnreadableReportError
from etl.read.html import lxml_main_text, parse_html_report

PAGE = (Path(__file__).parents[2] / "fixtures" / "reports" / "good" / "page.html").read_bytes()


def test_metadata_from_the_head() -> None:
    report = parse_html_report(PAGE, "page.html")
    assert report.title == "SCO observers monitor parliamentary elections in Uzbekistan"
    assert report.url == "https://example.org/20241029/1596285.html"  # canonical before og:url
    assert report.source == "SCO Secretariat"
    assert report.published == date(2024, 10, 29)
    assert report.language == "en"
    assert report.format == "html"


def test_main_text_only() -> None:
    text = parse_html_report(PAGE, "page.html").text
    assert text.startswith("On 27 October 2024, the Observer Mission")
    assert "elections to the parliament" in text  # a source line break inside <p> is a space
    assert "Nurlan Yermekbayev." in text
    assert "Photo: SCO observers at a polling station in Tashkent" in text  # captions are kept
    for furniture in ("Home", "Most read", "cookies", "Related news", "All rights reserved", "tracking",
                      "Share", "digital economy", "SCO Secretary-General meets students"):
        assert furniture not in text, furniture


def _page(head: str, body: str) -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


SENTENCE = "On 10 July 2019 the SCO and the OSCE held consultations in Vienna on regional security. "
ARTICLE = "<p>" + SENTENCE * 3 + "</p>"


def test_title_from_page_title_without_site_name() -> None:
    raw = _page("<title>Consultations in Vienna | OSCE</title>", f"<article>{ARTICLE}</article>")
    assert parse_html_report(raw, "a.html").title == "Consultations in Vienna"


def test_title_from_h1_when_page_title_contains_it() -> None:
    raw = _page("<title>OSCE - Consultations in Vienna - News</title>",
                f"<article><h1>Consultations in Vienna</h1>{ARTICLE}</article>")
    report = parse_html_report(raw, "a.html")
    assert report.title == "Consultations in Vienna"
    assert not report.text.startswith("Consultations")  # the repeated title left the body


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="date" content="24.06.2020">', "", date(2020, 6, 24)),
        ('<script type="application/ld+json">{"datePublished": "2020-06-24T08:00:00Z"}</script>', "",
         date(2020, 6, 24)),
        ("", '<aside><time datetime="2019-01-01">old</time></aside><article><time datetime="2020-06-24">'
         "June 24</time>" + ARTICLE + "</article>", date(2020, 6, 24)),
        ("", "<article><time>June 24, 2020</time>" + ARTICLE + "</article>", date(2020, 6, 24)),
        ("", "<article>" + ARTICLE + "</article>", None),
    ],
)
def test_published_from_other_metadata(head: str, body: str, expected: date | None) -> None:
    body = body or f"<article>{ARTICLE}</article>"
    assert parse_html_report(_page("<title>T</title>" + head, body), "a.html").published == expected


def test_page_without_article_block_is_still_read() -> None:
    body = (
        '<div id="top"><ul class="menu"><li>Home</li><li>News</li></ul></div>'
        '<div class="x"><div class="y">' + ARTICLE + ARTICLE.replace("Vienna", "Bern") + "</div></div>"
        "<footer>Contacts and imprint</footer>"
    )
    report = parse_html_report(_page("<title>T</title>", body), "a.html")
    assert "held consultations in Bern" in report.text
    assert "Contacts" not in report.text and "Home" not in report.text


def test_lxml_rules_alone() -> None:
    tree = lxml.html.document_fromstring(PAGE.decode())
    text = lxml_main_text(tree)
    assert "Observer Mission of the Shanghai Cooperation Organisation" in text
    assert "Most read" not in text and "document.cookie" not in text


def test_declared_legacy_charset() -> None:
    raw = ('<html><head><meta charset="windows-1251"><title>ШОС и ОБСЕ</title></head><body><article><p>'
           + "Генеральные секретари ШОС и ОБСЕ встретились в Вене 10 июля 2019 года. " * 4
           + "</p></article></body></html>").encode("cp1251")
    report = parse_html_report(raw, "a.html")
    assert report.title == "ШОС и ОБСЕ" and "встретились в Вене" in report.text
    assert any("windows-1251" in note for note in report.notes)


def test_truncated_page_with_text_is_read_with_a_note() -> None:
    raw = _page("<title>T</title>", f"<article>{ARTICLE}</article>")[:-30]
    report = parse_html_report(raw, "a.html")
    assert "consultations in Vienna" in report.text
    assert any("cut short" in note for note in report.notes)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty file"),
        (b"just words, no markup at all", "no tags"),
        (b"<html><body><nav><a>Home</a></nav><script>var x = 1;</script></body></html>", "no readable main"),
        (b"<html><head><title>x</title></head><body><div class='menu'><a href=", "no readable main"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    ],
)
def test_broken_pages(raw: bytes, words: str) -> None:
    with pytest.raises(UnreadableReportError) as caught:
        parse_html_report(raw, "a.html")
    assert words in caught.value.reason
