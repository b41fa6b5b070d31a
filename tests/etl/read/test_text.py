"""Reading .txt and .md reports from bytes: front matter, titles, encodings, markdown."""

from __future__ import annotations

from datetime import date

import pytest

from etl.read.errors import UnreadableReportError
from etl.read.text import markdown_inline, markdown_to_text, parse_text_report

SEED_LIKE = (
    "---\n"
    "title: SCO Secretary-General addresses OSCE Security Review Conference\n"
    "url: https://example.org/news/20200624.html\n"
    "source: SCO Secretariat\n"
    "published: 2020-06-24\n"
    "language: en\n"
    "---\n"
    "On 24\u00a0June 2020 SCO Secretary-General Vladimir Norov took part in\u00a0the conference.\n"
)


def test_front_matter_fields_are_read() -> None:
    report = parse_text_report(SEED_LIKE.encode(), "seed.txt")
    assert report.title == "SCO Secretary-General addresses OSCE Security Review Conference"
    assert report.url == "https://example.org/news/20200624.html"
    assert report.source == "SCO Secretariat"
    assert report.published == date(2020, 6, 24)
    assert report.language == "en"
    assert report.text == "On 24 June 2020 SCO Secretary-General Vladimir Norov took part in the conference."


@pytest.mark.parametrize(
    "value", ["2020-06-24", "2020-06-24T10:00:00+03:00", "24.06.2020", "June 24, 2020", "'24 June 2020'"]
)
def test_published_in_every_usual_form(value: str) -> None:
    raw = f"---\ntitle: T\npublished: {value}\n---\nBody of the report.\n".encode()
    assert parse_text_report(raw, "a.txt").published == date(2020, 6, 24)


def test_unreadable_published_is_a_note_not_a_skip() -> None:
    raw = b"---\ntitle: T\npublished: sometime soon\n---\nBody of the report.\n"
    report = parse_text_report(raw, "a.txt")
    assert report.published is None
    assert any("published date not understood" in note for note in report.notes)


def test_without_title_field_the_first_non_empty_line_is_the_title() -> None:
    report = parse_text_report(b"\n\n  The title line  \n\nFirst paragraph.\nSecond line.\n", "a.txt")
    assert report.title == "The title line"
    assert report.text == "First paragraph.\nSecond line."


def test_title_repeated_as_subtitle_is_dropped() -> None:
    title = "SCO Secretary-General addresses OSCE Security Review Conference"
    raw = SEED_LIKE.replace("---\nOn", f"---\n{title}\n\nOn")
    report = parse_text_report(raw.encode(), "a.txt")
    assert report.text.startswith("On 24 June 2020")


def test_crlf_and_bom() -> None:
    raw = "\ufeffTitle\r\n\r\nLine one.\r\nLine two.\r\n".encode()
    report = parse_text_report(raw, "a.txt")
    assert (report.title, report.text) == ("Title", "Line one.\nLine two.")


def test_legacy_encoding_is_detected_and_said() -> None:
    text = "Встреча ШОС и ОБСЕ\n\nГенеральные секретари Шанхайской организации сотрудничества встретились."
    report = parse_text_report(text.encode("cp1251"), "a.txt")
    assert report.title == "Встреча ШОС и ОБСЕ"
    assert any("not UTF-8" in note and "1251" in note for note in report.notes)


def test_utf16_with_bom() -> None:
    report = parse_text_report("Title\n\nBody text.\n".encode("utf-16"), "a.txt")
    assert report.text == "Body text." and "UTF-16" in report.notes[0]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"%PDF-1.4 binary", "looks like a PDF"),
        (b"Title\n\x00\x01\x02\x03\x04\x05\x06\x07" * 20, "looks binary"),
        ("Title\n\nSaid – “yes”. ".encode() + b"\xe9\xe8 more", "broken encoding"),
        (("Title\n\n" + "\ufffd" * 12 + " text").encode(), "replacement characters"),
        (b"---\ntitle: x\n\nBody\n", "never closed"),
        (b"---\ntitle: [unclosed\n---\nBody\n", "not valid YAML"),
        (b"---\njust a sentence\n---\nBody\n", "not a mapping"),
        (b"---\ntitle:\n  - a\n  - b\n---\nBody\n", "field 'title' is list"),
        (b"Only a title\n", "no body text"),
    ],
)
def test_unreadable_text(raw: bytes, words: str) -> None:
    with pytest.raises(UnreadableReportError) as caught:
        parse_text_report(raw, "a.txt")
    assert words in caught.value.reason


