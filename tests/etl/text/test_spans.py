"""Stretches of a body that say nothing about the event."""

from etl.text.spans import attribution_spans, furniture_start, in_source_line


def test_furniture_starts_at_a_related_news_line():
    text = "The OSCE met the SCO.\n**Related news**\nSCO summit ends"
    assert furniture_start(text) == text.index("**Related")
    assert furniture_start("The OSCE met the SCO. Read more about it later, in our next issue.") == len(
        "The OSCE met the SCO. Read more about it later, in our next issue.")


def test_source_lines_and_credits():
    text = "Observers met in Astana.\nSources: Kazinform, Tengri\nCredits : OSCE"
    assert not in_source_line(text, text.index("Astana"))
    assert in_source_line(text, text.index("Tengri"))
    assert in_source_line(text, text.index("OSCE"))


def test_attribution_spans_cover_credit_lines_and_urls():
    text = "Photo: OSCE/Micky Kroell\nThe text, see www.osce.org/news for more.\nBased on reporting by Reuters"
    assert [text[s:e] for s, e in attribution_spans(text)] == [
        "Photo: OSCE/Micky Kroell", "www.osce.org/news", "Based on reporting by Reuters"]
