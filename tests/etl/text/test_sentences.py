from hypothesis import given
from hypothesis import strategies as st

from etl.text.calendar import MONTH_ABBREVIATIONS
from etl.text.normalise import normalise_text
from etl.text.sentences import sentence_at, split_sentences


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = "Mr. Norov met H. Schmid on Nov. 2. He said so! Robert L. Barry agreed."
    assert [s.text for s in split_sentences(text)] == [
        "Mr. Norov met H. Schmid on Nov. 2.", "He said so!", "Robert L. Barry agreed."]


def test_sentences_never_cross_a_line_break():
    text = "A title without a full stop\nOn 24 June 2020 the meeting took place."
    assert [s.text for s in split_sentences(text)] == [
        "A title without a full stop", "On 24 June 2020 the meeting took place."]


@given(st.text(alphabet=st.sampled_from("Ab. \n!?xZ,1"), max_size=200))
def test_offsets_point_into_the_text(text):
    for sentence in split_sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


def test_sentence_at_finds_the_sentence_of_an_offset():
    text = "One here. Two there."
    sentences = split_sentences(text)
    assert sentence_at(sentences, text.index("there")).text == "Two there."
    assert sentence_at(sentences, len(text) + 5) is None


def test_normalise_replaces_odd_spaces_and_keeps_paragraphs():
    raw = "SCO\u00a0Secretary-General\r\n\r\n\r\n\r\nOn\u2009Thursday\u200b it  met.\r\n"
    assert normalise_text(raw) == "SCO Secretary-General\n\nOn Thursday it met."


def test_every_abbreviation_of_the_calendar_keeps_its_sentence_going():
    for short in MONTH_ABBREVIATIONS:
        text = f"They met on {short.capitalize()}. 5 in Vienna. Then they left."
        assert [s.text for s in split_sentences(text)] == [
            f"They met on {short.capitalize()}. 5 in Vienna.", "Then they left."]