def test_yaml_error_gives_the_line_of_the_file() -> None:
    raw = b"---\ntitle: ok\nurl: https://x\nsource: [broken\n---\nBody\n"
    with pytest.raises(UnreadableReportError) as caught:
        parse_text_report(raw, "a.txt")
    assert "(line " in caught.value.reason
    line = int(caught.value.reason.rsplit("(line ", 1)[1].rstrip(")"))
    assert 4 <= line <= 5  # the file's own line numbers, not the YAML block's


def test_an_unquoted_colon_in_the_title_is_read_with_a_note() -> None:
    raw = b"---\ntitle: SCO RATS: over 13,500 militants near the border\npublished: 2022-10-19\n---\nBody.\n"
    report = parse_text_report(raw, "a.txt")
    assert report.title == "SCO RATS: over 13,500 militants near the border"
    assert report.published == date(2022, 10, 19)
    assert any("not strict YAML" in note for note in report.notes)


def test_a_paragraph_long_first_line_stays_in_the_body() -> None:
    first = "On 24 June 2020 the SCO Secretary-General took part in the conference. " * 6
    report = parse_text_report(f"{first}\n\nMore.\n".encode(), "a.txt")
    assert report.title == "On 24 June 2020 the SCO Secretary-General took part in the conference."
    assert report.text.startswith("On 24 June 2020")


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    body = (
        "BISHKEK, Oct 5 (Wire) - Observers from the Shanghai Cooperation Organisation\n"
        "said on Monday that the parliamentary elections in Kyrgyzstan had been\n"
        "free and transparent, while the OSCE mission pointed to several serious\n"
        "shortcomings in the counting of the votes at many polling stations.\n"
        "\n"
        "The head of the SCO mission told reporters in the capital that the team\n"
        "had visited more than fifty polling stations on election day itself.\n"
    )
    report = parse_text_report(("Observers split\n\n" + body).encode(), "a.txt")
    lines = report.text.split("\n")
    assert lines[0].startswith("BISHKEK") and lines[0].endswith("polling stations.")
    assert "the team had visited" in lines[-1]


def test_markdown_syntax_is_removed() -> None:
    raw = (
        "---\ntitle: \"A *joint* session\"\n---\n"
        "# A *joint* session\n\n"
        "The **PAM** and the [OSCE PA](https://oscepa.org/x_(y)) met\non _Thursday_ in `Vienna`.\n\n"
        "## Speakers\n\n- Vladimir Norov, SCO Secretary-General\n1. Second item\n\n"
        "> A quote.\n\n![A caption](x.jpg)\n\n[ref]: https://example.org\n"
    )
    report = parse_text_report(raw.encode(), "a.md")
    assert report.title == "A joint session"
    assert report.format == "md"
    assert report.text.split("\n") == [
        "The PAM and the OSCE PA met on Thursday in Vienna.",
        "",
        "Speakers",
        "",
        "Vladimir Norov, SCO Secretary-General",
        "Second item",
        "",
        "A quote.",
        "",
        "A caption",
    ]


def test_markdown_keeps_underscores_and_stars_inside_words() -> None:
    assert markdown_inline("file_name_here and 5*3*2") == "file_name_here and 5*3*2"
    assert markdown_inline("[a](http://x) and <https://y.org>") == "a and https://y.org"


def test_markdown_related_news_list_is_dropped() -> None:
    raw = b"Title\n\nThe meeting took place.\n\n**Related news**\n- Other headline one\n- Headline two\n"
    assert parse_text_report(raw, "a.md").text == "The meeting took place."


def test_markdown_setext_heading_stays_a_line() -> None:
    assert markdown_to_text("Heading\n=======\nText of a paragraph.") == "Heading\nText of a paragraph."
